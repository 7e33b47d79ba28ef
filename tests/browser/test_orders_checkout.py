import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Gina of Globex has no budget limit: her order is placed at once, and no
# other test uses her basket or her orders.
GLOBEX_BUYER = "buyer@globex.example"
TAPE = "Packing tape 50 mm, 6 rolls"
BOLT = "Hex bolt M8 × 40, box of 100"
PO_NUMBER = "PO-GLX-BROWSER-7"


def _product_card(page, title):
    # Card titles are shortened ("Hex bolt M8 × …"); the image keeps the title.
    return page.locator("article.product_pod").filter(
        has=page.get_by_role("img", name=title, exact=True)
    )


def test_checkout_on_account_with_a_double_click_places_one_order(page, login):
    # Given a buyer with a product in the basket
    login(page, GLOBEX_BUYER)
    page.goto("/shop/catalogue/")
    _product_card(page, TAPE).get_by_role("button", name="Add to basket").click()
    expect(page.get_by_role("status").first).to_have_text(
        f"{TAPE} has been added to your basket."
    )
    page.locator("#basket-link").click()
    expect(page).to_have_url(re.compile(r"/shop/basket/$"))

    # When they proceed to the checkout, choose an address, type their PO
    # number, pay on account and double-click "Place order"
    page.get_by_role("link", name="Proceed to checkout").click()
    expect(page).to_have_url(re.compile(r"/portal/orders/checkout/$"))
    form = page.locator("#checkout-form")
    form.get_by_label("Delivery address").select_option(
        label="Warehouse, Lagerweg 7, 28013 Madrid"
    )
    form.get_by_label("Your purchase order number").fill(PO_NUMBER)
    form.get_by_label("On account (invoice)").check()
    page.locator("#place-order").dblclick()

    # Then they land on the page of the one new order, with their PO number
    expect(page).to_have_url(re.compile(r"/portal/orders/\d+/$"))
    number = page.url.rstrip("/").rsplit("/", 1)[-1]
    expect(page.get_by_role("status")).to_have_text(
        f"Thank you! Order {number} is placed."
    )
    expect(page.get_by_role("heading", name=f"Order {number}")).to_be_visible()
    details = page.locator("main dl")
    expect(details).to_contain_text(PO_NUMBER)
    expect(details).to_contain_text("On account")
    expect(details).to_contain_text("Lagerweg 7")
    expect(page.locator("main table tbody tr")).to_contain_text([TAPE])

    # ... and the order list shows it once
    navbar = page.get_by_role("navigation", name="Main navigation")
    navbar.get_by_role("button", name="Orders", exact=True).click()
    navbar.get_by_role("link", name="Order history").click()
    rows = page.locator("#orders tbody tr").filter(has_text=PO_NUMBER)
    expect(rows).to_have_count(1)
    expect(rows.get_by_role("link")).to_have_text(number)


def test_catalogue_shows_acme_its_own_price_beside_the_list_price(page, login):
    # Given a buyer of Acme, which has its own price for the bolts
    login(page, "buyer@acme.example")

    # When they look at the catalogue
    page.goto("/shop/catalogue/")

    # Then the bolts cost Acme's price, marked as theirs, the list price struck
    card = _product_card(page, BOLT)
    expect(card.locator(".price_color")).to_contain_text("€16.50")
    expect(card.get_by_text("Your price", exact=True)).to_be_visible()
    expect(card.locator("s")).to_have_text("€18.90")


def test_catalogue_shows_other_companies_only_the_list_price(page, login):
    # Given a buyer of Globex, which has no prices of its own
    login(page, GLOBEX_BUYER)

    # When they look at the catalogue
    page.goto("/shop/catalogue/")

    # Then the bolts cost the list price, without a company price note
    card = _product_card(page, BOLT)
    expect(card.locator(".price_color")).to_contain_text("€18.90")
    expect(card.get_by_text("Your price")).to_have_count(0)
    expect(card.locator("s")).to_have_count(0)
    expect(card).not_to_contain_text("16.50")
