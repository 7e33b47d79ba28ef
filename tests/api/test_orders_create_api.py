"""POST /api/v1/orders/: SKU lines with PO number and cost centre become an
order of the key's company through the web's checkout (company prices,
budgets and approvals, the credit limit, stock); anything refused is a 400
naming the field and creates nothing; a retry with the same Idempotency-Key
creates once."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from orders.models import CompanyAccount, OrderApproval
from tests.api.conftest import assert_problem
from tests.api.orders_helpers import ready_to_order
from tests.factories.orders import BudgetFactory, basket_create, product_create
from tests.helpers import snapshot

Basket = get_model("basket", "Basket")
BasketLine = get_model("basket", "Line")
Order = get_model("order", "Order")
URL = "/api/v1/orders/"


@pytest.fixture
def address(company):
    return ready_to_order(company)


@pytest.fixture
def key_client(company_key, buyer, address, acme_bolt_price, gloves):
    return company_key(buyer, resources=["orders"])


def _nothing_placed():
    return snapshot(
        Order,
        OrderApproval,
        Basket.objects.filter(lines__isnull=False).distinct(),
        BasketLine,
    )


def _order(**overrides):
    return {
        "lines": [
            {"sku": "BOLT-M8-100", "quantity": 2},
            {"sku": "glove-l-10", "quantity": 1},
        ],
        "po_number": "PO-4711",
        "cost_centre": "CC-100",
        **overrides,
    }


def test_lines_become_an_order_at_the_companys_prices(
    key_client, buyer, company, address
):
    response = key_client.post(URL, _order(), format="json")

    assert response.status_code == 201, response.content
    order = Order.objects.get()
    assert response["Location"] == f"/api/v1/orders/{order.number}/"
    assert (order.company, order.user) == (company, buyer)
    assert (order.purchase_order_number, order.cost_centre) == ("PO-4711", "CC-100")
    assert order.payment_method == "account"
    assert order.shipping_address.line1 == address.line1
    body = response.json()
    assert body["number"] == order.number
    assert body["status"] == "Pending"
    assert [
        (line["sku"], line["quantity"], line["unit_price_net"])
        for line in body["lines"]
    ] == [("BOLT-M8-100", 2, "16.50"), ("GLOVE-L-10", 1, "25.00")]
    # 58.00 net at 19 %, rounded once.
    assert body["total_gross"] == "69.02"


def test_the_web_basket_of_the_buyer_is_left_alone(key_client, buyer, company, bolts):
    web_basket = basket_create(user=buyer, company=company, lines=[(bolts, 7)])

    key_client.post(URL, _order(), format="json")

    web_basket.refresh_from_db()
    assert web_basket.status == Basket.OPEN
    assert list(web_basket.lines.values_list("quantity", flat=True)) == [7]


def test_an_order_over_the_budget_waits_for_approval(key_client, company, buyer):
    BudgetFactory(company=company, buyer=buyer, monthly_amount=Decimal("30"))

    response = key_client.post(URL, _order(), format="json")

    assert response.status_code == 202, response.content
    approval = OrderApproval.objects.get()
    body = response.json()
    assert body | {"created_at": None, "url": None} == {
        "id": approval.pk,
        "status": "pending",
        "total_gross": "69.02",
        "currency": "EUR",
        "budget_left": "30.00",
        "po_number": "PO-4711",
        "cost_centre": "CC-100",
        "created_at": None,
        "url": None,
    }
    assert body["url"].endswith(f"/portal/orders/approvals/{approval.pk}/")
    assert not Order.objects.exists()


def test_an_order_over_the_credit_limit_is_refused(key_client, company):
    CompanyAccount.objects.filter(company=company).update(credit_limit=Decimal("50.00"))
    before = _nothing_placed()

    body = assert_problem(
        key_client.post(URL, _order(), format="json"), 400, field="non_field_errors"
    )

    assert "exceeds your company's open credit" in body["errors"]["non_field_errors"][0]
    assert _nothing_placed() == before


@pytest.mark.parametrize(
    ("lines", "field", "message"),
    [
        (
            [{"sku": "BOLT-M8-100", "quantity": 1}, {"sku": "NOPE-1", "quantity": 1}],
            "lines.1.sku",
            "Unknown article number “NOPE-1”.",
        ),
        (
            [{"sku": "BOLT-M8-100", "quantity": 0}],
            "lines.0.quantity",
            "Ensure this value is greater than or equal to 1.",
        ),
        (
            [{"sku": "BOLT-M8-100", "quantity": "two"}],
            "lines.0.quantity",
            "A valid integer is required.",
        ),
        (
            [{"sku": "BOLT-M8-100", "quantity": 1, "price": "0.01"}],
            "lines.0.price",
            "Unknown field.",
        ),
        ([], "lines", "This list may not be empty."),
        (
            [{"sku": "BOLT-M8-100", "quantity": 1}] * 501,
            "lines",
            "Ensure this field has no more than 500 elements.",
        ),
    ],
)
def test_bad_lines_are_a_400_naming_the_line_and_create_nothing(
    key_client, lines, field, message
):
    before = _nothing_placed()

    body = assert_problem(
        key_client.post(URL, _order(lines=lines), format="json"), 400, field=field
    )

    assert body["errors"][field] == [message]
    assert _nothing_placed() == before


@pytest.mark.parametrize(
    ("product", "message"),
    [
        ({"is_public": False}, "HIDDEN-1 is not available."),
        ({"stock": 0}, "no stock available"),
    ],
)
def test_a_product_that_cannot_be_ordered_is_a_400(key_client, product, message):
    product_create(title="Hidden", sku="HIDDEN-1", price="5.00", **product)
    before = _nothing_placed()

    body = assert_problem(
        key_client.post(
            URL, _order(lines=[{"sku": "HIDDEN-1", "quantity": 1}]), format="json"
        ),
        400,
        field="lines.0.sku",
    )

    assert message in body["errors"]["lines.0.sku"][0]
    assert _nothing_placed() == before


def test_an_unknown_field_and_a_long_po_number_are_400s(key_client):
    body = assert_problem(
        key_client.post(URL, _order(po_number="P" * 36, discount="50%"), format="json"),
        400,
    )

    assert body["errors"] == {"discount": ["Unknown field."]}
    body = assert_problem(
        key_client.post(URL, _order(po_number="P" * 36), format="json"), 400
    )
    assert body["errors"] == {
        "po_number": ["Ensure this field has no more than 35 characters."]
    }


def test_another_companys_delivery_address_is_refused(key_client, other_company):
    theirs = ready_to_order(other_company)
    before = _nothing_placed()

    body = assert_problem(
        key_client.post(URL, _order(delivery_address=theirs.pk), format="json"),
        400,
        field="delivery_address",
    )

    assert body["errors"]["delivery_address"] == [
        "Please choose one of your company's delivery addresses."
    ]
    assert _nothing_placed() == before


def test_a_chosen_delivery_address_of_the_company_is_used(key_client, company):
    second = ready_to_order(company)

    response = key_client.post(URL, _order(delivery_address=second.pk), format="json")

    assert response.status_code == 201, response.content
    assert Order.objects.get().shipping_address.line1 == second.line1


def test_a_retry_with_the_same_idempotency_key_creates_one_order(key_client):
    headers = {"Idempotency-Key": "order-2026-0001"}

    first = key_client.post(URL, _order(), format="json", headers=headers)
    again = key_client.post(URL, _order(), format="json", headers=headers)

    assert (first.status_code, again.status_code) == (201, 201)
    assert Order.objects.count() == 1
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()


def test_the_same_idempotency_key_with_another_body_is_a_422(key_client):
    headers = {"Idempotency-Key": "order-2026-0002"}
    key_client.post(URL, _order(), format="json", headers=headers)

    response = key_client.post(
        URL, _order(po_number="PO-9"), format="json", headers=headers
    )

    assert_problem(response, 422)
    assert Order.objects.count() == 1


def test_a_member_who_may_not_place_orders_gets_403(company_key, approver, address):
    client = company_key(approver, resources=["orders"])

    assert_problem(client.post(URL, _order(), format="json"), 403)
    assert not Order.objects.exists()


def test_a_read_only_key_cannot_place_orders(company_key, buyer, address, bolts):
    client = company_key(buyer, resources=["orders"], access="read")

    assert_problem(client.post(URL, _order(), format="json"), 403)
    assert not Order.objects.exists()


@pytest.mark.parametrize("value", [0, 2**63, "first"])
def test_a_delivery_address_that_is_no_id_is_a_400(key_client, value):
    before = _nothing_placed()

    assert_problem(
        key_client.post(URL, _order(delivery_address=value), format="json"),
        400,
        field="delivery_address",
    )
    assert _nothing_placed() == before
