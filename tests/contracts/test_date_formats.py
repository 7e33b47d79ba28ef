"""One date format per language: a date reads the same on a start-page tile
and in a list (config/formats/<language>/formats.py)."""

import re

from django.urls import reverse

from tests.factories.contracts import offer_sent_create

START = reverse("partner_portal:start")


def test_valid_until_reads_the_same_in_the_tile_and_the_list_in_german(
    client, company, company_admin, sales
):
    offer = offer_sent_create(company=company, sales=sales, title="Open")
    expected = offer.latest_sent.valid_until.strftime("%d.%m.%Y")
    client.force_login(company_admin)

    start = client.get(START, HTTP_ACCEPT_LANGUAGE="de")
    listing = client.get(reverse("contracts:offers"), HTTP_ACCEPT_LANGUAGE="de").text

    [tile] = [c for t, c in start.context["tiles"] if t.key == "contracts.offers"]
    link_text = str(tile["links"][0][0])
    assert link_text.endswith(expected)
    assert offer.latest_sent.valid_until.isoformat() not in link_text
    assert re.search(rf">{re.escape(expected)}</td>", listing)


def test_english_uses_its_own_format_not_iso(client, company, company_admin, sales):
    offer = offer_sent_create(company=company, sales=sales, title="Open")
    client.force_login(company_admin)

    start = client.get(START, HTTP_ACCEPT_LANGUAGE="en")

    [tile] = [c for t, c in start.context["tiles"] if t.key == "contracts.offers"]
    link_text = str(tile["links"][0][0])
    assert link_text.endswith(offer.latest_sent.valid_until.strftime("%m/%d/%Y"))


def test_persian_pages_use_latin_digits(client, company, company_admin, sales):
    offer = offer_sent_create(company=company, sales=sales, title="Open")
    client.force_login(company_admin)

    # The offers tile is lazy: its body comes from its own URL.
    tile = reverse("partner_portal:tile", args=["contracts.offers"]) + "?body=1"
    html = client.get(tile, HTTP_ACCEPT_LANGUAGE="fa").text
    listing = client.get(reverse("contracts:offers"), HTTP_ACCEPT_LANGUAGE="fa").text

    valid_until = offer.latest_sent.valid_until
    expected = f"{valid_until.year}/{valid_until.month}/{valid_until.day}"
    assert expected in html
    assert expected in listing
    counts = re.findall(r'class="tile-count">([^<]*)<', html)
    assert counts
    assert all(count.isascii() and count.isdigit() for count in counts)
    assert "۰" not in expected
