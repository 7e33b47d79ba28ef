"""/api/v1/offers/: a key reads the offers "Offers" shows its member (sent
ones, never drafts, never another company's), with the lines, prices,
validity and status of the last version sent, filtered and ordered like the
page, in the same number of queries for few and many offers. (Who may read,
and that no key writes: test_offers_api_access.py.)"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contracts.models import Acceptance, Contract
from tests.api.conftest import assert_problem
from tests.api.matrix_documents import (
    delete_private_files,
    line,
    offer_accepted_create,
    offer_copies_create,
    offer_declined_create,
    offer_draft_create,
    offer_expired_create,
    offer_resent_create,
    offer_sent_create,
    use_fake_pdfs,
)
from tests.factories.contracts import sales_user_create

LIST = "/api/v1/offers/"
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
def offer(company, sales):
    return offer_sent_create(company=company, sales=sales, title="Framework 2027")


def _numbers(response):
    assert response.status_code == 200, response.content
    return [item["number"] for item in response.json()["results"]]


def test_the_list_shows_the_companys_sent_offers(
    company_key, company, other_company, buyer, sales, offer
):
    offer_draft_create(company=company, sales=sales, title="Still a draft")
    offer_sent_create(company=other_company, sales=sales, title="Globex's")

    response = company_key(buyer, resources=["offers"], access="read").get(LIST)

    assert response.status_code == 200
    version = offer.latest_sent
    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "number": offer.number,
                "title": "Framework 2027",
                "version": 1,
                "status": "sent",
                "status_label": "Sent",
                "valid_until": version.valid_until.isoformat(),
                "currency": settings.OSCAR_DEFAULT_CURRENCY,
                "total_net": "100.00",
                "total_tax": "19.00",
                "total_gross": "119.00",
                "sent_at": response.json()["results"][0]["sent_at"],
                "url": f"{SERVER}/api/v1/offers/{offer.number}/",
                "pdf_url": f"{SERVER}/api/v1/offers/{offer.number}/pdf/",
            }
        ],
    }
    assert response.json()["results"][0]["sent_at"].startswith(
        str(timezone.localdate().year)
    )


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("sent", ["open"]),
        ("accepted", ["accepted"]),
        ("declined", ["declined"]),
        ("expired", ["expired"]),
        ("", ["expired", "declined", "accepted", "open"]),
    ],
)
def test_the_list_filters_by_the_status_the_customer_sees(
    company_key, company, company_admin, sales, status, expected
):
    offers = {
        "open": offer_sent_create(company=company, sales=sales),
        "accepted": offer_accepted_create(
            company=company, sales=sales, signer=company_admin
        ),
        "declined": offer_declined_create(
            company=company, sales=sales, user=company_admin
        ),
        # Past its validity but still "sent" in the database.
        "expired": offer_expired_create(company=company, sales=sales),
    }
    names = {offer.number: name for name, offer in offers.items()}

    response = company_key(company_admin).get(LIST, {"status": status})

    assert [names[number] for number in _numbers(response)] == expected


def test_an_expired_offer_says_so(company_key, company, buyer, sales):
    offer = offer_expired_create(company=company, sales=sales)

    body = company_key(buyer).get(f"{LIST}{offer.number}/").json()

    assert (body["status"], body["status_label"]) == ("expired", "Expired")


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("number", ["A", "B", "C"]),
        ("-number", ["C", "B", "A"]),
        ("valid_until", ["B", "C", "A"]),
        ("-total_gross", ["C", "A", "B"]),
        ("", ["C", "B", "A"]),  # newest first, as on the page
    ],
)
def test_the_list_orders_by_the_field_asked(
    company_key, company, buyer, sales, ordering, expected
):
    today = timezone.localdate()
    made = {}
    for title, days, price in [
        ("A", 60, "20.00"),
        ("B", 10, "10.00"),
        ("C", 30, "30.00"),
    ]:
        made[title] = offer_sent_create(
            company=company,
            sales=sales,
            title=title,
            valid_until=today + timedelta(days=days),
            lines=[line(unit_price=price)],
        )
    titles = {offer.number: title for title, offer in made.items()}

    response = company_key(buyer).get(LIST, {"ordering": ordering} if ordering else {})

    assert [titles[number] for number in _numbers(response)] == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "draft"}, "status"),
        ({"status": "superseded"}, "status"),
        ({"ordering": "title"}, "ordering"),
        ({"ordering": "-company"}, "ordering"),
    ],
)
def test_an_unknown_filter_value_is_a_clear_400(
    company_key, buyer, offer, params, field
):
    response = company_key(buyer).get(LIST, params)

    body = assert_problem(response, 400, field=field)
    assert body["errors"][field][0].startswith("Choose one of: ")


def test_the_detail_shows_lines_prices_terms_and_validity(
    company_key, company, buyer, sales
):
    offer = offer_sent_create(
        company=company,
        sales=sales,
        title="Bolts and service",
        lines=[
            line("Hex bolts", quantity=3, unit_price="10.00", discount="5", sku="B-1"),
            line("Reduced rate item", unit_price="100.00", tax_rate="7"),
        ],
        header={"delivery_terms": "Free delivery", "cover_note": "Thank you"},
    )
    version = offer.latest_sent

    response = company_key(buyer, resources=["offers"], access="read").get(
        f"{LIST}{offer.number}/"
    )

    assert response.status_code == 200
    body = response.json()
    assert body["lines"] == [
        {
            "position": 0,
            "sku": "B-1",
            "description": "Hex bolts",
            "quantity": 3,
            "unit_price": "10.00",
            "discount_percent": "5.00",
            "net_unit_price": "9.50",
            "tax_rate": "19.00",
            "line_net": "28.50",
            "line_tax": "5.42",
        },
        {
            "position": 1,
            "sku": "",
            "description": "Reduced rate item",
            "quantity": 1,
            "unit_price": "100.00",
            "discount_percent": "0.00",
            "net_unit_price": "100.00",
            "tax_rate": "7.00",
            "line_net": "100.00",
            "line_tax": "7.00",
        },
    ]
    assert {
        key: body[key]
        for key in (
            "number",
            "version",
            "status",
            "valid_until",
            "total_net",
            "total_tax",
            "total_gross",
            "payment_terms",
            "delivery_terms",
            "cover_note",
            "contract_months",
            "notice_days",
            "language",
            "sha256",
            "content_sha256",
            "accepted_at",
            "contract",
            "decline_reason",
        )
    } == {
        "number": offer.number,
        "version": 1,
        "status": "sent",
        "valid_until": version.valid_until.isoformat(),
        "total_net": "128.50",
        "total_tax": "12.42",
        "total_gross": "140.92",
        "payment_terms": "30 days net",
        "delivery_terms": "Free delivery",
        "cover_note": "Thank you",
        "contract_months": 12,
        "notice_days": 90,
        "language": "en",
        "sha256": version.sha256,
        "content_sha256": version.content_sha256,
        "accepted_at": None,
        "contract": None,
        "decline_reason": "",
    }
    assert body["contact_person"] == {"name": "Sam Sales", "email": sales.email}
    assert [v["version"] for v in body["versions"]] == [1]


def test_the_detail_shows_the_last_version_sent_and_never_the_draft(
    company_key, company, buyer, sales
):
    offer = offer_resent_create(company=company, sales=sales)

    body = company_key(buyer).get(f"{LIST}{offer.number}/").json()

    assert body["version"] == 2
    assert [item["description"] for item in body["lines"]] == ["Maintenance"]
    assert body["total_net"] == "90.00"
    assert [(v["version"], v["status"]) for v in body["versions"]] == [
        (2, "sent"),
        (1, "superseded"),
    ]
    assert body["versions"][1]["pdf_url"] == (
        f"{SERVER}/api/v1/offers/{offer.number}/pdf/?version=1"
    )
    assert "Secret draft line" not in str(body)


def test_an_accepted_offer_names_its_contract(
    company_key, company, company_admin, buyer, sales
):
    offer = offer_accepted_create(company=company, sales=sales, signer=company_admin)
    contract = Contract.objects.for_company(company).get()

    body = company_key(buyer).get(f"{LIST}{offer.number}/").json()

    assert (body["status"], body["contract"]) == ("accepted", contract.number)
    acceptance = Acceptance.objects.get()
    assert (
        body["accepted_at"]
        == acceptance.accepted_at.astimezone(
            timezone.get_current_timezone()
        ).isoformat()
    )


def test_a_declined_offer_shows_the_reason(company_key, company, buyer, sales):
    offer = offer_declined_create(company=company, sales=sales, user=buyer)

    body = company_key(buyer).get(f"{LIST}{offer.number}/").json()

    assert (body["status"], body["decline_reason"]) == ("declined", "Too expensive")


def _list_queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, {"page_size": 100})
    assert response.status_code == 200
    return len(captured), response.json()["count"]


def test_the_list_costs_the_same_queries_for_few_and_many_offers(
    company_key, company, buyer, sales, offer
):
    client = company_key(buyer)
    _list_queries(client)
    few, count = _list_queries(client)
    assert count == 1

    offer_copies_create(offer, 60)
    offer_accepted_create(company=company, sales=sales, signer=buyer)

    many, count = _list_queries(client)
    assert (many, count) == (few, 62)
