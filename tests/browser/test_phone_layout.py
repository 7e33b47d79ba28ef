import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PAGES = [
    # name, path, needs a logged-in user
    ("landing", "/", False),
    ("login", "/accounts/login/", False),
    ("start", "/portal/", True),
]


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("fa", "rtl")])
@pytest.mark.parametrize(("name", "path", "logged_in"), PAGES)
def test_page_fits_a_phone_screen_without_horizontal_scrolling(
    new_context,
    portal_url,
    login,
    screenshot_dir,
    name,
    path,
    logged_in,
    language,
    direction,
):
    # Given a phone-sized browser, logged in where the page needs it
    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    if logged_in:
        login(page, "buyer@acme.example")
    context.add_cookies(
        [{"name": "django_language", "value": language, "url": portal_url}]
    )

    # When the page is opened
    response = page.goto(path)

    # Then it is styled, in the language's direction, and no wider than the screen
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("dir", direction)
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.navbar')).display")
        == "flex"
    ), "Bootstrap's stylesheet did not load"
    page.screenshot(
        path=screenshot_dir / f"phone-{name}-{language}.png", full_page=True
    )
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width
