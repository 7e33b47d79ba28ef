import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# buyer@acme.example only fills their basket here and never checks out, so
# their monthly budget (and the approval of PO-ACME-0100) stays untouched.
BUYER = "buyer@acme.example"
BOLT = "Hex bolt M8 × 40, box of 100"


def test_quick_order_adds_valid_lines_and_keeps_the_invalid_ones(page, login):
    # Given a buyer on the quick order page, opened from the navbar
    login(page, BUYER)
    navbar = page.get_by_role("navigation", name="Main navigation")
    navbar.get_by_role("button", name="Shop", exact=True).click()
    navbar.get_by_role("link", name="Quick order").click()
    expect(page.get_by_role("heading", name="Quick order", level=1)).to_be_visible()

    # When they type a valid line, an unknown article and a quantity of 0
    form = page.locator("#quick-order-form")
    lines = form.get_by_label("Article number and quantity, one line each")
    lines.fill("BOLT-M8-100, 3\nNOPE-404, 2\nNUT-M8-100; 0")
    form.get_by_role("button", name="Add to basket").click()

    # Then the valid line is in the basket ...
    expect(page.get_by_role("status")).to_have_text(
        re.compile(r"^1 lines? (was|were) put into your basket\.$")
    )
    # ... and the two others are listed with their reasons and kept for fixing
    expect(page.locator("#quick-order-errors li")).to_have_text(
        [
            "NOPE-404, 2 — Unknown article number “NOPE-404”.",
            "NUT-M8-100; 0 — The quantity must be at least 1.",
        ]
    )
    expect(lines).to_have_value("NOPE-404, 2\nNUT-M8-100; 0")

    # When they open the basket from the shop
    navbar.get_by_role("button", name="Shop", exact=True).click()
    navbar.get_by_role("link", name="Catalogue").click()
    page.locator("#basket-link").click()

    # Then the bolts are in it, three boxes, and the rejected lines are not
    expect(page).to_have_url(re.compile(r"/shop/basket/$"))
    basket = page.locator("#basket_formset")
    bolt_line = basket.locator(".basket-items").filter(
        has=page.get_by_role("link", name=BOLT, exact=True)
    )
    expect(bolt_line).to_have_count(1)
    expect(bolt_line.get_by_role("spinbutton")).to_have_value("3")
    expect(basket).not_to_contain_text("Hex nut M8")
