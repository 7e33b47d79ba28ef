"""The API's shared behaviour: keys, scopes, errors, rate limits and
idempotent creates, on the key endpoint and a small test endpoint."""

import pytest
from django.test import override_settings
from django.utils import timezone

from api.models import ApiKey
from partner_portal.models import CompanyAddress
from tests.api.conftest import assert_problem, client_with

pytestmark = pytest.mark.django_db

ADDRESSES = "/test-api/addresses/"
core_urls = override_settings(ROOT_URLCONF="tests.api.core_urls")


def test_a_key_is_stored_hashed_and_shown_once(company_admin, company):
    key, plaintext = ApiKey.issue(
        company=company,
        name="ERP",
        access="read",
        resources=["orders"],
        created_by=company_admin,
    )

    assert plaintext.startswith(f"pp_{key.prefix}_")
    assert plaintext not in key.key_hash
    assert len(key.key_hash) == 64
    assert ApiKey.find(plaintext) == key
    assert ApiKey.find(plaintext + "x") is None
    assert ApiKey.find(f"pp_{key.prefix}_wrong") is None


def test_the_key_endpoint_answers_who_the_key_is(company_key, company_admin, company):
    client = company_key(company_admin, access="read", resources=["orders"])

    body = client.get("/api/v1/key/").json()

    assert body["company"] == company.name
    assert body["access"] == "read"
    assert body["resources"] == ["orders"]
    assert body["acts_as"] == company_admin.email
    client.api_key.refresh_from_db()
    assert client.api_key.last_used_at is not None


@pytest.mark.parametrize(
    "header",
    ["", "Bearer", "Bearer pp_nope_nope", "Bearer not-a-key", "Bearer a b"],
    ids=["none", "empty", "unknown", "malformed", "two-words"],
)
def test_a_missing_or_wrong_key_answers_401(api_client, header):
    if header:
        api_client.credentials(HTTP_AUTHORIZATION=header)

    response = api_client.get("/api/v1/key/")

    assert_problem(response, 401)
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_revoked_key_answers_401_at_once(company_key, company_admin):
    client = company_key(company_admin)
    assert client.get("/api/v1/key/").status_code == 200

    client.api_key.revoke(by=company_admin)

    body = assert_problem(client.get("/api/v1/key/"), 401)
    assert "revoked" in body["detail"]


def test_a_key_stops_working_when_its_creator_leaves(company_key, company_admin):
    client = company_key(company_admin)
    company_admin.memberships.update(is_active=False)

    body = assert_problem(client.get("/api/v1/key/"), 401)
    assert "no longer an active member" in body["detail"]


@core_urls
def test_a_read_only_key_may_not_write(company_key, company_admin):
    client = company_key(company_admin, access="read", resources=["users"])

    response = client.post(
        ADDRESSES, {"city": "Bonn", "postcode": "53111"}, format="json"
    )

    assert_problem(response, 403)
    assert not CompanyAddress.objects.filter(city="Bonn").exists()


@core_urls
def test_a_key_without_the_resource_is_refused(company_key, company_admin):
    client = company_key(company_admin, resources=["orders"])

    response = client.post(
        ADDRESSES, {"city": "Bonn", "postcode": "53111"}, format="json"
    )

    assert_problem(response, 403)


@core_urls
def test_the_key_has_no_more_rights_than_its_creator(company_key, buyer):
    # A buyer may not change the company's addresses, so neither may their key.
    client = company_key(buyer)

    response = client.post(
        ADDRESSES, {"city": "Bonn", "postcode": "53111"}, format="json"
    )

    assert_problem(response, 403)


@core_urls
def test_validation_errors_name_the_field_and_unknown_fields(
    company_key, company_admin
):
    client = company_key(company_admin)

    response = client.post(
        ADDRESSES, {"city": "", "postcode": "53111", "colour": "red"}, format="json"
    )

    body = assert_problem(response, 400, field="colour")
    assert body["errors"]["colour"] == ["Unknown field."]
    response = client.post(ADDRESSES, {"city": ""}, format="json")
    body = assert_problem(response, 400, field="city")
    assert "postcode" in body["errors"]


@core_urls
@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"{not json", "application/json"),
        (b"[1, 2]", "application/json"),
        (b"city=Bonn", "application/x-www-form-urlencoded"),
    ],
    ids=["broken-json", "a-list", "form-data"],
)
def test_bad_bodies_answer_4xx_problems(company_key, company_admin, body, content_type):
    client = company_key(company_admin)

    response = client.generic("POST", ADDRESSES, body, content_type=content_type)

    assert response.status_code in (400, 415)
    assert_problem(response, response.status_code)


@core_urls
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_huge_body_answers_413(company_key, company_admin):
    client = company_key(company_admin)

    response = client.post(
        ADDRESSES, {"city": "x" * 5000, "postcode": "1"}, format="json"
    )

    assert_problem(response, 413)


