"""A company admin manages the company's webhook endpoints in the portal:
add one (the signing secret is shown once), change it, give it a new secret,
send a test event and see the delivery with the answer, retry a failed
delivery, delete the endpoint. A URL into our own network is refused with
the reason; another company's endpoints and deliveries answer 404."""

import pytest
from django.urls import reverse

from api.models import WebhookDelivery, WebhookEndpoint
from api.webhooks.services import endpoint_create
from partner_portal.events import Event
from tests.api.webhook_receiver import start_receiver
from tests.helpers import messages_of, snapshot

PUBLIC_URL = "https://93.184.215.14/hooks/portal"
LIST = reverse("api_portal:webhooks")
CREATE = reverse("api_portal:webhook_create")


@pytest.fixture
def receiver(settings):
    settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE_URLS = True
    receiver = start_receiver()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


@pytest.fixture
def endpoint(company, company_admin):
    return endpoint_create(
        company=company,
        user=company_admin,
        url=PUBLIC_URL,
        events=[Event.ORDER_STATUS_CHANGED],
        description="ERP production",
    )


@pytest.fixture
def other_endpoint(other_company, other_admin):
    return endpoint_create(
        company=other_company,
        user=other_admin,
        url="https://93.184.215.15/globex",
        events=[Event.RETURN_STATUS_CHANGED],
    )


def _url(name, endpoint, *args):
    return reverse(f"api_portal:{name}", args=[endpoint.pk, *args])


def test_adding_an_endpoint_shows_its_secret_once(client, company, company_admin):
    client.force_login(company_admin)

    response = client.post(
        CREATE,
        {
            "url": PUBLIC_URL,
            "events": [Event.ORDER_STATUS_CHANGED, Event.SUPPORT_REQUEST_REPLIED],
            "description": "ERP production",
            "is_active": "on",
        },
    )

    endpoint = WebhookEndpoint.objects.for_company(company).get()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert endpoint.secret in response.content.decode()
    assert (endpoint.url, endpoint.events, endpoint.description) == (
        PUBLIC_URL,
        ["order.status_changed", "support.request_replied"],
        "ERP production",
    )
    assert endpoint.created_by == company_admin
    detail = client.get(_url("webhook_detail", endpoint)).content.decode()
    assert endpoint.secret not in detail
    assert endpoint.masked_secret in detail


@pytest.mark.parametrize(
    ("url", "events", "error"),
    [
        (
            "http://169.254.169.254/latest/meta-data/",
            ["order.status_changed"],
            "points to a link-local address",
        ),
        ("http://localhost:8000/", ["order.status_changed"], "a loopback address"),
        ("ftp://93.184.215.14/", ["order.status_changed"], "Only http:// and https://"),
        (PUBLIC_URL, [], "Choose at least one event."),
        (PUBLIC_URL, ["order.placed"], "Select a valid choice."),
    ],
)
def test_a_refused_endpoint_says_why_and_saves_nothing(
    client, company_admin, url, events, error
):
    client.force_login(company_admin)

    response = client.post(CREATE, {"url": url, "events": events})

    assert response.status_code == 400
    assert error in response.content.decode()
    assert WebhookEndpoint.objects.count() == 0


def test_an_admin_changes_events_and_switches_the_endpoint_off(
    client, company_admin, endpoint
):
    secret = endpoint.secret
    client.force_login(company_admin)

    response = client.post(
        _url("webhook_edit", endpoint),
        {"url": PUBLIC_URL + "/v2", "events": [Event.RETURN_STATUS_CHANGED]},
    )

    endpoint.refresh_from_db()
    assert response.status_code == 302
    assert messages_of(response) == ["The webhook endpoint is saved."]
    assert (endpoint.url, endpoint.events, endpoint.is_active, endpoint.secret) == (
        PUBLIC_URL + "/v2",
        ["return.status_changed"],
        False,
        secret,
    )


def test_a_new_secret_replaces_the_old_one_and_is_shown_once(
    client, company_admin, endpoint
):
    old = endpoint.secret
    client.force_login(company_admin)

    response = client.post(_url("webhook_rotate", endpoint))

    endpoint.refresh_from_db()
    assert response.status_code == 200
    assert endpoint.secret != old
    assert endpoint.secret_rotated_at is not None
    assert endpoint.secret in response.content.decode()
    assert old not in response.content.decode()


