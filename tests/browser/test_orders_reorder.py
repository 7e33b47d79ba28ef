import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Petra of procurement sees all orders of Acme and may order; no other test
# uses her basket. Each test reorders from another demo order, so that they
# do not see each other's lines in the basket, whatever runs first.
PROCUREMENT = "procurement@acme.example"
BOLT = "Hex bolt M8 × 40, box of 100"
NUT = "Hex nut M8, box of 100"
GLOVES = "Work gloves size L, pack of 10"
TAPE = "Packing tape 50 mm, 6 rolls"


def _open_order(page, po_number):
    """Open the company's order with this PO number from "Orders"."""
    navbar = page.get_by_role("navigation", name="Main navigation")
    navbar.get_by_role("button", name="Orders", exact=True).click()
    navbar.get_by_role("link", name="Order history").click()
    expect(
        page.get_by_role("heading", name="Orders of your company", level=1)
    ).to_be_visible()
    page.locator("#orders tbody tr").filter(has_text=po_number).get_by_role(
        "link"
    ).click()
    expect(page).to_have_url(re.compile(r"/portal/orders/\d+/$"))
    expect(page.locator("main dl")).to_contain_text(po_number)


def _basket_line(page, title):
    return page.locator("#basket_formset .basket-items").filter(
        has=page.get_by_role("link", name=title, exact=True)
    )


def test_procurement_orders_selected_lines_of_a_past_order_again(page, login):
    # Given procurement on a colleague's past order of bolts and nuts
    login(page, PROCUREMENT)
    _open_order(page, "PO-ACME-0001")

    # When they tick the nuts and order the selected lines again
    page.get_by_role("checkbox", name=f"Select {NUT}").check()
    page.locator("#reorder-selected").click()

    # Then they are in the basket, which has the nuts (10 boxes, as before)
    # but not the bolts
    expect(page).to_have_url(re.compile(r"/shop/basket/$"))
    expect(page.get_by_role("status").first).to_have_text(
        re.compile(r"^1 lines? (was|were) put into your basket\.$")
    )
    expect(_basket_line(page, NUT).get_by_role("spinbutton")).to_have_value("10")
    expect(_basket_line(page, BOLT)).to_have_count(0)


def test_reorder_of_selected_lines_without_a_tick_says_what_to_do(page, login):
    # Given procurement on a past order
    login(page, PROCUREMENT)
    _open_order(page, "PO-ACME-0003")

    # When they ask for the selected lines without ticking one
    page.locator("#reorder-selected").click()

    # Then they stay on the order and are told to tick lines
    expect(page).to_have_url(re.compile(r"/portal/orders/\d+/$"))
    expect(page.get_by_role("alert")).to_have_text(
        "Tick the lines you want to order again."
    )


def test_procurement_orders_all_lines_of_a_past_order_again(page, login):
    # Given procurement on a colleague's past order of gloves and tape
    login(page, PROCUREMENT)
    _open_order(page, "PO-ACME-0002")

    # When they order all again
    page.locator("#reorder-all").click()

    # Then both lines are in the basket with their quantities
    expect(page).to_have_url(re.compile(r"/shop/basket/$"))
    expect(page.get_by_role("status").first).to_have_text(
        "2 lines were put into your basket."
    )
    expect(_basket_line(page, GLOVES).get_by_role("spinbutton")).to_have_value("5")
    expect(_basket_line(page, TAPE).get_by_role("spinbutton")).to_have_value("4")
