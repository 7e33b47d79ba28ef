"""Settling a received return: refund the payment or issue a credit note."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from oscar.templatetags.currency_filters import currency

from returns.credit_notes import credit_note_create, received_vat
from returns.models import (
    CreditNote,
    ReturnRequest,
)
from returns.services.workflow import ReturnError, _move

Status = ReturnRequest.Status


def refund_amount(return_request) -> Decimal:
    """Gross value of what arrived, at the prices of the order."""
    return received_vat(return_request).gross.quantize(Decimal("0.01"))


def _settled_elsewhere(return_request) -> Decimal:
    """What other returns of the same order already refunded or credited."""
    others = ReturnRequest.objects.filter(order=return_request.order).exclude(
        pk=return_request.pk
    )
    refunded = others.aggregate(total=Sum("refund_amount"))["total"] or 0
    credited = (
        CreditNote.objects.filter(return_request__in=others).aggregate(
            total=Sum("amount")
        )["total"]
        or 0
    )
    return Decimal(refunded) + Decimal(credited)


def _amount_due(return_request) -> Decimal:
    amount = refund_amount(return_request)
    left = return_request.order.total_incl_tax - _settled_elsewhere(return_request)
    amount = min(amount, max(left, Decimal("0.00")))
    if amount <= 0:
        raise ReturnError(
            _("Nothing was received that could be refunded; replace or close it.")
        )
    return amount


def return_card_refundable(order) -> bool:
    """The order was paid by card and Stripe is configured to refund it."""
    from orders.services.payment import stripe_enabled

    return (
        order.payment_method == "card"
        and bool(order.stripe_payment_intent)
        and stripe_enabled()
    )


def return_credit_allowed(order) -> bool:
    """A credit note settles every order except one Stripe can refund."""
    return not return_card_refundable(order)


def return_refund(*, return_request, actor) -> ReturnRequest:
    """Refund a received return of a card-paid order through Stripe: the
    received quantities at the order's gross prices (a partial refund when
    less arrived), never more than the order total minus earlier refunds and
    credits. The Stripe call carries an idempotency key per return, so a retry
    cannot refund twice. Raises ReturnError when the order was not paid by
    card, nothing arrived, or Stripe refuses; the return stays received."""
    from orders.payments import PaymentError, refund_create

    order = return_request.order
    if order.payment_method != "card" or not order.stripe_payment_intent:
        raise ReturnError(
            _("This order was not paid by card; issue a credit note instead.")
        )
    with transaction.atomic():
        locked = ReturnRequest.objects.select_for_update().get(pk=return_request.pk)
        if locked.status != Status.RECEIVED:
            raise ReturnError(_("Only a received return can be refunded."))
        amount = _amount_due(locked)
        try:
            refund_id = refund_create(
                order=order,
                amount=amount,
                idempotency_key=f"portal-return-{locked.number}-refund",
                metadata={"rma_number": locked.number},
            )
        except PaymentError as error:
            raise ReturnError(str(error)) from error
        locked.refund_amount = amount
        locked.stripe_refund_id = refund_id
        locked.save(update_fields=["refund_amount", "stripe_refund_id"])
        return _move(
            locked,
            Status.REFUNDED,
            actor=actor,
            note=_("%(amount)s refunded to the card.")
            % {"amount": currency(amount, order.currency)},
        )


def return_credit(*, return_request, actor) -> ReturnRequest:
    """Credit a received return of an order on account: a credit note PDF
    (WeasyPrint) for the received quantities at the order's gross prices,
    kept privately among the company's documents. A card-paid order is
    credited too when Stripe is not configured, as the card cannot be refunded
    from the portal then. Raises ReturnError when the order was paid by card
    and Stripe can refund it, or nothing arrived."""
    order = return_request.order
    if not return_credit_allowed(order):
        raise ReturnError(_("This order was paid by card; refund it instead."))
    with transaction.atomic():
        locked = ReturnRequest.objects.select_for_update().get(pk=return_request.pk)
        if locked.status != Status.RECEIVED:
            raise ReturnError(_("Only a received return can be credited."))
        amount = _amount_due(locked)
        note = credit_note_create(return_request=locked, amount=amount)
        return _move(
            locked,
            Status.CREDITED,
            actor=actor,
            note=_("Credit note %(number)s.") % {"number": note.number},
        )
