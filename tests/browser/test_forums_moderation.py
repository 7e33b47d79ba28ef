import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Tina, a new Northwind member, replied in Bruno's topic about drill bits;
# as one of her first posts it waits in the queue. The moderator approves it
# from the queue and Bruno then sees it.
MODERATOR = "moderator@portal.example"
BUYER = "buyer@acme.example"
TOPIC = "Which drill bits for concrete?"
REPLY = "SDS bits do not fit this drill"


def test_moderator_approves_a_waiting_reply_from_the_queue(new_context, login):
    buyer = new_context().new_page()
    login(buyer, BUYER)
    buyer.goto("/portal/forums/c/power-tools/")
    buyer.get_by_role("link", name=TOPIC).click()
    expect(buyer.locator("main")).not_to_contain_text(REPLY)
    topic_url = buyer.url

    moderator = new_context().new_page()
    login(moderator, MODERATOR)
    tile = moderator.get_by_role("region", name="Moderation queue")
    expect(tile.locator(".tile-count")).to_have_text(re.compile(r"^[1-9]\d*$"))
    tile.get_by_role("link", name="Open the moderation queue").click()

    item = moderator.locator(".queue-item").filter(has_text=REPLY)
    expect(item).to_contain_text("One of the member's first posts.")
    item.get_by_role("button", name="Approve").click()

    expect(moderator.get_by_role("status")).to_have_text("The post is approved.")
    expect(moderator.locator(".queue-item").filter(has_text=REPLY)).to_have_count(0)

    moderator.goto("/portal/forums/moderation/log/")
    expect(moderator.locator("#log tbody tr").first).to_contain_text("Approved")
    expect(moderator.locator("#log tbody tr").first).to_contain_text(TOPIC)

    buyer.goto(topic_url)
    expect(buyer.locator("article.post").filter(has_text=REPLY)).to_be_visible()
