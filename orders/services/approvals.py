"""Approving or rejecting an order that waits for approval, and the mails
to approvers and buyers."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from audit.actions import Action as AuditAction
from audit.services import record as audit_record
from orders.models import OrderApproval, OrderApprovalEvent
from orders.services.approval_mail import _notify_buyer
from orders.services.checkout import (
    CheckoutError,
    _check_credit,
    _check_lines_available,
    _lock_stock,
    _place,
    _totals,
)
from orders.services.payment import PAYMENT_ACCOUNT
from partner_portal.events import Event, portal_link, publish, timestamp
from partner_portal.permissions import Capability, capabilities_for

Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")


class ApprovalError(Exception):
    """The approval cannot be decided; the message says why."""


@transaction.atomic
def approval_decide(
    *, approval: OrderApproval, user, membership, approve: bool, comment: str = ""
) -> OrderApproval:
    """Approve (place the order) or reject (give the basket back) once.

    Only approvers may decide, never on their own order; the approval row is
    locked so that two approvers at once place one order. Raises ApprovalError."""
    approval = OrderApproval.objects.select_for_update().get(pk=approval.pk)
    if Capability.ORDER_APPROVE not in capabilities_for(membership) or (
        membership.company_id != approval.company_id
    ):
        raise ApprovalError(_("You may not approve orders."))
    if approval.requested_by_id == user.pk:
        raise ApprovalError(_("You cannot approve or reject your own order."))
    if approval.status != OrderApproval.Status.PENDING:
        raise ApprovalError(
            _("This order was already %(status)s.")
            % {"status": approval.get_status_display().lower()}
        )
    if not approve and not comment.strip():
        raise ApprovalError(_("Please say why you reject the order."))
    basket = Basket.objects.select_for_update().get(pk=approval.basket_id)
    buyer = approval.requested_by
    if approve:
        _lock_stock(basket)
        basket.strategy = Selector().strategy(user=buyer, company=approval.company)
        basket.thaw()
        totals = _totals(basket)
        try:
            _check_lines_available(basket)
            if approval.payment_method == PAYMENT_ACCOUNT:
                _check_credit(company=approval.company, total=totals.gross)
        except CheckoutError as error:
            raise ApprovalError(str(error)) from error
        approval.order = _place(
            basket=basket,
            totals=totals,
            user=buyer,
            company=approval.company,
            address=approval.delivery_address,
            po_number=approval.purchase_order_number,
            cost_centre=approval.cost_centre,
            payment_method=approval.payment_method,
        )
        approval.status = OrderApproval.Status.APPROVED
    else:
        # The buyer gets the basket back to change it (Oscar merges it with
        # any basket they opened meanwhile).
        basket.thaw()
        approval.status = OrderApproval.Status.REJECTED
    approval.decided_at = timezone.now()
    approval.decided_by = user
    approval.comment = comment.strip()
    approval.save()
    OrderApprovalEvent.objects.create(
        approval=approval, status=approval.status, user=user, comment=approval.comment
    )
    audit_record(
        AuditAction.ORDER_APPROVED if approve else AuditAction.ORDER_REJECTED,
        company=approval.company,
        actor=user,
        obj=approval,
        data={
            "order_number": approval.order.number if approval.order_id else None,
            "comment": approval.comment,
        },
    )
    approval_id = approval.pk
    transaction.on_commit(lambda: _notify_buyer(approval_id))
    _publish_decision(approval)
    return approval


def _publish_decision(approval: OrderApproval) -> None:
    """An order waiting for approval has no order number yet: approving
    places it (status "Pending"), rejecting ends it ("Rejected")."""
    order = approval.order if approval.order_id else None
    publish(
        Event.ORDER_STATUS_CHANGED,
        company=approval.company,
        data={
            "order_number": order.number if order else None,
            "approval_id": approval.pk,
            "old_status": "Awaiting approval",
            "status": order.status if order else "Rejected",
            "changed_at": timestamp(approval.decided_at),
            "url": (
                portal_link("orders:detail", order.number)
                if order
                else portal_link("orders:approval_detail", approval.pk)
            ),
        },
    )
