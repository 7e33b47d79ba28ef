"""GET /api/v1/invoices/ and /api/v1/invoices/{number}/pdf/: the invoices of
the orders the key's member sees, and each one's stored PDF (private,
no-store); another company's invoice is neither listed nor found."""

import pytest

from tests.api.conftest import assert_problem
from tests.api.orders_helpers import (
    PDF_BYTES,
    invoice_files_delete,
    invoice_issue,
    place,
    ready_to_order,
)

LIST = "/api/v1/invoices/"


@pytest.fixture
def invoices(company, other_company, buyer, procurement, other_buyer, bolts):
    ready_to_order(company)
    ready_to_order(other_company)
    mine = place(buyer, company, [(bolts, 1)])
    colleague = place(procurement, company, [(bolts, 2)])
    globex = place(other_buyer, other_company, [(bolts, 3)])
    yield {
        "mine": invoice_issue(mine, "INV-2026-00001"),
        "colleague": invoice_issue(colleague, "INV-2026-00002"),
        "globex": invoice_issue(globex, "INV-2026-00003"),
    }
    invoice_files_delete()


def _numbers(response):
    assert response.status_code == 200, response.content
    return [row["number"] for row in response.json()["results"]]


def test_a_buyer_lists_the_invoices_of_their_own_orders(company_key, buyer, invoices):
    client = company_key(buyer, resources=["invoices"], access="read")

    response = client.get(LIST)

    assert _numbers(response) == ["INV-2026-00001"]
    row = response.json()["results"][0]
    assert row | {"issued_at": None} == {
        "number": "INV-2026-00001",
        "order_number": invoices["mine"].order.number,
        "issued_at": None,
        "currency": "EUR",
        "total_gross": "23.80",
        "sha256": "0",
        "pdf_url": "http://testserver/api/v1/invoices/INV-2026-00001/pdf/",
    }


def test_procurement_lists_every_invoice_of_the_company_newest_first(
    company_key, procurement, invoices
):
    client = company_key(procurement, resources=["invoices"], access="read")

    assert _numbers(client.get(LIST)) == ["INV-2026-00002", "INV-2026-00001"]
    order = invoices["mine"].order.number
    assert _numbers(client.get(f"{LIST}?order={order}")) == ["INV-2026-00001"]


def test_the_pdf_is_the_stored_file_private_and_not_cached(
    company_key, buyer, invoices
):
    client = company_key(buyer, resources=["invoices"], access="read")

    response = client.get(f"{LIST}INV-2026-00001/pdf/", HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert 'filename="INV-2026-00001.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("persona", "number"),
    [
        ("buyer", "INV-2026-00002"),
        ("buyer", "INV-2026-00003"),
        ("other_admin", "INV-2026-00001"),
        ("buyer", "INV-2099-99999"),
    ],
)
def test_an_invoice_the_member_does_not_see_is_not_found(
    request, company_key, invoices, persona, number
):
    client = company_key(request.getfixturevalue(persona))

    assert_problem(client.get(f"{LIST}{number}/pdf/"), 404)
    assert number not in _numbers(client.get(LIST))


def test_a_key_without_invoices_gets_403_and_no_key_401(
    api_client, company_key, buyer, invoices
):
    client = company_key(buyer, resources=["orders"], access="read")

    assert_problem(client.get(f"{LIST}INV-2026-00001/pdf/"), 403)
    assert_problem(client.get(LIST), 403)
    assert_problem(api_client.get(LIST), 401)
