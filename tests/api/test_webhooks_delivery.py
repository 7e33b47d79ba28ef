"""A business event reaches every active endpoint of the company that wants
it, as a signed POST to a real HTTP server; the answer is recorded. Without
a 2xx answer the delivery is tried again after 1 min, 5 min, 30 min, 2 h and
12 h (deferred tasks where the backend can wait, the deliver_webhooks command
in any case) and fails after the sixth attempt."""

import hashlib
import hmac
import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import default_task_backend

from api.models import WebhookDelivery
from api.webhooks import delivery as delivery_module
from api.webhooks.delivery import (
    BACKOFF,
    MAX_ATTEMPTS,
    delivery_attempt,
    delivery_retry,
    delivery_test_send,
)
from api.webhooks.services import endpoint_create
from partner_portal.events import Event, publish
from tests.api.webhook_receiver import start_receiver

Status = WebhookDelivery.Status
DUMMY_BACKEND = "django_tasks.backends.dummy.DummyBackend"
DATA = {"order_number": "100042", "old_status": "Pending", "status": "Processing"}


@pytest.fixture
def receiver(settings):
    settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE_URLS = True
    receiver = start_receiver()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


@pytest.fixture
def endpoint(company, company_admin, receiver):
    return endpoint_create(
        company=company,
        user=company_admin,
        url=receiver.url,
        events=[Event.ORDER_STATUS_CHANGED, Event.RETURN_STATUS_CHANGED],
        description="ERP",
    )


def _publish(company, capture, event=Event.ORDER_STATUS_CHANGED, data=DATA):
    with capture(execute=True):
        return publish(event, company=company, data=data)


