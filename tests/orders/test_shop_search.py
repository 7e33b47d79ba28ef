"""Catalogue search lists the matching products as cards, with name, net price
and article number, found by part of the name or by the article number."""

import re

import pytest
from django.urls import reverse

from tests.factories.orders import product_create


@pytest.fixture
def catalogue(db):
    return [
        product_create(
            title="Hex bolt M8 × 40, box of 100", sku="BOLT-M8-100", price="18.90"
        ),
        product_create(title="Hex nut M8, box of 100", sku="NUT-M8-100", price="9.50"),
        product_create(title="Cordless drill 18 V", sku="DRILL-500", price="149.00"),
    ]


def _search(client, query):
    return client.get(reverse("search:search"), {"q": query})


def test_search_lists_matching_names_prices_and_skus(client, buyer, catalogue):
    # Given a buyer and a catalogue with one bolt
    client.force_login(buyer)

    # When they search for "bolt"
    response = _search(client, "bolt")

    # Then the page says one product and shows its card: name, price, SKU
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["paginator"].count == 1
    assert re.search(r'id="result-count">\s*1 product\s*</p>', html)
    assert "Hex bolt M8 × 40, box of 100</a>" in html
    assert "€18.90" in html
    assert '<span class="shop-sku">BOLT-M8-100</span>' in html
    # ... and nothing that does not match
    assert "Hex nut" not in html
    assert "DRILL-500" not in html


def test_search_by_article_number_finds_the_product(client, buyer, catalogue):
    # Given a buyer
    client.force_login(buyer)

    # When they search for part of an article number, in lower case
    response = _search(client, "drill-5")

    # Then the drill is the one result
    html = response.content.decode()
    assert [hit.object.title for hit in response.context["products"]] == [
        "Cordless drill 18 V"
    ]
    assert '<span class="shop-sku">DRILL-500</span>' in html
    assert "€149.00" in html


def test_search_without_a_match_says_so(client, buyer, catalogue):
    # Given a buyer
    client.force_login(buyer)

    # When nothing matches
    response = _search(client, "ladder")

    # Then no card and no count of invisible results
    html = response.content.decode()
    assert response.context["paginator"].count == 0
    assert 'id="product-list"' not in html
    assert "No product matches “ladder”." in html


def test_search_finds_each_product_once_with_several_terms(client, buyer, catalogue):
    # Given a buyer
    client.force_login(buyer)

    # When they search for two words of one title
    response = _search(client, "hex 100")

    # Then both hex products are listed, each once (on PostgreSQL best match
    # first, else by title)
    titles = [hit.object.title for hit in response.context["products"]]
    assert sorted(titles) == ["Hex bolt M8 × 40, box of 100", "Hex nut M8, box of 100"]
