"""What the service desk's staff tests share: a team with a Berlin calendar
(Monday to Friday, 08:00–17:00), the SLA targets of the demo, agents, and
requests made with known deadlines (so the queue's order is known)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from partner_portal.permissions import StaffGroup
from support import sla
from support.models import (
    BusinessCalendar,
    Priority,
    SlaTarget,
    Status,
    SupportRequest,
    Team,
)
from tests.factories import StaffUserFactory

BERLIN = ZoneInfo("Europe/Berlin")
TARGETS = {
    Priority.URGENT: (60, 480),
    Priority.HIGH: (240, 1440),
    Priority.NORMAL: (480, 2880),
    Priority.LOW: (960, 4800),
}


def berlin(*args):
    return datetime(*args, tzinfo=BERLIN)


def sla_targets():
    for priority, (first, resolution) in TARGETS.items():
        SlaTarget.objects.update_or_create(
            priority=priority,
            defaults={
                "first_response_minutes": first,
                "resolution_minutes": resolution,
            },
        )


def team(slug="service-desk", name="Service desk", members=()):
    calendar, _created = BusinessCalendar.objects.get_or_create(
        name="Berlin office",
        defaults={"work_start": time(8), "work_end": time(17)},
    )
    desk_team, _created = Team.objects.get_or_create(
        slug=slug, defaults={"name": name, "calendar": calendar}
    )
    desk_team.members.add(*members)
    return desk_team


def agent(email="agent@portal.example", first_name="Sam", last_name="Agent"):
    return StaffUserFactory(
        email=email,
        first_name=first_name,
        last_name=last_name,
        staff_groups=[StaffGroup.SUPPORT],
    )


_numbers = iter(range(1, 1_000_000))


def make_request(
    *,
    company,
    requester,
    desk_team,
    subject="Printer offline",
    priority=Priority.NORMAL,
    status=Status.NEW,
    created_at=None,
    assignee=None,
    now=None,
    **fields,
):
    """A request created at `created_at` with its deadlines computed as
    support.sla does; saved without the services, so no mail is sent."""
    created_at = created_at or berlin(2026, 3, 9, 9, 0)
    support_request = SupportRequest(
        company=company,
        number=f"REQ-2026-{next(_numbers):06d}",
        subject=subject,
        priority=priority,
        status=status,
        team=desk_team,
        requester=requester,
        assignee=assignee,
        **fields,
    )
    support_request.save()
    # created_at is auto_now_add: set the known moment afterwards.
    SupportRequest.objects.filter(pk=support_request.pk).update(created_at=created_at)
    support_request.created_at = created_at
    first, resolution = sla.deadlines(support_request, now or created_at)
    support_request.first_response_due = first
    support_request.resolution_due = resolution
    support_request.save(update_fields=["first_response_due", "resolution_due"])
    return support_request


def hours_ago(hours, now=None):
    from django.utils import timezone

    return (now or timezone.now()) - timedelta(hours=hours)