def test_deleting_an_endpoint_removes_its_deliveries(client, company_admin, endpoint):
    WebhookDelivery.objects.create(endpoint=endpoint, event="webhook.test", payload={})
    client.force_login(company_admin)

    response = client.post(_url("webhook_delete", endpoint))

    assert response.status_code == 302
    assert response.url == LIST
    assert (WebhookEndpoint.objects.count(), WebhookDelivery.objects.count()) == (0, 0)


def test_a_test_event_is_delivered_and_listed_with_the_answer(
    client, company, company_admin, receiver, django_capture_on_commit_callbacks
):
    endpoint = endpoint_create(
        company=company,
        user=company_admin,
        url=receiver.url,
        events=[Event.ORDER_STATUS_CHANGED],
    )
    receiver.answer(200, b"thanks, portal")
    client.force_login(company_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("webhook_test", endpoint))

    page = client.get(_url("webhook_detail", endpoint)).content.decode()
    delivery = WebhookDelivery.objects.get()
    assert response.status_code == 302
    assert len(receiver.requests) == 1
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
    assert f'id="delivery-{delivery.pk}"' in page
    assert "HTTP 200" in page
    assert "thanks, portal" in page
    assert "Retry now" not in page


def test_retry_now_sends_a_failed_delivery_again(
    client, company, company_admin, receiver, django_capture_on_commit_callbacks
):
    endpoint = endpoint_create(
        company=company,
        user=company_admin,
        url=receiver.url,
        events=[Event.ORDER_STATUS_CHANGED],
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event=Event.ORDER_STATUS_CHANGED,
        payload={"type": "order.status_changed"},
        status=WebhookDelivery.Status.FAILED,
        attempts=6,
        response_status=500,
    )
    client.force_login(company_admin)
    assert "Retry now" in client.get(_url("webhook_detail", endpoint)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("webhook_retry", endpoint, delivery.pk))

    delivery.refresh_from_db()
    assert response.status_code == 302
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        WebhookDelivery.Status.SUCCEEDED,
        7,
        200,
    )


def test_a_delivered_delivery_is_not_sent_again(client, company_admin, endpoint):
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event="webhook.test",
        payload={},
        status=WebhookDelivery.Status.SUCCEEDED,
        attempts=1,
    )
    client.force_login(company_admin)
    before = snapshot(WebhookDelivery)

    response = client.post(_url("webhook_retry", endpoint, delivery.pk))

    assert messages_of(response) == ["This delivery has been delivered already."]
    assert snapshot(WebhookDelivery) == before


def test_the_list_shows_the_companys_endpoints_only(
    client, company_admin, endpoint, other_endpoint
):
    client.force_login(company_admin)

    page = client.get(LIST).content.decode()

    assert f'id="endpoint-{endpoint.pk}"' in page
    assert "ERP production" in page
    assert f'id="endpoint-{other_endpoint.pk}"' not in page
    assert "/globex" not in page


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("webhook_detail", "get"),
        ("webhook_edit", "post"),
        ("webhook_delete", "post"),
        ("webhook_rotate", "post"),
        ("webhook_test", "post"),
    ],
)
def test_another_companys_endpoint_answers_404(
    client, company_admin, other_endpoint, name, method
):
    client.force_login(company_admin)
    before = snapshot(WebhookEndpoint, WebhookDelivery)

    response = getattr(client, method)(_url(name, other_endpoint))

    assert response.status_code == 404
    assert snapshot(WebhookEndpoint, WebhookDelivery) == before


def test_a_delivery_of_another_endpoint_answers_404(
    client, company_admin, endpoint, other_endpoint
):
    foreign = WebhookDelivery.objects.create(
        endpoint=other_endpoint,
        event="webhook.test",
        payload={},
        status=WebhookDelivery.Status.FAILED,
    )
    client.force_login(company_admin)

    response = client.post(_url("webhook_retry", endpoint, foreign.pk))

    foreign.refresh_from_db()
    assert response.status_code == 404
    assert foreign.status == WebhookDelivery.Status.FAILED
