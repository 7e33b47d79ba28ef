"""Orders in the "my tasks" inbox (partner_portal.inbox)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.templatetags.currency_filters import currency

from orders.models import OrderApproval
from orders.selectors import approval_list
from partner_portal.inbox import InboxItem, InboxSource, register_source
from partner_portal.permissions import Capability
from partner_portal.policy import Member

APPROVER = Member(Capability.ORDER_APPROVE)


def approvals_awaiting(*, company, user):
    """Pending approvals the user may decide: an approver never decides their
    own order (orders.services.approval_decide), so those are not theirs to do."""
    return approval_list(company=company, status=OrderApproval.Status.PENDING).exclude(
        requested_by=user
    )


def _count(request):
    return approvals_awaiting(company=request.company, user=request.user).count()


def _items(request, limit):
    approvals = approvals_awaiting(company=request.company, user=request.user)
    return [
        InboxItem(
            title=_("%(total)s from %(buyer)s")
            % {
                "total": currency(approval.total, approval.currency),
                "buyer": approval.requested_by.get_full_name()
                or approval.requested_by.email,
            },
            url=reverse("orders:approval_detail", args=[approval.pk]),
            when=approval.created_at,
            detail=approval.purchase_order_number,
        )
        for approval in approvals.order_by("created_at", "pk")[:limit]
    ]


register_source(
    InboxSource(
        key="orders.approvals",
        title=gettext_lazy("Orders awaiting my approval"),
        is_visible=APPROVER.allows,
        count=_count,
        items=_items,
        url=lambda request: reverse("orders:approvals"),
        order=10,
    )
)
