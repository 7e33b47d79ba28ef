"""/api/v1/users/ with a company key: the company's members as "Colleagues"
lists them, read only; another company's member is 404 and not listed."""

import pytest

from partner_portal.models import Membership
from partner_portal.permissions import Role
from tests.api.conftest import assert_problem
from tests.api.service_world import queries_of
from tests.factories import MembershipFactory

LIST = "/api/v1/users/"


def detail(user):
    return f"{LIST}{user.pk}/"


def test_the_list_shows_the_companys_members_by_name(
    company_key, company_admin, buyer, approver, other_buyer
):
    Membership.objects.filter(user=approver).update(is_active=False)
    client = company_key(buyer, access="read", resources=["users"])

    body = client.get(LIST).json()

    assert [(row["email"], row["active"]) for row in body["results"]] == [
        ("admin@acme.example", True),
        ("approver@acme.example", False),
        ("buyer@acme.example", True),
    ]
    assert body["results"][2] == {
        "id": buyer.pk,
        "name": "Bruno Buyer",
        "first_name": "Bruno",
        "last_name": "Buyer",
        "email": "buyer@acme.example",
        "role": "buyer",
        "role_label": "Buyer",
        "active": True,
        "member_since": body["results"][2]["member_since"],
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "bruno"}, ["buyer@acme.example"]),
        ({"role": "company_admin"}, ["admin@acme.example"]),
        ({"active": "false"}, []),
        ({"active": "true", "q": "acme"}, ["admin@acme.example", "buyer@acme.example"]),
    ],
)
def test_the_list_searches_and_filters(
    company_key, company_admin, buyer, query, expected
):
    body = company_key(buyer).get(LIST, query).json()

    assert [row["email"] for row in body["results"]] == expected


@pytest.mark.parametrize(
    ("query", "field"), [({"role": "boss"}, "role"), ({"active": "maybe"}, "active")]
)
def test_a_wrong_filter_is_a_400(company_key, buyer, query, field):
    assert_problem(company_key(buyer).get(LIST, query), 400, field=field)


def test_the_detail_is_one_member(company_key, buyer, company_admin):
    body = company_key(buyer).get(detail(company_admin)).json()

    assert (body["id"], body["name"], body["role"]) == (
        company_admin.pk,
        "Ada Admin",
        "company_admin",
    )


def test_another_companys_member_is_404_and_not_listed(company_key, buyer, other_buyer):
    client = company_key(buyer)

    assert_problem(client.get(detail(other_buyer)), 404)
    assert "globex" not in client.get(LIST).content.decode()
    assert_problem(client.get(f"{LIST}999999/"), 404)


def test_users_are_read_only(company_key, company_admin, buyer):
    client = company_key(company_admin)
    before = list(Membership.objects.values_list("pk", "role", "is_active"))

    responses = [
        client.post(LIST, {"email": "new@acme.example"}, format="json"),
        client.patch(detail(buyer), {"role": "company_admin"}, format="json"),
        client.delete(detail(buyer)),
    ]

    assert [response.status_code for response in responses] == [405, 405, 405]
    assert list(Membership.objects.values_list("pk", "role", "is_active")) == before


def test_who_may_read(api_client, company_key, staff_key, buyer):
    revoked = company_key(buyer)
    revoked.api_key.revoke(by=buyer)

    assert_problem(api_client.get(LIST), 401)
    assert_problem(revoked.get(LIST), 401)
    assert_problem(company_key(buyer, resources=["orders"]).get(LIST), 403)
    assert_problem(company_key(buyer, resources=["orders"]).get(detail(buyer)), 403)
    assert_problem(staff_key().get(LIST), 403)


def test_the_list_costs_the_same_queries_for_few_and_many(company_key, company, buyer):
    client = company_key(buyer, access="read", resources=["users"])
    few = queries_of(lambda: client.get(LIST))
    for _index in range(60):
        MembershipFactory(company=company, role=Role.PROCUREMENT)

    many = queries_of(lambda: client.get(LIST, {"page_size": 100}))

    assert many == few
    assert few <= 6
