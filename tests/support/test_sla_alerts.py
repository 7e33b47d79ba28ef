"""The SLA job (support.services.sla_alerts): the desk is mailed once when a
running request's deadline is close and once when it is missed; the
assignee, else the team; the customer never; nothing for requests whose
clock stands still or whose deadlines are far away."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from partner_portal.language import preferred_language_set
from support.models import Approval, SlaAlert, Status
from support.services.sla_alerts import sla_alerts_send
from tests.support.desk_world import agent, make_request, sla_targets, team

NOW = timezone.now().replace(microsecond=0)


@pytest.fixture
def desk(db, settings):
    settings.PORTAL_SLA_WARNING_MINUTES = 60
    settings.PORTAL_BASE_URL = "https://portal.example"
    sla_targets()
    staff = agent()
    other = agent(email="second@portal.example", first_name="Kim")
    return staff, other, team(members=[staff, other])


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the job as the scheduler's task does; the mails go out on commit."""

    def run(now=NOW):
        with django_capture_on_commit_callbacks(execute=True):
            return sla_alerts_send(now=now)

    return run


def _request(desk, company, buyer, *, first_in, resolution_in=None, **fields):
    """A request whose deadlines are `first_in` / `resolution_in` from NOW."""
    _staff, _other, desk_team = desk
    support_request = make_request(
        company=company, requester=buyer, desk_team=desk_team, **fields
    )
    support_request.first_response_due = NOW + first_in
    support_request.resolution_due = NOW + (resolution_in or timedelta(days=3))
    support_request.save(update_fields=["first_response_due", "resolution_due"])
    return support_request


def _alerts():
    return sorted(SlaAlert.objects.values_list("request__number", "deadline", "stage"))


def test_a_close_deadline_warns_the_assignee_once(desk, company, buyer, send):
    staff, _other, _team = desk
    request = _request(
        desk, company, buyer, first_in=timedelta(minutes=30), assignee=staff
    )

    assert send() == 1
    assert send() == 0  # the second run finds the alert sent

    assert _alerts() == [(request.number, "first_response", "warning")]
    [message] = mail.outbox
    assert message.to == [staff.email]
    assert message.subject == (
        f"[{request.number}] First response due soon: Printer offline"
    )
    assert f"request {request.number} from {company.name}" in message.body
    assert "is due soon" in message.body
    assert (
        f"https://portal.example/portal/support/desk/{request.number}/" in message.body
    )


def test_a_missed_deadline_is_a_breach_after_the_warning(desk, company, buyer, send):
    staff, _other, _team = desk
    request = _request(
        desk, company, buyer, first_in=timedelta(minutes=30), assignee=staff
    )
    assert send() == 1

    assert send(now=NOW + timedelta(minutes=31)) == 1
    assert send(now=NOW + timedelta(minutes=36)) == 0

    assert _alerts() == [
        (request.number, "first_response", "breached"),
        (request.number, "first_response", "warning"),
    ]
    assert [m.subject for m in mail.outbox] == [
        f"[{request.number}] First response due soon: Printer offline",
        f"[{request.number}] First response overdue: Printer offline",
    ]
    assert "is overdue" in mail.outbox[1].body


def test_an_overdue_request_first_seen_gets_only_the_breach(desk, company, buyer, send):
    staff, _other, _team = desk
    request = _request(
        desk,
        company,
        buyer,
        first_in=timedelta(hours=-5),
        resolution_in=timedelta(minutes=-1),
        assignee=staff,
    )

    assert send() == 2

    assert _alerts() == [
        (request.number, "first_response", "breached"),
        (request.number, "resolution", "breached"),
    ]
    assert sorted(m.subject for m in mail.outbox) == [
        f"[{request.number}] First response overdue: Printer offline",
        f"[{request.number}] Resolution overdue: Printer offline",
    ]
    [resolution] = [m for m in mail.outbox if "Resolution" in m.subject]
    assert "was not resolved in time" in resolution.body


def test_an_unassigned_request_warns_the_team_never_the_customer(
    desk, company, buyer, send
):
    staff, other, _team = desk
    _request(desk, company, buyer, first_in=timedelta(minutes=10))

    assert send() == 1

    assert sorted(m.to[0] for m in mail.outbox) == sorted([staff.email, other.email])
    assert all(buyer.email not in m.to for m in mail.outbox)


