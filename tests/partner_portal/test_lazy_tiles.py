"""Start-page tiles that cost queries are lazy: the page lists them as a frame
with a link, and their body comes from the tile's own URL (tiles.js fetches it
with ?body=1; without JavaScript the link opens the tile on a page of its own).
The start page itself costs the same number of queries however much data the
company has."""

from copy import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from partner_portal import tiles
from partner_portal.tiles import Tile
from tests.factories.orders import order_place

Order = get_model("order", "Order")
START = reverse("partner_portal:start")


def _tile_url(key, body=False):
    return reverse("partner_portal:tile", args=[key]) + ("?body=1" if body else "")


@pytest.fixture
def counted_tile(monkeypatch):
    """A lazy tile that counts how often its context is computed."""
    calls = []

    def context(request):
        calls.append(request.user.email)
        return {"count": 7, "count_label": "widgets waiting", "url": "/portal/x/"}

    tile = Tile(key="test.lazy", title="Widgets", context=context, lazy=True)
    monkeypatch.setitem(tiles._registry, tile.key, tile)
    return calls


def test_the_start_page_lists_a_lazy_tile_without_computing_it(
    client, buyer, counted_tile
):
    client.force_login(buyer)

    response = client.get(START)

    assert response.status_code == 200
    assert counted_tile == []
    html = response.text
    assert f'data-tile-src="{_tile_url("test.lazy", body=True)}"' in html
    assert f'<a href="{_tile_url("test.lazy")}">Show</a>' in html
    assert "widgets waiting" not in html
    assert "portal/tiles.js" in html


def test_the_tile_url_gives_the_body_alone(client, buyer, counted_tile):
    client.force_login(buyer)

    response = client.get(_tile_url("test.lazy", body=True))

    assert response.status_code == 200
    assert counted_tile == ["buyer@acme.example"]
    body = response.text
    assert '<span class="tile-count">7</span>' in body
    assert "widgets waiting" in body
    assert "<html" not in body


def test_without_javascript_the_tile_opens_on_a_page_of_its_own(
    client, buyer, counted_tile
):
    client.force_login(buyer)

    response = client.get(_tile_url("test.lazy"))

    assert response.status_code == 200
    assert "<html" in response.text
    assert '<h1 class="h5 card-title" id="tile-title">Widgets</h1>' in response.text
    assert "widgets waiting" in response.text


def test_a_tile_the_user_may_not_see_is_not_there(client, buyer):
    # Buyers approve nothing: the approvals tile is not theirs.
    client.force_login(buyer)

    assert client.get(_tile_url("orders.approvals", body=True)).status_code == 404
    assert client.get(_tile_url("no.such.tile", body=True)).status_code == 404


def test_the_expensive_tiles_are_lazy():
    lazy = {key for key, tile in tiles._registry.items() if tile.lazy}

    assert {
        "tasks",
        "orders.open",
        "contracts.offers",
        "returns.open",
        "forums.replies",
        "support.open",
        "news",
        "trainings",
    } <= lazy
    assert "company" not in lazy


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_start_page_and_its_tiles_do_not_grow_with_the_orders(
    client, company, procurement, bolts, page_cache_off
):
    # Given a company with two orders
    for number in range(2):
        order_place(
            user=procurement,
            company=company,
            lines=[(bolts, 1)],
            po_number=f"P{number}",
        )
    client.force_login(procurement)
    client.get(START)
    keys = [tile.key for tile, _c in client.get(START).context["tiles"]]
    few = {url: _queries(client, url) for url in [START, *map(_tile_url, keys)]}

    # When it has three hundred
    like = Order.objects.for_company(company).first()
    clones = []
    for index in range(298):
        clone = copy(like)
        clone.pk = clone.id = None
        clone.number = f"8{index:06d}"
        clones.append(clone)
    Order.objects.bulk_create(clones)
    for url in few:
        # The frame's caches again, emptied by the writes, as before `few`
        client.get(url)
    many = {url: _queries(client, url) for url in few}

    # Then the start page and every tile cost the same queries
    assert many == few
    assert "orders.open" in keys
