"""Mails about approvals: to the approvers when an order waits, to the
buyer when it is decided."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from orders.models import OrderApproval
from partner_portal.models import Membership
from partner_portal.permissions import Role


def _mail(*, to: list[str], subject: str, template: str, context: dict) -> None:
    if to:
        send_mail(
            subject=subject,
            message=render_to_string(template, context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=to,
        )


def _notify_approvers(approval_id: int) -> None:
    approval = OrderApproval.objects.select_related("company", "requested_by").get(
        pk=approval_id
    )
    approvers = (
        Membership.objects.for_company(approval.company)
        .filter(is_active=True, role__in=[Role.APPROVER, Role.COMPANY_ADMIN])
        .exclude(user=approval.requested_by)
        .values_list("user__email", flat=True)
    )
    with translation.override(settings.LANGUAGE_CODE):
        _mail(
            to=list(approvers),
            subject=_("An order waits for your approval"),
            template="orders/email/approval_requested.txt",
            context={"approval": approval, "base_url": settings.WAGTAILADMIN_BASE_URL},
        )


def _notify_buyer(approval_id: int) -> None:
    approval = OrderApproval.objects.select_related("requested_by", "order").get(
        pk=approval_id
    )
    with translation.override(settings.LANGUAGE_CODE):
        _mail(
            to=[approval.requested_by.email],
            subject=_("Your order was %(status)s")
            % {"status": approval.get_status_display().lower()},
            template="orders/email/approval_decided.txt",
            context={"approval": approval, "base_url": settings.WAGTAILADMIN_BASE_URL},
        )
