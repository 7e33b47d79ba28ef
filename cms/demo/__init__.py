"""Demo content (called by `load_demo`): landing page, help and footer pages,
news in categories for several audiences, two courses (one with a quiz), a
knowledge base of about twenty articles in English with German translations,
and the content approver `publisher@portal.example`.

Idempotent: pages are found by slug below their parent, translations by
locale, documents by title, people by email.

The texts live in `content.py` and `knowledge_content.py`; the other modules
build pages from them.
"""

from cms.demo.base import DEMO_PASSWORD, PUBLISHER, _publisher
from cms.demo.knowledge import _knowledge
from cms.demo.knowledge_content import KB_ARTICLES
from cms.demo.site import _help_pages, _home, _news
from cms.demo.trainings import _trainings

# Printed by load_demo with the other logins.
LOGINS = [(PUBLISHER, "staff · Content editor and approver (publishes pages)")]


def load(*, stdout, companies):
    _publisher(stdout)
    home = _home()
    _help_pages(home)
    _news(home)
    _trainings(home)
    translated = _knowledge(home)
    stdout.write(
        "Pages: landing page, help pages, news, trainings and knowledge base "
        f"({len(KB_ARTICLES)} articles, {translated} in German) are ready."
    )
    stdout.write(f"  {PUBLISHER:<28} staff · Content editor, Content approver")


__all__ = ["DEMO_PASSWORD", "PUBLISHER", "load"]
