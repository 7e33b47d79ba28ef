"""Writes of the customer's side of a support request: create one (from a
service's form or as a plain problem report), reply, approve or reject,
rate, reopen, and count a deflection. Every change records an Event and
mails the requester about public changes after the transaction commits."""

import os
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.actions import Action as AuditAction
from audit.services import record as audit_record
from partner_portal.numbering import next_number
from support import sla
from support.models import (
    Approval,
    Attachment,
    Deflection,
    Event,
    Message,
    Service,
    Status,
    SupportRequest,
    SupportSettings,
    Team,
)
from support.services.notify import mail_approvers, mail_requester, mail_team

# Problem reports without a service go to the first-level team.
GENERAL_TEAM_SLUG = "service-desk"
NUMBER_FORMAT = "REQ-{year}-{number:06d}"


class SupportError(Exception):
    """A rule of the service desk is broken; the message is for the user."""


def _event(support_request, kind, *, actor=None, old="", new=""):
    return Event.objects.create(
        request=support_request, kind=kind, actor=actor, old=str(old), new=str(new)
    )


def attachment_add(*, support_request, user, checked, message=None) -> Attachment:
    """Keep a checked upload (partner_portal.uploads.upload_check) privately."""
    original = os.path.basename(getattr(checked.upload, "name", "") or "")
    filename = original[:200] or f"attachment.{checked.extension}"
    attachment = Attachment(
        request=support_request,
        message=message,
        filename=filename,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=user,
    )
    attachment.file.save(
        f"{support_request.number}-{uuid.uuid4().hex[:12]}.{checked.extension}",
        checked.upload,
        save=False,
    )
    attachment.save()
    return attachment


def _set_deadlines(support_request, now):
    first_due, resolution_due = sla.deadlines(support_request, now)
    support_request.first_response_due = first_due
    support_request.resolution_due = resolution_due


def request_create(
    *,
    company,
    user,
    subject: str,
    description: str = "",
    service: Service | None = None,
    answers: dict | None = None,
    files: list | None = None,
    submission_key: str = "",
) -> SupportRequest:
    """A new request of `user` for `company`: for a `service` (routed to its
    team, waiting for the company's approval when the service needs it) or a
    plain problem report (routed to the first-level team). `files` are
    checked uploads. A second submit with the same `submission_key` returns
    the first request unchanged. Raises SupportError without a subject or for
    an inactive service."""
    subject = " ".join((subject or "").split())[:200]
    if not subject:
        raise SupportError(_("Enter a subject."))
    if service is not None and not service.is_active:
        raise SupportError(_("This service cannot be requested any more."))
    with transaction.atomic():
        if submission_key:
            existing = (
                SupportRequest.objects.for_company(company)
                .select_for_update()
                .filter(submission_key=submission_key)
                .first()
            )
            if existing is not None:
                return existing
        if service is not None:
            team = service.team
            priority = service.default_priority
            needs_approval = service.requires_approval
        else:
            team = Team.objects.filter(slug=GENERAL_TEAM_SLUG).first()
            priority = SupportRequest.Priority.NORMAL
            needs_approval = False
        support_request = SupportRequest(
            company=company,
            number=next_number("request", format=NUMBER_FORMAT),
            service=service,
            subject=subject,
            description=(description or "").strip(),
            answers=answers or {},
            priority=priority,
            team=team,
            requester=user,
            approval=Approval.PENDING if needs_approval else Approval.NOT_NEEDED,
            submission_key=submission_key,
        )
        support_request.full_clean(exclude=["team", "service"])
        support_request.save()
        if not needs_approval:
            _set_deadlines(support_request, timezone.now())
            support_request.save(update_fields=["first_response_due", "resolution_due"])
        for checked in files or []:
            attachment_add(support_request=support_request, user=user, checked=checked)
        _event(support_request, Event.Kind.CREATED, actor=user, new=Status.NEW)
        mail_requester(support_request, change="created")
        if needs_approval:
            mail_approvers(support_request)
        else:
            mail_team(support_request, change="created")
    return support_request


def request_locked(support_request) -> SupportRequest:
    """The request again, its row locked for a change (the customer's and the
    desk's writes both take it through here)."""
    return (
        SupportRequest.objects.select_for_update(of=("self",))
        .select_related("team__calendar", "requester", "assignee", "company")
        .get(pk=support_request.pk)
    )


def customer_reply(
    *, support_request, user, body: str, files: list | None = None
) -> Message:
    """A public reply of a company member on an open request. A request
    waiting for the customer goes back to the team (in progress) and its SLA
    clock runs again. Raises SupportError for an empty reply or a request
    that is resolved or closed (reopen it first)."""
    body = (body or "").strip()
    if not body and not files:
        raise SupportError(_("Write a message or attach a file."))
    with transaction.atomic():
        locked = request_locked(support_request)
        if not locked.is_open:
            raise SupportError(
                _("This request is no longer open; reopen it to write again.")
            )
        message = Message.objects.create(request=locked, author=user, body=body)
        for checked in files or []:
            attachment_add(
                support_request=locked, user=user, checked=checked, message=message
            )
        _event(locked, Event.Kind.REPLY, actor=user)
        if locked.status == Status.WAITING:
            _resume(locked, user)
        locked.save()
        mail_requester(locked, change="reply", message=message, actor=user)
        mail_team(locked, change="reply", message=message)
    return message


