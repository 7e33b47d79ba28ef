"""A company price overrides the list price for the members of that company:
the catalogue and the product page show it with the struck list price, the
basket charges it; other companies see and pay the list price."""

import html
import re
from decimal import Decimal

from django.urls import reverse
from oscar.core.loading import get_model

from tests.helpers import snapshot

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")
CATALOGUE = reverse("catalogue:index")


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _price_texts(page: str) -> dict[str, str]:
    """Title -> the visible price text of each product card."""
    cards = re.findall(r'<article class="product_pod[^"]*">(.*?)</article>', page, re.S)
    prices = {}
    for card in cards:
        title = html.unescape(re.search(r"<h3[^>]*><a[^>]*>([^<]+)</a>", card)[1])
        price = re.search(
            r'<p class="price_color.*?(?=<p class="\w+ availability)', card, re.S
        )
        prices[title] = _text(price[0])
    return prices


def _detail_price_text(page: str) -> str:
    match = re.search(
        r'<p class="price_color.*?(?=<p class="\w+ availability)', page, re.S
    )
    return _text(match[0])


def test_member_sees_the_company_price_and_the_struck_list_price_in_the_catalogue(
    client, buyer, acme_bolt_price, bolts, gloves
):
    client.force_login(buyer)

    response = client.get(CATALOGUE)

    assert response.status_code == 200
    assert _price_texts(response.text) == {
        "Hex bolt M8 (100)": "€16.50 net Your price List price €20.00",
        "Work gloves L (10)": "€25.00 net",
    }
    assert "<s>€20.00</s>" in response.text


def test_other_company_sees_only_list_prices_in_the_catalogue(
    client, other_buyer, acme_bolt_price, bolts, gloves
):
    client.force_login(other_buyer)

    response = client.get(CATALOGUE)

    assert response.status_code == 200
    assert _price_texts(response.text) == {
        "Hex bolt M8 (100)": "€20.00 net",
        "Work gloves L (10)": "€25.00 net",
    }
    assert "16.50" not in response.text
    assert "Your price" not in response.text


def test_product_page_shows_the_company_price_to_the_member(
    client, buyer, acme_bolt_price, bolts
):
    client.force_login(buyer)

    response = client.get(bolts.get_absolute_url())

    assert response.status_code == 200
    assert (
        _detail_price_text(response.text) == "€16.50 net Your price List price €20.00"
    )


def test_product_page_shows_only_the_list_price_to_another_company(
    client, other_buyer, acme_bolt_price, bolts
):
    client.force_login(other_buyer)

    response = client.get(bolts.get_absolute_url())

    assert response.status_code == 200
    assert _detail_price_text(response.text) == "€20.00 net"
    assert "16.50" not in response.text


def _add_to_basket(client, product, quantity):
    return client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity}
    )


def test_basket_line_of_a_member_is_priced_at_the_company_price(
    client, buyer, acme_bolt_price, bolts
):
    client.force_login(buyer)

    response = _add_to_basket(client, bolts, 3)

    assert response.status_code == 302
    line = Line.objects.get(basket__owner=buyer, basket__status=Basket.OPEN)
    assert (line.quantity, line.price_excl_tax, line.price_currency) == (
        3,
        Decimal("16.50"),
        "EUR",
    )
    summary = client.get(reverse("basket:summary"))
    assert summary.context["basket"].total_excl_tax == Decimal("49.50")


def test_basket_line_of_another_company_is_priced_at_the_list_price(
    client, other_buyer, acme_bolt_price, bolts
):
    client.force_login(other_buyer)

    _add_to_basket(client, bolts, 3)

    line = Line.objects.get(basket__owner=other_buyer, basket__status=Basket.OPEN)
    assert (line.quantity, line.price_excl_tax) == (3, Decimal("20.00"))


def test_a_company_price_of_one_company_leaves_the_other_companys_basket_alone(
    client, buyer, other_buyer, acme_bolt_price, bolts
):
    # Given Globex already holds bolts at the list price
    client.force_login(other_buyer)
    _add_to_basket(client, bolts, 1)
    before = snapshot(Line.objects.filter(basket__owner=other_buyer))

    # When an Acme buyer buys the same product at Acme's price
    client.force_login(buyer)
    _add_to_basket(client, bolts, 1)

    # Then Globex's basket is untouched
    assert snapshot(Line.objects.filter(basket__owner=other_buyer)) == before
