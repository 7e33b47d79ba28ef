"""/api/v1/offers/{number}/pdf/: the stored PDF of the last version sent (or
of `?version=`), handed out through the permission-checking path with
private, no-store headers; never a draft's, never another company's."""

import pytest

from tests.api.conftest import assert_problem
from tests.api.matrix_documents import (
    delete_private_files,
    offer_draft_create,
    offer_resent_create,
    offer_sent_create,
    use_fake_pdfs,
)
from tests.factories.contracts import sales_user_create

LIST = "/api/v1/offers/"


@pytest.fixture(autouse=True)
def _pdfs(db, monkeypatch):
    use_fake_pdfs(monkeypatch)
    yield
    delete_private_files()


@pytest.fixture
def sales(db):
    return sales_user_create(email="sales@portal.example")


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def assert_private_pdf(response, *, filename: str, content: bytes):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert _body(response) == content


def test_the_pdf_is_the_stored_file_of_the_last_version_sent(
    company_key, company, buyer, sales
):
    offer = offer_resent_create(company=company, sales=sales)

    response = company_key(buyer, resources=["offers"], access="read").get(
        f"{LIST}{offer.number}/pdf/"
    )

    assert_private_pdf(
        response,
        filename=f"{offer.number}-v2.pdf",
        content=f"%PDF-1.7 {offer.number} v2".encode(),
    )


def test_an_earlier_version_is_asked_for_by_number(company_key, company, buyer, sales):
    offer = offer_resent_create(company=company, sales=sales)

    response = company_key(buyer).get(f"{LIST}{offer.number}/pdf/", {"version": 1})

    assert_private_pdf(
        response,
        filename=f"{offer.number}-v1.pdf",
        content=f"%PDF-1.7 {offer.number} v1".encode(),
    )


def test_a_client_that_accepts_only_pdf_gets_it(company_key, company, buyer, sales):
    offer = offer_sent_create(company=company, sales=sales)

    response = company_key(buyer).get(
        f"{LIST}{offer.number}/pdf/", HTTP_ACCEPT="application/pdf"
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("version", ["3", "4"])
def test_a_draft_or_unknown_version_is_not_found(
    company_key, company, buyer, sales, version
):
    # v3 is the draft sales are still editing.
    offer = offer_resent_create(company=company, sales=sales)

    response = company_key(buyer).get(
        f"{LIST}{offer.number}/pdf/", {"version": version}
    )

    assert_problem(response, 404)


@pytest.mark.parametrize(
    "version", ["0", "x", "-1", "1.5", "²", "99999999999999999999"]
)
def test_a_malformed_version_is_a_400(company_key, company, buyer, sales, version):
    offer = offer_sent_create(company=company, sales=sales)

    response = company_key(buyer).get(
        f"{LIST}{offer.number}/pdf/", {"version": version}
    )

    body = assert_problem(response, 400, field="version")
    assert body["errors"]["version"] == ["A version is a whole number from 1."]


def test_a_draft_offer_and_another_companys_offer_have_no_pdf(
    company_key, company, other_company, company_admin, sales
):
    draft = offer_draft_create(company=company, sales=sales)
    globex = offer_sent_create(company=other_company, sales=sales)
    client = company_key(company_admin)

    assert_problem(client.get(f"{LIST}{draft.number}/pdf/"), 404)
    assert_problem(client.get(f"{LIST}{draft.number}/pdf/", {"version": 1}), 404)
    assert_problem(client.get(f"{LIST}{globex.number}/pdf/"), 404)
    assert_problem(client.get(f"{LIST}{globex.number}/pdf/", {"version": 1}), 404)


def test_who_sees_contracts_may_read_the_offer_pdf_as_on_the_web(
    company_key, company, approver, sales
):
    offer = offer_sent_create(company=company, sales=sales)
    client = company_key(approver, resources=["offers"], access="read")

    assert client.get(f"{LIST}{offer.number}/pdf/").status_code == 200
    # The offer itself is for those who accept offers.
    assert_problem(client.get(f"{LIST}{offer.number}/"), 403)


def test_the_pdf_needs_a_key_with_the_offers_resource(
    api_client, company_key, company, buyer, sales
):
    offer = offer_sent_create(company=company, sales=sales)
    url = f"{LIST}{offer.number}/pdf/"
    revoked = company_key(buyer)
    revoked.api_key.revoke(by=buyer)

    assert_problem(api_client.get(url), 401)
    assert_problem(revoked.get(url), 401)
    assert_problem(company_key(buyer, resources=["contracts", "orders"]).get(url), 403)


def test_a_pdf_still_being_prepared_answers_409_with_retry_after(
    company_key, company, buyer, sales
):
    # Given an offer sent while a task worker has not recorded its PDF yet
    offer = offer_sent_create(company=company, sales=sales)
    version = offer.latest_sent
    version.pdf = ""
    version.save(update_fields=["pdf"])

    # When the client asks for the PDF
    response = company_key(buyer).get(f"{LIST}{offer.number}/pdf/")

    # Then it is told to come back shortly, not that there is none
    assert_problem(response, 409)
    assert response["Retry-After"] == "5"
    assert "being prepared" in response.json()["detail"]
