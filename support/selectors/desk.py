"""Reads of the service desk's staff: the queue across companies, sorted by
urgency, with the SLA state of each shown row; the agents one may assign;
the requests a duplicate may be merged into. Staff only (Staff(SUPPORT)):
these selectors cross companies on purpose."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Case, F, IntegerField, Q, Value, When

from partner_portal.permissions import StaffGroup
from support import sla
from support.models import (
    OPEN_STATUSES,
    Holiday,
    SlaTarget,
    Status,
    SupportRequest,
)

OPEN = "open"
QUEUE_RELATED = ("company", "service", "team__calendar", "requester", "assignee")


def desk_queue(*, user, filters: dict | None = None):
    """Requests matching the filters (open ones by default), most urgent
    first: running clocks by their next deadline (breached ones lead),
    then requests waiting for the customer (their clocks stand still),
    then resolved and closed ones. The next deadline is the first
    response's until it is given, then the resolution's."""
    filters = filters or {}
    requests = SupportRequest.objects.select_related(*QUEUE_RELATED)
    status = filters.get("status", OPEN)
    if status == OPEN:
        requests = requests.filter(status__in=OPEN_STATUSES)
    elif status:
        requests = requests.filter(status=status)
    if filters.get("team"):
        requests = requests.filter(team=filters["team"])
    if filters.get("priority"):
        requests = requests.filter(priority=filters["priority"])
    if filters.get("assignee"):
        requests = requests.filter(assignee=filters["assignee"])
    if filters.get("mine"):
        requests = requests.filter(assignee=user)
    if filters.get("unassigned"):
        requests = requests.filter(assignee__isnull=True)
    if query := (filters.get("q") or "").strip():
        requests = requests.filter(
            Q(number__icontains=query)
            | Q(subject__icontains=query)
            | Q(company__name__icontains=query)
        )
    return requests.annotate(
        next_due=Case(
            When(
                first_response_at__isnull=True,
                resolved_at__isnull=True,
                then=F("first_response_due"),
            ),
            When(resolved_at__isnull=True, then=F("resolution_due")),
            default=None,
        ),
        urgency_rank=Case(
            When(status__in=(Status.NEW, Status.IN_PROGRESS), then=Value(0)),
            When(status=Status.WAITING, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
    ).order_by("urgency_rank", F("next_due").asc(nulls_last=True), "created_at", "pk")


@dataclass(frozen=True)
class QueueRow:
    request: SupportRequest
    sla: sla.SlaState


def _prime_calendars(requests) -> None:
    """Read the holidays of every calendar on the page in one query, into
    each calendar's cached `holiday_dates`."""
    calendars = [r.team.calendar for r in requests if r.team_id]
    holidays: dict[int, set] = {c.pk: set() for c in calendars}
    for calendar_id, day in Holiday.objects.filter(
        calendar_id__in=holidays
    ).values_list("calendar_id", "date"):
        holidays[calendar_id].add(day)
    for calendar in calendars:
        calendar.__dict__["holiday_dates"] = holidays[calendar.pk]


def sla_targets() -> dict:
    return {target.priority: target for target in SlaTarget.objects.all()}


def with_sla(requests, *, now: datetime) -> list[QueueRow]:
    """The SLA state of each request, in two queries for any number."""
    requests = list(requests)
    _prime_calendars(requests)
    targets = sla_targets()
    return [
        QueueRow(
            request=r,
            sla=sla.sla_state(
                r,
                now,
                target=targets.get(r.priority),
                calendar=r.team.calendar if r.team_id else None,
            ),
        )
        for r in requests
    ]


def agent_list(*, team=None):
    """Agents: active members of the Support group (and superusers), the
    team's members first when a team is given."""
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name=StaffGroup.SUPPORT) | Q(is_superuser=True))
        .distinct()
    )
    if team is not None:
        users = users.annotate(
            in_team=Case(
                When(pk__in=team.members.values("pk"), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        ).order_by("in_team", "first_name", "last_name", "email")
    else:
        users = users.order_by("first_name", "last_name", "email")
    return users


def merge_targets(*, support_request):
    """Other requests of the same company that a duplicate may go into."""
    return (
        SupportRequest.objects.for_company(support_request.company)
        .exclude(pk=support_request.pk)
        .exclude(status=Status.CLOSED)
        .filter(merged_into__isnull=True)
        .order_by("-created_at", "-pk")
    )
