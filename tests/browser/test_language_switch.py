import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_choosing_persian_in_the_navbar_turns_the_page_right_to_left(
    page, login, screenshot_dir
):
    # Given a buyer on the start page, in English
    login(page, "buyer@acme.example")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "ltr")

    # When they choose Persian in the language selector (it submits itself)
    page.locator("select#language-select").select_option("fa")

    # Then the same page comes back in Persian, right to left, RTL Bootstrap
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "fa")
    expect(page).to_have_url(re.compile(r"/portal/$"))
    expect(page.locator("link[href$='bootstrap.rtl.min.css']")).to_have_count(1)
    expect(page.locator("select#language-select")).to_have_value("fa")
    page.screenshot(path=screenshot_dir / "start-fa.png", full_page=True)

    # When they choose English again, the page turns back (and so does the
    # language stored for them, which the next login activates)
    page.locator("select#language-select").select_option("en")
    expect(html).to_have_attribute("dir", "ltr")
    expect(html).to_have_attribute("lang", "en")
