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
