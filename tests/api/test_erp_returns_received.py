"""POST /api/v1/erp/returns/{number}/received/ with our ERP's staff key: it
books what arrived through the returns desk's own step, so the return, its
timeline, the customer's mail and the customer's page change at once."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from returns.models import ReturnEvent, ReturnLine, ReturnRequest
from returns.services import _move, return_approve
from tests.api.conftest import assert_problem
from tests.api.service_world import (  # noqa: F401  fixtures
    fixture_delivered_order,
    fixture_desk,
    fixture_private_files,
    return_of,
)
from tests.helpers import snapshot


def url(number):
    return f"/api/v1/erp/returns/{number}/received/"


@pytest.fixture(name="waiting")
def fixture_waiting(buyer, desk, delivered_order):
    """A return of 4 bolts and 2 gloves whose label is issued: the goods are
    on their way back."""
    made = return_of(delivered_order, buyer, key="w", BOLT_M8_100=4, GLOVE_L_10=2)
    with transaction.atomic():
        return_approve(return_request=made, actor=desk, issue_label=False)
        _move(made, ReturnRequest.Status.LABEL_ISSUED, actor=desk)
    mail.outbox.clear()
    return ReturnRequest.objects.get(pk=made.pk)


def _lines(**by_sku):
    return [
        {"sku": sku.replace("_", "-"), "quantity": qty, "condition": condition}
        for sku, (qty, condition) in by_sku.items()
    ]


def _database():
    return snapshot(ReturnRequest, ReturnLine, ReturnEvent)


def test_the_erp_books_what_arrived_and_the_customer_sees_it(
    staff_key, superuser, client, buyer, waiting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_key(resources=["returns"]).post(
            url(waiting.number),
            {
                "lines": _lines(BOLT_M8_100=(4, "as_new"), GLOVE_L_10=(1, "damaged")),
                "note": "Pallet 7",
            },
            format="json",
        )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["number"], body["status"], body["company"]) == (
        waiting.number,
        "received",
        "acme",
    )
    assert [
        (line["sku"], line["received_quantity"], line["condition"])
        for line in body["lines"]
    ] == [("BOLT-M8-100", 4, "as_new"), ("GLOVE-L-10", 1, "damaged")]
    last = waiting.events.last()
    assert (last.status, last.actor, last.note) == ("received", superuser, "Pallet 7")
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["buyer@acme.example"], f"Return {waiting.number}: Received")
    ]
    client.force_login(buyer)
    page = client.get(reverse("returns:detail", args=[waiting.number])).content
    assert b"Pallet 7" in page


def test_lines_can_be_named_by_return_line_id(staff_key, waiting):
    lines = {line.order_line.partner_sku: line for line in waiting.lines.all()}

    response = staff_key().post(
        url(waiting.number),
        {
            "lines": [
                {"return_line_id": lines["BOLT-M8-100"].pk, "quantity": 0},
                {
                    "return_line_id": lines["GLOVE-L-10"].pk,
                    "quantity": 2,
                    "condition": "opened",
                },
            ]
        },
        format="json",
    )

    assert response.status_code == 200, response.content
    assert sorted(waiting.lines.values_list("received_quantity", "condition")) == [
        (0, ""),
        (2, "opened"),
    ]


@pytest.mark.parametrize(
    ("lines", "field", "message"),
    [
        (
            _lines(BOLT_M8_100=(4, "as_new")),
            "lines",
            "Enter the received quantity of every line.",
        ),
        (
            _lines(BOLT_M8_100=(5, "as_new"), GLOVE_L_10=(2, "as_new")),
            "lines",
            "Hex bolt M8 (100): received quantity must be between 0 and 4.",
        ),
        (
            _lines(BOLT_M8_100=(4, ""), GLOVE_L_10=(2, "as_new")),
            "lines.0.condition",
            "Choose the condition of the goods.",
        ),
        (
            _lines(BOLT_M8_100=(4, "shiny"), GLOVE_L_10=(2, "as_new")),
            "lines.0.condition",
            '"shiny" is not a valid choice.',
        ),
        (
            _lines(NOPE=(1, "as_new")),
            "lines.0.sku",
            "The return has no line with this SKU.",
        ),
        (
            [{"return_line_id": 999999, "quantity": 1, "condition": "as_new"}],
            "lines.0.return_line_id",
            "This line is not part of the return.",
        ),
        (
            [{"sku": "BOLT-M8-100", "quantity": -1, "condition": "as_new"}],
            "lines.0.quantity",
            "Ensure this value is greater than or equal to 0.",
        ),
        ([], "lines", "Name at least one line."),
    ],
)
def test_wrong_lines_are_a_400_naming_them_and_book_nothing(
    staff_key, waiting, lines, field, message
):
    before = _database()

    response = staff_key().post(url(waiting.number), {"lines": lines}, format="json")

    body = assert_problem(response, 400, field=field)
    assert body["errors"][field] == [message]
    assert _database() == before
    assert mail.outbox == []


def test_unknown_fields_are_refused(staff_key, waiting):
    response = staff_key().post(
        url(waiting.number),
        {"lines": _lines(BOLT_M8_100=(4, "as_new")), "status": "closed"},
        format="json",
    )

    body = assert_problem(response, 400, field="status")
    assert body["errors"]["status"] == ["Unknown field."]
    waiting.refresh_from_db()
    assert waiting.status == "label_issued"


def test_a_return_not_waiting_for_goods_cannot_be_received(
    staff_key, buyer, delivered_order
):
    requested = return_of(delivered_order, buyer, key="r", BOLT_M8_100=1)

    response = staff_key().post(
        url(requested.number),
        {"lines": _lines(BOLT_M8_100=(1, "as_new"))},
        format="json",
    )

    body = assert_problem(response, 400, field="non_field_errors")
    assert body["errors"]["non_field_errors"] == [
        "This return is Requested now; the step is no longer possible."
    ]
    requested.refresh_from_db()
    assert requested.status == "requested"


def test_a_retried_post_with_the_same_idempotency_key_books_once(staff_key, waiting):
    client = staff_key()
    body = {"lines": _lines(BOLT_M8_100=(4, "as_new"), GLOVE_L_10=(2, "as_new"))}

    first = client.post(
        url(waiting.number), body, format="json", HTTP_IDEMPOTENCY_KEY="k1"
    )
    retry = client.post(
        url(waiting.number), body, format="json", HTTP_IDEMPOTENCY_KEY="k1"
    )

    assert (first.status_code, retry.status_code) == (200, 200)
    assert retry["Idempotent-Replayed"] == "true"
    assert waiting.events.filter(status="received").count() == 1


def test_an_unknown_return_is_404(staff_key, db):
    assert_problem(
        staff_key().post(url("RMA-2000-000404"), {"lines": []}, format="json"), 404
    )


def test_who_may_book(api_client, staff_key, company_key, company_admin, waiting):
    body = {"lines": _lines(BOLT_M8_100=(4, "as_new"), GLOVE_L_10=(2, "as_new"))}
    before = _database()

    no_key = api_client.post(url(waiting.number), body, format="json")
    company = company_key(company_admin).post(url(waiting.number), body, format="json")
    read_only = staff_key(access="read").post(url(waiting.number), body, format="json")
    no_scope = staff_key(resources=["orders"]).post(
        url(waiting.number), body, format="json"
    )

    assert_problem(no_key, 401)
    assert_problem(company, 403)
    assert_problem(read_only, 403)
    assert_problem(no_scope, 403)
    assert _database() == before
