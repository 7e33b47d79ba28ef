"""Fulfilment: staff move an order along the status pipeline and record
shipments, in Oscar's dashboard or from the ERP through the API; both go
through these two functions, so the rules (Oscar's pipeline in
OSCAR_ORDER_STATUS_PIPELINE, no more shipped than ordered) and the events
sent to the company's webhooks are the same. The order page reads the order's
status changes and shipping events, so it shows a change at once."""

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.apps.order import exceptions
from oscar.apps.order.processing import EventHandler as OscarEventHandler
from oscar.core.loading import get_model

from partner_portal.events import Event, portal_link, publish, timestamp

Order = get_model("order", "Order")
ShippingEventType = get_model("order", "ShippingEventType")

# The shipping event types the ERP may record (the ones the order page
# shows in the reader's language); the dashboard may also use its own.
SHIPMENT_EVENT_TYPES = {"shipped": "Shipped", "delivered": "Delivered"}


def _locked(order):
    return Order.objects.select_for_update().get(pk=order.pk)


@transaction.atomic
def order_status_set(*, order, status: str, user=None, note: str = ""):
    """Move the order to `status`, one step of the pipeline at a time (e.g.
    Pending → Processing → Shipped → Complete; Cancelled from the first two).
    Setting the status it already has changes nothing. The order row is
    locked, so two staff changes at once cannot both pass from the same
    status. Raises Oscar's InvalidOrderStatus with the allowed statuses."""
    order = _locked(order)
    if status == order.status:
        return order
    if status not in order.available_statuses():
        allowed = ", ".join(order.available_statuses()) or _("none")
        raise exceptions.InvalidOrderStatus(
            _(
                "Order %(number)s cannot go from “%(old)s” to “%(new)s”; "
                "allowed next: %(allowed)s."
            )
            % {
                "number": order.number,
                "old": order.status,
                "new": status,
                "allowed": allowed,
            }
        )
    old = order.status
    order.set_status(status)
    if note.strip():
        OscarEventHandler(user=user).create_note(order, note.strip())
    publish(
        Event.ORDER_STATUS_CHANGED,
        company=order.company,
        data={
            "order_number": order.number,
            "old_status": old,
            "status": status,
            "changed_at": timestamp(),
            "url": portal_link("orders:detail", order.number),
        },
    )
    return order


def shipping_event_type(code: str):
    """The shipping event type for one of SHIPMENT_EVENT_TYPES, created on
    first use."""
    event_type, _created = ShippingEventType.objects.get_or_create(
        code=code, defaults={"name": SHIPMENT_EVENT_TYPES[code]}
    )
    return event_type


@transaction.atomic
def order_shipment_add(
    *, order, event_type, quantities: list[tuple], reference: str = "", user=None
):
    """Record a shipping event for (order line, quantity) pairs; no pairs
    means every line with what is left of it for this event type. A line
    cannot take part in one event type with more than it was ordered (Oscar's
    rule). Raises Oscar's InvalidShippingEvent with the reason."""
    order = _locked(order)
    lines = {line.pk: line for line in order.lines.all()}
    if not quantities:
        quantities = [
            (line, line.quantity - line.shipping_event_quantity(event_type))
            for line in lines.values()
        ]
        quantities = [(line, qty) for line, qty in quantities if qty > 0]
        if not quantities:
            raise exceptions.InvalidShippingEvent(
                _("Every line of order %(number)s already had this event.")
                % {"number": order.number}
            )
    for line, quantity in quantities:
        if line.pk not in lines:
            raise exceptions.InvalidShippingEvent(
                _("This line is not part of order %(number)s.")
                % {"number": order.number}
            )
        if quantity < 1:
            raise exceptions.InvalidShippingEvent(_("The quantity must be at least 1."))
        left = line.quantity - line.shipping_event_quantity(event_type)
        if quantity > left:
            raise exceptions.InvalidShippingEvent(
                _("%(sku)s: at most %(left)s more can have this event.")
                % {"sku": line.partner_sku, "left": left}
            )
    handler = OscarEventHandler(user=user)
    lines_, counts = [line for line, _q in quantities], [q for _l, q in quantities]
    handler.validate_shipping_event(order, event_type, lines_, counts)
    event = handler.create_shipping_event(
        order, event_type, lines_, counts, reference=reference.strip()
    )
    publish(
        Event.ORDER_SHIPMENT_CREATED,
        company=order.company,
        data={
            "order_number": order.number,
            "shipment_id": event.pk,
            "event_type": event_type.code,
            "reference": event.notes,
            "lines": [
                {"sku": line.partner_sku, "quantity": quantity}
                for line, quantity in quantities
            ],
            "created_at": timestamp(event.date_created),
            "url": portal_link("orders:detail", order.number),
        },
    )
    return event
