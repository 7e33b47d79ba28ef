"""Stripe's webhook: a payment_intent.succeeded event, signed with the test
secret exactly as Stripe signs it, marks the order paid once; duplicates and
replays are no-ops; bad or stale signatures get 400 and change nothing."""

import time

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from orders.models import StripeEvent
from tests.helpers import snapshot
from tests.orders.stripe_fake import (  # noqa: F401  fixtures
    event_payload,
    fixture_card_order,
    fixture_localstripe_url,
    fixture_stripe_keys,
    intent_pay,
    signature,
    webhook_post,
)

Order = get_model("order", "Order")


@pytest.fixture
def stripe_client_csrf():
    """Stripe sends neither a session nor a CSRF token."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def paid_intent(client, stripe_keys, card_order, buyer):
    """The buyer opened the pay page (which created the intent) and paid at
    the fake with the test card; Stripe's webhook is still to come."""
    client.force_login(buyer)
    assert (
        client.get(reverse("orders:pay", args=[card_order.number])).status_code == 200
    )
    card_order.refresh_from_db()
    intent = intent_pay(card_order.stripe_payment_intent)
    assert intent.status == "succeeded"
    client.logout()
    return intent.to_dict()


def _state(order):
    return snapshot(Order.objects.filter(pk=order.pk), StripeEvent)


def test_succeeded_event_marks_the_order_paid_once(
    stripe_client_csrf, card_order, paid_intent
):
    payload = event_payload(paid_intent)
    response = webhook_post(stripe_client_csrf, payload, signature(payload))
    assert response.status_code == 200
    card_order.refresh_from_db()
    assert card_order.paid_at is not None
    paid_at = card_order.paid_at
    assert StripeEvent.objects.get().event_type == "payment_intent.succeeded"

    # Stripe retries the same event (or someone replays it): nothing happens.
    before = _state(card_order)
    for _attempt in range(2):
        again = webhook_post(stripe_client_csrf, payload, signature(payload))
        assert again.status_code == 200
    assert StripeEvent.objects.count() == 1
    card_order.refresh_from_db()
    assert card_order.paid_at == paid_at
    assert _state(card_order) == before

    # A second, different event about the same payment does not pay twice.
    other = event_payload(paid_intent, event_id="evt_test_second")
    assert webhook_post(stripe_client_csrf, other, signature(other)).status_code == 200
    assert StripeEvent.objects.count() == 2
    card_order.refresh_from_db()
    assert card_order.paid_at == paid_at


def test_order_page_after_payment(client, card_order, paid_intent, buyer):
    payload = event_payload(paid_intent)
    webhook_post(Client(), payload, signature(payload))
    client.force_login(buyer)
    page = client.get(reverse("orders:detail", args=[card_order.number]))
    assert page.status_code == 200
    assert "· paid" in page.text
    response = client.get(reverse("orders:pay", args=[card_order.number]))
    assert response.status_code == 302  # nothing left to pay


@pytest.mark.parametrize(
    "case", ["wrong secret", "tampered body", "no header", "garbage header"]
)
def test_bad_signature_is_refused_and_changes_nothing(
    stripe_client_csrf, card_order, paid_intent, case
):
    payload = event_payload(paid_intent)
    sig_header = signature(payload)
    if case == "wrong secret":
        sig_header = signature(payload, secret="whsec_not_ours")
    elif case == "tampered body":
        payload = payload.replace(b'"livemode": false', b'"livemode": true')
    elif case == "no header":
        sig_header = None
    elif case == "garbage header":
        sig_header = "t=abc,v1=zzz"
    before = _state(card_order)
    response = webhook_post(stripe_client_csrf, payload, sig_header)
    assert response.status_code == 400
    assert _state(card_order) == before
    card_order.refresh_from_db()
    assert card_order.paid_at is None


def test_stale_timestamp_is_refused(stripe_client_csrf, card_order, paid_intent):
    payload = event_payload(paid_intent)
    ten_minutes_ago = int(time.time()) - 600
    response = webhook_post(
        stripe_client_csrf, payload, signature(payload, timestamp=ten_minutes_ago)
    )
    assert response.status_code == 400
    assert b"Timestamp" in response.content
    assert StripeEvent.objects.count() == 0
    card_order.refresh_from_db()
    assert card_order.paid_at is None


def test_other_event_types_are_acknowledged_and_ignored(
    stripe_client_csrf, card_order, paid_intent
):
    before = _state(card_order)
    for event_type in ("payment_intent.payment_failed", "charge.refunded"):
        payload = event_payload(paid_intent, event_type=event_type)
        response = webhook_post(stripe_client_csrf, payload, signature(payload))
        assert response.status_code == 200
    assert _state(card_order) == before


def test_intent_of_no_order_is_acknowledged(
    stripe_client_csrf, card_order, paid_intent
):
    payload = event_payload({**paid_intent, "id": "pi_unknown"})
    response = webhook_post(stripe_client_csrf, payload, signature(payload))
    assert response.status_code == 200
    card_order.refresh_from_db()
    assert card_order.paid_at is None


def test_intent_for_another_amount_does_not_mark_paid(
    stripe_client_csrf, card_order, paid_intent
):
    payload = event_payload({**paid_intent, "amount": 1})
    response = webhook_post(stripe_client_csrf, payload, signature(payload))
    assert response.status_code == 200
    card_order.refresh_from_db()
    assert card_order.paid_at is None


def test_webhook_takes_only_post(stripe_client_csrf):
    url = reverse("orders:stripe_webhook")
    assert url == "/portal/orders/stripe/webhook/"
    assert stripe_client_csrf.get(url).status_code == 405


def test_webhook_without_secret_is_refused(
    stripe_client_csrf, stripe_keys, settings, card_order, paid_intent
):
    payload = event_payload(paid_intent)
    sig_header = signature(payload)
    settings.PORTAL_STRIPE_WEBHOOK_SECRET = ""
    assert webhook_post(stripe_client_csrf, payload, sig_header).status_code == 400
    card_order.refresh_from_db()
    assert card_order.paid_at is None
