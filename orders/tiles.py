from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from oscar.core.loading import get_model

from orders.models import OrderApproval
from orders.selectors import approval_list, budget_use_list
from partner_portal.permissions import Capability
from partner_portal.tiles import Tile, register_tile

Order = get_model("order", "Order")
OPEN_STATUSES = ("Pending", "Processing", "Shipped")


def _open_orders(request):
    orders = Order.objects.for_company(request.company).filter(
        user=request.user, status__in=OPEN_STATUSES
    )
    pending = approval_list(
        company=request.company, status=OrderApproval.Status.PENDING
    ).filter(requested_by=request.user)
    # Decisions on the buyer's own orders of the last two weeks.
    decided = (
        approval_list(company=request.company)
        .filter(
            requested_by=request.user,
            decided_at__gte=timezone.now() - timedelta(days=14),
        )
        .exclude(status=OrderApproval.Status.PENDING)[:3]
    )
    links = [(_("Quick order"), reverse("orders:quick_order"))]
    if pending.exists():
        links.append((_("My orders waiting for approval"), reverse("orders:approvals")))
    links += [
        (
            _("Approved: %(total)s") % {"total": approval.total}
            if approval.status == OrderApproval.Status.APPROVED
            else _("Rejected: %(total)s, change your basket")
            % {"total": approval.total},
            reverse("orders:approval_detail", args=[approval.pk]),
        )
        for approval in decided
    ]
    return {
        "url": reverse("orders:list"),
        "link_text": _("Order history"),
        "count": (count := orders.count()),
        "count_label": ngettext("open order", "open orders", count),
        "secondary": (waiting := pending.count()),
        "secondary_label": ngettext(
            "waiting for approval", "waiting for approval", waiting
        ),
        "links": links,
    }


def _approvals(request):
    pending = (
        approval_list(company=request.company, status=OrderApproval.Status.PENDING)
        .exclude(requested_by=request.user)
        .count()
    )
    return {
        "url": reverse("orders:approvals"),
        "link_text": _("Approvals"),
        "count": pending,
        "count_label": ngettext(
            "order awaits your approval", "orders await your approval", pending
        ),
    }


def _budget(request):
    uses = budget_use_list(company=request.company, buyer=request.user)
    return {
        "uses": uses,
        "empty": _("No budget limit is set for you."),
    }


register_tile(
    Tile(
        key="orders.open",
        title=_("My orders"),
        capability=Capability.ORDER_VIEW_OWN,
        context=_open_orders,
        order=25,
        lazy=True,
    )
)
register_tile(
    Tile(
        key="orders.approvals",
        title=_("Awaiting my approval"),
        capability=Capability.ORDER_APPROVE,
        context=_approvals,
        order=26,
    )
)
register_tile(
    Tile(
        key="orders.budget",
        title=_("Budget used this month"),
        capability=Capability.ORDER_PLACE,
        context=_budget,
        order=27,
        template="orders/tiles/budget.html",
    )
)
