import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_hidden_tile_stays_away_until_shown_again(page, login):
    # Given a member on the start page with the News tile
    # (not the buyer: other tests expect the buyer's default tiles)
    login(page, "approver@acme.example")
    news = page.locator("#tiles [data-tile='news']")
    expect(news).to_be_visible()

    # When they arrange the tiles, hide News and are done
    page.get_by_role("link", name="Arrange tiles").click()
    news.get_by_role("button", name="Hide").click()
    expect(news).to_have_count(0)
    page.get_by_role("link", name="Done").click()

    # Then the start page has no News tile, but keeps the others
    expect(page.get_by_role("link", name="Arrange tiles")).to_be_visible()
    expect(news).to_have_count(0)
    expect(page.locator("#tiles [data-tile='company']")).to_be_visible()

    # When they show it again
    page.get_by_role("link", name="Arrange tiles").click()
    page.get_by_role("button", name="Show News").click()
    page.get_by_role("link", name="Done").click()

    # Then News is back
    expect(page.get_by_role("link", name="Arrange tiles")).to_be_visible()
    expect(news.get_by_role("heading", name="News", exact=True)).to_be_visible()