def _resume(locked, actor):
    """Waiting for the customer ends: the paused business minutes are kept
    and the deadlines move by them."""
    now = timezone.now()
    if locked.waiting_since and locked.team_id:
        locked.paused_minutes += sla.business_minutes_between(
            locked.waiting_since, now, locked.team.calendar
        )
    locked.waiting_since = None
    old = locked.status
    locked.status = Status.IN_PROGRESS
    _set_deadlines(locked, now)
    _event(locked, Event.Kind.STATUS, actor=actor, old=old, new=locked.status)


def request_approve(
    *, support_request, user, approve: bool, reason: str = ""
) -> SupportRequest:
    """The company's approver decides on a service request awaiting approval.
    Approved: the team's work (and its SLA clock) starts. Rejected: the
    request is closed with the reason as a public message. The requester
    cannot approve their own request. Raises SupportError otherwise."""
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = request_locked(support_request)
        if locked.approval != Approval.PENDING:
            raise SupportError(_("This request is not awaiting approval."))
        if locked.requester_id == user.pk:
            raise SupportError(_("Someone else must approve your own request."))
        if not approve and not reason:
            raise SupportError(_("Say why the request is rejected."))
        now = timezone.now()
        locked.approval = Approval.APPROVED if approve else Approval.REJECTED
        locked.approved_by = user
        locked.approved_at = now
        message = None
        if approve:
            _set_deadlines(locked, now)
        else:
            locked.status = Status.CLOSED
            locked.closed_at = now
            message = Message.objects.create(request=locked, author=user, body=reason)
        locked.save()
        _event(locked, Event.Kind.APPROVAL, actor=user, new=locked.approval)
        audit_record(
            AuditAction.SUPPORT_APPROVED
            if approve
            else AuditAction.SUPPORT_APPROVAL_REFUSED,
            company=locked.company,
            actor=user,
            obj=locked,
            data={"reason": reason[:500]},
        )
        mail_requester(locked, change="approval", message=message, actor=user)
        if approve:
            mail_team(locked, change="created")
    return locked


def request_rate(
    *, support_request, user, rating: int, comment: str = ""
) -> SupportRequest:
    """The requester rates a resolved request from 1 to 5, with an optional
    comment; rating again replaces it. Raises SupportError otherwise."""
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise SupportError(_("Choose a rating from 1 to 5."))
    with transaction.atomic():
        locked = request_locked(support_request)
        if locked.status not in (Status.RESOLVED, Status.CLOSED) or (
            locked.resolved_at is None
        ):
            raise SupportError(_("A request can be rated once it is resolved."))
        if locked.requester_id != user.pk:
            raise SupportError(_("Only the requester rates a request."))
        locked.rating = rating
        locked.rating_comment = (comment or "").strip()[:2000]
        locked.save(update_fields=["rating", "rating_comment", "updated_at"])
        _event(locked, Event.Kind.RATED, actor=user, new=rating)
    return locked


def request_reopen(*, support_request, user, body: str = "") -> SupportRequest:
    """A resolved request goes back to its team, in progress, with the
    customer's reason as a public message. Raises SupportError unless it is
    resolved."""
    with transaction.atomic():
        locked = request_locked(support_request)
        if locked.status != Status.RESOLVED:
            raise SupportError(_("Only a resolved request can be reopened."))
        old = locked.status
        locked.status = Status.IN_PROGRESS
        locked.resolved_at = None
        locked.rating = None
        locked.rating_comment = ""
        _set_deadlines(locked, timezone.now())
        locked.save()
        message = None
        if (body or "").strip():
            message = Message.objects.create(
                request=locked, author=user, body=body.strip()
            )
        _event(locked, Event.Kind.REOPENED, actor=user, old=old, new=locked.status)
        mail_requester(locked, change="reopened", message=message, actor=user)
        mail_team(locked, change="reopened", message=message)
    return locked


def deflection_record(
    *, company, user, query: str, target_url: str, target_title: str
) -> Deflection:
    """ "This solved my problem": a suggestion answered the question, so no
    request is made. Only the portal's own addresses are recorded. Raises
    ValidationError for another address."""
    if not target_url.startswith("/") or target_url.startswith("//"):
        raise ValidationError(_("Only the portal's own pages can be recorded."))
    deflection = Deflection(
        company=company,
        user=user,
        query=(query or "").strip()[:200],
        target_url=target_url[:500],
        target_title=(target_title or "").strip()[:300] or target_url[:300],
    )
    deflection.full_clean()
    deflection.save()
    return deflection


def sharing_set(*, company, share: bool) -> SupportSettings:
    """Whether colleagues see the company's requests (company admins and
    approvers always do)."""
    settings, _created = SupportSettings.objects.update_or_create(
        company=company, defaults={"share_requests": bool(share)}
    )
    return settings
