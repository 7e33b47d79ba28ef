"""Pages of the page frame: footer links and the help menu."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from cms.lookup import cms_model
from partner_portal.audience import audience_q


@dataclass(frozen=True)
class FooterLink:
    title: str
    url: str
    # Set when the page is not in the reader's language: lang="en", "(in English)".
    fallback_lang: str = ""


def footer_pages(*, request) -> list[FooterLink]:
    """The footer's pages in the reader's language; a page without a translation
    links to the default-language page, marked as being in that language."""
    language = translation.get_language()
    pages = (
        cms_model("ContentPage")
        .objects.live()
        .public()
        .filter(show_in_footer=True)
        .filter(audience_q(request))
        .order_by("path")
    )
    localised = list(pages.filter(locale__language_code=language))
    links = [FooterLink(page.title, page.url) for page in localised]
    if language != settings.LANGUAGE_CODE:
        translated = {page.translation_key for page in localised}
        links += [
            FooterLink(page.title, page.url, fallback_lang=settings.LANGUAGE_CODE)
            for page in pages.filter(locale__language_code=settings.LANGUAGE_CODE)
            if page.translation_key not in translated
        ]
    return links


# Navigation


def help_links(*, request) -> list[tuple[str, str]]:
    """(label, URL) of the knowledge base, news and trainings the user may
    open, for the navigation's Help menu. The pages answer in the reader's
    language at the default language's address."""
    from django.utils.translation import gettext as _

    links = []
    for model_name, label in (
        ("KnowledgeIndexPage", _("Knowledge base")),
        ("NewsIndexPage", _("News")),
        ("TrainingIndexPage", _("Trainings")),
    ):
        page = (
            cms_model(model_name)
            .objects.live()
            .filter(audience_q(request), locale__language_code=settings.LANGUAGE_CODE)
            .first()
        )
        if page is not None:
            links.append((label, page.get_url(request)))
    return links
