"""An agent and a customer chat live on a support request: both have the
request open; what one sends appears on the other's page without reloading.
The agent resolves it and the customer rates it 5."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CUSTOMER = "buyer@acme.example"
AGENT = "support@portal.example"
SUBJECT = "Label printer prints blank pages"
LIVE_MS = 15_000  # the pages poll every 3 seconds


def test_agent_and_customer_chat_live_and_the_customer_rates(new_context, login):
    customer = new_context().new_page()
    agent = new_context().new_page()

    # Given a request the customer has just reported, open on their page
    login(customer, CUSTOMER)
    customer.goto("/portal/support/report/")
    customer.get_by_label("Subject").fill(SUBJECT)
    customer.get_by_label("What happened?").fill("Since this morning, every label.")
    customer.get_by_role("button", name="Send the request").click()
    customer.wait_for_url(re.compile(r"/portal/support/requests/REQ-\d{4}-\d{6}/$"))
    number = customer.url.rstrip("/").rsplit("/", 1)[-1]

    # and the agent finds it in the queue and opens it
    login(agent, AGENT)
    agent.goto("/portal/support/desk/?status=open&q=" + number)
    agent.locator("#desk-queue").get_by_role("link", name=number).click()
    expect(agent.locator("h1")).to_contain_text(SUBJECT)

    # When the agent replies
    agent.get_by_label("Message").fill("Which printer model is it?")
    agent.get_by_role("button", name="Send", exact=True).click()
    expect(agent.locator("#conversation")).to_contain_text("Which printer model")

    # Then the customer sees the reply appear without reloading
    expect(customer.locator("#conversation")).to_contain_text(
        "Which printer model is it?", timeout=LIVE_MS
    )

    # When the customer answers, the agent sees it appear without reloading
    customer.get_by_label("Your reply").fill("A Zebra ZD421.")
    customer.get_by_role("button", name="Send reply").click()
    expect(agent.locator("#conversation")).to_contain_text(
        "A Zebra ZD421.", timeout=LIVE_MS
    )

    # When the agent answers and resolves in one step
    agent.get_by_label("Message").fill("Please recalibrate: hold the feed button.")
    agent.get_by_label("Then set the status to").select_option("resolved")
    agent.get_by_role("button", name="Send", exact=True).click()
    expect(agent.locator("[data-live-status]")).to_contain_text("Resolved")

    # Then the customer sees the answer, and after a reload rates it 5
    expect(customer.locator("#conversation")).to_contain_text(
        "recalibrate", timeout=LIVE_MS
    )
    customer.reload()
    customer.locator("#rating").get_by_label("5", exact=True).check()
    customer.get_by_role("button", name="Rate").click()
    expect(customer.locator("#current-rating")).to_contain_text("5 of 5")

    # and the agent's page shows the rating
    agent.reload()
    expect(agent.locator("#rating-shown")).to_contain_text("5/5")
