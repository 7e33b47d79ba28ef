"""The app's models, for the modules the page models call.

The pages' `get_context` (and `ArticlePage.serve`) call the selectors, the
services and the news feed; were those to import `cms.models` back, the two
would depend on each other (issue #12). So they name the model and look it up
when a function runs, by which time Django has loaded every app.
"""

from django.apps import apps


def cms_model(name: str):
    """The model class `name` of the cms app, e.g. `cms_model("NewsPage")`."""
    return apps.get_model("cms", name)
