"""/api/v1/returns/ with a company key: the list and detail the key's member
sees on "Returns", and requesting a return with the web's rules (returnable
quantities, return window, RMA numbers, mails), created once per
Idempotency-Key."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from oscar.core.loading import get_model

from returns.models import ReturnEvent, ReturnLine, ReturnPolicy, ReturnRequest
from tests.api.conftest import assert_problem
from tests.api.service_world import (  # noqa: F401  fixtures
    fixture_delivered_order,
    fixture_desk,
    fixture_other_order,
    fixture_private_files,
    queries_of,
    return_of,
)
from tests.helpers import snapshot
from tests.returns.conftest import line_of

OrderStatusChange = get_model("order", "OrderStatusChange")
LIST = "/api/v1/returns/"


def detail(number):
    return f"/api/v1/returns/{number}/"


def _database():
    return snapshot(ReturnRequest, ReturnLine, ReturnEvent)


def _body(of_order, **extra):
    return {
        "order": str(of_order.number),
        "reason": "damaged",
        "comment": "Box was crushed",
        "lines": [{"sku": "BOLT-M8-100", "quantity": 3}],
        **extra,
    }


# Reading.


def test_the_list_shows_the_members_returns_newest_first(
    company_key, buyer, delivered_order, other_order, other_buyer
):
    first = return_of(delivered_order, buyer, key="a", BOLT_M8_100=1)
    second = return_of(delivered_order, buyer, key="b", GLOVE_L_10=2)
    return_of(other_order, other_buyer, key="c", BOLT_M8_100=1)
    client = company_key(buyer, access="read", resources=["returns"])

    body = client.get(LIST).json()

    assert body["count"] == 2
    assert [row["number"] for row in body["results"]] == [second.number, first.number]
    assert body["results"][0] == {
        "number": second.number,
        "status": "requested",
        "status_label": "Requested",
        "reason": "damaged",
        "reason_label": "Damaged on arrival",
        "order": str(delivered_order.number),
        "purchase_order_number": delivered_order.purchase_order_number,
        "requested_by": "Bruno Buyer",
        "created_at": body["results"][0]["created_at"],
        "updated_at": body["results"][0]["updated_at"],
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"reason": "wrong_item"}, ["b"]),
        ({"status": "rejected"}, []),
        ({"q": "RMA-"}, ["b", "a"]),
        ({"ordering": "created_at"}, ["a", "b"]),
        ({"ordering": "-number"}, ["b", "a"]),
    ],
)
def test_the_list_filters_and_orders_like_the_returns_page(
    company_key, buyer, delivered_order, query, expected
):
    made = {
        "a": return_of(delivered_order, buyer, key="a", BOLT_M8_100=1),
        "b": return_of(delivered_order, buyer, key="b", GLOVE_L_10=1),
    }
    ReturnRequest.objects.filter(pk=made["b"].pk).update(reason="wrong_item")
    client = company_key(buyer, resources=["returns"])

    body = client.get(LIST, query).json()

    assert [row["number"] for row in body["results"]] == [
        made[key].number for key in expected
    ]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"status": "lost"}, "status"),
        ({"reason": "bored"}, "reason"),
        ({"date_from": "yesterday"}, "date_from"),
        ({"ordering": "password"}, "ordering"),
    ],
)
def test_a_wrong_filter_is_a_400_naming_it(company_key, buyer, query, field):
    client = company_key(buyer, resources=["returns"])

    assert_problem(client.get(LIST, query), 400, field=field)


def test_a_colleague_sees_only_their_own_returns_procurement_all(
    company_key, buyer, procurement, company, delivered_order
):
    from partner_portal.permissions import Role
    from tests.factories import MembershipFactory

    colleague = MembershipFactory(company=company, role=Role.BUYER).user
    made = return_of(delivered_order, buyer, key="a", BOLT_M8_100=1)

    colleague_body = company_key(colleague).get(LIST).json()
    procurement_body = company_key(procurement).get(LIST).json()

    assert colleague_body["count"] == 0
    assert [row["number"] for row in procurement_body["results"]] == [made.number]
    assert_problem(company_key(colleague).get(detail(made.number)), 404)


def test_the_detail_shows_lines_timeline_and_documents(
    company_key, buyer, delivered_order
):
    made = return_of(delivered_order, buyer, key="a", BOLT_M8_100=2, GLOVE_L_10=1)
    client = company_key(buyer, access="read", resources=["returns"])

    body = client.get(detail(made.number)).json()

    bolts = line_of(delivered_order, "BOLT-M8-100")
    assert body["number"] == made.number
    assert body["comment"] == "Crushed box"
    assert body["lines"][0] == {
        "id": made.lines.get(order_line=bolts).pk,
        "order_line_id": bolts.pk,
        "sku": "BOLT-M8-100",
        "title": "Hex bolt M8 (100)",
        "quantity": 2,
        "received_quantity": None,
        "condition": "",
    }
    assert [line["sku"] for line in body["lines"]] == ["BOLT-M8-100", "GLOVE-L-10"]
    assert [(e["status"], e["note"], e["by"]) for e in body["events"]] == [
        ("requested", "Crushed box", "Bruno Buyer")
    ]
    assert (body["photo_count"], body["has_label"], body["credit_note"]) == (
        0,
        False,
        None,
    )
    assert body["refund_amount"] is None


def test_another_companys_return_is_404_and_not_listed(
    company_key, other_admin, buyer, delivered_order
):
    made = return_of(delivered_order, buyer, key="a", BOLT_M8_100=1)
    client = company_key(other_admin)

    assert_problem(client.get(detail(made.number)), 404)
    assert client.get(LIST).json()["count"] == 0
    assert_problem(client.get(detail("RMA-2000-999999")), 404)


# Requesting a return.


def test_a_key_requests_a_return_like_the_web_form(
    company_key, buyer, desk, delivered_order, django_capture_on_commit_callbacks
):
    client = company_key(buyer, resources=["returns"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            LIST,
            _body(
                delivered_order,
                lines=[
                    {"sku": "BOLT-M8-100", "quantity": 3},
                    {
                        "order_line_id": line_of(delivered_order, "GLOVE-L-10").pk,
                        "quantity": 1,
                    },
                ],
            ),
            format="json",
        )

    assert response.status_code == 201, response.content
    made = ReturnRequest.objects.for_company(delivered_order.company).get()
    year = timezone.localdate().year
    assert made.number == f"RMA-{year}-000001"
    assert response["Location"] == detail(made.number)
    assert response.json()["number"] == made.number
    assert (made.status, made.reason, made.comment, made.requested_by) == (
        "requested",
        "damaged",
        "Box was crushed",
        buyer,
    )
    assert sorted(
        (line.order_line.partner_sku, line.quantity) for line in made.lines.all()
    ) == [("BOLT-M8-100", 3), ("GLOVE-L-10", 1)]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["buyer@acme.example"], f"Return {made.number}: Requested"),
        (
            ["returns@portal.example"],
            f"New return {made.number} from Acme Industrial GmbH",
        ),
    ]


def test_a_retried_post_with_the_same_idempotency_key_creates_once(
    company_key, buyer, delivered_order
):
    client = company_key(buyer, resources=["returns"])
    body = _body(delivered_order)

    first = client.post(LIST, body, format="json", HTTP_IDEMPOTENCY_KEY="rma-1")
    retry = client.post(LIST, body, format="json", HTTP_IDEMPOTENCY_KEY="rma-1")
    other = client.post(
        LIST,
        _body(delivered_order, comment="else"),
        format="json",
        HTTP_IDEMPOTENCY_KEY="rma-1",
    )

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert_problem(other, 422)
    assert ReturnRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"reason": "bored"}, "reason", '"bored" is not a valid choice.'),
        ({"order": "100999"}, "order", "There is no order with this number."),
        ({"lines": []}, "lines", "Name at least one line."),
        (
            {"lines": [{"sku": "NOPE", "quantity": 1}]},
            "lines.0.sku",
            "The order has no line with this SKU.",
        ),
        (
            {"lines": [{"quantity": 1}]},
            "lines.0.sku",
            "Give either the SKU or the order line id.",
        ),
        (
            {"lines": [{"sku": "BOLT-M8-100", "quantity": 0}]},
            "lines.0.quantity",
            "Ensure this value is greater than or equal to 1.",
        ),
        (
            {"lines": [{"sku": "BOLT-M8-100", "quantity": "many"}]},
            "lines.0.quantity",
            "A valid integer is required.",
        ),
        (
            {"lines": [{"sku": "BOLT-M8-100", "quantity": 1, "colour": "red"}]},
            "lines.0.colour",
            "Unknown field.",
        ),
        (
            {
                "lines": [
                    {"sku": "BOLT-M8-100", "quantity": 1},
                    {"sku": "BOLT-M8-100", "quantity": 1},
                ]
            },
            "lines.1.quantity",
            "This line is named twice.",
        ),
        (
            {"lines": [{"sku": "BOLT-M8-100", "quantity": 11}]},
            "lines",
            "Hex bolt M8 (100): at most 10 can be returned, not 11.",
        ),
        ({"photos": ["x.png"]}, "photos", "Unknown field."),
    ],
)
def test_invalid_input_is_a_400_naming_the_field_and_saves_nothing(
    company_key, buyer, delivered_order, change, field, message
):
    client = company_key(buyer, resources=["returns"])
    before = _database()

    response = client.post(LIST, _body(delivered_order, **change), format="json")

    body = assert_problem(response, 400, field=field)
    assert body["errors"][field] == [message]
    assert _database() == before
    assert mail.outbox == []


def test_missing_fields_and_a_non_object_body_are_400(
    company_key, buyer, delivered_order
):
    client = company_key(buyer, resources=["returns"])

    body = assert_problem(client.post(LIST, {}, format="json"), 400)
    not_object = client.post(LIST, "[1, 2]", content_type="application/json")

    assert set(body["errors"]) == {"order", "reason", "lines"}
    assert_problem(not_object, 400)
    assert ReturnRequest.objects.count() == 0


def test_the_return_window_of_the_web_form_applies(company_key, buyer, delivered_order):
    OrderStatusChange.objects.filter(order=delivered_order).update(
        date_created=timezone.now() - timedelta(days=400)
    )
    ReturnPolicy.objects.create(
        product_class=line_of(delivered_order, "BOLT-M8-100").product.product_class,
        window_days=14,
    )
    client = company_key(buyer, resources=["returns"])

    body = assert_problem(
        client.post(LIST, _body(delivered_order), format="json"), 400, field="lines"
    )

    assert "return window of 14 days ended" in body["errors"]["lines"][0]
    assert ReturnRequest.objects.count() == 0


def test_another_companys_order_cannot_be_returned(company_key, buyer, other_order):
    client = company_key(buyer, resources=["returns"])

    body = assert_problem(
        client.post(LIST, _body(other_order), format="json"), 400, field="order"
    )

    assert body["errors"]["order"] == ["There is no order with this number."]
    assert ReturnRequest.objects.count() == 0


# Who may.


def test_no_key_and_a_revoked_key_are_401(api_client, company_key, buyer):
    client = company_key(buyer)
    client.api_key.revoke(by=buyer)

    assert_problem(api_client.get(LIST), 401)
    assert_problem(client.get(LIST), 401)


@pytest.mark.parametrize(
    ("access", "resources", "method", "status"),
    [
        ("write", ["orders"], "get", 403),
        ("write", ["orders"], "post", 403),
        ("read", ["returns"], "post", 403),
        ("read", ["returns"], "get", 200),
    ],
)
def test_the_keys_scope_decides(
    company_key, buyer, delivered_order, access, resources, method, status
):
    client = company_key(buyer, access=access, resources=resources)

    if method == "get":
        response = client.get(LIST)
    else:
        response = client.post(LIST, _body(delivered_order), format="json")

    assert response.status_code == status
    assert ReturnRequest.objects.count() == 0


def test_an_approver_reads_returns_but_may_not_request_one(
    company_key, approver, delivered_order
):
    client = company_key(approver)

    assert client.get(LIST).status_code == 200
    assert_problem(client.post(LIST, _body(delivered_order), format="json"), 403)
    assert ReturnRequest.objects.count() == 0


def test_a_staff_key_has_no_company_returns(staff_key, delivered_order):
    assert_problem(staff_key().get(LIST), 403)


def test_the_list_costs_the_same_queries_for_few_and_many(
    company_key, company, buyer, delivered_order
):
    client = company_key(buyer, access="read", resources=["returns"])
    return_of(delivered_order, buyer, key="first", BOLT_M8_100=1)
    few = queries_of(lambda: client.get(LIST))
    ReturnRequest.objects.bulk_create(
        ReturnRequest(
            company=company,
            order=delivered_order,
            requested_by=buyer,
            reason="other",
            number=f"RMA-2000-{index:06d}",
            submission_key=f"bulk-{index}",
        )
        for index in range(60)
    )

    many = queries_of(lambda: client.get(LIST, {"page_size": 100}))

    assert many == few
    assert few <= 8


def test_a_retry_whose_idempotency_record_is_gone_still_creates_once(
    company_key, buyer, delivered_order
):
    """The Idempotency-Key also becomes the web form's submission token, so a
    retry that the idempotency record no longer catches (expired, or a race
    the record lost) finds the first return."""
    from api.models import IdempotencyRecord

    client = company_key(buyer, resources=["returns"])
    first = client.post(
        LIST, _body(delivered_order), format="json", HTTP_IDEMPOTENCY_KEY="rma-9"
    )
    IdempotencyRecord.objects.all().delete()

    again = client.post(
        LIST, _body(delivered_order), format="json", HTTP_IDEMPOTENCY_KEY="rma-9"
    )

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["number"] == first.json()["number"]
    assert ReturnRequest.objects.count() == 1
