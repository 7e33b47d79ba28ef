import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_shop_renders_inside_the_portal_frame(page, login, screenshot_dir):
    # Given a logged-in buyer
    login(page, "buyer@acme.example")

    # When they open the shop
    response = page.goto("/shop/")

    # Then the catalogue comes in the portal's frame: its navbar, its language
    # selector and company, and the shop bar with the basket button
    assert response.status == 200
    expect(page).to_have_url(re.compile(r"/shop/catalogue/$"))
    navbar = page.get_by_role("navigation", name="Main navigation")
    navbar.get_by_role("button", name="Company", exact=True).click()
    expect(navbar.get_by_role("link", name="Colleagues")).to_be_visible()
    expect(navbar.locator("select#language-select")).to_be_visible()
    expect(navbar.locator("#user-menu")).to_contain_text("Acme Industrial GmbH")
    basket = page.locator("main #basket-link")
    expect(basket).to_be_visible()
    expect(basket).to_have_attribute("href", "/shop/basket/")
    expect(page.get_by_role("heading", name="All products", level=1)).to_be_visible()
    page.screenshot(path=screenshot_dir / "shop-en.png", full_page=True)


def test_shop_says_basket_in_english(page, login):
    # Given a logged-in buyer using the portal in English
    login(page, "buyer@acme.example")

    # When they open the shop
    page.goto("/shop/")

    # Then the basket button and the product buttons say "basket", not "cart"
    expect(page.locator("#basket-link")).to_contain_text("Basket", timeout=2000)
    expect(page.get_by_role("button", name="Add to basket").first).to_be_visible(
        timeout=2000
    )
