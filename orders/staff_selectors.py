"""Reads of our own staff (the ERP's staff key) across companies: the only
order reads that do not start from one company's scope."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from oscar.core.loading import get_model

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
    if filters.get("status"):
        orders = orders.filter(status=filters["status"])
    if filters.get("date_from"):
        orders = orders.filter(date_placed__date__gte=filters["date_from"])
    if filters.get("date_to"):
        orders = orders.filter(date_placed__date__lte=filters["date_to"])
    if filters.get("po_number"):
        orders = orders.filter(purchase_order_number__icontains=filters["po_number"])
    if filters.get("q"):
        term = filters["q"]
        orders = orders.filter(
            Q(number__icontains=term)
            | Q(purchase_order_number__icontains=term)
            | Q(cost_centre__icontains=term)
        )
    return orders.order_by(filters.get("sort") or "-date_placed", "-pk")


def staff_order_get(*, number: str):
    """One company's order by number, with what its page shows, or Http404."""
    return get_object_or_404(
        staff_order_list()
        .select_related("shipping_address")
        .prefetch_related(*DETAIL_PREFETCH),
        number=number,
    )
