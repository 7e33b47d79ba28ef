"""Mails about approvals: to the approvers when an order waits, to the
buyer when it is decided (queued, each in the recipient's language)."""

from django.utils.translation import gettext as _

from orders.models import OrderApproval
from partner_portal.mail import send_mail_to
from partner_portal.models import Membership
from partner_portal.permissions import Role


def _notify_approvers(approval_id: int) -> None:
    approval = OrderApproval.objects.select_related("company", "requested_by").get(
        pk=approval_id
    )
    approvers = [
        membership.user
        for membership in Membership.objects.for_company(approval.company)
        .filter(is_active=True, role__in=[Role.APPROVER, Role.COMPANY_ADMIN])
        .exclude(user=approval.requested_by)
        .select_related("user")
    ]
    send_mail_to(
        approvers,
        subject=lambda: _("An order waits for your approval"),
        template="orders/email/approval_requested.txt",
        context={"approval": approval},
    )


def _notify_buyer(approval_id: int) -> None:
    approval = OrderApproval.objects.select_related("requested_by", "order").get(
        pk=approval_id
    )
    send_mail_to(
        approval.requested_by,
        subject=lambda: (
            _("Your order was %(status)s")
            % {"status": approval.get_status_display().lower()}
        ),
        template="orders/email/approval_decided.txt",
        context={"approval": approval},
    )
