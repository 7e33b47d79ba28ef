"""Demo returns of Acme, one in every status, made through the services as
the buyer and the returns desk would."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from returns import services
from returns.models import ReturnRequest

Order = get_model("order", "Order")
Status = ReturnRequest.Status

# submission key, PO number of the order, SKU, quantity, reason, comment, status
RETURNS = [
    (
        "demo-requested",
        "PO-ACME-0001",
        "BOLT-M8-100",
        2,
        "damaged",
        "Two boxes arrived torn open.",
        Status.REQUESTED,
    ),
    (
        "demo-approved",
        "PO-ACME-0001",
        "NUT-M8-100",
        1,
        "wrong_item",
        "M10 nuts instead of M8.",
        Status.APPROVED,
    ),
    (
        "demo-rejected",
        "PO-ACME-0001",
        "NUT-M8-100",
        2,
        "not_needed",
        "",
        Status.REJECTED,
    ),
    (
        "demo-label",
        "PO-ACME-0002",
        "GLOVE-L-10",
        1,
        "defective",
        "Seams come apart after one day.",
        Status.LABEL_ISSUED,
    ),
    ("demo-received", "PO-ACME-0002", "TAPE-50", 1, "damaged", "", Status.RECEIVED),
    (
        "demo-credited",
        "PO-ACME-0001",
        "BOLT-M8-100",
        1,
        "not_needed",
        "Ordered one box too many.",
        Status.CREDITED,
    ),
    (
        "demo-replaced",
        "PO-ACME-0002",
        "GLOVE-L-10",
        1,
        "wrong_item",
        "Size M instead of L.",
        Status.REPLACED,
    ),
    ("demo-closed", "PO-ACME-0001", "NUT-M8-100", 1, "other", "", Status.CLOSED),
    (
        "demo-refunded",
        "PO-ACME-CARD",
        "HELMET-W",
        1,
        "defective",
        "Cracked shell.",
        Status.REFUNDED,
    ),
]
# The order of the steps up to each demo status.
STEPS = [
    Status.APPROVED,
    Status.LABEL_ISSUED,
    Status.RECEIVED,
    Status.CREDITED,
    Status.CLOSED,
]


def _card_order(company, buyer):
    """A delivered order paid by card. The demo has no Stripe account: the
    order is marked paid as the webhook would mark it."""
    from orders.demo import _address, _basket
    from orders.services import PAYMENT_ACCOUNT, checkout_place

    order = (
        Order.objects.for_company(company)
        .filter(purchase_order_number="PO-ACME-CARD")
        .first()
    )
    if order is None:
        order = checkout_place(
            basket=_basket(buyer, company, [("HELMET-W", 3)]),
            user=buyer,
            company=company,
            address_id=_address(company).pk,
            po_number="PO-ACME-CARD",
            cost_centre="",
            payment_method=PAYMENT_ACCOUNT,
        ).order
        for status in ("Processing", "Shipped", "Complete"):
            order.set_status(status)
        Order.objects.filter(pk=order.pk).update(
            payment_method="card",
            paid_at=timezone.now(),
            stripe_payment_intent=f"pi_demo_{order.number}",
        )
        order.refresh_from_db()
    return order


def load(*, stdout, companies):
    User = get_user_model()
    company = companies["acme"]
    buyer = User.objects.get(email="buyer@acme.example")
    desk = User.objects.get(email="returns@portal.example")
    _card_order(company, buyer)
    made = 0
    for key, po_number, sku, quantity, reason, comment, status in RETURNS:
        if ReturnRequest.objects.for_company(company).filter(submission_key=key):
            continue
        order = Order.objects.for_company(company).get(purchase_order_number=po_number)
        line = order.lines.get(partner_sku=sku)
        with transaction.atomic():
            return_request = services.return_request_create(
                company=company,
                user=buyer,
                order=order,
                quantities={line.pk: quantity},
                reason=reason,
                comment=comment,
                photos=[],
                submission_key=key,
            )
            _walk(return_request, status, desk)
        made += 1
    stdout.write(f"Returns: {made} demo returns made, one in every status.")


def _walk(return_request, status, desk):
    if status == Status.REQUESTED:
        return
    if status == Status.REJECTED:
        services.return_reject(
            return_request=return_request,
            actor=desk,
            reason="The nuts were ordered as specified; please order M10 nuts.",
        )
        return
    services.return_approve(
        return_request=return_request, actor=desk, issue_label=False
    )
    if status == Status.APPROVED:
        return
    services.return_label_issue(return_request=return_request, actor=desk)
    if status == Status.LABEL_ISSUED:
        return
    services.return_receive(
        return_request=return_request,
        actor=desk,
        received={
            line.pk: (line.quantity, "opened") for line in return_request.lines.all()
        },
    )
    if status == Status.RECEIVED:
        return
    if status == Status.REPLACED:
        services.return_replace(
            return_request=return_request,
            actor=desk,
            note="Gloves size L sent with delivery DL-4711.",
        )
        return
    if status == Status.REFUNDED:
        _refund_without_stripe(return_request, desk)
        return
    services.return_credit(return_request=return_request, actor=desk)
    if status == Status.CLOSED:
        services.return_close(return_request=return_request, actor=desk)


def _refund_without_stripe(return_request, desk):
    """What return_refund records after Stripe said yes; the demo has no
    Stripe account to ask."""
    locked = ReturnRequest.objects.select_for_update().get(pk=return_request.pk)
    locked.refund_amount = services.refund_amount(locked)
    locked.stripe_refund_id = f"re_demo_{locked.number}"
    locked.save(update_fields=["refund_amount", "stripe_refund_id"])
    services._move(locked, Status.REFUNDED, actor=desk, note="Demo refund.")
