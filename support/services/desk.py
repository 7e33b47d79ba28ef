"""Writes of the service desk's staff: assign, reply or note, change status
and priority, merge a duplicate, and propose a knowledge article from a
resolved request. Every change records an Event; public changes mail the
requester (support.services.notify), internal notes never do.

The SLA clocks (support.sla) stop while a request waits for the customer:
entering "waiting" notes the moment, leaving it adds the business minutes
waited to `paused_minutes` and moves the deadlines by them.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from cms.services import article_draft_create
from partner_portal import events
from partner_portal.audience import Audience
from partner_portal.permissions import StaffGroup, is_in_staff_group
from support import sla
from support.models import Event, Message, Priority, Status, SupportRequest
from support.services.notify import mail_requester
from support.services.requests import SupportError, attachment_add, request_locked


def _event(support_request, kind, *, actor, old="", new=""):
    return Event.objects.create(
        request=support_request, kind=kind, actor=actor, old=str(old), new=str(new)
    )


def _calendar(support_request):
    return support_request.team.calendar if support_request.team_id else None


def _recompute_deadlines(locked, now):
    locked.first_response_due, locked.resolution_due = sla.deadlines(locked, now)


def may_work_requests(user) -> bool:
    """Agents: the Support staff group (superusers are in every group)."""
    return user is not None and is_in_staff_group(user, StaffGroup.SUPPORT)


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.email


def request_assign(*, support_request, actor, assignee) -> SupportRequest:
    """Give the request to an agent (or to nobody, with None). Only agents
    can be assigned. Assigning is internal: the customer is not mailed.
    Raises SupportError for someone who is not an agent."""
    if assignee is not None and not may_work_requests(assignee):
        raise SupportError(_("Only service desk agents can be assigned."))
    with transaction.atomic():
        locked = request_locked(support_request)
        if locked.assignee_id == (assignee.pk if assignee else None):
            return locked
        old = _name(locked.assignee)
        locked.assignee = assignee
        locked.save(update_fields=["assignee", "updated_at"])
        _event(locked, Event.Kind.ASSIGNEE, actor=actor, old=old, new=_name(assignee))
    return locked


def agent_reply(
    *,
    support_request,
    author,
    body: str,
    internal: bool = False,
    files: list | None = None,
) -> Message:
    """An agent's public reply or internal note, with checked uploads
    (partner_portal.uploads.upload_check). A public reply is the first
    response if none was given, moves a new request to "in progress" and is
    mailed to the requester; an internal note changes nothing the customer
    sees and is never mailed. Raises SupportError for an empty message or a
    public reply on a closed request."""
    body = (body or "").strip()
    if not body and not files:
        raise SupportError(_("Write a message or attach a file."))
    with transaction.atomic():
        locked = request_locked(support_request)
        if not internal and locked.status == Status.CLOSED:
            raise SupportError(
                _("This request is closed; the customer is no longer answered here.")
            )
        message = Message.objects.create(
            request=locked, author=author, body=body, internal=internal
        )
        for checked in files or []:
            attachment_add(
                support_request=locked, user=author, checked=checked, message=message
            )
        if internal:
            _event(locked, Event.Kind.NOTE, actor=author)
            return message
        _event(locked, Event.Kind.REPLY, actor=author)
        if locked.first_response_at is None:
            locked.first_response_at = timezone.now()
        if locked.status == Status.NEW:
            locked.status = Status.IN_PROGRESS
            _event(
                locked,
                Event.Kind.STATUS,
                actor=author,
                old=Status.NEW,
                new=Status.IN_PROGRESS,
            )
        locked.save()
        mail_requester(locked, change="reply", message=message, actor=author)
        events.publish(
            events.Event.SUPPORT_REQUEST_REPLIED,
            company=locked.company,
            data={
                "request_number": locked.number,
                "message_id": message.pk,
                "status": locked.status,
                "replied_at": events.timestamp(message.created_at),
                "url": events.portal_link("support:detail", locked.number),
            },
        )
    return message


def status_change(*, support_request, actor, status: str, now=None) -> SupportRequest:
    """Move the request to `status` and mail the requester. Waiting for the
    customer stops the SLA clocks; leaving it adds the business minutes
    waited and moves the deadlines. Resolved notes the time (and the
    customer may rate); going back to work clears it. Merged requests stay
    closed. Raises SupportError for an unknown status or a merged request."""
    if status not in Status.values:
        raise SupportError(_("Choose a status."))
    now = now or timezone.now()
    with transaction.atomic():
        locked = request_locked(support_request)
        if locked.status == status:
            return locked
        if locked.merged_into_id:
            raise SupportError(_("A merged request stays closed."))
        old = locked.status
        calendar = _calendar(locked)
        if old == Status.WAITING and locked.waiting_since is not None:
            if calendar is not None:
                locked.paused_minutes += sla.business_minutes_between(
                    locked.waiting_since, now, calendar
                )
            locked.waiting_since = None
        # Before resolving: the deadline a resolution is measured against
        # includes the wait that just ended.
        _recompute_deadlines(locked, now)
        if status == Status.WAITING:
            locked.waiting_since = now
        if status == Status.RESOLVED:
            locked.resolved_at = now
            locked.closed_at = None
        elif status == Status.CLOSED:
            locked.resolved_at = locked.resolved_at or now
            locked.closed_at = now
        else:
            locked.resolved_at = None
            locked.closed_at = None
        locked.status = status
        locked.save()
        _event(locked, Event.Kind.STATUS, actor=actor, old=old, new=status)
        mail_requester(locked, change="status", actor=actor)
    return locked


def priority_change(
    *, support_request, actor, priority: str, now=None
) -> SupportRequest:
    """A new priority brings the SLA targets of that priority: the deadlines
    are computed again from the start of the request (a first response
    already given keeps its deadline). Raises SupportError for an unknown
    priority."""
    if priority not in Priority.values:
        raise SupportError(_("Choose a priority."))
    now = now or timezone.now()
    with transaction.atomic():
        locked = request_locked(support_request)
        if locked.priority == priority:
            return locked
        old = locked.priority
        locked.priority = priority
        _recompute_deadlines(locked, now)
        locked.save()
        _event(locked, Event.Kind.PRIORITY, actor=actor, old=old, new=priority)
    return locked


def request_merge(*, duplicate, target, actor, now=None) -> SupportRequest:
    """Close `duplicate` as merged into `target`, a request of the same
    company: the duplicate keeps its conversation (its page links to the
    target), both histories record the merge, and the duplicate's requester
    is told where the work goes on. Raises SupportError for the same
    request, another company's, a closed target or a merged duplicate."""
    if duplicate.pk == target.pk:
        raise SupportError(_("A request cannot be merged into itself."))
    if duplicate.company_id != target.company_id:
        raise SupportError(_("Only requests of the same company can be merged."))
    now = now or timezone.now()
    with transaction.atomic():
        # Lock in a fixed order, so two opposite merges cannot deadlock.
        first, second = sorted((duplicate, target), key=lambda r: r.pk)
        locked = {r.pk: request_locked(r) for r in (first, second)}
        duplicate, target = locked[duplicate.pk], locked[target.pk]
        if duplicate.merged_into_id:
            raise SupportError(_("This request is merged already."))
        if target.status == Status.CLOSED or target.merged_into_id:
            raise SupportError(_("A closed request cannot take a merge."))
        old = duplicate.status
        duplicate.merged_into = target
        duplicate.status = Status.CLOSED
        duplicate.closed_at = now
        duplicate.waiting_since = None
        duplicate.save()
        _event(duplicate, Event.Kind.STATUS, actor=actor, old=old, new=Status.CLOSED)
        _event(duplicate, Event.Kind.MERGED, actor=actor, new=target.number)
        _event(target, Event.Kind.MERGED, actor=actor, old=duplicate.number)
        mail_requester(duplicate, change="merged", actor=actor)
    return duplicate


