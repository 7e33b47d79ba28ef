"""The ERP's staff key: GET /api/v1/erp/orders/ lists every company's orders
(`?company=` one company's); POST .../{number}/status/ moves an order one
step along Oscar's pipeline and .../shipments/ records a shipment, through
the fulfilment service the dashboard uses, and the customer's order page
shows it at once. Company keys get 403."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.api.conftest import assert_problem
from tests.api.orders_helpers import place, ready_to_order
from tests.helpers import snapshot

Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")
ShippingEvent = get_model("order", "ShippingEvent")
LIST = "/api/v1/erp/orders/"


@pytest.fixture
def orders(company, other_company, buyer, other_buyer, bolts, gloves):
    ready_to_order(company)
    ready_to_order(other_company)
    return {
        "acme": place(buyer, company, [(bolts, 10), (gloves, 4)], po_number="PO-1"),
        "globex": place(other_buyer, other_company, [(bolts, 1)]),
    }


@pytest.fixture
def erp(staff_key):
    return staff_key(resources=["orders"])


def _unchanged():
    return snapshot(Order, OrderStatusChange, ShippingEvent)


def test_the_erp_lists_every_companys_orders_and_one_company_on_request(
    erp, orders, company
):
    body = erp.get(LIST).json()

    assert [row["number"] for row in body["results"]] == [
        orders["globex"].number,
        orders["acme"].number,
    ]
    assert body["results"][1]["company"] == {"slug": "acme", "name": company.name}
    only = erp.get(f"{LIST}?company=acme").json()["results"]
    assert [row["number"] for row in only] == [orders["acme"].number]


def test_an_unknown_company_is_a_400(erp, orders):
    assert_problem(erp.get(f"{LIST}?company=nobody"), 400, field="company")


def test_the_status_moves_on_and_the_order_page_shows_it(erp, orders, client, buyer):
    order = orders["acme"]
    url = f"{LIST}{order.number}/status/"

    response = erp.post(
        url, {"status": "Processing", "note": "Picked today"}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "Processing"
    assert response.json()["company"]["slug"] == "acme"
    order.refresh_from_db()
    assert order.status == "Processing"
    assert order.notes.get().message == "Picked today"
    client.force_login(buyer)
    page = client.get(
        reverse("orders:detail", args=[order.number]), HTTP_ACCEPT_LANGUAGE="en"
    ).text
    assert "Pending → Processing" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"status": "Complete"},
            "status",
            "cannot go from “Pending” to “Complete”; allowed next: "
            "Processing, Cancelled.",
        ),
        ({"status": "Lost"}, "status", '"Lost" is not a valid choice.'),
        ({}, "status", "This field is required."),
        ({"status": "Processing", "by": "x"}, "by", "Unknown field."),
    ],
)
def test_a_status_that_is_not_allowed_is_a_400_and_changes_nothing(
    erp, orders, data, field, message
):
    before = _unchanged()

    body = assert_problem(
        erp.post(f"{LIST}{orders['acme'].number}/status/", data, format="json"),
        400,
        field=field,
    )

    assert message in body["errors"][field][0]
    assert _unchanged() == before


def test_a_shipment_of_some_lines_is_recorded_and_shown(erp, orders, client, buyer):
    order = orders["acme"]

    response = erp.post(
        f"{LIST}{order.number}/shipments/",
        {
            "event_type": "shipped",
            "reference": "DHL 0042",
            "lines": [{"sku": "glove-l-10", "quantity": 3}],
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body | {"id": 0, "created_at": None} == {
        "id": 0,
        "event_type": "shipped",
        "reference": "DHL 0042",
        "created_at": None,
        "lines": [{"sku": "GLOVE-L-10", "quantity": 3}],
    }
    client.force_login(buyer)
    page = client.get(
        reverse("orders:detail", args=[order.number]), HTTP_ACCEPT_LANGUAGE="en"
    ).text
    assert 'Shipped: <span dir="auto">DHL 0042</span>' in page


def test_a_shipment_without_lines_ships_what_is_left(erp, orders):
    order = orders["acme"]

    response = erp.post(f"{LIST}{order.number}/shipments/", {}, format="json")

    assert response.status_code == 201, response.content
    assert sorted(
        (line["sku"], line["quantity"]) for line in response.json()["lines"]
    ) == [("BOLT-M8-100", 10), ("GLOVE-L-10", 4)]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"lines": [{"sku": "GLOVE-L-10", "quantity": 5}]},
            "lines",
            "GLOVE-L-10: at most 4 more can have this event.",
        ),
        (
            {"lines": [{"sku": "NOPE", "quantity": 1}]},
            "lines.0.sku",
            "The order has no line with this SKU.",
        ),
        (
            {
                "lines": [
                    {"sku": "GLOVE-L-10", "quantity": 1},
                    {"sku": "GLOVE-L-10", "quantity": 1},
                ]
            },
            "lines.1.sku",
            "This line is named twice.",
        ),
        (
            {"lines": [{"sku": "GLOVE-L-10", "quantity": 0}]},
            "lines.0.quantity",
            "Ensure this value is greater than or equal to 1.",
        ),
        ({"event_type": "lost"}, "event_type", '"lost" is not a valid choice.'),
        ({"carrier": "DHL"}, "carrier", "Unknown field."),
    ],
)
def test_a_bad_shipment_is_a_400_and_records_nothing(erp, orders, data, field, message):
    before = _unchanged()

    body = assert_problem(
        erp.post(f"{LIST}{orders['acme'].number}/shipments/", data, format="json"),
        400,
        field=field,
    )

    assert body["errors"][field] == [message]
    assert _unchanged() == before


@pytest.mark.parametrize("action", ["status", "shipments"])
def test_an_unknown_order_is_a_404(erp, orders, action):
    response = erp.post(
        f"{LIST}99999999/{action}/", {"status": "Processing"}, format="json"
    )

    assert_problem(response, 404)


def test_a_retried_shipment_with_the_same_idempotency_key_is_recorded_once(erp, orders):
    url = f"{LIST}{orders['acme'].number}/shipments/"
    data = {"lines": [{"sku": "BOLT-M8-100", "quantity": 2}]}
    headers = {"Idempotency-Key": "ship-1"}

    first = erp.post(url, data, format="json", headers=headers)
    again = erp.post(url, data, format="json", headers=headers)

    assert (first.status_code, again.status_code) == (201, 201)
    assert ShippingEvent.objects.count() == 1


@pytest.mark.parametrize("path", ["", "{number}/status/", "{number}/shipments/"])
def test_a_company_key_gets_403(company_key, company_admin, orders, path):
    client = company_key(company_admin)
    url = LIST + path.format(number=orders["acme"].number)
    before = _unchanged()

    response = (
        client.post(url, {"status": "Processing"}, format="json")
        if path
        else (client.get(url))
    )

    assert_problem(response, 403)
    assert _unchanged() == before


def test_a_read_only_staff_key_cannot_write(staff_key, orders):
    client = staff_key(resources=["orders"], access="read")

    assert_problem(
        client.post(
            f"{LIST}{orders['acme'].number}/status/",
            {"status": "Processing"},
            format="json",
        ),
        403,
    )
    assert client.get(LIST).status_code == 200
