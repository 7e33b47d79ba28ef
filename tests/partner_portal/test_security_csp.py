"""Every HTML page carries a Content-Security-Policy: scripts from the portal
itself only, no plugins, no <base>, framed only by the portal. Files go
without it; Oscar's staff dashboard may run inline scripts; the pay page may
load Stripe.js. No template carries an inline script or event handler (the
policy would block it)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from partner_portal.csp import PolicyAdjustMiddleware
from tests.orders.stripe_fake import (  # noqa: F401  fixtures
    fixture_card_order,
    fixture_localstripe_url,
    fixture_stripe_keys,
)

HEADER = "Content-Security-Policy"


def _directives(response) -> dict[str, list[str]]:
    policy = response[HEADER]
    return {
        part.split()[0]: part.split()[1:]
        for part in (p.strip() for p in policy.split(";"))
        if part
    }


def test_html_page_has_the_policy(client, db):
    response = client.get(reverse("login"))

    directives = _directives(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]


def test_portal_pages_of_members_have_it(client, buyer):
    client.force_login(buyer)
    response = client.get(reverse("partner_portal:start"))
    assert _directives(response)["script-src"] == ["'self'"]


@pytest.mark.parametrize(
    ("path", "content_type", "has_policy"),
    [
        ("/portal/", "text/html; charset=utf-8", True),
        ("/portal/contracts/offers/1/v1/pdf/", "application/pdf", False),
        ("/healthz", "text/plain", False),
        ("/portal/assets/1/download/", "image/png", False),
    ],
)
def test_only_html_responses_get_it(settings, path, content_type, has_policy):
    from csp.middleware import CSPMiddleware

    def view(request):
        return HttpResponse(b"x", content_type=content_type)

    stack = CSPMiddleware(PolicyAdjustMiddleware(view))
    response = stack(RequestFactory().get(path))

    assert (HEADER in response) is has_policy


@pytest.mark.parametrize(
    ("path", "inline_allowed"),
    [
        ("/shop/dashboard/", True),
        ("/shop/dashboard/catalogue/products/", True),
        ("/shop/", False),
        ("/portal/shop/dashboard/", False),
        ("/cms-admin/pages/3/edit/", True),
        ("/portal/cms-admin/", False),
    ],
)
def test_inline_scripts_only_in_the_third_party_admins(path, inline_allowed):
    from csp.middleware import CSPMiddleware

    def view(request):
        return HttpResponse(b"<p>x</p>", content_type="text/html")

    response = CSPMiddleware(PolicyAdjustMiddleware(view))(RequestFactory().get(path))

    script_src = _directives(response)["script-src"]
    assert ("'unsafe-inline'" in script_src) is inline_allowed
    assert "'self'" in script_src
    assert _directives(response)["object-src"] == ["'none'"]


def test_pay_page_allows_stripe_js_only_there(client, buyer, card_order):
    client.force_login(buyer)

    pay = client.get(reverse("orders:pay", args=[card_order.number]))
    detail = client.get(reverse("orders:detail", args=[card_order.number]))

    assert pay.status_code == 200
    assert _directives(pay)["script-src"] == ["'self'", "https://js.stripe.com"]
    assert "https://js.stripe.com" in _directives(pay)["frame-src"]
    assert "https://api.stripe.com" in _directives(pay)["connect-src"]
    assert _directives(detail)["script-src"] == ["'self'"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>")
INLINE_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.DOTALL)


# Oscar's dashboard frame: its pages may run inline scripts (see above).
DASHBOARD_ONLY = {"templates/oscar/base.html"}


def _templates():
    base = Path(settings.BASE_DIR)
    for path in base.glob("**/templates/**/*.html"):
        relative = str(path.relative_to(base))
        if relative in DASHBOARD_ONLY:
            continue
        if not {".venv", "node_modules", "staticfiles"} & set(path.parts):
            yield path


def test_templates_have_no_inline_scripts_or_handlers():
    offenders = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        if INLINE_SCRIPT.search(text) or INLINE_HANDLER.search(text):
            offenders.append(str(path.relative_to(settings.BASE_DIR)))
    assert offenders == []


def test_the_scan_finds_inline_code():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/x.js"></script>')
    assert not INLINE_SCRIPT.search('<script id="c" type="application/json">')
    assert INLINE_HANDLER.search('<select name="x" onchange="this.form.submit()">')
    assert not INLINE_HANDLER.search('<select name="x" data-autosubmit>')
