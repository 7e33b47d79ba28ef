"""GET /api/v1/orders/ and /api/v1/orders/{number}/: a key sees the orders its
member sees on the order history (a buyer their own, procurement the whole
company's), with the history page's filters and sorts; another company's
orders are neither listed nor found."""

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from orders.services.fulfilment import (
    order_shipment_add,
    order_status_set,
    shipping_event_type,
)
from tests.api.conftest import assert_problem
from tests.api.orders_helpers import (
    invoice_files_delete,
    invoice_issue,
    place,
    ready_to_order,
)

Order = get_model("order", "Order")
LIST = "/api/v1/orders/"


@pytest.fixture
def orders(company, other_company, buyer, procurement, other_buyer, bolts, gloves):
    """Two orders of the buyer, one of procurement, one of Globex."""
    ready_to_order(company)
    ready_to_order(other_company)
    return {
        "first": place(buyer, company, [(bolts, 1)], po_number="PO-100"),
        "second": place(
            buyer, company, [(gloves, 3)], po_number="PO-200", cost_centre="CC-7"
        ),
        "procurement": place(procurement, company, [(bolts, 2)], po_number="PO-300"),
        "globex": place(other_buyer, other_company, [(bolts, 1)], po_number="PO-900"),
    }


def _numbers(response):
    assert response.status_code == 200, response.content
    return [row["number"] for row in response.json()["results"]]


def test_a_buyers_key_lists_only_the_buyers_orders_newest_first(
    company_key, buyer, orders
):
    client = company_key(buyer, resources=["orders"], access="read")

    response = client.get(LIST)

    assert _numbers(response) == [orders["second"].number, orders["first"].number]
    assert response.json()["count"] == 2
    row = response.json()["results"][0]
    assert row == {
        "number": orders["second"].number,
        "placed_at": row["placed_at"],
        "status": "Pending",
        "buyer": {"id": buyer.pk, "email": buyer.email, "name": "Bruno Buyer"},
        "po_number": "PO-200",
        "cost_centre": "CC-7",
        "payment_method": "account",
        "paid_at": None,
        "currency": "EUR",
        "total_net": "75.00",
        "total_gross": "89.25",
    }


def test_a_procurement_key_lists_the_whole_companys_orders_and_none_of_globex(
    company_key, procurement, orders
):
    client = company_key(procurement, resources=["orders"], access="read")

    numbers = _numbers(client.get(LIST))

    assert sorted(numbers) == sorted(
        orders[name].number for name in ("first", "second", "procurement")
    )
    assert orders["globex"].number not in numbers


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?po_number=PO-2", ["second"]),
        ("?q=CC-7", ["second"]),
        ("?product=GLOVE-L-10", ["second"]),
        ("?status=Processing", ["first"]),
        ("?ordering=total_gross", ["first", "procurement", "second"]),
        ("?ordering=-total_gross", ["second", "procurement", "first"]),
    ],
)
def test_the_history_pages_filters_and_sorts_apply(
    company_key, procurement, orders, query, expected
):
    order_status_set(order=orders["first"], status="Processing")
    client = company_key(procurement, resources=["orders"], access="read")

    assert _numbers(client.get(LIST + query)) == [
        orders[name].number for name in expected
    ]


def test_procurement_filters_by_buyer(company_key, procurement, buyer, orders):
    client = company_key(procurement, resources=["orders"], access="read")

    numbers = _numbers(client.get(f"{LIST}?buyer={buyer.pk}"))

    assert sorted(numbers) == sorted([orders["first"].number, orders["second"].number])


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?status=Lost", "status"),
        ("?date_from=yesterday", "date_from"),
        ("?date_from=2026-05-02&date_to=2026-05-01", "date_to"),
        ("?ordering=price", "ordering"),
        ("?buyer=999999", "buyer"),
    ],
)
def test_a_bad_filter_is_a_400_naming_the_parameter(
    company_key, procurement, orders, query, field
):
    client = company_key(procurement, resources=["orders"], access="read")

    assert_problem(client.get(LIST + query), 400, field=field)


def test_a_date_range_keeps_the_orders_placed_in_it(company_key, buyer, orders):
    Order.objects.filter(pk=orders["first"].pk).update(
        date_placed=timezone.now() - timezone.timedelta(days=40)
    )
    client = company_key(buyer, resources=["orders"], access="read")
    since = (timezone.localdate() - timezone.timedelta(days=1)).isoformat()

    assert _numbers(client.get(f"{LIST}?date_from={since}")) == [
        orders["second"].number
    ]


def test_the_detail_shows_lines_history_shipments_and_invoice(
    company_key, buyer, orders
):
    order = orders["second"]
    order_status_set(order=order, status="Processing")
    order_shipment_add(
        order=order,
        event_type=shipping_event_type("shipped"),
        quantities=[(order.lines.get(), 2)],
        reference="DHL 0042",
    )
    invoice_issue(order, "INV-2026-00001")
    client = company_key(buyer, resources=["orders"], access="read")

    try:
        body = client.get(f"{LIST}{order.number}/").json()
    finally:
        invoice_files_delete()

    assert body["status"] == "Processing"
    assert body["invoice_number"] == "INV-2026-00001"
    [line] = body["lines"]
    assert line | {"id": 0} == {
        "id": 0,
        "sku": "GLOVE-L-10",
        "title": "Work gloves L (10)",
        "quantity": 3,
        "unit_price_net": "25.00",
        "line_net": "75.00",
        "vat_rate": "19.00",
        "line_gross": "89.25",
    }
    assert [(c["old_status"], c["new_status"]) for c in body["status_history"]] == [
        ("Pending", "Processing")
    ]
    [shipment] = body["shipments"]
    assert shipment["event_type"] == "shipped"
    assert shipment["reference"] == "DHL 0042"
    assert shipment["lines"] == [{"sku": "GLOVE-L-10", "quantity": 2}]
    assert body["delivery_address"]["line1"] == "Lagerweg 5"


@pytest.mark.parametrize("name", ["procurement", "globex"])
def test_an_order_the_buyer_does_not_see_is_not_found(company_key, buyer, orders, name):
    client = company_key(buyer, resources=["orders"], access="read")

    assert_problem(client.get(f"{LIST}{orders[name].number}/"), 404)


def test_another_companys_key_gets_404_for_acmes_order(
    company_key, other_admin, orders
):
    client = company_key(other_admin)

    assert_problem(client.get(f"{LIST}{orders['first'].number}/"), 404)
    assert orders["first"].number not in _numbers(client.get(LIST))


def test_without_a_key_the_list_is_a_401(api_client, orders):
    assert_problem(api_client.get(LIST), 401)


def test_a_revoked_key_is_a_401(company_key, buyer, orders):
    client = company_key(buyer)
    client.api_key.revoke(by=buyer)

    assert_problem(client.get(LIST), 401)


def test_a_key_without_orders_is_a_403(company_key, buyer, orders):
    client = company_key(buyer, resources=["products"])

    assert_problem(client.get(LIST), 403)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/orders/1%00/",
        "/api/v1/products/BOLT%00/",
        "/api/v1/invoices/INV%00/pdf/",
    ],
)
def test_a_null_character_in_the_path_is_a_404(company_key, procurement, orders, url):
    client = company_key(procurement)

    assert_problem(client.get(url), 404)
