"""The SLA job's work: mail the service desk when a request's deadline is
close (PORTAL_SLA_WARNING_MINUTES before it, in real time) and once more
when it is missed. Only staff are mailed: the assignee, or without one the
request's team; the customer never.

Each alert (request, deadline, stage, due time) is sent once: its SlaAlert
row is inserted in the same transaction that queues the mail, so a second
run, or two machines running the job at once, find the row and send nothing.
A deadline that moved (the customer answered after a wait, the priority
changed) is warned about again when its new time comes close.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from partner_portal.mail import send_mail_to
from support.models import SlaAlert, Status, SupportRequest
from support.services.notify import desk_recipients, desk_url
from support.sla import _NOT_STARTED

logger = logging.getLogger(__name__)

# The clocks run while the desk works on a request; waiting for the customer
# stops them (and the stored deadlines move when the customer answers).
RUNNING = (Status.NEW, Status.IN_PROGRESS)

Deadline = SlaAlert.Deadline
Stage = SlaAlert.Stage


def _running_requests(horizon):
    first = Q(first_response_at__isnull=True, first_response_due__lte=horizon)
    resolution = Q(resolved_at__isnull=True, resolution_due__lte=horizon)
    return (
        SupportRequest.objects.filter(status__in=RUNNING, waiting_since__isnull=True)
        .exclude(approval__in=_NOT_STARTED)
        .filter(first | resolution)
        .select_related("team", "assignee", "company")
        .order_by("pk")
    )


def _alerts_of(support_request, now, horizon):
    """(deadline, stage, due) of every alert the request calls for now."""
    clocks = [
        (
            Deadline.FIRST_RESPONSE,
            support_request.first_response_due,
            "first_response_at",
        ),
        (Deadline.RESOLUTION, support_request.resolution_due, "resolved_at"),
    ]
    for deadline, due, done in clocks:
        if due is None or getattr(support_request, done) is not None:
            continue
        if due <= now:
            yield deadline, Stage.BREACHED, due
        elif due <= horizon:
            yield deadline, Stage.WARNING, due


def _recipients(support_request):
    # Internal only: never the customer, whatever the desk's set-up.
    return [
        user
        for user in desk_recipients(support_request)
        if user.is_active and user.pk != support_request.requester_id
    ]


def _subject(support_request, deadline, stage):
    values = {"number": support_request.number, "subject": support_request.subject}
    if deadline == Deadline.FIRST_RESPONSE:
        if stage == Stage.BREACHED:
            return _("[%(number)s] First response overdue: %(subject)s") % values
        return _("[%(number)s] First response due soon: %(subject)s") % values
    if stage == Stage.BREACHED:
        return _("[%(number)s] Resolution overdue: %(subject)s") % values
    return _("[%(number)s] Resolution due soon: %(subject)s") % values


def _alert_send(support_request, deadline, stage, due) -> int:
    """Record the alert and queue its mails; 0 when it was sent before (or
    nobody can be told: the row is kept, so the job does not retry it)."""
    try:
        with transaction.atomic():
            SlaAlert.objects.create(
                request=support_request, deadline=deadline, stage=stage, due=due
            )
            return send_mail_to(
                _recipients(support_request),
                template="support/email/sla_alert.txt",
                subject=lambda: _subject(support_request, deadline, stage),
                context={
                    "support_request": support_request,
                    "deadline": deadline,
                    "stage": stage,
                    "due": due,
                    "url": desk_url(support_request),
                },
            )
    except IntegrityError:
        return 0


def sla_alerts_send(now=None) -> int:
    """Send the SLA alerts due at `now`; returns how many alerts were sent
    (each to the assignee or to every member of the team)."""
    now = now or timezone.now()
    horizon = now + timedelta(minutes=settings.PORTAL_SLA_WARNING_MINUTES)
    sent = 0
    for support_request in _running_requests(horizon):
        for deadline, stage, due in _alerts_of(support_request, now, horizon):
            if _alert_send(support_request, deadline, stage, due):
                sent += 1
    if sent:
        logger.info("Sent %d SLA alerts.", sent)
    return sent
