"""/api/v1/offers/: who may read offers by key, and that nobody accepts,
declines, changes or deletes one by key (accepting takes a person who signs
in the portal): every write answers 405 (403 for a read-only key) and
changes nothing; drafts and another company's offers are not found."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contracts.models import Acceptance, Contract, Offer, OfferEvent, OfferVersion
from tests.api.conftest import assert_problem
from tests.api.matrix_documents import (
    delete_private_files,
    offer_draft_create,
    offer_resent_create,
    offer_sent_create,
    use_fake_pdfs,
)
from tests.factories.contracts import sales_user_create
from tests.helpers import snapshot

LIST = "/api/v1/offers/"


@pytest.fixture(autouse=True)
def _pdfs(db, monkeypatch):
    use_fake_pdfs(monkeypatch)
    yield
    delete_private_files()


@pytest.fixture
def sales(db):
    return sales_user_create(email="sales@portal.example")


@pytest.fixture
def offer(company, sales):
    return offer_sent_create(company=company, sales=sales, title="Framework 2027")


def test_drafts_and_other_companies_offers_are_not_found(
    company_key, company, other_company, company_admin, sales
):
    draft = offer_draft_create(company=company, sales=sales)
    globex = offer_sent_create(company=other_company, sales=sales)
    client = company_key(company_admin)

    for number in (draft.number, globex.number, "OF-0000-99999"):
        assert_problem(client.get(f"{LIST}{number}/"), 404)

    listed = client.get(LIST)
    assert (listed.status_code, listed.json()["results"]) == (200, [])


def _offer_state():
    return (snapshot(Offer, OfferVersion, Acceptance, Contract, OfferEvent),)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_no_key_can_accept_change_or_delete_an_offer(
    company_key, company_admin, offer, method
):
    client = company_key(company_admin, access="write")
    before = _offer_state()

    detail = getattr(client, method)(
        f"{LIST}{offer.number}/",
        {"status": "accepted", "typed_name": "Ada Admin", "terms": True},
        format="json",
    )
    listed = getattr(client, method)(LIST, {"title": "New"}, format="json")

    assert_problem(detail, 405)
    assert_problem(listed, 405)
    assert _offer_state() == before


@pytest.mark.parametrize("path", ["accept/", "v1/accept/", "decline/"])
def test_there_is_no_accept_or_decline_endpoint(
    company_key, company_admin, offer, path
):
    before = _offer_state()

    response = company_key(company_admin).post(
        f"{LIST}{offer.number}/{path}", {"typed_name": "Ada Admin"}, format="json"
    )

    assert_problem(response, 404)
    assert _offer_state() == before


def test_a_read_only_key_may_not_even_try_to_write(company_key, buyer, offer):
    before = _offer_state()

    response = company_key(buyer, access="read").post(
        f"{LIST}{offer.number}/", {}, format="json"
    )

    assert_problem(response, 403)
    assert _offer_state() == before


def test_without_a_key_or_with_a_revoked_one_there_is_nothing(
    api_client, company_key, buyer, offer
):
    revoked = company_key(buyer)
    revoked.api_key.revoke(by=buyer)

    for client in (api_client, revoked):
        assert_problem(client.get(LIST), 401)
        assert_problem(client.get(f"{LIST}{offer.number}/"), 401)


@pytest.mark.parametrize(
    ("persona", "resources"),
    [
        ("buyer", ["orders", "contracts"]),  # the key lacks offers
        ("approver", ["offers"]),  # the member may not accept offers
    ],
)
def test_a_key_outside_its_scope_is_refused(
    request, company_key, offer, persona, resources
):
    client = company_key(request.getfixturevalue(persona), resources=resources)

    assert_problem(client.get(LIST), 403)
    assert_problem(client.get(f"{LIST}{offer.number}/"), 403)


def test_a_staff_key_has_no_company_offers(staff_key, offer):
    assert_problem(staff_key().get(LIST), 403)


def _detail_queries(client, number):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{LIST}{number}/")
    assert response.status_code == 200
    return len(captured)


def test_the_detail_costs_the_same_queries_for_few_and_many_lines_and_versions(
    company_key, company, buyer, sales
):
    small = offer_sent_create(company=company, sales=sales)
    large = offer_resent_create(company=company, sales=sales)
    large_v2 = large.latest_sent
    large_v2.lines.all().delete()
    for position in range(30):
        large_v2.lines.create(
            position=position,
            description=f"Line {position}",
            quantity=1,
            unit_price="1.00",
        )
    client = company_key(buyer)
    _detail_queries(client, small.number)

    assert _detail_queries(client, large.number) == _detail_queries(
        client, small.number
    )
