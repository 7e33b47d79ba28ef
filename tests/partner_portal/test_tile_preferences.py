"""Users arrange their start page: hide, show, move, reset; kept per user."""

import pytest
from django.urls import reverse

from partner_portal import tiles
from partner_portal.models import TilePreference
from tests.helpers import snapshot

START = reverse("partner_portal:start")
# A buyer's tiles among the foundation's: the default order.
DEFAULT = ["company", "colleagues", "news"]


@pytest.fixture
def foundation_tiles(monkeypatch):
    keep = {"company", "colleagues", "partner_area", "news"}
    monkeypatch.setattr(
        tiles, "_registry", {k: v for k, v in tiles._registry.items() if k in keep}
    )


@pytest.fixture
def buyer_client(client, foundation_tiles, buyer):
    client.force_login(buyer)
    return client


def act(client, action, tile=""):
    response = client.post(START, {"action": action, "tile": tile})
    assert response.status_code == 302
    assert response.url == f"{START}?customise=1"
    return response


def arrangement(client):
    response = client.get(START, {"customise": "1"})
    assert response.status_code == 200
    shown = [tile.key for tile, _context in response.context["tiles"]]
    hidden = [tile.key for tile in response.context["hidden_tiles"]]
    return shown, hidden


def test_default_arrangement_without_preference(buyer_client, buyer):
    assert arrangement(buyer_client) == (DEFAULT, [])
    assert not TilePreference.objects.filter(user=buyer).exists()


def test_hiding_a_tile_is_kept_and_offered_back(buyer_client, buyer):
    act(buyer_client, "hide", "colleagues")

    assert arrangement(buyer_client) == (["company", "news"], ["colleagues"])
    preference = TilePreference.objects.get(user=buyer)
    assert (preference.order, preference.hidden) == (DEFAULT, ["colleagues"])
    response = buyer_client.get(START, {"customise": "1"})
    assert "Show My colleagues" in response.text


def test_showing_a_hidden_tile_puts_it_back_at_the_end(buyer_client, buyer):
    act(buyer_client, "hide", "company")

    act(buyer_client, "show", "company")

    assert arrangement(buyer_client) == (["colleagues", "news", "company"], [])
    assert TilePreference.objects.get(user=buyer).hidden == []


@pytest.mark.parametrize(
    ("action", "tile", "expected"),
    [
        ("up", "colleagues", ["colleagues", "company", "news"]),
        ("down", "colleagues", ["company", "news", "colleagues"]),
        ("up", "company", DEFAULT),
        ("down", "news", DEFAULT),
    ],
    ids=["up", "down", "first-up-stays", "last-down-stays"],
)
def test_moving_a_tile(buyer_client, buyer, action, tile, expected):
    act(buyer_client, action, tile)

    assert arrangement(buyer_client) == (expected, [])
    assert TilePreference.objects.get(user=buyer).order == expected


def test_moves_add_up_across_requests(buyer_client):
    act(buyer_client, "down", "company")
    act(buyer_client, "down", "company")

    assert arrangement(buyer_client) == (["colleagues", "news", "company"], [])


def test_moving_skips_hidden_tiles(buyer_client):
    act(buyer_client, "hide", "colleagues")

    act(buyer_client, "down", "company")

    assert arrangement(buyer_client) == (["news", "company"], ["colleagues"])


def test_reset_returns_to_the_default_arrangement(buyer_client, buyer):
    act(buyer_client, "down", "company")
    act(buyer_client, "hide", "news")

    act(buyer_client, "reset")

    assert arrangement(buyer_client) == (DEFAULT, [])
    preference = TilePreference.objects.get(user=buyer)
    assert (preference.order, preference.hidden) == ([], [])


def test_preferences_are_per_user(client, foundation_tiles, buyer, company_admin):
    client.force_login(buyer)
    act(client, "hide", "news")

    client.force_login(company_admin)

    assert arrangement(client) == (DEFAULT, [])


@pytest.mark.parametrize("tile", ["partner_area", "staff.companies", "no-such-tile"])
def test_tiles_the_user_may_not_see_are_not_stored(buyer_client, buyer, tile):
    act(buyer_client, "hide", tile)

    preference = TilePreference.objects.get(user=buyer)
    assert (preference.order, preference.hidden) == (DEFAULT, [])
    assert arrangement(buyer_client) == (DEFAULT, [])


@pytest.mark.parametrize(
    "data", [{"action": "explode", "tile": "news"}, {}], ids=["bad-action", "empty"]
)
def test_invalid_action_is_refused_and_nothing_is_stored(buyer_client, data):
    before = snapshot(TilePreference)

    response = buyer_client.post(START, data)

    assert response.status_code == 400
    assert snapshot(TilePreference) == before
