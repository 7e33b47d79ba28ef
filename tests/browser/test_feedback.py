"""Feedback from the footer: a buyer sends a suggestion from the order history
and is taken back there; the support team finds it in the feedback queue."""

import re
import uuid

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BUYER = "buyer@acme.example"
SUPPORT = "support@portal.example"


def test_a_buyer_sends_a_suggestion_and_support_sees_it(new_context, login):
    message = f"Let me save order filters ({uuid.uuid4().hex[:8]})"

    # Given the buyer on the order history
    buyer = new_context().new_page()
    login(buyer, BUYER)
    buyer.goto("/portal/orders/")
    expect(buyer).to_have_url(re.compile(r"/portal/orders/$"))

    # When they follow the footer's Feedback link and send a suggestion
    buyer.locator("footer").get_by_role("link", name="Feedback").click()
    expect(buyer).to_have_url(re.compile(r"/feedback/\?from=%2Fportal%2Forders%2F$"))
    expect(buyer.get_by_label("Email")).to_have_count(0)
    buyer.get_by_role("radio", name="Suggestion").check()
    buyer.get_by_label("Your message").fill(message)
    buyer.get_by_role("button", name="Send feedback").click()

    # Then they are thanked and go back to the page they came from
    expect(
        buyer.get_by_role("heading", name="Thank you for your feedback", level=1)
    ).to_be_visible()
    buyer.get_by_role("link", name="Back to the page you came from").click()
    expect(buyer).to_have_url(re.compile(r"/portal/orders/$"))

    # And the support agent finds the suggestion in the queue, from Acme and
    # the order history, and marks it done
    agent = new_context().new_page()
    login(agent, SUPPORT)
    navbar = agent.get_by_role("navigation", name="Main navigation")
    navbar.get_by_role("button", name="Staff", exact=True).click()
    navbar.get_by_role("link", name="Feedback").click()
    expect(agent).to_have_url(re.compile(r"/portal/feedback/$"))
    card = agent.locator("article").filter(has_text=message)
    expect(card).to_contain_text("Suggestion")
    expect(card).to_contain_text("Acme Industrial")
    expect(card.get_by_role("link", name="/portal/orders/")).to_be_visible()
    card.get_by_label("Note for colleagues").fill("Passed on to the shop team")
    card.get_by_role("button", name="Mark done").click()
    expect(agent.get_by_role("status").first).to_contain_text("is now: Done.")
    expect(agent.locator("article").filter(has_text=message)).to_have_count(0)
