"""Staff move an order along the status pipeline and record shipments through
one service, from Oscar's dashboard as from the ERP's API: one step at a time,
never more shipped than ordered, and the order page shows it at once."""

import pytest
from django.urls import reverse
from oscar.apps.order.exceptions import InvalidOrderStatus, InvalidShippingEvent
from oscar.core.loading import get_model

from orders.services.fulfilment import (
    order_shipment_add,
    order_status_set,
    shipping_event_type,
)
from partner_portal.events import business_event
from tests.factories import StaffUserFactory
from tests.factories.orders import order_place
from tests.helpers import snapshot

Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")
ShippingEvent = get_model("order", "ShippingEvent")


@pytest.fixture
def order(company, buyer, bolts, gloves):
    return order_place(
        user=buyer, company=company, lines=[(bolts, 10), (gloves, 4)], po_number="PO-1"
    )


@pytest.fixture
def dashboard_user(db):
    return StaffUserFactory(is_superuser=True, email="root@portal.example")


@pytest.fixture
def published(settings):
    """The business events sent, as (event, company, data) tuples."""
    settings.PORTAL_BASE_URL = "https://portal.example"
    seen = []

    def receiver(sender, *, event, company, data, **kwargs):
        seen.append((event, company, data))

    business_event.connect(receiver, dispatch_uid="test-fulfilment-events")
    yield seen
    business_event.disconnect(dispatch_uid="test-fulfilment-events")


def _line(order, sku):
    return order.lines.get(partner_sku=sku)


def test_a_status_moves_one_step_and_keeps_the_note(order, dashboard_user):
    order_status_set(
        order=order, status="Processing", user=dashboard_user, note="Picked"
    )

    order.refresh_from_db()
    assert order.status == "Processing"
    assert list(order.status_changes.values_list("old_status", "new_status")) == [
        ("Pending", "Processing")
    ]
    assert list(order.notes.values_list("message", "user")) == [
        ("Picked", dashboard_user.pk)
    ]


def test_a_status_that_skips_a_step_is_refused_and_changes_nothing(order):
    before = snapshot(Order, order.status_changes.model)

    with pytest.raises(InvalidOrderStatus) as refused:
        order_status_set(order=order, status="Complete")

    assert str(refused.value) == (
        f"Order {order.number} cannot go from “Pending” to “Complete”; "
        "allowed next: Processing, Cancelled."
    )
    assert snapshot(Order, order.status_changes.model) == before


def test_setting_the_current_status_again_changes_nothing(order):
    order_status_set(order=order, status="Pending")

    assert not order.status_changes.exists()


def test_a_shipment_without_lines_ships_what_is_left_of_every_line(order):
    shipped = shipping_event_type("shipped")
    order_shipment_add(
        order=order, event_type=shipped, quantities=[(_line(order, "BOLT-M8-100"), 4)]
    )

    event = order_shipment_add(order=order, event_type=shipped, quantities=[])

    assert sorted(
        event.line_quantities.values_list("line__partner_sku", "quantity")
    ) == [("BOLT-M8-100", 6), ("GLOVE-L-10", 4)]
    with pytest.raises(InvalidShippingEvent):
        order_shipment_add(order=order, event_type=shipped, quantities=[])


def test_more_shipped_than_ordered_is_refused_and_records_nothing(order):
    shipped = shipping_event_type("shipped")

    with pytest.raises(InvalidShippingEvent) as refused:
        order_shipment_add(
            order=order,
            event_type=shipped,
            quantities=[(_line(order, "GLOVE-L-10"), 5)],
        )

    assert str(refused.value) == "GLOVE-L-10: at most 4 more can have this event."
    assert not ShippingEvent.objects.exists()


def test_a_line_of_another_order_is_refused(order, company, buyer, bolts):
    other = order_place(user=buyer, company=company, lines=[(bolts, 1)])

    with pytest.raises(InvalidShippingEvent):
        order_shipment_add(
            order=order,
            event_type=shipping_event_type("shipped"),
            quantities=[(other.lines.get(), 1)],
        )

    assert not ShippingEvent.objects.exists()


def test_the_dashboard_changes_the_status_through_the_same_rule(
    client, order, dashboard_user, buyer
):
    client.force_login(dashboard_user)
    url = reverse("dashboard:order-detail", args=[order.number])

    client.post(url, {"order_action": "change_order_status", "new_status": "Complete"})
    order.refresh_from_db()
    assert order.status == "Pending"

    client.post(
        url, {"order_action": "change_order_status", "new_status": "Processing"}
    )
    order.refresh_from_db()
    assert order.status == "Processing"
    assert order.notes.get().message == (
        "Order status changed from 'Pending' to 'Processing'"
    )
    client.force_login(buyer)
    page = client.get(
        reverse("orders:detail", args=[order.number]), HTTP_ACCEPT_LANGUAGE="en"
    ).text
    assert "Pending → Processing" in page


def test_the_dashboard_records_a_shipment_through_the_same_rule(
    client, order, dashboard_user
):
    shipping_event_type("shipped")
    client.force_login(dashboard_user)
    url = reverse("dashboard:order-detail", args=[order.number])
    gloves = _line(order, "GLOVE-L-10")
    form = {
        "line_action": "create_shipping_event",
        "selected_line": [gloves.pk],
        "shipping_event_type": "shipped",
        "reference": "DHL 0042",
    }

    client.post(url, {**form, f"selected_line_qty_{gloves.pk}": 3})
    client.post(url, {**form, f"selected_line_qty_{gloves.pk}": 2})

    event = ShippingEvent.objects.get()
    assert event.notes == "DHL 0042"
    assert list(event.line_quantities.values_list("line_id", "quantity")) == [
        (gloves.pk, 3)
    ]


def test_a_status_change_and_a_shipment_are_published_after_the_commit(
    order, company, published, django_capture_on_commit_callbacks
):
    link = f"https://portal.example/portal/orders/{order.number}/"
    with django_capture_on_commit_callbacks(execute=True):
        order_status_set(order=order, status="Processing")
        assert published == []
    with django_capture_on_commit_callbacks(execute=True):
        event = order_shipment_add(
            order=order,
            event_type=shipping_event_type("shipped"),
            quantities=[(_line(order, "GLOVE-L-10"), 2)],
            reference="DHL 0042",
        )

    [(status_event, status_company, status), (ship_event, _c, shipment)] = published
    assert (status_event, status_company) == ("order.status_changed", company)
    assert status | {"changed_at": None} == {
        "order_number": str(order.number),
        "old_status": "Pending",
        "status": "Processing",
        "changed_at": None,
        "url": link,
    }
    assert ship_event == "order.shipment_created"
    assert shipment | {"created_at": None} == {
        "order_number": str(order.number),
        "shipment_id": event.pk,
        "event_type": "shipped",
        "reference": "DHL 0042",
        "lines": [{"sku": "GLOVE-L-10", "quantity": 2}],
        "created_at": None,
        "url": link,
    }


def test_a_refused_status_change_publishes_nothing(
    order, published, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(InvalidOrderStatus),
    ):
        order_status_set(order=order, status="Complete")

    assert published == []
