"""The Content-Security-Policy breaks nothing on the main pages: no CSP
violation in the console on the start page, shop, basket, checkout, an order,
returns, an offer with its embedded PDF, forums, knowledge base, the account
page, Wagtail's page editor and Oscar's dashboard; and the behaviours that
moved out of inline scripts (language switcher) still work."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BUYER = "buyer@acme.example"
ADMIN = "admin@acme.example"
ROOT = "root@portal.example"
VIOLATION = re.compile(r"Content Security Policy|Refused to (execute|load|apply|frame)")


@pytest.fixture
def violations(page):
    """Console messages and page errors that report a CSP violation."""
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(f"{page.url}: {message.text}")
            if VIOLATION.search(message.text)
            else None
        ),
    )
    page.on(
        "pageerror",
        lambda error: (
            found.append(f"{page.url}: {error}")
            if VIOLATION.search(str(error))
            else None
        ),
    )
    return found


def _visit(page, path):
    response = page.goto(path)
    assert response.status < 400, f"{path}: {response.status}"
    page.wait_for_load_state("load")
    return response


def test_member_pages_have_no_csp_violations(page, login, violations):
    login(page, BUYER)
    for path in (
        "/portal/",
        "/shop/",
        "/shop/catalogue/",
        "/portal/orders/",
        "/portal/returns/",
        "/portal/forums/",
        "/knowledge/",
        "/portal/profile/",
    ):
        response = _visit(page, path)
        assert "script-src 'self'" in response.headers["content-security-policy"]

    # An order of the buyer's, and the basket and checkout with a line in it.
    _visit(page, "/portal/orders/")
    page.locator("main table tbody a").first.click()
    page.wait_for_load_state("load")
    assert re.search(r"/portal/orders/[^/]+/$", page.url)
    _visit(page, "/portal/orders/quick-order/")
    _visit(page, "/shop/basket/")
    _visit(page, "/portal/orders/checkout/")

    assert violations == [], "\n".join(violations)


def test_offer_with_embedded_pdf_has_no_csp_violations(page, login, violations):
    login(page, ADMIN)
    _visit(page, "/portal/contracts/offers/")
    page.locator("#offers tbody a").first.click()
    page.wait_for_load_state("load")
    frame = page.locator("iframe#offer-pdf")
    expect(frame).to_have_count(1)
    pdf = page.request.get(frame.get_attribute("src"))
    assert pdf.headers["content-type"] == "application/pdf"
    assert "content-security-policy" not in pdf.headers
    page.wait_for_timeout(500)

    assert violations == [], "\n".join(violations)


def test_staff_admin_pages_have_no_csp_violations(page, login, violations):
    login(page, ROOT)
    _visit(page, "/cms-admin/")
    _visit(page, "/cms-admin/pages/")
    edit = page.get_by_role("link", name="Welcome", exact=True).first
    page_id = re.search(r"/pages/(\d+)/", edit.get_attribute("href")).group(1)
    _visit(page, f"/cms-admin/pages/{page_id}/edit/")
    expect(page.locator("form#page-edit-form")).to_have_count(1)
    _visit(page, "/shop/dashboard/")
    _visit(page, "/shop/dashboard/catalogue/")
    page.wait_for_timeout(500)

    assert violations == [], "\n".join(violations)


def test_language_switch_still_submits_itself(page, login, violations):
    login(page, BUYER)
    _visit(page, "/portal/profile/")
    page.locator("#language-select").select_option("de")
    page.wait_for_load_state("load")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    page.locator("#language-select").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    assert violations == [], "\n".join(violations)
