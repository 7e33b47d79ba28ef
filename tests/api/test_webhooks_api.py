"""/api/v1/webhooks/: a company admin's key with the "webhooks" resource
lists, adds (the secret is in the create answer only) and deletes the
company's endpoints and reads their deliveries; bad input answers problem
details naming the field; another company's endpoint answers 404."""

import pytest

from api.models import WebhookDelivery, WebhookEndpoint
from api.webhooks.services import endpoint_create
from partner_portal.events import Event

URL = "https://93.184.215.14/hooks/portal"
LIST = "/api/v1/webhooks/"


@pytest.fixture
def admin_client(company_key, company_admin):
    return company_key(company_admin, resources=["webhooks"])


@pytest.fixture
def endpoint(company, company_admin):
    return endpoint_create(
        company=company,
        user=company_admin,
        url=URL,
        events=[Event.ORDER_STATUS_CHANGED],
        description="ERP",
    )


def test_an_admins_key_adds_an_endpoint_and_gets_its_secret_once(admin_client, company):
    response = admin_client.post(
        LIST,
        {"url": URL, "events": ["order.status_changed", "return.status_changed"]},
        format="json",
    )

    endpoint = WebhookEndpoint.objects.for_company(company).get()
    assert response.status_code == 201
    assert response["Location"] == f"/api/v1/webhooks/{endpoint.pk}/"
    assert response.json() == {
        "id": endpoint.pk,
        "url": URL,
        "events": ["order.status_changed", "return.status_changed"],
        "description": "",
        "is_active": True,
        "secret": endpoint.secret,
        "created_at": response.json()["created_at"],
    }
    listed = admin_client.get(LIST).json()["results"]
    assert [item["secret"] for item in listed] == [endpoint.masked_secret]


def test_a_retried_create_with_the_same_idempotency_key_creates_once(admin_client):
    body = {"url": URL, "events": ["order.status_changed"]}
    headers = {"Idempotency-Key": "hook-1"}

    first = admin_client.post(LIST, body, format="json", headers=headers)
    second = admin_client.post(LIST, body, format="json", headers=headers)

    assert (first.status_code, second.status_code) == (201, 201)
    assert second["Idempotent-Replayed"] == "true"
    assert WebhookEndpoint.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        (
            {"url": "http://169.254.169.254/", "events": ["order.status_changed"]},
            "url",
            "points to a link-local address",
        ),
        (
            {"url": "http://[::1]:8000/", "events": ["order.status_changed"]},
            "url",
            "points to a loopback address",
        ),
        ({"url": URL, "events": []}, "events", "at least 1"),
        ({"url": URL, "events": ["order.placed"]}, "events.0", "not a valid choice"),
        (
            {"url": URL, "events": ["order.status_changed"], "secret": "mine"},
            "secret",
            "Unknown field.",
        ),
        ({"events": ["order.status_changed"]}, "url", "required"),
    ],
)
def test_bad_input_names_the_field_and_creates_nothing(
    admin_client, body, field, message
):
    response = admin_client.post(LIST, body, format="json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert message in str(errors[field])
    assert WebhookEndpoint.objects.count() == 0


def test_a_buyers_key_may_not_manage_webhooks(company_key, buyer, endpoint):
    client = company_key(buyer, resources=["webhooks"])

    assert client.get(LIST).status_code == 403
    assert client.post(LIST, {"url": URL, "events": []}, format="json").status_code == (
        403
    )


def test_an_endpoint_its_deliveries_and_deleting_it(admin_client, endpoint):
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event="order.status_changed",
        payload={},
        status=WebhookDelivery.Status.FAILED,
        attempts=6,
        response_status=500,
        response_body="down",
    )
    url = f"{LIST}{endpoint.pk}/"

    detail = admin_client.get(url).json()
    deliveries = admin_client.get(f"{url}deliveries/").json()["results"]
    deleted = admin_client.delete(url)

    assert (detail["id"], detail["description"]) == (endpoint.pk, "ERP")
    assert [
        (d["id"], d["status"], d["attempts"], d["response_status"], d["response_body"])
        for d in deliveries
    ] == [(delivery.pk, "failed", 6, 500, "down")]
    assert deleted.status_code == 204
    assert WebhookEndpoint.objects.count() == WebhookDelivery.objects.count() == 0


def test_another_companys_endpoint_answers_404(company_key, other_admin, endpoint):
    client = company_key(other_admin, resources=["webhooks"])
    url = f"{LIST}{endpoint.pk}/"

    assert client.get(url).status_code == 404
    assert client.get(f"{url}deliveries/").status_code == 404
    assert client.delete(url).status_code == 404
    assert client.get(LIST).json()["results"] == []
    assert WebhookEndpoint.objects.filter(pk=endpoint.pk).exists()
