"""/api/: the schema, the docs and version 1 of the integration API. Each area
keeps its own URL module (api/urls_<area>.py) under /api/v1/."""

from django.urls import include, path, re_path

from api.views.docs import DocsView, SchemaView
from api.views.me import MeView
from api.views.not_found import not_found

app_name = "api"

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(), name="docs"),
    path("v1/key/", MeView.as_view(), name="key"),
    path("v1/", include("api.urls_orders")),
    path("v1/", include("api.urls_service")),
    path("v1/", include("api.urls_documents")),
    path("v1/", include("api.urls_webhooks")),
    # Unknown paths below /api/ answer problem details, not the portal's page.
    re_path(r"^.*$", not_found),
]
