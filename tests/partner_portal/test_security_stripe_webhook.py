"""Stripe's webhook refuses, with 400 and no change, a correctly signed body
that is not an event object, and a signature dated in the future (a replay
window that never closes)."""

import json
import time

import pytest
from django.test import Client

from orders.models import StripeEvent
from tests.orders.stripe_fake import WEBHOOK_SECRET, signature, webhook_post


@pytest.fixture
def webhook_secret(settings):
    settings.PORTAL_STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.PORTAL_STRIPE_SECRET_KEY = "sk_test_portal"
    return settings


def _event(**changes):
    event = {
        "id": "evt_test_security",
        "object": "event",
        "type": "payment_intent.succeeded",
        "created": int(time.time()),
        "data": {"object": {"id": "pi_test", "object": "payment_intent"}},
    }
    event.update(changes)
    return event


@pytest.mark.parametrize(
    "body",
    [
        pytest.param([], id="list"),
        pytest.param([_event()], id="list-of-event"),
        pytest.param("evt_test", id="string"),
        pytest.param(42, id="number"),
        pytest.param(None, id="null"),
        pytest.param({}, id="empty-object"),
        pytest.param(_event(object="charge"), id="not-an-event"),
        pytest.param(_event(data="x"), id="data-not-object"),
        pytest.param(_event(data={"object": "x"}), id="object-not-object"),
        pytest.param(_event(data={"object": ["pi_test"]}), id="object-a-list"),
        pytest.param(_event(type=["payment_intent.succeeded"]), id="type-a-list"),
    ],
)
@pytest.mark.django_db
def test_signed_body_that_is_no_event_is_refused(webhook_secret, body):
    payload = json.dumps(body).encode()
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = webhook_post(client, payload, signature(payload))
    assert response.status_code == 400
    assert response.content == b"The body is not a Stripe event."
    assert StripeEvent.objects.count() == 0


@pytest.mark.parametrize("seconds_ahead", [120, 600, 86400 * 365])
@pytest.mark.django_db
def test_signature_from_the_future_is_refused(webhook_secret, seconds_ahead):
    payload = json.dumps(_event(type="charge.refunded")).encode()
    future = int(time.time()) + seconds_ahead
    client = Client(enforce_csrf_checks=True)
    response = webhook_post(client, payload, signature(payload, timestamp=future))
    assert response.status_code == 400
    assert b"in the future" in response.content
    assert StripeEvent.objects.count() == 0


@pytest.mark.django_db
def test_signature_of_now_and_a_small_clock_skew_are_accepted(webhook_secret):
    payload = json.dumps(_event(type="charge.refunded")).encode()
    client = Client(enforce_csrf_checks=True)
    for timestamp in (int(time.time()), int(time.time()) + 30):
        response = webhook_post(
            client, payload, signature(payload, timestamp=timestamp)
        )
        assert response.status_code == 200
        assert response.content == b"ignored"
