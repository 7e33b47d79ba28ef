"""The service desk's KPIs on known data: new and resolved per week, median
first response and resolution in business minutes, SLA compliance, CSAT and
the deflection rate, overall, per team and per service; for Support staff
only, in a fixed number of queries."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partner_portal.figures import Period
from partner_portal.permissions import StaffGroup
from support.models import Deflection, Department, Service, Status, SupportRequest
from support.selectors.kpis import support_kpis, week_starts
from tests.factories import StaffUserFactory
from tests.support.desk_world import agent, berlin, team

PERIOD = Period(date(2026, 3, 2), date(2026, 3, 15))  # two weeks from a Monday
QUERY = {"range": "custom", "date_from": "2026-03-02", "date_to": "2026-03-15"}
KPIS = reverse("support:kpis")
EXPORT = reverse("support:kpis_export")


def _request(company, requester, created, **fields):
    number = f"REQ-T-{SupportRequest.objects.count() + 1}"
    request = SupportRequest.objects.create(
        company=company, number=number, subject="Help", requester=requester, **fields
    )
    SupportRequest.objects.filter(pk=request.pk).update(created_at=created)
    return request


def _deflection(company, user, moment):
    deflection = Deflection.objects.create(
        company=company, user=user, query="vpn", target_url="/k/", target_title="VPN"
    )
    Deflection.objects.filter(pk=deflection.pk).update(created_at=moment)


@pytest.fixture
def desk(company, buyer, other_company, other_buyer):
    it = team(slug="it", name="IT")
    sales = team(slug="sales", name="Sales")
    department = Department.objects.create(name="IT", slug="it")
    laptop = Service.objects.create(
        department=department, team=it, name="New laptop", slug="laptop"
    )
    quote = Service.objects.create(
        department=department, team=sales, name="Quote", slug="quote"
    )
    resolved = {"status": Status.RESOLVED}
    a = _request(  # answered after 60, solved after 540 business minutes, in time
        company,
        buyer,
        berlin(2026, 3, 2, 9),
        team=it,
        service=laptop,
        first_response_at=berlin(2026, 3, 2, 10),
        first_response_due=berlin(2026, 3, 2, 17),
        resolved_at=berlin(2026, 3, 3, 9),
        resolution_due=berlin(2026, 3, 4, 9),
        rating=5,
        **resolved,
    )
    _request(  # over the weekend: 120 to answer (late), 300 - 60 waiting to solve
        company,
        buyer,
        berlin(2026, 3, 6, 16),
        team=it,
        service=laptop,
        first_response_at=berlin(2026, 3, 9, 9),
        first_response_due=berlin(2026, 3, 6, 16, 30),
        resolved_at=berlin(2026, 3, 9, 12),
        resolution_due=berlin(2026, 3, 10, 9),
        paused_minutes=60,
        rating=3,
        **resolved,
    )
    _request(  # another company's: 30 and 480, in time
        other_company,
        other_buyer,
        berlin(2026, 3, 10, 8),
        team=sales,
        service=quote,
        first_response_at=berlin(2026, 3, 10, 8, 30),
        first_response_due=berlin(2026, 3, 10, 12),
        resolved_at=berlin(2026, 3, 10, 16),
        resolution_due=berlin(2026, 3, 11, 9),
        rating=4,
        **resolved,
    )
    _request(company, buyer, berlin(2026, 3, 11, 10), team=sales)  # open
    _request(  # created before the period, solved in it after 4500, too late
        company,
        buyer,
        berlin(2026, 2, 20, 9),
        team=it,
        service=laptop,
        first_response_at=berlin(2026, 2, 20, 10),
        first_response_due=berlin(2026, 2, 20, 17),
        resolved_at=berlin(2026, 3, 4, 12),
        resolution_due=berlin(2026, 3, 1, 9),
        **resolved,
    )
    _request(  # merged into the first: not counted at all
        company,
        buyer,
        berlin(2026, 3, 3, 9),
        team=it,
        service=laptop,
        status=Status.CLOSED,
        merged_into=a,
        first_response_at=berlin(2026, 3, 3, 10),
        resolved_at=berlin(2026, 3, 3, 11),
    )
    _request(  # no team: clock time, 30 and 2880 minutes; no deadlines
        company,
        buyer,
        berlin(2026, 3, 12, 10),
        first_response_at=berlin(2026, 3, 12, 10, 30),
        resolved_at=berlin(2026, 3, 14, 10),
        rating=2,
        **resolved,
    )
    _request(  # approved at 10:00, answered at 11:00: 60
        company,
        buyer,
        berlin(2026, 3, 9, 8),
        team=it,
        service=laptop,
        status=Status.IN_PROGRESS,
        approved_at=berlin(2026, 3, 9, 10),
        first_response_at=berlin(2026, 3, 9, 11),
    )
    _deflection(company, buyer, berlin(2026, 3, 5, 9))
    _deflection(other_company, other_buyer, berlin(2026, 3, 13, 9))
    _deflection(company, buyer, berlin(2026, 2, 27, 9))  # before the period
    return {"it": it, "sales": sales, "laptop": laptop, "quote": quote}


def _summary(kpis):
    return (
        kpis.label,
        kpis.new,
        kpis.resolved,
        kpis.first_response_median,
        kpis.resolution_median,
        kpis.sla_percent,
        kpis.csat_average,
        kpis.csat_satisfied_percent,
    )


def test_the_desks_kpis_on_known_data(desk):
    report = support_kpis(period=PERIOD)

    assert _summary(report.overall) == ("", 6, 5, 60, 540, 50.0, 3.5, 50.0)
    assert report.weeks == [(date(2026, 3, 2), 2, 2), (date(2026, 3, 9), 4, 3)]
    assert report.deflections == 2
    assert report.deflection_rate == 25.0
    assert [_summary(k) for k in report.by_team] == [
        ("IT", 3, 3, 60, 540, 33.3, 4.0, 50.0),
        ("Sales", 2, 1, 30, 480, 100.0, 4.0, 100.0),
    ]
    assert [_summary(k) for k in report.by_service] == [
        ("New laptop", 3, 3, 60, 540, 33.3, 4.0, 50.0),
        ("Quote", 1, 1, 30, 480, 100.0, 4.0, 100.0),
    ]


def test_one_team_alone_has_no_deflection_rate(desk):
    report = support_kpis(period=PERIOD, team=desk["sales"])

    assert _summary(report.overall) == ("", 2, 1, 30, 480, 100.0, 4.0, 100.0)
    assert report.deflection_rate is None
    assert [k.label for k in report.by_team] == ["Sales"]


def test_an_empty_period_has_no_medians_or_rates(desk):
    report = support_kpis(period=Period(date(2025, 1, 1), date(2025, 1, 31)))

    assert _summary(report.overall) == ("", 0, 0, None, None, None, None, None)
    assert report.deflection_rate is None
    assert report.by_team == []
    assert [new + done for _monday, new, done in report.weeks] == [0] * 5


def test_weeks_start_on_the_monday_before_the_period():
    weeks = week_starts(Period(date(2026, 3, 4), date(2026, 3, 16)))

    assert weeks == [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)]


@pytest.mark.usefixtures("desk")
def test_support_staff_see_the_page_with_the_numbers(client):
    client.force_login(agent())

    response = client.get(KPIS, QUERY)

    assert response.status_code == 200
    assert dict(response.context["summary"]) == {
        "New requests": "6",
        "Resolved": "5",
        "Median first response": "1 h 0 min",
        "Median resolution": "9 h 0 min",
        "SLA met": "50 %",
        "Average rating": "3.5",
        "Rated 4 or 5": "50 %",
        "Deflection rate": "25 %",
    }
    html = response.content.decode()
    assert 'id="kpis-teams"' in html
    assert "New and resolved requests per week" in html


@pytest.mark.usefixtures("desk")
def test_the_export_has_a_row_per_group_and_week(client):
    client.force_login(agent())

    response = client.get(EXPORT, {**QUERY, "team": "it"})

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        [
            "Group",
            "Name",
            "New",
            "Resolved",
            "Median first response (minutes)",
            "Median resolution (minutes)",
            "SLA met %",
            "Average rating",
            "Rated 4 or 5 %",
            "Deflection rate %",
        ],
        ["All", "", "3", "3", "60", "540", "33.3", "4.0", "50.0", ""],
        ["Team", "IT", "3", "3", "60", "540", "33.3", "4.0", "50.0", ""],
        ["Service", "New laptop", "3", "3", "60", "540", "33.3", "4.0", "50.0", ""],
        ["Week", "2026-03-02", "2", "2"],
        ["Week", "2026-03-09", "1", "1"],
    ]


@pytest.mark.parametrize("url", [KPIS, EXPORT])
def test_customers_and_other_staff_are_refused(client, company_admin, url):
    client.force_login(company_admin)
    assert client.get(url).status_code == 403

    client.force_login(StaffUserFactory(staff_groups=[StaffGroup.SALES]))
    assert client.get(url).status_code == 403


def test_the_query_count_does_not_grow_with_the_requests(client, company, buyer):
    it = team(slug="it", name="IT")
    client.force_login(agent())

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(KPIS, QUERY).status_code == 200
        return len(captured)

    _request(company, buyer, berlin(2026, 3, 2, 9), team=it, rating=4)
    queries()  # the first page also fills the page frame's cache
    few = queries()
    for day in range(2, 14):
        _request(
            company,
            buyer,
            berlin(2026, 3, day, 9),
            team=it,
            first_response_at=berlin(2026, 3, day, 10),
            resolved_at=berlin(2026, 3, day, 15),
            rating=5,
        )
    many = queries()

    assert many == few