def test_an_answered_request_is_only_watched_for_its_resolution(
    desk, company, buyer, send
):
    staff, _other, _team = desk
    request = _request(
        desk,
        company,
        buyer,
        first_in=timedelta(hours=-2),
        resolution_in=timedelta(minutes=45),
        assignee=staff,
        first_response_at=NOW - timedelta(hours=3),
        status=Status.IN_PROGRESS,
    )

    assert send() == 1

    assert _alerts() == [(request.number, "resolution", "warning")]
    assert "must be resolved soon" in mail.outbox[0].body


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.RESOLVED, "resolved_at": NOW - timedelta(hours=1)},
        {"status": Status.CLOSED, "closed_at": NOW - timedelta(hours=1)},
        {"status": Status.WAITING, "waiting_since": NOW - timedelta(hours=1)},
        {"approval": Approval.PENDING},
        {"approval": Approval.REJECTED},
    ],
    ids=["resolved", "closed", "waiting", "pending-approval", "rejected"],
)
def test_no_alert_while_the_clock_stands_still(desk, company, buyer, send, fields):
    staff, _other, _team = desk
    _request(
        desk,
        company,
        buyer,
        first_in=timedelta(hours=-1),
        resolution_in=timedelta(minutes=-1),
        assignee=staff,
        **fields,
    )

    assert send() == 0
    assert _alerts() == []
    assert mail.outbox == []


def test_no_alert_for_far_away_deadlines(desk, company, buyer, send, settings):
    staff, _other, _team = desk
    _request(desk, company, buyer, first_in=timedelta(minutes=61), assignee=staff)

    assert send() == 0
    assert mail.outbox == []

    settings.PORTAL_SLA_WARNING_MINUTES = 90
    assert send() == 1


def test_the_alert_is_in_the_agents_language(desk, company, buyer, send):
    staff, _other, _team = desk
    preferred_language_set(user=staff, language="de")
    _request(desk, company, buyer, first_in=timedelta(minutes=5), assignee=staff)

    assert send() == 1

    assert "Im Service-Desk öffnen:" in mail.outbox[0].body
    assert "Open it in the service desk:" not in mail.outbox[0].body


def test_an_alert_recorded_elsewhere_is_not_sent_again(desk, company, buyer, send):
    staff, _other, _team = desk
    request = _request(
        desk, company, buyer, first_in=timedelta(minutes=5), assignee=staff
    )
    # Another machine's run inserted the row first.
    SlaAlert.objects.create(
        request=request,
        deadline=SlaAlert.Deadline.FIRST_RESPONSE,
        stage=SlaAlert.Stage.WARNING,
        due=request.first_response_due,
    )

    assert send() == 0
    assert mail.outbox == []
    with pytest.raises(IntegrityError), transaction.atomic():
        SlaAlert.objects.create(
            request=request,
            deadline=SlaAlert.Deadline.FIRST_RESPONSE,
            stage=SlaAlert.Stage.WARNING,
            due=request.first_response_due,
        )


def test_a_deadline_that_moved_warns_again_for_its_new_time(desk, company, buyer, send):
    staff, _other, _team = desk
    request = _request(
        desk, company, buyer, first_in=timedelta(minutes=30), assignee=staff
    )
    assert send() == 1
    # The desk waited for the customer, who answered: the deadline moved on
    # by the paused time (support.services.requests._resume).
    request.first_response_due = NOW + timedelta(hours=4)
    request.save(update_fields=["first_response_due"])

    assert send(now=NOW + timedelta(minutes=31)) == 0  # the old time is gone
    assert send(now=NOW + timedelta(hours=3, minutes=30)) == 1
    assert send(now=NOW + timedelta(hours=3, minutes=40)) == 0

    assert sorted(SlaAlert.objects.values_list("stage", "due").order_by("due")) == [
        ("warning", NOW + timedelta(minutes=30)),
        ("warning", NOW + timedelta(hours=4)),
    ]
    assert [m.subject for m in mail.outbox] == [
        f"[{request.number}] First response due soon: Printer offline"
    ] * 2
