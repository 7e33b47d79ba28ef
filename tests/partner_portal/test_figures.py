"""The company figures page: spend against budget, orders, return rate, open
requests and SLA per month, for company admins and procurement, from the
company's own data only, in a fixed number of queries."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from partner_portal.figures import Period
from partner_portal.models import Membership
from partner_portal.permissions import Role
from returns.models import ReturnLine, ReturnRequest
from support.models import Status, SupportRequest
from tests.factories import MembershipFactory
from tests.factories.orders import BudgetFactory

Order = get_model("order", "Order")
Line = get_model("order", "Line")
BERLIN = ZoneInfo("Europe/Berlin")
Q1 = {"range": "custom", "date_from": "2026-01-01", "date_to": "2026-03-31"}
FIGURES = reverse("partner_portal:figures")
EXPORT = reverse("partner_portal:figures_export")


def at(month, day, hour=12, minute=0, year=2026):
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def _member(company):
    return Membership.objects.for_company(company).first().user


def order(company, placed, total, *quantities, status="Pending"):
    number = f"{company.slug}-{Order.objects.count() + 1}"
    placed_order = Order.objects.create(
        company=company,
        number=number,
        currency="EUR",
        total_incl_tax=Decimal(total),
        total_excl_tax=Decimal(total),
        status=status,
        date_placed=placed,
    )
    for index, quantity in enumerate(quantities):
        Line.objects.create(
            order=placed_order,
            partner_name="Warehouse",
            partner_sku=f"SKU-{index}",
            title="Article",
            quantity=quantity,
            num_allocated=0,
            line_price_incl_tax=Decimal(total),
            line_price_excl_tax=Decimal(total),
            line_price_before_discounts_incl_tax=Decimal(total),
            line_price_before_discounts_excl_tax=Decimal(total),
        )
    return placed_order


def give_back(placed_order, quantity, *, status=ReturnRequest.Status.REQUESTED):
    number = f"RMA-{ReturnRequest.objects.count() + 1}"
    return_request = ReturnRequest.objects.create(
        company=placed_order.company,
        number=number,
        order=placed_order,
        requested_by=_member(placed_order.company),
        reason="damaged",
        status=status,
        submission_key=number,
    )
    ReturnLine.objects.create(
        return_request=return_request,
        order_line=placed_order.lines.first(),
        quantity=quantity,
    )


def support_request(company, created, *, status=Status.RESOLVED, **times):
    number = f"REQ-{SupportRequest.objects.count() + 1}"
    request = SupportRequest.objects.create(
        company=company,
        number=number,
        subject="Printer",
        status=status,
        requester=_member(company),
        **times,
    )
    SupportRequest.objects.filter(pk=request.pk).update(created_at=created)
    return request


@pytest.fixture
def acme_figures(company, company_admin, buyer, procurement):
    BudgetFactory(company=company, buyer=buyer, monthly_amount=Decimal("1000.00"))
    BudgetFactory(company=company, buyer=buyer, cost_centre="IT", monthly_amount=300)
    BudgetFactory(
        company=company, buyer=procurement, cost_centre="A", monthly_amount=200
    )
    BudgetFactory(
        company=company, buyer=procurement, cost_centre="B", monthly_amount=100
    )
    january = order(company, at(1, 10), "100.00", 2)
    order(company, at(1, 31, 23, 30), "50.00", 1)  # still January in Berlin
    february = order(company, at(2, 15), "200.00", 3, 1)
    order(company, at(2, 20), "999.00", 5, status="Cancelled")
    order(company, at(4, 1, 0, 10), "70.00", 1)  # after the period
    order(company, at(12, 31, 23, 59, year=2025), "80.00", 1)  # before it
    give_back(january, 1)
    give_back(february, 1, status=ReturnRequest.Status.APPROVED)
    give_back(february, 3, status=ReturnRequest.Status.REJECTED)
    # R1: answered and solved in time (January).
    support_request(
        company,
        at(1, 5, 9),
        first_response_at=at(1, 5, 10),
        first_response_due=at(1, 5, 17),
        resolved_at=at(1, 6, 9),
        resolution_due=at(1, 8, 9),
    )
    # R2: the first answer came late (resolved in February).
    support_request(
        company,
        at(1, 10, 9),
        first_response_at=at(1, 12, 9),
        first_response_due=at(1, 10, 17),
        resolved_at=at(2, 2, 9),
        resolution_due=at(2, 5, 9),
    )
    # R3: solved after its resolution deadline (February).
    support_request(
        company,
        at(2, 1, 9),
        first_response_at=at(2, 1, 10),
        first_response_due=at(2, 1, 17),
        resolved_at=at(2, 3, 9),
        resolution_due=at(2, 2, 9),
    )
    # R4: still being worked on.
    support_request(
        company,
        at(2, 20, 9),
        status=Status.IN_PROGRESS,
        first_response_due=at(2, 20, 17),
        resolution_due=at(2, 24, 9),
    )
    # R5: solved at once, before the first answer was due (March).
    support_request(
        company,
        at(3, 1, 10),
        first_response_due=at(3, 1, 17),
        resolved_at=at(3, 1, 11),
        resolution_due=at(3, 3, 9),
    )
    # R6: closed without a resolution in March.
    support_request(company, at(1, 20, 9), status=Status.CLOSED, closed_at=at(3, 10))


@pytest.fixture
def globex_figures(other_company, other_admin):
    BudgetFactory(company=other_company, buyer=other_admin, monthly_amount=9000)
    big = order(other_company, at(2, 10), "5000.00", 10)
    give_back(big, 10)
    support_request(other_company, at(1, 5), status=Status.IN_PROGRESS)
    support_request(
        other_company,
        at(1, 5),
        first_response_at=at(1, 5, 13),
        first_response_due=at(1, 5, 17),
        resolved_at=at(1, 6),
        resolution_due=at(1, 9),
    )


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


HEADINGS = [
    "Month",
    "Spend (gross)",
    "Budget",
    "Orders",
    "Items ordered",
    "Items returned",
    "Return rate %",
    "Open requests at month end",
    "Requests resolved",
    "Resolved within SLA",
    "SLA met %",
]


@pytest.mark.usefixtures("acme_figures", "globex_figures")
def test_the_export_has_the_companys_exact_figures_per_month(client, company_admin):
    client.force_login(company_admin)

    response = client.get(EXPORT, Q1)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        'filename="figures-2026-01-01-2026-03-31.csv"'
        in (response["Content-Disposition"])
    )
    assert _csv(response) == [
        HEADINGS,
        ["2026-01", "150.00", "1300.00", "2", "3", "1", "33.3", "2", "1", "1", "100.0"],
        ["2026-02", "200.00", "1300.00", "1", "4", "1", "25.0", "2", "2", "0", "0.0"],
        ["2026-03", "0.00", "1300.00", "0", "0", "0", "", "1", "1", "1", "100.0"],
        ["Total", "350.00", "3900.00", "3", "7", "2", "28.6", "", "4", "2", "50.0"],
    ]


@pytest.mark.usefixtures("acme_figures", "globex_figures")
def test_another_company_sees_only_its_own_figures(client, other_admin):
    client.force_login(other_admin)

    rows = _csv(client.get(EXPORT, Q1))

    assert rows[1:] == [
        ["2026-01", "0.00", "9000.00", "0", "0", "0", "", "1", "1", "1", "100.0"],
        ["2026-02", "5000.00", "9000.00", "1", "10", "10", "100.0", "1", "0", "0", ""],
        ["2026-03", "0.00", "9000.00", "0", "0", "0", "", "1", "0", "0", ""],
        [
            "Total",
            "5000.00",
            "27000.00",
            "1",
            "10",
            "10",
            "100.0",
            "",
            "1",
            "1",
            "100.0",
        ],
    ]


@pytest.mark.usefixtures("acme_figures", "globex_figures")
def test_the_page_shows_headline_figures_and_charts(client, procurement):
    client.force_login(procurement)

    response = client.get(FIGURES, Q1)

    assert response.status_code == 200
    html = response.content.decode()
    stats = {
        (stat.label, stat.value)
        for section in response.context["sections"]
        for stat in section.stats
    }
    assert {
        ("Spend (gross)", "€350.00"),
        ("Orders", "3"),
        ("Budget for the period", "€3,900.00"),
        ("Return rate", "28.6 %"),
        ("Items returned", "2 of 7"),
        ("Open requests now", "1"),
        ("Service level met", "50 %"),
        ("Resolved within the service level", "2 of 4"),
    } <= stats
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 5
    assert "Spend per month against budget" in html
    assert 'href="/portal/figures/export/?range=custom&amp;date_from=2026-01-01' in html


def test_a_month_without_data_draws_empty_charts(client, company_admin):
    client.force_login(company_admin)

    response = client.get(FIGURES, Q1)

    assert response.status_code == 200
    assert "€0.00" in response.content.decode()
    spend = response.context["sections"][0].charts[0]
    assert [s.name for s in spend.series] == ["Spend"]  # no budget, no budget bars
    assert spend.labels == ["Jan 2026", "Feb 2026", "Mar 2026"]


def test_a_buyer_without_the_capability_is_refused(client, buyer):
    client.force_login(buyer)

    assert client.get(FIGURES).status_code == 403
    assert client.get(EXPORT).status_code == 403


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"range": "custom", "date_from": "2026-03-01", "date_to": "2026-01-01"},
            "The first day must come before the last.",
        ),
        ({"range": "custom", "date_from": "2026-03-01"}, "Enter both the first"),
        (
            {"range": "custom", "date_from": "2020-01-01", "date_to": "2026-01-01"},
            "Choose at most 24 months.",
        ),
    ],
)
def test_a_wrong_period_is_explained_and_the_default_shown(
    client, company_admin, params, message
):
    client.force_login(company_admin)

    response = client.get(FIGURES, params)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert len(response.context["period"].months) == 6


@pytest.mark.parametrize(("count", "months"), [("3", 3), ("6", 6), ("12", 12)])
def test_the_last_months_include_this_one(client, company_admin, count, months):
    client.force_login(company_admin)

    period = client.get(FIGURES, {"range": count}).context["period"]

    assert len(period.months) == months
    assert period == Period.last_months(months)


def test_period_months_span_the_year_end():
    period = Period.last_months(3, today=date(2026, 2, 14))

    assert [f"{m:%Y-%m}" for m in period.months] == ["2025-12", "2026-01", "2026-02"]
    assert period.start == date(2025, 12, 1)


def test_the_query_count_does_not_grow_with_the_orders(client, company, company_admin):
    MembershipFactory(company=company, role=Role.BUYER)
    client.force_login(company_admin)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(FIGURES, Q1).status_code == 200
        return len(captured)

    first = order(company, at(1, 10), "10.00", 1)
    give_back(first, 1)
    support_request(company, at(1, 5), resolved_at=at(1, 6))
    queries()  # the first page also fills the page frame's cache
    few = queries()
    for day in range(1, 25):
        placed = order(company, at(1 + day % 3, day), "10.00", 2, 1)
        give_back(placed, 1)
        support_request(company, at(1 + day % 3, day), status=Status.NEW)
    # The frame's caches again, emptied by the writes, as before `few`
    queries()
    many = queries()

    assert many == few
