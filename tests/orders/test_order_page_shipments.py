"""The order page's shipments box: "Not shipped yet" only while the order has
not shipped; a shipped or complete order without recorded shipping events
says it shipped."""

import pytest
from django.urls import reverse

from tests.factories.orders import order_place


@pytest.mark.parametrize(
    ("status", "text", "absent"),
    [
        ("Processing", "Not shipped yet.", "Shipped; no shipment details"),
        ("Shipped", "Shipped; no shipment details were recorded.", "Not shipped yet."),
        ("Complete", "Shipped; no shipment details were recorded.", "Not shipped yet."),
    ],
)
def test_the_order_page_tells_whether_the_order_shipped(
    client, company, buyer, bolts, status, text, absent
):
    order = order_place(user=buyer, company=company, lines=[(bolts, 2)])
    order.status = status
    order.save(update_fields=["status"])
    client.force_login(buyer)

    page = client.get(reverse("orders:detail", args=[order.number])).content.decode()

    assert text in page
    assert absent not in page
