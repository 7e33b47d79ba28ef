"""Fixtures of the API tests: keys and clients that send them.

def test_list(company_key, buyer):
    client = company_key(buyer, resources=["orders"], access="read")
    response = client.get("/api/v1/orders/")
"""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from api.models import ApiKey
from partner_portal.permissions import ApiResource
from tests.factories.accounts import UserFactory

EVERY_RESOURCE = list(ApiResource.values)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The throttle counts in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client():
    return APIClient()


def client_with(plaintext: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    return client


@pytest.fixture
def company_key(db):
    """`company_key(member, access="write", resources=None, **fields)`: a
    client sending a new key of the member's company that acts as them. The
    key is on `client.api_key`, its plaintext on `client.plaintext`."""

    def make(member, *, access="write", resources=None, company=None, **fields):
        membership = member.memberships.select_related("company").first()
        key, plaintext = ApiKey.issue(
            company=company or membership.company,
            name=fields.pop("name", "ERP"),
            access=access,
            resources=EVERY_RESOURCE if resources is None else resources,
            created_by=member,
            **fields,
        )
        client = client_with(plaintext)
        client.api_key, client.plaintext = key, plaintext
        return client

    return make


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def staff_key(superuser):
    """`staff_key(access="write", resources=None)`: a client with a staff
    (ERP) key created by a superuser."""

    def make(*, access="write", resources=None):
        key, plaintext = ApiKey.issue(
            company=None,
            name="Our ERP",
            access=access,
            resources=EVERY_RESOURCE if resources is None else resources,
            created_by=superuser,
        )
        client = client_with(plaintext)
        client.api_key, client.plaintext = key, plaintext
        return client

    return make


def assert_problem(response, status: int, *, field: str | None = None):
    """The response is problem details with `status` (and an error for
    `field`); returns the body."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    assert body["type"]
    if field is not None:
        assert field in body.get("errors", {}), body
    return body
