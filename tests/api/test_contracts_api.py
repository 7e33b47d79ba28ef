"""/api/v1/contracts/: a key reads the contracts and partner agreements that
"Contracts" shows its member, by state and kind, with their terms, the
accepted offer and the documents, and downloads their PDFs through the
permission-checking path; never another company's. Read only."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contracts.models import Contract, ContractDocument
from tests.api.conftest import assert_problem
from tests.api.matrix_documents import (
    contract_copies_create,
    contract_create,
    contract_document_create,
    delete_private_files,
    offer_accepted_create,
    use_fake_pdfs,
)
from tests.factories.contracts import sales_user_create
from tests.helpers import snapshot

LIST = "/api/v1/contracts/"
SERVER = "http://testserver"


@pytest.fixture(autouse=True)
def _pdfs(db, monkeypatch):
    use_fake_pdfs(monkeypatch)
    yield
    delete_private_files()


@pytest.fixture
def sales(db):
    return sales_user_create(email="sales@portal.example")


@pytest.fixture
def contracts(company):
    """One contract in each state, by title."""
    today = timezone.localdate()
    days = timedelta
    return {
        "active": contract_create(
            company=company,
            title="active",
            start_date=today - days(100),
            end_date=today + days(300),
        ),
        "expiring": contract_create(
            company=company,
            title="expiring",
            start_date=today - days(300),
            end_date=today + days(30),
        ),
        "ended": contract_create(
            company=company,
            title="ended",
            start_date=today - days(400),
            end_date=today - days(5),
        ),
        "upcoming": contract_create(
            company=company,
            title="upcoming",
            start_date=today + days(10),
            end_date=today + days(400),
        ),
    }


def _titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("", ["ended", "expiring", "active", "upcoming"]),
        ("active", ["expiring", "active"]),
        ("expiring", ["expiring"]),
        ("ended", ["ended"]),
        ("upcoming", ["upcoming"]),
    ],
)
def test_the_list_filters_by_state_like_the_page(
    company_key, approver, contracts, state, expected
):
    client = company_key(approver, resources=["contracts"], access="read")

    assert _titles(client.get(LIST, {"state": state})) == expected


def test_the_list_filters_by_kind(company_key, partner_company, partner_admin):
    contract_create(company=partner_company, title="Supply")
    contract_create(
        company=partner_company,
        title="Distribution",
        kind=Contract.Kind.PARTNER_AGREEMENT,
    )
    client = company_key(partner_admin)

    assert _titles(client.get(LIST, {"kind": "partner_agreement"})) == ["Distribution"]
    assert _titles(client.get(LIST, {"kind": "contract"})) == ["Supply"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("-end_date", ["upcoming", "active", "expiring", "ended"]),
        ("start_date", ["ended", "expiring", "active", "upcoming"]),
    ],
)
def test_the_list_orders_by_the_field_asked(
    company_key, approver, contracts, ordering, expected
):
    assert _titles(company_key(approver).get(LIST, {"ordering": ordering})) == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"state": "all"}, "state"),
        ({"kind": "lease"}, "kind"),
        ({"ordering": "title"}, "ordering"),
    ],
)
def test_an_unknown_filter_value_is_a_clear_400(company_key, approver, params, field):
    body = assert_problem(company_key(approver).get(LIST, params), 400, field=field)
    assert body["errors"][field][0].startswith("Choose one of: ")


def test_the_list_item_of_a_contract(company_key, company, approver):
    today = timezone.localdate()
    contract = contract_create(
        company=company,
        title="Cleaning",
        start_date=today - timedelta(days=10),
        end_date=today + timedelta(days=200),
        notice_days=30,
    )

    response = company_key(approver).get(LIST)

    assert response.json()["results"] == [
        {
            "number": contract.number,
            "kind": "contract",
            "kind_label": "Contract",
            "title": "Cleaning",
            "state": "active",
            "state_label": "Active",
            "start_date": (today - timedelta(days=10)).isoformat(),
            "end_date": (today + timedelta(days=200)).isoformat(),
            "notice_days": 30,
            "notice_date": (today + timedelta(days=170)).isoformat(),
            "offer": None,
            "url": f"{SERVER}/api/v1/contracts/{contract.number}/",
            "pdf_url": None,
        }
    ]


def test_the_detail_has_the_accepted_offer_and_the_documents(
    company_key, company, company_admin, approver, sales
):
    offer = offer_accepted_create(
        company=company, sales=sales, signer=company_admin, title="Framework"
    )
    contract = Contract.objects.for_company(company).get()
    document = contract_document_create(contract, user=sales)

    response = company_key(approver, resources=["contracts"], access="read").get(
        f"{LIST}{contract.number}/"
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["offer"], body["offer_version"]) == (
        "Framework",
        offer.number,
        1,
    )
    assert body["pdf_url"] == f"{SERVER}/api/v1/contracts/{contract.number}/pdf/"
    assert body["renewal_terms"] == contract.renewal_terms
    assert body["contact_person"] == {
        "name": contract.contact_person.get_full_name(),
        "email": contract.contact_person.email,
    }
    assert body["documents"] == [
        {
            "id": document.pk,
            "title": "Signed copy",
            "size": len(b"%PDF-1.4 signed copy"),
            "sha256": document.sha256,
            "created_at": body["documents"][0]["created_at"],
            "url": (
                f"{SERVER}/api/v1/contracts/{contract.number}/documents/{document.pk}/"
            ),
        }
    ]


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _assert_private_pdf(response, filename):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_the_contract_pdf_is_the_accepted_offer(
    company_key, company, company_admin, approver, sales
):
    offer = offer_accepted_create(company=company, sales=sales, signer=company_admin)
    contract = Contract.objects.for_company(company).get()

    response = company_key(approver).get(f"{LIST}{contract.number}/pdf/")

    _assert_private_pdf(response, f"{contract.number}.pdf")
    assert _body(response) == f"%PDF-1.7 {offer.number} v1".encode()


def test_a_contract_made_without_an_offer_has_no_pdf(
    company_key, company, approver, contracts
):
    response = company_key(approver).get(f"{LIST}{contracts['active'].number}/pdf/")

    body = assert_problem(response, 404)
    assert body["detail"] == "This contract was not made from an offer and has no PDF."


def test_a_document_downloads_privately(company_key, company, approver, sales):
    contract = contract_create(company=company)
    document = contract_document_create(contract, user=sales, content=b"%PDF-1.4 x")

    response = company_key(approver).get(
        f"{LIST}{contract.number}/documents/{document.pk}/"
    )

    _assert_private_pdf(response, f"{contract.number}-{document.pk}.pdf")
    assert _body(response) == b"%PDF-1.4 x"


def test_another_companys_contracts_are_not_found_nor_listed(
    company_key, company, other_company, approver, sales
):
    globex = contract_create(company=other_company, title="Globex contract")
    globex_document = contract_document_create(globex, user=sales)
    ours = contract_create(company=company, title="Ours")
    client = company_key(approver)

    assert _titles(client.get(LIST)) == ["Ours"]
    for path in ("", "pdf/", f"documents/{globex_document.pk}/"):
        assert_problem(client.get(f"{LIST}{globex.number}/{path}"), 404)
    # Globex's document under our contract's number: not ours either.
    assert_problem(
        client.get(f"{LIST}{ours.number}/documents/{globex_document.pk}/"), 404
    )
    assert_problem(client.get(f"{LIST}CT-0000-99999/"), 404)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_contracts_are_read_only(company_key, company, company_admin, sales, method):
    contract = contract_create(company=company)
    contract_document_create(contract, user=sales)
    client = company_key(company_admin, access="write")
    before = snapshot(Contract, ContractDocument)

    for url in (
        LIST,
        f"{LIST}{contract.number}/",
        f"{LIST}{contract.number}/pdf/",
    ):
        response = getattr(client, method)(url, {"title": "Changed"}, format="json")
        assert_problem(response, 405)

    assert snapshot(Contract, ContractDocument) == before


@pytest.mark.parametrize(
    ("persona", "resources"),
    [
        ("approver", ["offers", "orders"]),  # the key lacks contracts
        ("buyer", ["contracts"]),  # the member may not see contracts
    ],
)
def test_a_key_outside_its_scope_is_refused(
    request, company_key, company, persona, resources
):
    contract = contract_create(company=company)
    client = company_key(request.getfixturevalue(persona), resources=resources)

    for path in ("", f"{contract.number}/", f"{contract.number}/pdf/"):
        assert_problem(client.get(f"{LIST}{path}"), 403)


def test_without_a_key_or_with_a_revoked_one_there_is_nothing(
    api_client, company_key, company, approver
):
    contract = contract_create(company=company)
    revoked = company_key(approver)
    revoked.api_key.revoke(by=approver)

    for client in (api_client, revoked):
        assert_problem(client.get(LIST), 401)
        assert_problem(client.get(f"{LIST}{contract.number}/"), 401)


def _list_queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, {"page_size": 100})
    assert response.status_code == 200
    return len(captured), response.json()["count"]


def test_the_list_costs_the_same_queries_for_few_and_many_contracts(
    company_key, company, company_admin, sales
):
    offer_accepted_create(company=company, sales=sales, signer=company_admin)
    client = company_key(company_admin)
    _list_queries(client)
    few, count = _list_queries(client)
    assert count == 1

    contract_copies_create(company, 80)

    many, count = _list_queries(client)
    assert (many, count) == (few, 81)
