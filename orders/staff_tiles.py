"""The support desk's start-page tile: orders of every company that nobody has
started to process yet, with a link into Oscar's dashboard where support
handles them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from oscar.core.loading import get_model

from partner_portal.permissions import StaffGroup, is_in_staff_group
from partner_portal.tiles import Tile, register_tile

Order = get_model("order", "Order")
TO_PROCESS = "Pending"


def _is_support(request):
    return request.user.is_authenticated and is_in_staff_group(
        request.user, StaffGroup.SUPPORT
    )


def _orders_to_process(request):
    # Staff see across companies: this is the explicit staff read.
    orders = Order.objects.filter(status=TO_PROCESS).order_by("date_placed")
    return {
        "url": reverse("dashboard:order-list") + f"?status={TO_PROCESS}",
        "link_text": _("Open the orders in the dashboard"),
        "count": (count := orders.count()),
        "count_label": ngettext(
            "order waits to be processed", "orders wait to be processed", count
        ),
        "links": [
            (
                order.number,
                reverse("dashboard:order-detail", kwargs={"number": order.number}),
            )
            for order in orders[:3]
        ],
    }


register_tile(
    Tile(
        key="orders.support_queue",
        title=_("Orders to process"),
        is_visible=_is_support,
        context=_orders_to_process,
        order=12,
    )
)
