from django.conf import settings
from django.utils import translation

from cms.models import ContentPage, NewsPage


def _in_current_locale(pages):
    """Pages in the active language where there are any, else those in the
    default language: a language without translations still gets content."""
    localised = pages.filter(locale__language_code=translation.get_language())
    if localised.exists():
        return localised
    return pages.filter(locale__language_code=settings.LANGUAGE_CODE)


def news_latest(*, limit: int = 3):
    news = NewsPage.objects.live().public().order_by("-date", "-pk")
    return list(_in_current_locale(news)[:limit])


def footer_pages():
    return list(
        _in_current_locale(
            ContentPage.objects.live().public().filter(show_in_footer=True)
        )
    )
