from django.utils import translation
from wagtail.models import Locale

from cms.models import ContentPage, NewsPage


def _in_current_locale(pages):
    """Pages in the active language when translated, else the default one."""
    try:
        locale = Locale.objects.get(language_code=translation.get_language())
    except Locale.DoesNotExist:
        return pages.filter(locale__language_code="en")
    return pages.filter(locale=locale)


def news_latest(*, limit: int = 3):
    news = NewsPage.objects.live().public().order_by("-date", "-pk")
    localised = _in_current_locale(news)
    return list((localised if localised.exists() else news)[:limit])


def footer_pages():
    return list(
        _in_current_locale(
            ContentPage.objects.live().public().filter(show_in_footer=True)
        )
    )
