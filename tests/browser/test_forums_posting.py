import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Nils (Northwind, gold) starts a topic in "Sales & marketing"; Clara
# (Contoso, silver) quotes it in her reply. Both have posts approved in the
# demo, so nothing waits for a moderator.
NILS = "partner@northwind.example"
CLARA = "franchise@contoso.example"
TITLE = "Trade fair stand: who shares a booth?"
BODY = "We plan a **booth** at the spring fair. <script>alert(1)</script>"


def test_partner_starts_a_topic_and_another_replies_with_a_quote(new_context, login):
    nils = new_context().new_page()
    login(nils, NILS)

    # Given the forums, with the partner categories
    nils.goto("/portal/forums/")
    categories = nils.locator("#categories")
    expect(categories).to_contain_text("Service & repair")
    categories.get_by_role("link", name=re.compile("Sales & marketing")).click()

    # When Nils starts a topic with Markdown and a script in it
    nils.get_by_role("link", name="New topic").click()
    nils.get_by_label("Title").fill(TITLE)
    nils.get_by_label("Text").fill(BODY)
    nils.get_by_role("button", name="Post the topic").click()

    # Then it is published, the Markdown formatted and the script shown as text
    expect(nils.get_by_role("status")).to_have_text("Your post is published.")
    expect(nils.locator("#topic-title")).to_have_text(TITLE)
    first = nils.locator("article.post").first
    expect(first.locator(".post-body strong")).to_have_text("booth")
    expect(first.locator(".post-body")).to_contain_text("<script>alert(1)</script>")
    expect(first.locator(".post-body script")).to_have_count(0)
    topic_url = nils.url

    # When Clara quotes it in a reply
    clara = new_context().new_page()
    login(clara, CLARA)
    clara.goto(topic_url)
    clara.locator("article.post").first.get_by_role("link", name="Quote").click()
    reply = clara.get_by_label("Your reply")
    expect(reply).to_have_value(re.compile(r"^\*\*Nils Northwind:\*\*\n\n> We plan"))
    reply.press("Control+End")
    reply.type("Count us in: we take half of it.")
    clara.get_by_role("button", name="Post the reply").click()

    # Then both see the reply with the quote
    expect(clara.get_by_role("status")).to_have_text("Your post is published.")
    last = clara.locator("article.post").last
    expect(last.locator("blockquote")).to_contain_text("We plan a booth")
    expect(last).to_contain_text("Count us in: we take half of it.")
    nils.reload()
    expect(nils.locator("article.post")).to_have_count(2)


def test_solved_topic_shows_the_solution_first_and_refuses_an_empty_reply(page, login):
    login(page, CLARA)
    page.goto("/portal/forums/c/service-repair/")
    page.get_by_role(
        "link", name="Drill 18 V: battery does not charge any more"
    ).click()

    # The solved topic shows its solution right after the question, marked
    expect(page.locator("#solved")).to_have_text("Solved")
    posts = page.locator("article.post")
    expect(posts.first).to_contain_text("the battery stays empty")
    expect(posts.nth(1)).to_contain_text("It is the charger")
    expect(posts.nth(1)).to_have_class(re.compile(r"\bsolution\b"))

    page.get_by_role("button", name="Post the reply").click()
    expect(page.locator("#reply-form .invalid-feedback")).to_have_text(
        "Write something first."
    )
