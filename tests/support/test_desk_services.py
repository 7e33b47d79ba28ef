"""The service desk's staff actions (support.services.desk): assign, reply
or note, status and priority with the SLA clocks, merge, knowledge draft."""

import pytest
from django.core import mail

from cms.models import ArticlePage
from support.models import Event, Message, Priority, Status, SupportRequest
from support.services import desk
from support.services.requests import SupportError
from tests.factories.cms import knowledge_category
from tests.support.desk_world import agent, berlin, make_request, sla_targets, team


@pytest.fixture
def world(company, buyer, django_capture_on_commit_callbacks):
    sla_targets()
    staff = agent()
    desk_team = team(members=[staff])
    request = make_request(company=company, requester=buyer, desk_team=desk_team)
    return staff, desk_team, request


def _kinds(support_request):
    return list(support_request.events.values_list("kind", "old", "new"))


def test_an_agent_is_assigned_without_a_mail_to_the_customer(world, buyer):
    staff, _team, request = world

    desk.request_assign(support_request=request, actor=staff, assignee=staff)

    request.refresh_from_db()
    assert request.assignee == staff
    assert _kinds(request) == [(Event.Kind.ASSIGNEE, "", "Sam Agent")]
    assert mail.outbox == []


def test_a_customer_cannot_be_assigned(world, buyer):
    staff, _team, request = world

    with pytest.raises(SupportError):
        desk.request_assign(support_request=request, actor=staff, assignee=buyer)

    request.refresh_from_db()
    assert request.assignee is None
    assert _kinds(request) == []


def test_a_public_reply_is_the_first_response_and_reaches_the_customer(
    world, buyer, django_capture_on_commit_callbacks
):
    staff, _team, request = world

    with django_capture_on_commit_callbacks(execute=True):
        message = desk.agent_reply(
            support_request=request, author=staff, body="Please restart it."
        )

    request.refresh_from_db()
    assert message.internal is False
    assert request.first_response_at is not None
    assert request.status == Status.IN_PROGRESS
    assert [m.to for m in mail.outbox] == [[buyer.email]]
    assert "Please restart it." in mail.outbox[0].body
    assert _kinds(request) == [
        (Event.Kind.REPLY, "", ""),
        (Event.Kind.STATUS, Status.NEW, Status.IN_PROGRESS),
    ]


def test_an_internal_note_reaches_no_mail_and_is_no_response(
    world, django_capture_on_commit_callbacks
):
    staff, _team, request = world

    with django_capture_on_commit_callbacks(execute=True):
        desk.agent_reply(
            support_request=request,
            author=staff,
            body="Customer is on the old firmware.",
            internal=True,
        )

    request.refresh_from_db()
    assert mail.outbox == []
    assert request.first_response_at is None
    assert request.status == Status.NEW
    assert Message.objects.get().internal is True
    assert _kinds(request) == [(Event.Kind.NOTE, "", "")]


def test_waiting_for_the_customer_pauses_and_moves_the_deadlines(world):
    staff, _team, request = world
    first_due, resolution_due = request.first_response_due, request.resolution_due

    desk.status_change(
        support_request=request,
        actor=staff,
        status=Status.WAITING,
        now=berlin(2026, 3, 9, 10, 0),
    )
    request.refresh_from_db()
    assert request.waiting_since == berlin(2026, 3, 9, 10, 0)
    assert request.first_response_due == first_due

    # Back to work two business hours later (over lunch, no weekend).
    desk.status_change(
        support_request=request,
        actor=staff,
        status=Status.IN_PROGRESS,
        now=berlin(2026, 3, 9, 12, 0),
    )

    request.refresh_from_db()
    assert request.waiting_since is None
    assert request.paused_minutes == 120
    # 8 business hours from Monday 09:00 was 17:00; two more run into Tuesday.
    assert first_due == berlin(2026, 3, 9, 17, 0)
    assert request.first_response_due == berlin(2026, 3, 10, 10, 0)
    assert resolution_due == berlin(2026, 3, 16, 12, 0)
    assert request.resolution_due == berlin(2026, 3, 16, 14, 0)
    assert _kinds(request)[-2:] == [
        (Event.Kind.STATUS, Status.NEW, Status.WAITING),
        (Event.Kind.STATUS, Status.WAITING, Status.IN_PROGRESS),
    ]


