"""What every page pays for its frame (navigation, help menu, footer,
branding): a fixed, small number of queries for a signed-in member, nothing
for the parts that are the same for everyone with the same audience and
language once they are cached, and an editor's change shows at once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.models import ContentPage
from partner_portal.audience import Audience
from partner_portal.models import Branding
from tests.factories.cms import home_page, knowledge_index, news_index

# A staff page: a member gets the 403 page, which is the frame and nothing else.
FRAME_ONLY = reverse("returns:desk")
START = reverse("partner_portal:start")
CACHED_TABLES = (
    "wagtailcore_page",
    "wagtailcore_site",
    "wagtailcore_pageviewrestriction",
    "partner_portal_branding",
)


@pytest.fixture
def frame_pages(db):
    home = home_page()
    knowledge_index()
    news_index()
    imprint = home.add_child(
        instance=ContentPage(
            title="Imprint", show_in_footer=True, audience=Audience.EVERYONE
        )
    )
    return {"home": home, "imprint": imprint}


def _footer(html):
    return html[html.index("<footer") : html.index("</footer>")]


def _table(sql):
    return re.search(r'FROM "(\w+)"', sql).group(1)


def _sql(queries):
    return [query["sql"] for query in queries]


def test_signed_in_page_frame_takes_no_query_while_nothing_changed(
    client, buyer, frame_pages
):
    client.force_login(buyer)
    client.get(FRAME_ONLY)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(FRAME_ONLY)

    assert response.status_code == 403
    assert "Imprint" in _footer(response.text)
    # The user with memberships, groups and permissions
    # (partner_portal.auth_cache), the menus (partner_portal.navigation) and
    # the rendered navigation bar (partner_portal.frame_fragments) come from
    # the cache; no session, notifications, branding, site, help-menu or
    # footer query either.
    assert _sql(queries) == []


def test_after_a_write_the_frame_reads_the_basket_badge_once(
    client, buyer, frame_pages, bolts
):
    client.force_login(buyer)
    client.get(FRAME_ONLY)
    client.post(reverse("basket:add", kwargs={"pk": bolts.pk}), {"quantity": 2})

    with CaptureQueriesContext(connection) as queries:
        response = client.get(FRAME_ONLY)

    assert [_table(sql) for sql in _sql(queries)] == ["basket_line"]
    assert re.search(r'<span class="badge [\w-]+">2</span>', response.text)


def test_help_menu_footer_and_branding_are_read_once(client, buyer, frame_pages):
    client.force_login(buyer)
    with CaptureQueriesContext(connection) as first:
        client.get(FRAME_ONLY)

    with CaptureQueriesContext(connection) as second:
        html = client.get(FRAME_ONLY).text

    assert any("wagtailcore_page" in sql for sql in _sql(first))
    assert [sql for sql in _sql(second) if any(t in sql for t in CACHED_TABLES)] == []
    assert 'href="/knowledge/"' in html
    assert 'href="/news/"' in html


def test_a_published_page_shows_in_the_footer_at_once(client, buyer, frame_pages):
    client.force_login(buyer)
    assert "Terms" not in _footer(client.get(FRAME_ONLY).text)

    terms = frame_pages["home"].add_child(
        instance=ContentPage(
            title="Terms", show_in_footer=True, audience=Audience.EVERYONE, live=False
        )
    )
    terms.save_revision().publish()
    shown = _footer(client.get(FRAME_ONLY).text)
    terms.refresh_from_db()
    terms.unpublish()
    hidden = _footer(client.get(FRAME_ONLY).text)

    assert ">Terms</a>" in shown
    assert ">Terms</a>" not in hidden
    assert ">Imprint</a>" in hidden


def test_the_footer_is_cached_per_audience(client, buyer, partner_admin, frame_pages):
    frame_pages["imprint"].audience = Audience.PARTNERS
    frame_pages["imprint"].save_revision().publish()

    client.force_login(partner_admin)
    partner = _footer(client.get(FRAME_ONLY).text)
    client.force_login(buyer)
    customer = _footer(client.get(FRAME_ONLY).text)

    assert ">Imprint</a>" in partner
    assert "Imprint" not in customer


def test_saved_branding_shows_at_once(client, buyer, frame_pages):
    client.force_login(buyer)
    client.get(FRAME_ONLY)

    branding = Branding.load()
    branding.portal_name = "Acme Supply Hub"
    branding.save()

    assert "Acme Supply Hub" in client.get(FRAME_ONLY).text


def test_a_get_runs_outside_any_transaction(client, buyer, frame_pages):
    client.force_login(buyer)

    with CaptureQueriesContext(connection) as queries:
        client.get(START)

    # With ATOMIC_REQUESTS each request would open a savepoint inside the
    # test's transaction (BEGIN IMMEDIATE outside tests).
    assert [sql for sql in _sql(queries) if "SAVEPOINT" in sql.upper()] == []