def _as_html(text: str) -> str:
    return linebreaks(escape(text))


def knowledge_draft_create(*, support_request, actor, category_page):
    """An unpublished knowledge article under `category_page` for the
    knowledge team to edit and publish: the question (subject and
    description) and the agents' public replies. Internal notes never go
    into it. Its audience is the service's (signed-in customers for a plain
    problem report). A second click finds the first draft. Raises
    SupportError unless the request is resolved and has a public answer."""
    if support_request.resolved_at is None:
        raise SupportError(_("Only a resolved request can become an article."))
    answers = [
        message
        for message in Message.objects.filter(request=support_request)
        .public()
        .exclude(author_id=support_request.requester_id)
        .order_by("created_at", "pk")
        if message.body.strip()
    ]
    if not answers:
        raise SupportError(_("The request has no public answer to publish."))
    question = support_request.subject
    if support_request.description:
        question = f"{question}\n\n{support_request.description}"
    answer_html = "".join(_as_html(message.body) for message in answers)
    service = support_request.service
    with transaction.atomic():
        page, created = article_draft_create(
            user=actor,
            category_page=category_page,
            slug=f"{slugify(support_request.subject)[:60] or 'request'}-"
            f"{support_request.number.lower()}",
            title=support_request.subject,
            summary=Truncator(" ".join(answers[-1].body.split())).chars(480),
            sections=[(_("Question"), _as_html(question)), (_("Answer"), answer_html)],
            audience=service.audience if service else Audience.SIGNED_IN,
        )
        if created:
            _event(
                support_request,
                Event.Kind.KNOWLEDGE,
                actor=actor,
                new=Truncator(page.title).chars(200),
            )
    return page, created
