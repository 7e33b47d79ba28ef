# Forked so that staff changes in Oscar's dashboard (order status, shipping
# events) go through the portal's fulfilment service, like the ERP's API calls.
from oscar.apps.order.processing import EventHandler as CoreEventHandler

from orders.services.fulfilment import order_shipment_add, order_status_set


class EventHandler(CoreEventHandler):
    def handle_order_status_change(self, order, new_status, note_msg=None):
        order_status_set(
            order=order, status=new_status, user=self.user, note=note_msg or ""
        )
        order.refresh_from_db()

    def handle_shipping_event(
        self, order, event_type, lines, line_quantities, **kwargs
    ):
        return order_shipment_add(
            order=order,
            event_type=event_type,
            quantities=list(zip(lines, line_quantities, strict=True)),
            reference=kwargs.get("reference") or "",
            user=self.user,
        )