def test_a_wait_over_the_weekend_counts_only_business_minutes(world):
    staff, _team, request = world

    desk.status_change(
        support_request=request,
        actor=staff,
        status=Status.WAITING,
        now=berlin(2026, 3, 13, 16, 0),  # Friday
    )
    desk.status_change(
        support_request=request,
        actor=staff,
        status=Status.RESOLVED,
        now=berlin(2026, 3, 16, 9, 30),  # Monday
    )

    request.refresh_from_db()
    assert request.paused_minutes == 150
    assert request.resolved_at == berlin(2026, 3, 16, 9, 30)


def test_status_change_mails_the_requester(
    world, buyer, django_capture_on_commit_callbacks
):
    staff, _team, request = world

    with django_capture_on_commit_callbacks(execute=True):
        desk.status_change(support_request=request, actor=staff, status="resolved")

    assert [m.to for m in mail.outbox] == [[buyer.email]]


def test_a_higher_priority_brings_earlier_deadlines(world):
    staff, _team, request = world  # normal: 8 h / 48 h from Monday 09:00

    desk.priority_change(
        support_request=request,
        actor=staff,
        priority=Priority.URGENT,
        now=berlin(2026, 3, 9, 9, 30),
    )

    request.refresh_from_db()
    assert request.priority == Priority.URGENT
    assert request.first_response_due == berlin(2026, 3, 9, 10, 0)
    assert request.resolution_due == berlin(2026, 3, 9, 17, 0)
    assert _kinds(request) == [(Event.Kind.PRIORITY, "normal", "urgent")]


def test_an_unknown_priority_changes_nothing(world):
    staff, _team, request = world

    with pytest.raises(SupportError):
        desk.priority_change(support_request=request, actor=staff, priority="asap")

    request.refresh_from_db()
    assert request.priority == Priority.NORMAL


def test_a_duplicate_is_merged_closed_and_its_requester_told(
    world, company, buyer, company_admin, django_capture_on_commit_callbacks
):
    staff, desk_team, target = world
    duplicate = make_request(
        company=company, requester=company_admin, desk_team=desk_team
    )

    with django_capture_on_commit_callbacks(execute=True):
        desk.request_merge(duplicate=duplicate, target=target, actor=staff)

    duplicate.refresh_from_db()
    target.refresh_from_db()
    assert duplicate.merged_into == target
    assert duplicate.status == Status.CLOSED
    assert duplicate.closed_at is not None
    assert target.status == Status.NEW
    assert (Event.Kind.MERGED, "", target.number) in _kinds(duplicate)
    assert _kinds(target) == [(Event.Kind.MERGED, duplicate.number, "")]
    assert [m.to for m in mail.outbox] == [[company_admin.email]]
    assert target.number in mail.outbox[0].body


def test_requests_of_two_companies_are_never_merged(world, other_company, other_buyer):
    staff, desk_team, target = world
    foreign = make_request(
        company=other_company, requester=other_buyer, desk_team=desk_team
    )

    with pytest.raises(SupportError):
        desk.request_merge(duplicate=foreign, target=target, actor=staff)

    foreign.refresh_from_db()
    assert foreign.merged_into is None
    assert foreign.status == Status.NEW
    assert Event.objects.count() == 0


def test_a_resolved_request_becomes_a_knowledge_draft_without_internal_notes(
    world, buyer
):
    staff, _team, request = world
    category = knowledge_category("Printing")
    desk.agent_reply(
        support_request=request, author=staff, body="Secret: VIP.", internal=True
    )
    desk.agent_reply(support_request=request, author=staff, body="Restart the spooler.")
    desk.status_change(support_request=request, actor=staff, status=Status.RESOLVED)
    request.refresh_from_db()

    page, created = desk.knowledge_draft_create(
        support_request=request, actor=staff, category_page=category
    )
    again, created_again = desk.knowledge_draft_create(
        support_request=request, actor=staff, category_page=category
    )

    page = ArticlePage.objects.get(pk=page.pk)
    body = str(page.body)
    assert (created, created_again, again.pk) == (True, False, page.pk)
    assert page.live is False
    assert page.title == "Printer offline"
    assert "Restart the spooler." in body
    assert "VIP" not in body
    assert request.events.filter(kind=Event.Kind.KNOWLEDGE).count() == 1


def test_an_unresolved_request_makes_no_draft(world):
    staff, _team, request = world
    category = knowledge_category("Printing")
    desk.agent_reply(support_request=request, author=staff, body="Restart it.")

    with pytest.raises(SupportError):
        desk.knowledge_draft_create(
            support_request=request, actor=staff, category_page=category
        )

    assert ArticlePage.objects.count() == 0
    assert not SupportRequest.objects.filter(events__kind="knowledge").exists()