def _due(delivery):
    """Let time pass until the delivery's next attempt."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def test_an_event_is_posted_signed_to_the_endpoint_and_the_answer_kept(
    company, endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.answer(202, b'{"received": "yes"}')

    event_id = _publish(company, django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    [request] = receiver.requests
    body = json.loads(request.body)
    assert request.path == "/hooks/portal"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Webhook-Id"] == str(event_id)
    timestamp = request.headers["Webhook-Timestamp"]
    expected = hmac.new(
        endpoint.secret.encode(),
        timestamp.encode() + b"." + request.body,
        hashlib.sha256,
    ).hexdigest()
    assert request.headers["Webhook-Signature"] == f"v1={expected}"
    assert body == {
        "id": str(event_id),
        "type": "order.status_changed",
        "created_at": body["created_at"],
        "data": DATA,
    }
    assert (
        delivery.status,
        delivery.attempts,
        delivery.response_status,
        delivery.response_body,
        delivery.error,
        delivery.next_attempt_at,
    ) == (Status.SUCCEEDED, 1, 202, '{"received": "yes"}', "", None)
    assert delivery.delivered_at is not None


def test_only_active_subscribed_endpoints_of_the_company_get_the_event(
    company,
    other_company,
    other_admin,
    company_admin,
    endpoint,
    receiver,
    django_capture_on_commit_callbacks,
):
    off = endpoint_create(
        company=company,
        user=company_admin,
        url=receiver.url,
        events=["order.status_changed"],
    )
    off.is_active = False
    off.save()
    endpoint_create(
        company=company,
        user=company_admin,
        url=receiver.url,
        events=[Event.SUPPORT_REQUEST_REPLIED],
    )
    endpoint_create(
        company=other_company,
        user=other_admin,
        url=receiver.url,
        events=[Event.ORDER_STATUS_CHANGED],
    )

    _publish(company, django_capture_on_commit_callbacks)

    assert list(WebhookDelivery.objects.values_list("endpoint", flat=True)) == [
        endpoint.pk
    ]
    assert len(receiver.requests) == 1


def test_a_server_error_schedules_the_retries_with_backoff_until_it_fails(
    company, endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.answer(500, b"database down")
    _publish(company, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    waits = []

    for attempt in range(1, MAX_ATTEMPTS + 1):
        if attempt > 1:
            _due(delivery)
            call_command("deliver_webhooks", stdout=io.StringIO())
        delivery.refresh_from_db()
        assert delivery.attempts == attempt
        assert (delivery.response_status, delivery.response_body) == (
            500,
            "database down",
        )
        if delivery.next_attempt_at:
            waits.append(delivery.next_attempt_at - delivery.last_attempt_at)

    assert waits == list(BACKOFF)
    assert (delivery.status, delivery.next_attempt_at) == (Status.FAILED, None)
    assert len(receiver.requests) == MAX_ATTEMPTS


def test_the_command_sends_due_deliveries_only(
    company, endpoint, receiver, django_capture_on_commit_callbacks, capsys
):
    receiver.answer(503)
    _publish(company, django_capture_on_commit_callbacks)
    receiver.answer(200)

    call_command("deliver_webhooks")

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Status.PENDING, 1)
    assert len(receiver.requests) == 1
    assert "0 delivered, 0 to retry, 0 failed" in capsys.readouterr().out

    _due(delivery)
    call_command("deliver_webhooks")

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        Status.SUCCEEDED,
        2,
        200,
    )
    assert "1 delivered, 0 to retry, 0 failed" in capsys.readouterr().out


def test_a_delivery_another_sender_claimed_is_not_sent_twice(
    company, endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.answer(500)
    _publish(company, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    _due(delivery)
    # Another sender read the row before the first attempt was counted.
    WebhookDelivery.objects.filter(pk=delivery.pk).update(attempts=2)
    stale_view = WebhookDelivery.objects.get(pk=delivery.pk)
    stale_view.attempts = 1

    assert delivery_module._claim(stale_view, timezone.now()) is False
    assert len(receiver.requests) == 1


def test_a_redirect_is_not_followed_and_counts_as_a_failure(
    company, endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.answer(302, b"", headers={"Location": "http://169.254.169.254/"})

    _publish(company, django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.response_status) == (Status.PENDING, 302)
    assert len(receiver.requests) == 1


def test_a_slow_receiver_times_out(
    company, endpoint, receiver, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr("api.webhooks.transport.TIMEOUT", 0.2)
    receiver.answer(200, delay=1)

    _publish(company, django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.response_status) == (Status.PENDING, None)
    assert delivery.error.startswith("TimeoutError")


def test_a_long_answer_is_kept_to_2000_characters(
    company, endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.answer(200, "ü".encode() * 5000)

    _publish(company, django_capture_on_commit_callbacks)

    assert WebhookDelivery.objects.get().response_body == "ü" * 2000


def test_a_retry_is_deferred_to_its_time_when_the_backend_can_wait(
    company, endpoint, receiver, settings, django_capture_on_commit_callbacks
):
    receiver.answer(500)
    _publish(company, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    _due(delivery)
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }

    delivery_attempt(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    [queued] = default_task_backend.results
    assert queued.kwargs == {"delivery_id": delivery.pk}
    assert queued.task.run_after == delivery.next_attempt_at
    assert delivery.next_attempt_at - delivery.last_attempt_at == BACKOFF[1]


def test_retry_now_sends_a_failed_delivery_once_more(
    company, endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.answer(500)
    _publish(company, django_capture_on_commit_callbacks)
    WebhookDelivery.objects.update(status=Status.FAILED, attempts=MAX_ATTEMPTS)
    receiver.answer(204)

    with django_capture_on_commit_callbacks(execute=True):
        delivery_retry(delivery=WebhookDelivery.objects.get())

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        Status.SUCCEEDED,
        MAX_ATTEMPTS + 1,
        204,
    )
    assert len(receiver.requests) == 2


def test_a_test_event_goes_to_the_endpoint_whatever_it_subscribed(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        delivery_test_send(endpoint=endpoint)

    [request] = receiver.requests
    body = json.loads(request.body)
    assert body["type"] == "webhook.test"
    assert body["data"]["endpoint_id"] == endpoint.pk
    assert WebhookDelivery.objects.get().status == Status.SUCCEEDED


def test_an_endpoint_switched_off_meanwhile_fails_its_pending_delivery(
    company, endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.answer(500)
    _publish(company, django_capture_on_commit_callbacks)
    endpoint.is_active = False
    endpoint.save()
    delivery = WebhookDelivery.objects.get()
    _due(delivery)

    delivery_attempt(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.error) == (
        Status.FAILED,
        "The endpoint is switched off.",
    )
    assert len(receiver.requests) == 1
