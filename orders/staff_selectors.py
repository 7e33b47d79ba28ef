"""Reads of our own staff (the ERP's staff key) across companies: the only
order reads that do not start from one company's scope."""

from django.shortcuts import get_object_or_404
from oscar.core.loading import get_model

from orders.selectors import order_filters_apply

Order = get_model("order", "Order")

DETAIL_PREFETCH = (
    "lines",
    "status_changes",
    "shipping_events__event_type",
    "shipping_events__line_quantities__line",
)


def staff_order_list(*, filters: dict | None = None):
    """Every company's orders (not the shop's own, which have no company),
    filtered like the order history plus by company, newest first unless
    `sort` says otherwise."""
    filters = filters or {}
    orders = Order.objects.filter(company__isnull=False).select_related(
        "user", "company"
    )
    if filters.get("company"):
        orders = orders.filter(company=filters["company"])
    return order_filters_apply(orders, filters)


def staff_order_get(*, number: str):
    """One company's order by number, with what its page shows, or Http404."""
    return get_object_or_404(
        staff_order_list()
        .select_related("shipping_address")
        .prefetch_related(*DETAIL_PREFETCH),
        number=number,
    )
