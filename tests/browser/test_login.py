import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_buyer_logs_in_and_lands_on_the_start_page_with_their_tiles(page):
    # Given the login page
    page.goto("/accounts/login/")

    # When the buyer logs in with email and password
    page.get_by_label("Email").fill("buyer@acme.example")
    page.get_by_label("Password").fill("portal-demo-2026")
    page.get_by_role("button", name="Log in").click()

    # Then they land on the start page with their company's tiles
    expect(page).to_have_url(re.compile(r"/portal/$"))
    tiles = page.locator("#tiles")
    for title in ("My company", "My colleagues", "News"):
        expect(tiles.get_by_role("heading", name=title, exact=True)).to_be_visible()
    expect(
        page.locator("#main").get_by_text("Acme Industrial GmbH").first
    ).to_be_visible()


def test_wrong_password_shows_the_error_and_keeps_the_email(page):
    # Given the login page
    page.goto("/accounts/login/")

    # When the buyer types a wrong password
    page.get_by_label("Email").fill("buyer@acme.example")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()

    # Then the login page says so, keeps the email and forgets the password
    expect(page.get_by_role("alert")).to_have_text(
        "The email address or the password is wrong. Please check both; "
        "the password is case-sensitive."
    )
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_label("Email")).to_have_value("buyer@acme.example")
    expect(page.get_by_label("Password")).to_have_value("")
    # ... and nobody is logged in
    expect(page.locator("#user-menu")).to_have_count(0)
