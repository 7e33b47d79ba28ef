"""What left the warehouse and when it arrived: the orders selectors returns
ask for the returnable quantity and the start of the return window."""

from oscar.core.loading import get_class, get_model

from orders.selectors import order_delivered_at, order_shipped_quantities
from tests.factories.orders import order_place

EventHandler = get_class("order.processing", "EventHandler")
ShippingEventType = get_model("order", "ShippingEventType")


def _order(company, buyer, bolts, gloves):
    return order_place(user=buyer, company=company, lines=[(bolts, 10), (gloves, 4)])


def _line(order, sku):
    return order.lines.get(partner_sku=sku)


def _ship(order, quantities):
    shipped, _ = ShippingEventType.objects.get_or_create(
        code="shipped", defaults={"name": "Shipped"}
    )
    lines = [_line(order, sku) for sku in quantities]
    EventHandler().create_shipping_event(
        order, shipped, lines, list(quantities.values())
    )


def test_an_order_not_shipped_has_shipped_nothing_and_not_arrived(
    company, buyer, bolts, gloves
):
    order = _order(company, buyer, bolts, gloves)
    order.set_status("Processing")

    assert order_shipped_quantities(order=order) == {}
    assert order_delivered_at(order=order) is None


def test_a_status_change_alone_ships_every_line_in_full(company, buyer, bolts, gloves):
    order = _order(company, buyer, bolts, gloves)
    for status in ("Processing", "Shipped"):
        order.set_status(status)

    assert order_shipped_quantities(order=order) == {
        _line(order, "BOLT-M8-100").pk: 10,
        _line(order, "GLOVE-L-10").pk: 4,
    }
    shipped_at = order.status_changes.get(new_status="Shipped").date_created
    assert order_delivered_at(order=order) == shipped_at


def test_arrival_is_when_staff_marked_the_order_complete(company, buyer, bolts, gloves):
    order = _order(company, buyer, bolts, gloves)
    for status in ("Processing", "Shipped", "Complete"):
        order.set_status(status)

    completed_at = order.status_changes.get(new_status="Complete").date_created
    assert order_delivered_at(order=order) == completed_at


def test_shipping_events_say_how_much_of_each_line_left(company, buyer, bolts, gloves):
    order = _order(company, buyer, bolts, gloves)
    _ship(order, {"BOLT-M8-100": 3})
    _ship(order, {"BOLT-M8-100": 2})
    for status in ("Processing", "Shipped"):
        order.set_status(status)

    # The events win over the status: the gloves have not left yet.
    assert order_shipped_quantities(order=order) == {_line(order, "BOLT-M8-100").pk: 5}


def test_a_cancelled_order_has_not_arrived(company, buyer, bolts, gloves):
    order = _order(company, buyer, bolts, gloves)
    order.set_status("Cancelled")

    assert order_shipped_quantities(order=order) == {}
    assert order_delivered_at(order=order) is None
