"""The order page's status history and shipments are stored as codes (Oscar's
status words, a shipping event type's code) and read in the reader's language;
what staff typed themselves (a note, a type the portal does not know) is shown
as typed."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from tests.factories.orders import order_place

EventHandler = get_class("order.processing", "EventHandler")
ShippingEventType = get_model("order", "ShippingEventType")


@pytest.fixture
def shipped_order(company, buyer, bolts):
    order = order_place(user=buyer, company=company, lines=[(bolts, 2)])
    for status in ("Processing", "Shipped"):
        order.set_status(status)
    shipped = ShippingEventType.objects.create(code="shipped", name="Shipped")
    handover = ShippingEventType.objects.create(code="handover", name="Handed over")
    lines = list(order.lines.all())
    first = EventHandler().create_shipping_event(
        order, shipped, lines, [2], reference="Paket 1 von 1, DHL"
    )
    second = EventHandler().create_shipping_event(order, handover, lines, [2])
    # Shipments list newest first; a later time for the second, not a tie.
    second.date_created = first.date_created + timedelta(hours=1)
    second.save(update_fields=["date_created"])
    return order


def _history(client, order, language):
    html = client.get(
        reverse("orders:detail", args=[order.number]), HTTP_ACCEPT_LANGUAGE=language
    ).text
    return [
        re.sub(r"<[^>]+>", "", item).split(" — ", 1)[1]
        for item in re.findall(r"<li>(.*?)</li>", html)
        if " — " in item
    ]


def test_german_reader_reads_statuses_and_known_shipments_in_german(
    client, buyer, shipped_order
):
    client.force_login(buyer)

    assert _history(client, shipped_order, "de") == [
        "aufgegeben",
        "Ausstehend → In Bearbeitung",
        "In Bearbeitung → Versandt",
        "Handed over",
        "Versandt: Paket 1 von 1, DHL",
    ]


def test_english_reader_reads_the_same_history_in_english(client, buyer, shipped_order):
    client.force_login(buyer)

    assert _history(client, shipped_order, "en") == [
        "placed",
        "Pending → Processing",
        "Processing → Shipped",
        "Handed over",
        "Shipped: Paket 1 von 1, DHL",
    ]
