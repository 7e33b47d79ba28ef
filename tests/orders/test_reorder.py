"""Reorder from an order's page: all lines or the ticked ones go into the
basket again; products no longer sold are listed, changed prices shown old
against new."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories.orders import order_place
from tests.helpers import messages_of

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")


@pytest.fixture
def order(buyer, company, bolts, gloves, acme_bolt_price):
    """Two boxes of bolts at 16.50 and three of gloves at 25.00."""
    return order_place(
        user=buyer, company=company, lines=[(bolts, 2), (gloves, 3)], po_number="PO-1"
    )


def _reorder(client, order, data=None):
    return client.post(reverse("orders:reorder", args=[order.number]), data or {})


def _basket_lines(user):
    return list(
        Line.objects.filter(basket__owner=user, basket__status=Basket.OPEN)
        .order_by("pk")
        .values_list("product__title", "quantity", "price_excl_tax")
    )


def test_all_lines_go_into_the_basket(client, buyer, order):
    client.force_login(buyer)

    response = _reorder(client, order, {"scope": "all"})

    assert response.status_code == 302
    assert response.url == reverse("basket:summary")
    assert messages_of(response) == ["2 lines were put into your basket."]
    assert _basket_lines(buyer) == [
        ("Hex bolt M8 (100)", 2, Decimal("16.50")),
        ("Work gloves L (10)", 3, Decimal("25.00")),
    ]


def test_only_the_ticked_lines_go_into_the_basket(client, buyer, order):
    gloves_line = order.lines.get(partner_sku="GLOVE-L-10")
    client.force_login(buyer)

    response = _reorder(client, order, {"scope": "selected", "line": [gloves_line.pk]})

    assert messages_of(response) == ["1 line was put into your basket."]
    assert _basket_lines(buyer) == [("Work gloves L (10)", 3, Decimal("25.00"))]


def test_selected_without_a_ticked_line_adds_nothing(client, buyer, order):
    client.force_login(buyer)

    response = _reorder(client, order, {"scope": "selected"})

    assert response.status_code == 302
    assert response.url == reverse("orders:detail", args=[order.number])
    assert messages_of(response) == ["Tick the lines you want to order again."]
    assert _basket_lines(buyer) == []


def test_lines_of_another_order_cannot_be_smuggled_in(
    client, buyer, company, order, bolts
):
    other = order_place(user=buyer, company=company, lines=[(bolts, 7)])
    client.force_login(buyer)

    _reorder(client, order, {"scope": "selected", "line": [other.lines.get().pk]})

    assert _basket_lines(buyer) == []


def test_a_product_no_longer_public_is_listed_as_unavailable(
    client, buyer, order, gloves
):
    gloves.is_public = False
    gloves.save()
    client.force_login(buyer)

    response = _reorder(client, order, {"scope": "all"})

    assert messages_of(response) == [
        "1 line was put into your basket.",
        "No longer available: Work gloves L (10)",
    ]
    assert _basket_lines(buyer) == [("Hex bolt M8 (100)", 2, Decimal("16.50"))]


def test_a_product_out_of_stock_is_listed_as_unavailable(client, buyer, order, gloves):
    gloves.stockrecords.update(num_in_stock=0, num_allocated=0)
    client.force_login(buyer)

    response = _reorder(client, order, {"scope": "all"})

    assert "No longer available: Work gloves L (10)" in messages_of(response)
    assert [title for title, _qty, _price in _basket_lines(buyer)] == [
        "Hex bolt M8 (100)"
    ]


def test_a_changed_price_is_reported_old_against_new(
    client, buyer, order, acme_bolt_price
):
    acme_bolt_price.price = Decimal("18.00")
    acme_bolt_price.save()
    client.force_login(buyer)

    response = _reorder(client, order, {"scope": "all"})

    assert messages_of(response) == [
        "2 lines were put into your basket.",
        "Price of Hex bolt M8 (100) changed: 16.50 → 18.00 (net)",
    ]
    assert _basket_lines(buyer)[0] == ("Hex bolt M8 (100)", 2, Decimal("18.00"))


def test_unchanged_prices_are_not_reported(client, buyer, order):
    client.force_login(buyer)

    response = _reorder(client, order, {"scope": "all"})

    assert [m for m in messages_of(response) if m.startswith("Price of")] == []
