"""Pages of the page frame: footer links and the help menu."""

from django.conf import settings

from cms.models import (
    ContentPage,
)
from cms.selectors.common import _in_current_locale
from partner_portal.audience import audience_q


def footer_pages(*, request):
    return list(
        _in_current_locale(
            ContentPage.objects.live()
            .public()
            .filter(show_in_footer=True)
            .filter(audience_q(request))
        )
    )


# Navigation


def help_links(*, request) -> list[tuple[str, str]]:
    """(label, URL) of the knowledge base, news and trainings the user may
    open, for the navigation's Help menu. The pages answer in the reader's
    language at the default language's address."""
    from django.utils.translation import gettext as _

    from cms.models import KnowledgeIndexPage, NewsIndexPage, TrainingIndexPage

    links = []
    for model, label in (
        (KnowledgeIndexPage, _("Knowledge base")),
        (NewsIndexPage, _("News")),
        (TrainingIndexPage, _("Trainings")),
    ):
        page = (
            model.objects.live()
            .filter(audience_q(request), locale__language_code=settings.LANGUAGE_CODE)
            .first()
        )
        if page is not None:
            links.append((label, page.get_url(request)))
    return links
