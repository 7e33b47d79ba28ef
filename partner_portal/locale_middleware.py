"""Django's LocaleMiddleware, without the work that only i18n_patterns need.

Django's middleware reads a language out of the path twice per request (in
process_request and process_response) even when no URL pattern is prefixed
with a language; the portal has none. The first segment of most of its paths
("portal", "shop", "bench") looks like a language code, and an unknown code is
looked up in full every time (Django caches only the codes it finds). With
i18n_patterns in the URLconf this middleware is Django's as it is.

The language a request asks for follows from its language cookie and its
Accept-Language header alone (and the settings), so the answer is kept per
pair; a change of the language settings (tests) starts over.
"""

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

_MAX_KEPT = 512
_LANGUAGE_SETTINGS = frozenset({"LANGUAGES", "LANGUAGE_CODE", "LANGUAGE_COOKIE_NAME"})
_languages: dict = {}


def _requested_language(request) -> str:
    key = (
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME),
        request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
    )
    language = _languages.get(key)
    if language is None:
        if len(_languages) >= _MAX_KEPT:
            _languages.clear()
        language = _languages[key] = translation.get_language_from_request(request)
    return language


@receiver(setting_changed)
def _forget_languages(setting, **kwargs):
    if setting in _LANGUAGE_SETTINGS:
        _languages.clear()


def _prefixed(request) -> bool:
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    return is_language_prefix_patterns_used(urlconf)[0]


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_request(self, request):
        if _prefixed(request):
            return super().process_request(request)
        translation.activate(_requested_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def process_response(self, request, response):
        if _prefixed(request):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
