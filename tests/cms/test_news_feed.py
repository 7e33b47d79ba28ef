"""The personal Atom feed: the news the token's owner may see, nothing once
the token is forged or the membership ends."""

import re

import pytest

from cms.feeds import news_feed_url
from partner_portal.audience import Audience
from partner_portal.models import Membership
from tests.factories.cms import news_page


@pytest.fixture
def news(home):
    news_page("Public news", audience=Audience.EVERYONE, date="2026-11-01")
    news_page("Partner news", audience=Audience.PARTNERS, date="2026-11-02")
    news_page("Gold news", audience=Audience.GOLD, date="2026-11-03")


def test_a_silver_partners_feed_has_partner_news_but_no_gold_news(
    client, news, silver_partner, silver_company
):
    url = news_feed_url(user=silver_partner, company=silver_company)

    response = client.get(url)

    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Partner news" in body
    assert "Public news" in body
    assert "Gold news" not in body


def test_the_news_list_offers_the_feed_to_signed_in_users_only(
    client, news, partner_admin
):
    assert "feed_url" not in client.get("/news/").context

    client.force_login(partner_admin)
    response = client.get("/news/")

    assert response.context["feed_url"].startswith("/portal/content/news/feed/")
    assert "Gold news" in client.get(response.context["feed_url"]).content.decode()


def test_a_forged_token_gets_404(client, news, silver_partner, silver_company):
    url = news_feed_url(user=silver_partner, company=silver_company)

    response = client.get(url[:-3] + "xx/")

    assert response.status_code == 404


def test_the_feed_stops_when_the_membership_ends(
    client, news, silver_partner, silver_company
):
    url = news_feed_url(user=silver_partner, company=silver_company)
    Membership.objects.filter(user=silver_partner).update(is_active=False)

    assert client.get(url).status_code == 404


def test_feed_links_start_with_the_portal_address(
    client, news, silver_partner, silver_company, settings
):
    settings.PORTAL_BASE_URL = "https://portal.example.com"
    url = news_feed_url(user=silver_partner, company=silver_company)

    body = client.get(url).content.decode()

    links = re.findall(r'<link href="([^"]+)" rel="alternate"', body)
    assert len(links) == 3
    assert all(link.startswith("https://portal.example.com/") for link in links)
    assert "http://localhost" not in body
