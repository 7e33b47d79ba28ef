from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# Oscar stores statuses as plain English words (OSCAR_ORDER_STATUS_PIPELINE);
# these are their translations for display.
STATUS_LABELS = {
    "Pending": _("Pending"),
    "Processing": _("Processing"),
    "Shipped": _("Shipped"),
    "Complete": _("Complete"),
    "Cancelled": _("Cancelled"),
}


@register.filter
def order_status(value):
    return STATUS_LABELS.get(value, value)


# Shipping event types are rows that staff pick in Oscar's dashboard, each with
# a code and an English name. The usual ones are shown by their code in the
# reader's language; any other type by the name staff gave it.
SHIPPING_EVENT_LABELS = {
    "shipped": _("Shipped"),
    "delivered": _("Delivered"),
}


@register.filter
def shipping_event(event_type):
    return SHIPPING_EVENT_LABELS.get(event_type.code, event_type.name)
