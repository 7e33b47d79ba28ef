"""Writes of the returns workflow. Every change of a return goes through one
of these services, records a ReturnEvent (who, when, what) and tells the
customer by mail after the transaction commits."""

import logging
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from orders.selectors import SHIPPED_STATUSES
from returns.models import (
    CreditNote,
    NumberSequence,
    ReturnEvent,
    ReturnLine,
    ReturnPhoto,
    ReturnPolicy,
    ReturnRequest,
)
from returns.photos import CheckedPhoto

Order = get_model("order", "Order")
Status = ReturnRequest.Status
logger = logging.getLogger(__name__)

MAX_PHOTOS = 5

# Which step may follow which: the desk acts only along these arrows.
TRANSITIONS = {
    Status.REQUESTED: {Status.APPROVED, Status.REJECTED},
    Status.APPROVED: {Status.LABEL_ISSUED},
    Status.LABEL_ISSUED: {Status.RECEIVED},
    Status.RECEIVED: {Status.REFUNDED, Status.CREDITED, Status.REPLACED},
    Status.REFUNDED: {Status.CLOSED},
    Status.CREDITED: {Status.CLOSED},
    Status.REPLACED: {Status.CLOSED},
    Status.REJECTED: set(),
    Status.CLOSED: set(),
}


class ReturnError(Exception):
    """The step cannot be taken; the message says why, for the user."""


# Returnable quantities and the return window.


@dataclass(frozen=True)
class ReturnableLine:
    line: object
    shipped: int
    already_returned: int
    returnable: int
    deadline: object  # the last day a return may be requested, or None
    # Why nothing of the line can be returned ("" when something can).
    refusal: str


def delivered_at(order):
    """When the order arrived, as far as the portal knows: when staff marked
    it complete, else when it was shipped. None before it was shipped."""
    changes = {
        change.new_status: change.date_created
        for change in sorted(order.status_changes.all(), key=lambda c: c.date_created)
    }
    return changes.get("Complete") or changes.get("Shipped")


def _shipped_quantities(order) -> dict[int, int]:
    """Shipped quantity per line: what shipping events say, or (when staff
    only moved the order's status) the whole line once the order shipped."""
    shipped: dict[int, int] = {}
    has_events = False
    for event in order.shipping_events.all():
        has_events = True
        for quantity in event.line_quantities.all():
            shipped[quantity.line_id] = shipped.get(quantity.line_id, 0) + (
                quantity.quantity
            )
    if not has_events and order.status in SHIPPED_STATUSES:
        return {line.pk: line.quantity for line in order.lines.all()}
    return shipped


def _windows(lines) -> dict[int | None, int]:
    class_ids = {
        line.product.product_class_id for line in lines if line.product is not None
    }
    return dict(
        ReturnPolicy.objects.filter(product_class_id__in=class_ids).values_list(
            "product_class_id", "window_days"
        )
    )


def returned_quantities(order, *, exclude_return=None) -> dict[int, int]:
    """Per order line: quantity in returns that are not rejected."""
    lines = ReturnLine.objects.filter(return_request__order=order).exclude(
        return_request__status=Status.REJECTED
    )
    if exclude_return is not None:
        lines = lines.exclude(return_request=exclude_return)
    return dict(
        lines.values("order_line_id")
        .annotate(total=Sum("quantity"))
        .values_list("order_line_id", "total")
    )


def returnable_lines(*, order, today=None) -> list[ReturnableLine]:
    """Every line of the order with how much of it may still be returned
    and, if nothing, why."""
    today = today or timezone.localdate()
    lines = list(order.lines.all())
    shipped = _shipped_quantities(order)
    returned = returned_quantities(order)
    windows = _windows(lines)
    arrived = delivered_at(order) if order.status in SHIPPED_STATUSES else None
    result = []
    for line in lines:
        class_id = line.product.product_class_id if line.product else None
        window = windows.get(class_id, settings.PORTAL_RETURN_WINDOW_DAYS)
        deadline = (
            timezone.localtime(arrived).date() + timedelta(days=window)
            if arrived
            else None
        )
        line_shipped = shipped.get(line.pk, 0)
        line_returned = returned.get(line.pk, 0)
        returnable = max(line_shipped - line_returned, 0)
        refusal = ""
        if not arrived or line_shipped == 0:
            refusal = _("Not shipped yet.")
        elif window == 0:
            refusal = _("This product cannot be returned.")
        elif today > deadline:
            refusal = _("The return window of %(days)s days ended on %(date)s.") % {
                "days": window,
                "date": _date(deadline),
            }
        elif returnable == 0:
            refusal = _("Everything shipped of this line is already in a return.")
        result.append(
            ReturnableLine(
                line=line,
                shipped=line_shipped,
                already_returned=line_returned,
                returnable=0 if refusal else returnable,
                deadline=deadline,
                refusal=refusal,
            )
        )
    return result


def _date(value):
    from django.utils.formats import date_format

    return date_format(value, "SHORT_DATE_FORMAT")


