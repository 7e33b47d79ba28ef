"""An editor writes a news item in the Wagtail admin and submits it; the
publisher approves it; then it is on the public news list."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TITLE = "Browser news: new opening hours"


def _news_index_id(page):
    """The News list's page id, found through the admin's page explorer."""
    page.goto("/cms-admin/pages/")
    home_edit = page.get_by_role("link", name="Welcome", exact=True).first
    home_id = re.search(r"/pages/(\d+)/", home_edit.get_attribute("href")).group(1)
    page.goto(f"/cms-admin/pages/{home_id}/")
    news_edit = page.get_by_role("link", name="News", exact=True).first
    return re.search(r"/pages/(\d+)/", news_edit.get_attribute("href")).group(1)


def test_editor_submits_news_and_publisher_approves(new_context, login):
    editor = new_context().new_page()
    login(editor, "editor@portal.example")
    index_id = _news_index_id(editor)

    editor.goto(f"/cms-admin/pages/{index_id}/add_subpage/")
    editor.locator("#id_title").fill(TITLE)
    editor.locator("#id_intro").fill("From Monday we open at seven.")
    editor.get_by_label("Service", exact=True).check()
    # Editors cannot publish: their one way out is the approval workflow.
    expect(editor.locator("button[name='action-publish']")).to_have_count(0)
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Content approval").click()
    expect(editor.locator(".messages")).to_contain_text(
        f"Page '{TITLE}' created and submitted for moderation."
    )

    visitor = new_context().new_page()
    visitor.goto("/news/")
    expect(visitor.get_by_role("link", name=TITLE)).to_have_count(0)

    publisher = new_context().new_page()
    login(publisher, "publisher@portal.example")
    publisher.goto(f"/cms-admin/pages/{index_id}/")
    publisher.get_by_role("link", name=TITLE).first.click()
    publisher.get_by_role("button", name="More actions").click()
    publisher.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(publisher.locator(".messages")).to_contain_text(TITLE)

    visitor.goto("/news/?category=service")
    expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(visitor.get_by_text("From Monday we open at seven.")).to_be_visible()
