"""Order history: a buyer sees their own orders, procurement and company
admins the whole company's; filters, search, sort and pages; the filtered
list exports as CSV and Excel, with spreadsheet formulas neutralised."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from oscar.core.loading import get_model

from tests.factories.orders import order_place

Order = get_model("order", "Order")
HISTORY = reverse("orders:list")
BERLIN = ZoneInfo("Europe/Berlin")
CSV_HEADER = [
    "Order number",
    "Date",
    "Buyer",
    "PO number",
    "Cost centre",
    "Status",
    "Payment",
    "Total (net)",
    "Total (gross)",
    "Currency",
]


def _placed(order, when, status=None):
    if status:
        for step in ("Processing", "Shipped", "Complete"):
            order.set_status(step)
            if step == status:
                break
    Order.objects.filter(pk=order.pk).update(date_placed=when)
    order.refresh_from_db()
    return order


@pytest.fixture
def history(buyer, procurement, company, other_buyer, other_company, bolts, gloves):
    """Acme: two orders of the buyer, one of procurement; Globex: one."""
    return {
        "A": _placed(
            order_place(
                user=buyer,
                company=company,
                lines=[(bolts, 1)],
                po_number="PO-A-001",
                cost_centre="CC-1",
            ),
            datetime(2025, 3, 5, 9, 0, tzinfo=BERLIN),
        ),
        "B": _placed(
            order_place(
                user=buyer,
                company=company,
                lines=[(gloves, 3)],
                po_number="PO-B-002",
                cost_centre="CC-2",
            ),
            datetime(2025, 3, 15, 10, 30, tzinfo=BERLIN),
            status="Shipped",
        ),
        "C": _placed(
            order_place(
                user=procurement,
                company=company,
                lines=[(bolts, 5)],
                po_number="PO-C-003",
                cost_centre="CC-1",
            ),
            datetime(2025, 4, 2, 8, 0, tzinfo=BERLIN),
            status="Processing",
        ),
        "GLX": _placed(
            order_place(
                user=other_buyer,
                company=other_company,
                lines=[(bolts, 1)],
                po_number="PO-GLX-1",
            ),
            datetime(2025, 3, 10, 12, 0, tzinfo=BERLIN),
        ),
    }


def _pos(response):
    return [order.purchase_order_number for order in response.context["orders"]]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("buyer", ["PO-B-002", "PO-A-001"]),
        ("procurement", ["PO-C-003", "PO-B-002", "PO-A-001"]),
        ("company_admin", ["PO-C-003", "PO-B-002", "PO-A-001"]),
        ("approver", []),
        ("other_buyer", ["PO-GLX-1"]),
    ],
)
def test_who_sees_which_orders(client, request, history, persona, expected):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(HISTORY)

    assert response.status_code == 200
    assert _pos(response) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"date_from": "2025-03-10", "date_to": "2025-03-31"}, ["PO-B-002"]),
        ({"date_from": "2025-03-15"}, ["PO-C-003", "PO-B-002"]),
        ({"date_to": "2025-03-05"}, ["PO-A-001"]),
        ({"status": "Shipped"}, ["PO-B-002"]),
        ({"buyer": "procurement"}, ["PO-C-003"]),
        ({"po_number": "b-00"}, ["PO-B-002"]),
        ({"product": "gloves"}, ["PO-B-002"]),
        ({"product": "bolt-m8-100"}, ["PO-C-003", "PO-A-001"]),
        ({"q": "PO-C"}, ["PO-C-003"]),
        ({"q": "cc-1"}, ["PO-C-003", "PO-A-001"]),
        ({"status": "Pending", "buyer": "buyer"}, ["PO-A-001"]),
        ({"q": "PO-GLX"}, []),
    ],
    ids=[
        "date-range",
        "from",
        "to",
        "status",
        "buyer",
        "po-number",
        "product-title",
        "product-sku",
        "search-po",
        "search-cost-centre",
        "combined",
        "foreign-po",
    ],
)
def test_filters(client, request, procurement, history, filters, expected):
    if "buyer" in filters:
        filters = {**filters, "buyer": request.getfixturevalue(filters["buyer"]).pk}
    client.force_login(procurement)

    response = client.get(HISTORY, filters)

    assert response.status_code == 200
    assert response.context["form"].errors == {}
    assert _pos(response) == expected


def test_a_buyer_cannot_filter_for_a_colleagues_orders(
    client, buyer, procurement, history
):
    client.force_login(buyer)

    response = client.get(HISTORY, {"buyer": procurement.pk})

    assert "buyer" not in response.context["form"].fields
    assert _pos(response) == ["PO-B-002", "PO-A-001"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["PO-C-003", "PO-B-002", "PO-A-001"]),
        ("date_placed", ["PO-A-001", "PO-B-002", "PO-C-003"]),
        ("-total_incl_tax", ["PO-C-003", "PO-B-002", "PO-A-001"]),
        ("total_incl_tax", ["PO-A-001", "PO-B-002", "PO-C-003"]),
        ("number", ["PO-A-001", "PO-B-002", "PO-C-003"]),
    ],
)
def test_sort(client, procurement, history, sort, expected):
    client.force_login(procurement)

    response = client.get(HISTORY, {"sort": sort})

    assert _pos(response) == expected


def test_an_unknown_sort_is_refused_not_applied(client, procurement, history):
    client.force_login(procurement)

    response = client.get(HISTORY, {"sort": "user__password"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["sort"]
    assert _pos(response) == ["PO-C-003", "PO-B-002", "PO-A-001"]


def test_history_is_paginated_by_25(client, buyer, company, bolts):
    for number in range(27):
        order_place(
            user=buyer, company=company, lines=[(bolts, 1)], po_number=f"PO-{number}"
        )
    client.force_login(buyer)

    first = client.get(HISTORY)
    second = client.get(HISTORY, {"page": 2})
    beyond = client.get(HISTORY, {"page": 99})

    assert len(first.context["orders"]) == 25
    assert _pos(second) == ["PO-1", "PO-0"]
    assert _pos(beyond) == ["PO-1", "PO-0"]
    assert "Page 1 of 2" in first.text


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (
            {"date_from": "2025-04-01", "date_to": "2025-03-01"},
            {"date_to": ["The end date is before the start date."]},
        ),
        ({"date_from": "2025-02-30"}, {"date_from": ["Enter a valid date."]}),
        ({"page": "abc"}, {}),
    ],
    ids=["end-before-start", "no-such-day", "bad-page"],
)
def test_invalid_filters_give_a_message_not_an_error(
    client, procurement, history, filters, message
):
    client.force_login(procurement)

    response = client.get(HISTORY, filters)

    assert response.status_code == 200
    assert response.context["form"].errors == message
    assert _pos(response) == ["PO-C-003", "PO-B-002", "PO-A-001"]


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx_rows(response):
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_csv_export_contains_exactly_the_filtered_orders(client, procurement, history):
    client.force_login(procurement)
    shipped = history["B"]

    response = client.get(reverse("orders:export", args=["csv"]), {"status": "Shipped"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="orders-')
    assert _csv_rows(response) == [
        CSV_HEADER,
        [
            shipped.number,
            "2025-03-15 10:30",
            "buyer@acme.example",
            "PO-B-002",
            "CC-2",
            "Shipped",
            "On account",
            "75.00",
            "89.25",
            "EUR",
        ],
    ]


def test_xlsx_export_contains_exactly_the_filtered_orders(client, procurement, history):
    client.force_login(procurement)

    response = client.get(
        reverse("orders:export", args=["xlsx"]), {"q": "CC-1", "sort": "number"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    rows = _xlsx_rows(response)
    assert rows[0] == CSV_HEADER
    assert [(row[0], row[2], row[3], row[7], row[8]) for row in rows[1:]] == [
        (history["A"].number, "buyer@acme.example", "PO-A-001", 20, 23.8),
        (history["C"].number, "procurement@acme.example", "PO-C-003", 100, 119),
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_of_a_buyer_holds_only_their_own_orders(client, buyer, history, fmt):
    client.force_login(buyer)

    response = client.get(reverse("orders:export", args=[fmt]))

    rows = _csv_rows(response) if fmt == "csv" else _xlsx_rows(response)
    assert [row[3] for row in rows[1:]] == ["PO-B-002", "PO-A-001"]


@pytest.mark.parametrize(
    "po_number",
    ['=HYPERLINK("http://x.example")', "+1+2", "-2+3", "@SUM(A1)"],
)
def test_formulas_in_po_numbers_are_neutralised_in_the_csv(
    client, buyer, company, bolts, po_number
):
    order_place(user=buyer, company=company, lines=[(bolts, 1)], po_number=po_number)
    client.force_login(buyer)

    response = client.get(reverse("orders:export", args=["csv"]))

    assert _csv_rows(response)[1][3] == f"'{po_number}"


def test_formulas_in_po_numbers_stay_text_in_excel(client, buyer, company, bolts):
    order_place(user=buyer, company=company, lines=[(bolts, 1)], po_number="=1+2")
    client.force_login(buyer)

    response = client.get(reverse("orders:export", args=["xlsx"]))

    workbook = load_workbook(io.BytesIO(response.content))
    cell = workbook.active["D2"]
    assert (cell.value, cell.data_type) == ("'=1+2", "s")


def test_unknown_export_format_is_not_found(client, buyer, history):
    client.force_login(buyer)

    response = client.get(reverse("orders:export", args=["pdf"]))

    assert response.status_code == 404
