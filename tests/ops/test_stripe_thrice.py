"""A Stripe webhook delivered three times marks one payment: three times in a
row (Stripe's retries), and three copies at the same moment against a live
server (on PostgreSQL, where the three requests really run at once and the
unique event id decides)."""

import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from orders.models import StripeEvent
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

pytestmark = pytest.mark.fault


@pytest.fixture
def paid_intent(card_order, buyer):
    """The buyer opened the pay page (which created the intent) and paid at
    the fake; Stripe's webhook is still to come."""
    client = Client()
    client.force_login(buyer)
    assert (
        client.get(reverse("orders:pay", args=[card_order.number])).status_code == 200
    )
    card_order.refresh_from_db()
    intent = intent_pay(card_order.stripe_payment_intent)
    assert intent.status == "succeeded"
    return intent.to_dict()


def test_three_deliveries_in_a_row_mark_one_payment(card_order, paid_intent):
    payload = event_payload(paid_intent)
    answers = [
        webhook_post(Client(), payload, signature(payload)) for _attempt in range(3)
    ]
    assert [(a.status_code, a.text) for a in answers] == [
        (200, "paid"),
        (200, "duplicate"),
        (200, "duplicate"),
    ]
    assert StripeEvent.objects.count() == 1
    assert Order.objects.filter(pk=card_order.pk, paid_at__isnull=False).count() == 1


@pytest.mark.concurrency
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers; concurrency proves something on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_three_deliveries_at_once_mark_one_payment(
    live_server, card_order, paid_intent
):
    payload = event_payload(paid_intent)
    sig_header = signature(payload)
    url = live_server.url + reverse("orders:stripe_webhook")
    start = threading.Barrier(3)

    def deliver(_index):
        request = urllib.request.Request(
            url,
            data=payload,
            headers={
                "Content-Type": "application/json",
                "Stripe-Signature": sig_header,
            },
            method="POST",
        )
        start.wait(timeout=10)
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()

    with ThreadPoolExecutor(max_workers=3) as pool:
        answers = list(pool.map(deliver, range(3)))

    assert sorted(answers) == [(200, "duplicate"), (200, "duplicate"), (200, "paid")]
    assert StripeEvent.objects.count() == 1
    card_order.refresh_from_db()
    assert card_order.paid_at is not None