@core_urls
def test_a_retried_create_with_the_same_idempotency_key_creates_once(
    company_key, company_admin, company
):
    client = company_key(company_admin)
    payload = {"city": "Bonn", "postcode": "53111"}

    first = client.post(ADDRESSES, payload, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = client.post(ADDRESSES, payload, format="json", HTTP_IDEMPOTENCY_KEY="k-1")

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Location"] == first["Location"]
    assert again["Idempotent-Replayed"] == "true"
    assert CompanyAddress.objects.for_company(company).filter(city="Bonn").count() == 1
    other = client.post(ADDRESSES, payload, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert other.status_code == 201
    assert CompanyAddress.objects.for_company(company).filter(city="Bonn").count() == 2


@core_urls
def test_the_same_idempotency_key_for_another_body_answers_422(
    company_key, company_admin, company
):
    client = company_key(company_admin)
    client.post(
        ADDRESSES,
        {"city": "Bonn", "postcode": "1"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k",
    )

    response = client.post(
        ADDRESSES,
        {"city": "Köln", "postcode": "1"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k",
    )

    assert_problem(response, 422)
    assert not CompanyAddress.objects.filter(city="Köln").exists()


@core_urls
def test_idempotency_keys_belong_to_one_api_key(company_key, company_admin, company):
    first, second = company_key(company_admin), company_key(company_admin)
    payload = {"city": "Bonn", "postcode": "1"}

    first.post(ADDRESSES, payload, format="json", HTTP_IDEMPOTENCY_KEY="same")
    response = second.post(
        ADDRESSES, payload, format="json", HTTP_IDEMPOTENCY_KEY="same"
    )

    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response
    assert CompanyAddress.objects.for_company(company).filter(city="Bonn").count() == 2


@core_urls
def test_a_failed_validation_is_not_kept_for_the_key(company_key, company_admin):
    client = company_key(company_admin)
    client.post(ADDRESSES, {"city": ""}, format="json", HTTP_IDEMPOTENCY_KEY="k")

    response = client.post(
        ADDRESSES, {"city": ""}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )

    assert_problem(response, 400, field="city")


@core_urls
def test_a_key_still_running_answers_409(company_key, company_admin):
    from api.idempotency import _fingerprint  # noqa: F401  the stored shape
    from api.models import IdempotencyRecord

    client = company_key(company_admin)
    payload = {"city": "Bonn", "postcode": "1"}
    client.post(ADDRESSES, payload, format="json", HTTP_IDEMPOTENCY_KEY="k")
    IdempotencyRecord.objects.update(status_code=None, body=None)

    response = client.post(ADDRESSES, payload, format="json", HTTP_IDEMPOTENCY_KEY="k")

    assert_problem(response, 409)
    assert response["Retry-After"] == "1"
    # A first request that never answered is taken over after a while.
    IdempotencyRecord.objects.update(
        created_at=timezone.now() - timezone.timedelta(minutes=6)
    )
    response = client.post(ADDRESSES, payload, format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert response.status_code == 201


@override_settings(PORTAL_API_RATE_PER_MINUTE=3)
def test_over_the_rate_limit_answers_429_with_retry_after(company_key, company_admin):
    client = company_key(company_admin)
    for _ in range(3):
        assert client.get("/api/v1/key/").status_code == 200

    response = client.get("/api/v1/key/")

    assert_problem(response, 429)
    assert 1 <= int(response["Retry-After"]) <= 60
    # Another key has its own allowance.
    assert company_key(company_admin).get("/api/v1/key/").status_code == 200


def test_a_key_may_carry_its_own_rate(company_key, company_admin):
    client = company_key(company_admin, rate_per_minute=1)
    assert client.get("/api/v1/key/").status_code == 200

    assert_problem(client.get("/api/v1/key/"), 429)


def test_unknown_api_paths_answer_problem_404(api_client):
    assert_problem(api_client.get("/api/v1/nothing-here/"), 404)
    assert_problem(api_client.post("/api/v2/orders/"), 404)


def test_a_staff_key_must_belong_to_a_superuser(company_admin):
    key, plaintext = ApiKey.issue(
        company=None,
        name="ERP",
        access="write",
        resources=["orders"],
        created_by=company_admin,
    )

    assert_problem(client_with(plaintext).get("/api/v1/key/"), 401)


def test_nested_errors_are_named_by_their_path():
    from api.errors import _flatten

    detail = {
        "lines": {"non_field_errors": ["Expected a list of items."]},
        "items": [{}, {"sku": ["No product has this SKU."]}],
        "non_field_errors": ["Nothing to order."],
    }

    assert _flatten(detail) == {
        "lines": ["Expected a list of items."],
        "items.1.sku": ["No product has this SKU."],
        "non_field_errors": ["Nothing to order."],
    }
