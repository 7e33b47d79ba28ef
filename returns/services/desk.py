"""The returns desk moves a return along: approve, reject, label, receive,
replace and close."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from audit.actions import Action as AuditAction
from audit.services import record as audit_record
from returns.models import (
    ReturnLine,
    ReturnRequest,
)
from returns.services.workflow import ReturnError, _move

Status = ReturnRequest.Status


def return_approve(*, return_request, actor, issue_label=True) -> ReturnRequest:
    """Approve a requested return; its label is made right after, by a task
    (unless `issue_label` is False: the caller makes it). Raises ReturnError
    when the return is no longer waiting."""
    with transaction.atomic():
        approved = _move(return_request, Status.APPROVED, actor=actor)
        audit_record(
            AuditAction.RETURN_APPROVED,
            company=approved.company,
            actor=actor,
            obj=approved,
        )
        if issue_label:
            approved_id = approved.pk
            transaction.on_commit(lambda: _queue_label(approved_id))
    return approved


def _queue_label(return_id):
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
        audit_record(
            AuditAction.RETURN_REJECTED,
            company=rejected.company,
            actor=actor,
            obj=rejected,
            data={"reason": reason[:500]},
        )
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


def return_replace(*, return_request, actor, note: str) -> ReturnRequest:
    """Mark a received return as replaced (the replacement ships like an
    order); the note says how, e.g. the delivery number."""
    with transaction.atomic():
        return _move(return_request, Status.REPLACED, actor=actor, note=note.strip())


def return_close(*, return_request, actor, note: str = "") -> ReturnRequest:
    """Close a refunded, credited or replaced return."""
    with transaction.atomic():
        return _move(return_request, Status.CLOSED, actor=actor, note=note.strip())


@task()
def return_label_task(*, return_id: int) -> None:
    """Make the label of a just approved return."""
    return_request = ReturnRequest.objects.select_related(
        "order__shipping_address", "company"
    ).get(pk=return_id)
    if return_request.status == ReturnRequest.Status.APPROVED:
        return_label_issue(return_request=return_request)
