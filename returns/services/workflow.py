"""The steps of a return: which may follow which, the event each step
records and the mail it queues, and the document numbers."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from partner_portal.events import Event, portal_link, publish, timestamp
from partner_portal.mail import send_mail_to

# RMA and credit-note numbers (RMA-2026-000123) come from the portal's one
# numbering service; the name stays importable from returns.services.
from partner_portal.numbering import next_number  # noqa: F401
from returns.models import ReturnEvent, ReturnRequest
from returns.selectors import returns_desk_emails

Status = ReturnRequest.Status


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


def _date(value):
    from django.utils.formats import date_format

    return date_format(value, "SHORT_DATE_FORMAT")


# The returns desk.


def _event(return_request, status, *, actor, note="", old_status=None):
    event = ReturnEvent.objects.create(
        return_request=return_request, status=status, actor=actor, note=note
    )
    event_id = event.pk
    transaction.on_commit(lambda: _queue_status_mail(event_id))
    publish(
        Event.RETURN_STATUS_CHANGED,
        company=return_request.company,
        data={
            "return_number": return_request.number,
            "old_status": old_status,
            "status": str(status),
            "changed_at": timestamp(event.created_at),
            "url": portal_link("returns:detail", return_request.number),
        },
    )
    return event


def _queue_status_mail(event_id):
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
    old_status = locked.status
    locked.status = to_status
    locked.save(update_fields=["status", "updated_at"])
    _event(locked, to_status, actor=actor, note=note, old_status=old_status)
    return locked


@task()
def return_status_mail_task(*, event_id: int) -> None:
    """Tell the customer who asked for the return what just happened; a new
    return is also announced to the returns desk."""
    event = ReturnEvent.objects.select_related(
        "return_request__requested_by", "return_request__company"
    ).get(pk=event_id)
    return_request = event.return_request
    base_url = settings.PORTAL_BASE_URL
    context = {
        "return_request": return_request,
        "event": event,
        "url": base_url + reverse("returns:detail", args=[return_request.number]),
    }
    send_mail_to(
        return_request.requested_by,
        subject=lambda: (
            _("Return %(number)s: %(status)s")
            % {"number": return_request.number, "status": event.get_status_display()}
        ),
        template="returns/email/status.txt",
        context=context,
    )
    desk = returns_desk_emails()
    if event.status == ReturnRequest.Status.REQUESTED and desk:
        send_mail_to(
            desk,
            subject=lambda: (
                _("New return %(number)s from %(company)s")
                % {
                    "number": return_request.number,
                    "company": return_request.company.name,
                }
            ),
            template="returns/email/new_for_desk.txt",
            context={
                **context,
                "url": base_url
                + reverse("returns:desk_detail", args=[return_request.number]),
            },
        )