# Numbers.


def next_number(prefix: str) -> str:
    """The next number of the year for `prefix`: RMA-2026-000123. Call inside
    a transaction: the counter row stays locked until it commits, so two
    requests at once get two numbers."""
    year = timezone.localdate().year
    try:
        with transaction.atomic():
            NumberSequence.objects.get_or_create(prefix=prefix, year=year)
    except IntegrityError:
        pass  # created by a request at the same moment
    sequence = NumberSequence.objects.select_for_update().get(prefix=prefix, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{prefix}-{year}-{sequence.last:06d}"


# Requesting a return.


def return_request_create(
    *,
    company,
    user,
    order,
    quantities: dict[int, int],
    reason: str,
    comment: str,
    photos: list[CheckedPhoto],
    submission_key: str,
) -> ReturnRequest:
    """A return of `quantities` (order line id -> quantity) of `order`.

    Rules: the order belongs to `company`; every line is a line of this order;
    at least one quantity is positive; no line more than its returnable
    quantity (shipped minus what other returns already hold), within its
    return window; a known reason; at most MAX_PHOTOS already checked photos.
    The order row is locked while quantities are checked, so two requests for
    the same line at once cannot both take the last piece. A second submit
    with the same `submission_key` returns the first return unchanged.
    Raises ReturnError (nothing saved) when a rule is broken."""
    if order.company_id != company.pk:
        raise ReturnError(_("This order does not exist."))
    if reason not in ReturnRequest.Reason.values:
        raise ReturnError(_("Choose a reason for the return."))
    if len(photos) > MAX_PHOTOS:
        raise ReturnError(
            _("At most %(max)s photos can be attached.") % {"max": MAX_PHOTOS}
        )
    wanted = {int(line_id): int(qty) for line_id, qty in quantities.items() if qty}
    if any(qty < 0 for qty in wanted.values()):
        raise ReturnError(_("Quantities cannot be negative."))
    if not wanted:
        raise ReturnError(_("Enter a quantity for at least one line."))

    with transaction.atomic():
        existing = (
            ReturnRequest.objects.for_company(company)
            .filter(submission_key=submission_key)
            .first()
        )
        if existing:
            return existing
        # Serialises requests for the same order (PostgreSQL row lock; SQLite
        # runs write transactions one at a time anyway).
        order = Order.objects.select_for_update().get(pk=order.pk)
        available = {row.line.pk: row for row in returnable_lines(order=order)}
        problems = []
        for line_id, qty in wanted.items():
            row = available.get(line_id)
            if row is None:
                raise ReturnError(_("A line is not part of this order."))
            if row.refusal:
                problems.append(f"{row.line.title}: {row.refusal}")
            elif qty > row.returnable:
                problems.append(
                    _("%(title)s: at most %(max)s can be returned, not %(qty)s.")
                    % {"title": row.line.title, "max": row.returnable, "qty": qty}
                )
        if problems:
            raise ReturnError(" ".join(problems))

        return_request = ReturnRequest(
            company=company,
            order=order,
            requested_by=user,
            reason=reason,
            comment=comment.strip(),
            submission_key=submission_key,
            number=next_number("RMA"),
        )
        return_request.full_clean()
        return_request.save()
        ReturnLine.objects.bulk_create(
            ReturnLine(
                return_request=return_request, order_line_id=line_id, quantity=qty
            )
            for line_id, qty in sorted(wanted.items())
        )
        for index, photo in enumerate(photos, start=1):
            stored = ReturnPhoto(
                return_request=return_request,
                content_type=photo.content_type,
                width=photo.width,
                height=photo.height,
                size=photo.size,
                original_name=(getattr(photo.upload, "name", "") or "")[:255],
            )
            photo.upload.seek(0)
            stored.image.save(
                f"{return_request.number}-{index}.{photo.extension}",
                ContentFile(photo.upload.read()),
                save=False,
            )
            stored.save()
        _event(return_request, Status.REQUESTED, actor=user, note=comment.strip())
    return return_request


# The returns desk.


def _event(return_request, status, *, actor, note=""):
    event = ReturnEvent.objects.create(
        return_request=return_request, status=status, actor=actor, note=note
    )
    event_id = event.pk
    transaction.on_commit(lambda: _queue_status_mail(event_id))
    return event


def _queue_status_mail(event_id):
    from returns.tasks import return_status_mail_task

    return_status_mail_task.enqueue(event_id=event_id)


def _move(return_request, to_status, *, actor, note=""):
    """Lock the return, check the arrow, set the status and record the event.
    Returns the locked, updated row."""
    locked = ReturnRequest.objects.select_for_update().get(pk=return_request.pk)
    if to_status not in TRANSITIONS[locked.status]:
        raise ReturnError(
            _("This return is %(status)s now; the step is no longer possible.")
            % {"status": locked.get_status_display()}
        )
    locked.status = to_status
    locked.save(update_fields=["status", "updated_at"])
    _event(locked, to_status, actor=actor, note=note)
    return locked


def return_approve(*, return_request, actor, issue_label=True) -> ReturnRequest:
    """Approve a requested return; its label is made right after, by a task
    (unless `issue_label` is False: the caller makes it). Raises ReturnError
    when the return is no longer waiting."""
    with transaction.atomic():
        approved = _move(return_request, Status.APPROVED, actor=actor)
        if issue_label:
            approved_id = approved.pk
            transaction.on_commit(lambda: _queue_label(approved_id))
    return approved


def _queue_label(return_id):
    from returns.tasks import return_label_task

    return_label_task.enqueue(return_id=return_id)


def return_reject(*, return_request, actor, reason: str) -> ReturnRequest:
    """Reject a requested return with a reason the customer reads.
    Raises ReturnError without a reason or when it is no longer waiting."""
    reason = (reason or "").strip()
    if not reason:
        raise ReturnError(_("Say why the return is rejected."))
    with transaction.atomic():
        rejected = _move(return_request, Status.REJECTED, actor=actor, note=reason)
        rejected.rejection_reason = reason
        rejected.save(update_fields=["rejection_reason"])
    return rejected


def return_label_issue(*, return_request, actor=None) -> ReturnRequest:
    """Render the return label (ReportLab) of an approved return, keep it
    privately and mark the label issued. Raises ReturnError when the return
    is not approved; a rendering failure leaves it approved."""
    from returns.labels import label_pdf

    with transaction.atomic():
        locked = ReturnRequest.objects.select_for_update().get(pk=return_request.pk)
        if locked.status != Status.APPROVED:
            raise ReturnError(_("A label is made only for an approved return."))
        pdf = label_pdf(locked)
        locked.label_pdf.save(
            f"{locked.number}-label.pdf", ContentFile(pdf), save=False
        )
        locked.save(update_fields=["label_pdf"])
        return _move(locked, Status.LABEL_ISSUED, actor=actor)


def return_receive(
    *, return_request, actor, received: dict[int, tuple[int, str]], note: str = ""
) -> ReturnRequest:
    """Book what arrived: return line id -> (quantity, condition). A quantity
    is between 0 and what the line asked to return; the condition is one of
    ReturnLine.Condition. Raises ReturnError (nothing saved) otherwise, or
    when the return is not waiting for goods."""
    with transaction.atomic():
        locked = _move(return_request, Status.RECEIVED, actor=actor, note=note)
        lines = {line.pk: line for line in locked.lines.select_related("order_line")}
        if set(received) != set(lines):
            raise ReturnError(_("Enter the received quantity of every line."))
        for line_id, (quantity, condition) in received.items():
            line = lines[line_id]
            if quantity is None or not 0 <= quantity <= line.quantity:
                raise ReturnError(
                    _("%(title)s: received quantity must be between 0 and %(max)s.")
                    % {"title": line.order_line.title, "max": line.quantity}
                )
            if quantity and condition not in ReturnLine.Condition.values:
                raise ReturnError(
                    _("%(title)s: choose the condition of the goods.")
                    % {"title": line.order_line.title}
                )
            line.received_quantity = quantity
            line.condition = condition if quantity else ""
        ReturnLine.objects.bulk_update(
            lines.values(), ["received_quantity", "condition"]
        )
    return locked


def refund_amount(return_request) -> Decimal:
    """Gross value of what arrived, at the prices of the order."""
    total = Decimal("0.00")
    for line in return_request.lines.select_related("order_line"):
        if line.received_quantity:
            total += line.order_line.unit_price_incl_tax * line.received_quantity
    return total.quantize(Decimal("0.01"))


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
    kept privately among the company's documents. Raises ReturnError when the
    order was paid by card or nothing arrived."""
    from returns.credit_notes import credit_note_create

    order = return_request.order
    if order.payment_method == "card":
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


def return_replace(*, return_request, actor, note: str) -> ReturnRequest:
    """Mark a received return as replaced (the replacement ships like an
    order); the note says how, e.g. the delivery number."""
    with transaction.atomic():
        return _move(return_request, Status.REPLACED, actor=actor, note=note.strip())


def return_close(*, return_request, actor, note: str = "") -> ReturnRequest:
    """Close a refunded, credited or replaced return."""
    with transaction.atomic():
        return _move(return_request, Status.CLOSED, actor=actor, note=note.strip())


def return_policy_set(*, windows: dict[int, int | None]) -> None:
    """Set the return window of product classes (id -> days); None drops the
    class's own window so that the PORTAL_RETURN_WINDOW_DAYS default applies."""
    with transaction.atomic():
        for class_id, days in windows.items():
            if days is None:
                ReturnPolicy.objects.filter(product_class_id=class_id).delete()
            else:
                policy = ReturnPolicy(product_class_id=class_id, window_days=days)
                policy.full_clean(validate_unique=False)
                ReturnPolicy.objects.update_or_create(
                    product_class_id=class_id, defaults={"window_days": days}
                )
