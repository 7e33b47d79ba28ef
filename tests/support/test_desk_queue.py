"""The staff queue at /portal/support/desk/: filters, most urgent first by
SLA, breaches and time left on each row, and a flat number of queries (10
and 10,000 requests)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from support.models import Priority, Status, SupportRequest
from tests.factories import CompanyFactory
from tests.support.desk_world import agent, berlin, make_request, sla_targets, team

NOW = berlin(2026, 3, 11, 12, 0)  # a Wednesday
URL = "/portal/support/desk/"


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    return NOW


@pytest.fixture
def staff(db):
    sla_targets()
    return agent()


@pytest.fixture
def queue(company, other_company, buyer, other_buyer, staff, frozen):
    """Four open requests and one resolved, with known deadlines at NOW."""
    desk_team = team(members=[staff])
    it_team = team(slug="it", name="IT")
    return {
        "breached": make_request(
            company=company,
            requester=buyer,
            desk_team=desk_team,
            subject="Server down",
            priority=Priority.URGENT,
            created_at=berlin(2026, 3, 11, 9, 0),  # first response due 10:00
            assignee=staff,
        ),
        "tomorrow": make_request(
            company=other_company,
            requester=other_buyer,
            desk_team=it_team,
            subject="Invoice copy",
            created_at=berlin(2026, 3, 11, 11, 0),  # due Thursday 10:00
        ),
        "afternoon": make_request(
            company=company,
            requester=buyer,
            desk_team=desk_team,
            subject="Printer offline",
            priority=Priority.HIGH,
            status=Status.IN_PROGRESS,
            created_at=berlin(2026, 3, 11, 11, 30),  # due 15:30
        ),
        "waiting": make_request(
            company=company,
            requester=buyer,
            desk_team=desk_team,
            subject="Password reset",
            priority=Priority.URGENT,
            status=Status.WAITING,
            created_at=berlin(2026, 3, 11, 9, 30),
            waiting_since=berlin(2026, 3, 11, 10, 0),
        ),
        "resolved": make_request(
            company=company,
            requester=buyer,
            desk_team=desk_team,
            subject="Old question",
            status=Status.RESOLVED,
            created_at=berlin(2026, 3, 2, 9, 0),
            resolved_at=berlin(2026, 3, 2, 10, 0),
        ),
    }


def _numbers(response):
    return re.findall(r'data-number="([^"]+)"', response.content.decode())


def _sla_cells(response):
    return dict(
        re.findall(
            r'data-number="([^"]+)" data-sla="([a-z]+)"', response.content.decode()
        )
    )


def test_open_requests_come_most_urgent_first(client, staff, queue):
    client.force_login(staff)

    response = client.get(URL)

    assert response.status_code == 200
    assert _numbers(response) == [
        queue[key].number for key in ("breached", "afternoon", "tomorrow", "waiting")
    ]


def test_each_row_says_how_its_sla_stands(client, staff, queue):
    client.force_login(staff)

    response = client.get(URL)
    html = response.content.decode()

    assert _sla_cells(response) == {
        queue["breached"].number: "breached",
        queue["afternoon"].number: "ok",
        queue["tomorrow"].number: "ok",
        queue["waiting"].number: "paused",
    }
    assert "Breached 2\xa0hours ago" in html
    assert "3 h 30 min left" in html
    assert "7 h 0 min left" in html
    assert "Paused while waiting" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": ""}, ["breached", "afternoon", "tomorrow", "waiting", "resolved"]),
        ({"status": "resolved"}, ["resolved"]),
        ({"status": "waiting"}, ["waiting"]),
        ({"status": "open", "priority": "urgent"}, ["breached", "waiting"]),
        ({"status": "open", "mine": "on"}, ["breached"]),
        ({"status": "open", "unassigned": "on"}, ["afternoon", "tomorrow", "waiting"]),
        ({"status": "open", "q": "globex"}, ["tomorrow"]),
        ({"status": "open", "q": "printer"}, ["afternoon"]),
        ({"status": "open", "q": "nothing like it"}, []),
    ],
)
def test_filters(client, staff, queue, params, expected):
    client.force_login(staff)

    response = client.get(URL, params)

    assert _numbers(response) == [queue[key].number for key in expected]


def test_the_next_page_of_the_first_visit_stays_on_open_requests(client, staff, queue):
    client.force_login(staff)

    response = client.get(URL, {"page": "1"})

    assert queue["resolved"].number not in _numbers(response)
    assert len(_numbers(response)) == 4


def test_filter_by_team_assignee_and_number(client, staff, queue):
    client.force_login(staff)
    it_team = queue["tomorrow"].team

    by_team = client.get(URL, {"status": "open", "team": it_team.pk})
    by_assignee = client.get(URL, {"status": "open", "assignee": staff.pk})
    by_number = client.get(URL, {"status": "", "q": queue["resolved"].number})

    assert _numbers(by_team) == [queue["tomorrow"].number]
    assert _numbers(by_assignee) == [queue["breached"].number]
    assert _numbers(by_number) == [queue["resolved"].number]


def test_customers_are_refused_and_visitors_log_in(client, buyer, company_admin, queue):
    client.logout()
    assert client.get(URL).status_code == 302
    for user in (buyer, company_admin):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def _fill(count, *, company, requester, desk_team, prefix):
    SupportRequest.objects.bulk_create(
        SupportRequest(
            company=company,
            number=f"REQ-2026-{prefix}{index:05d}",
            subject=f"Bulk {index}",
            priority=Priority.values[index % 4],
            team=desk_team,
            requester=requester,
            first_response_due=berlin(2026, 3, 11, 8, 0),
            resolution_due=berlin(2026, 3, 12, 8, 0),
        )
        for index in range(count)
    )


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


def test_the_queue_costs_the_same_queries_for_10_and_10000_requests(
    client, staff, company, buyer, frozen
):
    client.force_login(staff)
    desk_team = team(members=[staff])
    it_team = team(slug="it", name="IT")
    other = CompanyFactory(name="Initech")
    _fill(5, company=other, requester=buyer, desk_team=it_team, prefix=1)
    _fill(5, company=company, requester=buyer, desk_team=desk_team, prefix=2)
    client.get(URL)  # warm the caches of the page frame

    few = _queries(client)
    SupportRequest.objects.all().delete()
    _fill(10_000, company=other, requester=buyer, desk_team=desk_team, prefix=3)
    many = _queries(client)

    assert few == many
    assert reverse("support:queue") == URL
