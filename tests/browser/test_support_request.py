import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BUYER = "buyer@acme.example"
# The portal's time zone decides what "today" is for a date field.
BERLIN = ZoneInfo("Europe/Berlin")
SUBJECT = "Developer laptop for Lena"


def test_buyer_requests_a_service_with_its_form_and_finds_it_in_the_list(
    new_context, login
):
    page = new_context().new_page()

    # Given the buyer in the service desk's catalogue
    login(page, BUYER)
    navbar = page.get_by_role("navigation", name="Main navigation")
    navbar.get_by_role("button", name="Help", exact=True).click()
    navbar.get_by_role("link", name="Service desk").click()
    expect(page.locator("#department-it")).to_contain_text("New laptop")

    # When they fill in the laptop form with a date that has passed
    page.get_by_role("link", name="New laptop").click()
    page.get_by_label("Subject").fill(SUBJECT)
    page.get_by_label("Model").select_option("Developer")
    page.get_by_label("Needed by").fill(datetime.now(BERLIN).date().isoformat())
    page.get_by_label("Quantity").fill("1")
    page.get_by_label("Cost centre").fill("CC-4711")
    page.get_by_role("button", name="Send the request").click()

    # Then the date is refused and everything typed is still there
    expect(page.locator(".invalid-feedback")).to_have_text("Choose a date after today.")
    expect(page.get_by_label("Subject")).to_have_value(SUBJECT)
    expect(page.get_by_label("Model")).to_have_value("Developer")
    expect(page.get_by_label("Cost centre")).to_have_value("CC-4711")

    # When they choose a later date and send it
    later = (datetime.now(BERLIN).date() + timedelta(days=10)).isoformat()
    page.get_by_label("Needed by").fill(later)
    page.get_by_role("button", name="Send the request").click()

    # Then the request has a number and shows the answers
    expect(page.get_by_role("status")).to_contain_text(
        re.compile(r"Request REQ-\d{4}-\d{6} is sent")
    )
    expect(page.locator("#answers")).to_contain_text("Developer")
    expect(page.locator("#request-facts")).to_contain_text("IT support")
    number = re.search(r"REQ-\d{4}-\d{6}", page.locator("h1").inner_text()).group()

    # And it is in their list of requests, new
    page.goto("/portal/support/requests/")
    row = page.locator("#support-requests tbody tr").filter(has_text=number)
    expect(row).to_contain_text(SUBJECT)
    expect(row.locator("[data-status]")).to_have_text("New")
