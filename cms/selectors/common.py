"""The language rule every page list follows."""

from django.conf import settings
from django.utils import translation


def _in_current_locale(pages):
    """Pages in the active language where there are any, else those in the
    default language: a language without translations still gets content."""
    localised = pages.filter(locale__language_code=translation.get_language())
    if localised.exists():
        return localised
    return pages.filter(locale__language_code=settings.LANGUAGE_CODE)
