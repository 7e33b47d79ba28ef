"""Each user's preferred language: stored by the language switcher, activated
at login, and used for what the portal sends them (mail, PDFs)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_supported_language_variant

from partner_portal.models import UserPreference


def supported_language(code: str | None) -> str | None:
    """`code` as one of settings.LANGUAGES (a variant such as "de-at" becomes
    "de"), or None if the portal does not speak it."""
    if not code:
        return None
    try:
        return get_supported_language_variant(code)
    except LookupError:
        return None


def preferred_language_set(*, user, language: str) -> str | None:
    """Store `language` as the user's preferred language. An unsupported code
    is ignored (None is returned and nothing is written)."""
    language = supported_language(language)
    if language is None:
        return None
    UserPreference.objects.update_or_create(user=user, defaults={"language": language})
    return language


def preferred_language(user) -> str | None:
    """The language the user chose, or None if they never chose one."""
    if user is None or not getattr(user, "pk", None):
        return None
    try:
        return supported_language(user.preference.language)
    except UserPreference.DoesNotExist:
        return None


def language_of(user, default: str | None = None) -> str:
    """The language to address `user` in: their choice, else `default`, else
    the portal's default language."""
    return preferred_language(user) or default or settings.LANGUAGE_CODE


def languages_of_addresses(addresses) -> dict[str, str]:
    """The preferred language of the active user behind each address (one
    query); addresses without such a user are left out."""
    wanted = {address.lower() for address in addresses if address}
    if not wanted:
        return {}
    users = (
        get_user_model()
        .objects.annotate(email_lower=Lower("email"))
        .filter(is_active=True, email_lower__in=wanted, preference__isnull=False)
        .select_related("preference")
    )
    found = {}
    for user in users:
        language = supported_language(user.preference.language)
        if language:
            found.setdefault(user.email_lower, language)
    return found


LOGIN_LANGUAGE_ATTRIBUTE = "_portal_login_language"


def activate_on_login(sender, request, user, **kwargs):
    """Receiver of `user_logged_in`: the user's preferred language applies
    from the login on (remember_language_cookie sets the cookie)."""
    language = preferred_language(user)
    if language and request is not None:
        translation.activate(language)
        request.LANGUAGE_CODE = language
        setattr(request, LOGIN_LANGUAGE_ATTRIBUTE, language)


def remember_language(request, response):
    """After the response: a signed-in user who picked a language in the
    switcher (Django's set_language) keeps it as their preference; a user who
    just logged in gets their preference as the language cookie."""
    login_language = getattr(request, LOGIN_LANGUAGE_ATTRIBUTE, None)
    if login_language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            login_language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response
    cookie = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
    user = getattr(request, "user", None)
    if (
        cookie is not None
        and cookie.value
        and request.method == "POST"
        and request.path == reverse("set_language")
        and user is not None
        and user.is_authenticated
        and cookie.value != preferred_language(user)
    ):
        preferred_language_set(user=user, language=cookie.value)
    return response
