"""The portal's faster versions of django-csp's, Django's locale and messages
middleware answer as the originals do: the same policy headers, the same
language, Content-Language and Vary, and messages that still reach the next
page; only work whose result is not used is left out."""

import pytest
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from django.contrib import messages
from django.contrib.messages import get_messages
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.test import RequestFactory
from django.utils import translation
from django.utils.functional import empty

from partner_portal.csp import CSPMiddleware, PolicyAdjustMiddleware
from partner_portal.locale_middleware import LocaleMiddleware
from partner_portal.messages_middleware import MessageMiddleware

POLICY = "Content-Security-Policy"
REPORT_ONLY = "Content-Security-Policy-Report-Only"


def _answer(content_type="text/html", **marks):
    def view(request):
        response = HttpResponse(b"x", content_type=content_type)
        for name, value in marks.items():
            setattr(response, name, value)
        return response

    return view


def _headers(middleware, view, path="/portal/"):
    response = middleware(PolicyAdjustMiddleware(view))(RequestFactory().get(path))
    return {header: response.get(header) for header in (POLICY, REPORT_ONLY)}


@pytest.mark.parametrize(
    ("path", "view", "has_policy"),
    [
        ("/portal/", _answer(), True),
        ("/shop/dashboard/", _answer(), True),
        (
            "/portal/",
            _answer(_csp_update={"script-src": ["https://js.stripe.com"]}),
            True,
        ),
        ("/portal/", _answer(_csp_replace={"img-src": ["https://img.example"]}), True),
        ("/portal/", _answer(_csp_config={"default-src": ["'none'"]}), True),
        ("/portal/", _answer(_csp_exempt=True), False),
        ("/healthz", _answer("text/plain"), False),
    ],
)
def test_the_policy_headers_are_django_csps_own(path, view, has_policy):
    ours = _headers(CSPMiddleware, view, path)
    theirs = _headers(DjangoCSPMiddleware, view, path)

    assert ours == theirs
    assert (ours[POLICY] is not None) is has_policy
    assert ours[REPORT_ONLY] is None


def test_a_changed_policy_setting_is_used_at_once(settings):
    view = _answer()
    before = _headers(CSPMiddleware, view)[POLICY]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {
        "DIRECTIVES": {"script-src": ["'self'"]},
        "EXCLUDE_URL_PREFIXES": ["/shop/"],
    }

    after = _headers(CSPMiddleware, view)

    assert "script-src 'self'" in before
    assert after[POLICY] == "default-src 'none'"
    assert "script-src 'self'" in after[REPORT_ONLY].split("; ")
    assert _headers(CSPMiddleware, view, "/shop/")[REPORT_ONLY] is None


def _language_of(middleware, **headers):
    request = RequestFactory().get("/portal/", headers=headers)
    if "cookie" in headers:
        request.COOKIES = dict(
            part.strip().split("=", 1) for part in headers["cookie"].split(";")
        )

    def view(request):
        return HttpResponse(request.LANGUAGE_CODE)

    response = middleware(view)(request)
    translation.activate("en")
    return response.content.decode(), response["Content-Language"], response["Vary"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"accept-language": "de-AT,de;q=0.9,en;q=0.5"},
        {"accept-language": "fa"},
        {"accept-language": "xx-YY"},
        {"cookie": "django_language=es"},
        {"cookie": "django_language=zz", "accept-language": "zh-hans"},
    ],
)
def test_the_language_is_the_one_djangos_middleware_picks(headers):
    ours = _language_of(LocaleMiddleware, **headers)

    assert ours == _language_of(DjangoLocaleMiddleware, **headers)
    assert ours == _language_of(LocaleMiddleware, **headers)


def test_a_request_asking_for_another_language_gets_it():
    german = _language_of(LocaleMiddleware, **{"accept-language": "de"})
    default = _language_of(LocaleMiddleware)

    assert german[0] == "de"
    assert default[0] == "en"


def _with_messages(view):
    stack = SessionMiddleware(MessageMiddleware(view))
    request = RequestFactory().get("/portal/")
    return request, stack(request)


def test_a_request_that_uses_no_messages_does_not_build_the_storage():
    request, response = _with_messages(lambda request: HttpResponse("ok"))

    assert request._messages._wrapped is empty
    assert response.cookies == {}


def test_a_message_added_reaches_the_next_page(db):
    def adds(request):
        messages.success(request, "Saved.")
        return HttpResponse("ok")

    _, response = _with_messages(adds)
    later = RequestFactory().get("/portal/")
    later.COOKIES = {name: morsel.value for name, morsel in response.cookies.items()}
    SessionMiddleware(MessageMiddleware(lambda request: HttpResponse()))(later)

    assert [str(message) for message in get_messages(later)] == ["Saved."]
