"""A local fake of the Stripe API for tests: localstripe, started by the tests.

localstripe's own command listens on all interfaces and keeps its state in
/tmp/localstripe.pickle. Run as a script, this module starts the same server
bound to 127.0.0.1 on a free port, with its state in a directory of its own,
and prints the port. The fixtures start it once per test session and skip
(not fail) the tests that need it when it cannot start.

Test modules import the fixtures by their function names (`fixture_...`),
which differ from the fixture names, so that a test's parameter does not
shadow the import.
"""

import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import suppress

import pytest

SECRET_KEY = "sk_test_portal_localstripe"
PUBLISHABLE_KEY = "pk_test_portal_localstripe"
WEBHOOK_SECRET = "whsec_test_portal_localstripe"
START_TIMEOUT_SECONDS = 15
_sku_numbers = itertools.count(1)


def _serve(state_dir: str) -> None:
    """Run localstripe on 127.0.0.1 (any free port) with its state in
    `state_dir`; print the port on the first line of stdout."""
    import pickle

    from aiohttp import web
    from localstripe import resources, server

    state_file = os.path.join(state_dir, "localstripe.pickle")

    def dump_to_disk(store):
        with open(state_file, "wb") as f:
            pickle.dump(store, f, protocol=pickle.HIGHEST_PROTOCOL)

    resources.Store.dump_to_disk = dump_to_disk
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sys.stdout.write(f"{sock.getsockname()[1]}\n")
    sys.stdout.flush()
    web.run_app(server.app, sock=sock, print=None, access_log=None)


def _answers(base_url: str) -> bool:
    request = urllib.request.Request(
        f"{base_url}/v1/customers",
        headers={"Authorization": f"Bearer {SECRET_KEY}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status == 200 and "data" in json.load(response)
    except (OSError, ValueError):
        return False


@pytest.fixture(scope="session", name="localstripe_url")
def fixture_localstripe_url():
    """Base URL of a running localstripe, for the whole session; skips the
    test when localstripe is not installed or does not come up."""
    try:
        import localstripe  # noqa: F401
    except ImportError:
        pytest.skip(
            "localstripe is not installed (pip install -r requirements-dev.txt)"
        )
    state_dir = tempfile.mkdtemp(prefix="localstripe-")
    process = subprocess.Popen(
        [sys.executable, os.path.abspath(__file__), state_dir],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=state_dir,
        text=True,
    )
    try:
        port = process.stdout.readline().strip()
        base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not (port.isdigit() and _answers(base_url)):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.skip("localstripe (fake Stripe API) did not start")
            time.sleep(0.1)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        with suppress(OSError):
            process.stdout.close()
        shutil.rmtree(state_dir, ignore_errors=True)


@pytest.fixture(name="stripe_keys")
def fixture_stripe_keys(settings, localstripe_url):
    """Test keys, and the Stripe client pointed at the fake."""
    settings.PORTAL_STRIPE_SECRET_KEY = SECRET_KEY
    settings.PORTAL_STRIPE_PUBLISHABLE_KEY = PUBLISHABLE_KEY
    settings.PORTAL_STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.PORTAL_STRIPE_API_BASE = localstripe_url
    return settings


@pytest.fixture(name="no_stripe_keys")
def fixture_no_stripe_keys(settings):
    settings.PORTAL_STRIPE_SECRET_KEY = ""
    settings.PORTAL_STRIPE_PUBLISHABLE_KEY = ""
    settings.PORTAL_STRIPE_WEBHOOK_SECRET = ""
    settings.PORTAL_STRIPE_API_BASE = ""
    return settings


@pytest.fixture(name="card_order")
def fixture_card_order(stripe_keys, company, buyer):
    """An unpaid card order of Acme's buyer (12.34 net, 14.68 gross)."""
    return card_order_place(user=buyer, company=company)


# Orders and Stripe objects for the tests


def card_order_place(*, user, company, price: str = "12.34", quantity: int = 1):
    """An order of `company` placed by `user` through the checkout service,
    to be paid by card (needs Stripe keys in the settings)."""
    from orders.services import PAYMENT_CARD, checkout_place
    from tests.factories.orders import (
        DeliveryAddressFactory,
        basket_create,
        product_create,
    )

    product = product_create(
        title="Card-paid widget", sku=f"CARD-{next(_sku_numbers)}", price=price
    )
    result = checkout_place(
        basket=basket_create(user=user, company=company, lines=[(product, quantity)]),
        user=user,
        company=company,
        address_id=DeliveryAddressFactory(company=company).pk,
        po_number="PO-CARD-1",
        cost_centre="",
        payment_method=PAYMENT_CARD,
    )
    assert result.order is not None, "the order went to approval instead"
    return result.order


def stripe_test_client():
    """A Stripe client for the fake, as the portal configures it."""
    from orders.payments import stripe_client

    return stripe_client()


def intent_pay(intent_id: str):
    """Pay a PaymentIntent at the fake with Stripe's test card (what Stripe.js
    does in the browser) and return it as Stripe reports it then."""
    client = stripe_test_client()
    # localstripe cannot take the payment method in the confirm call itself.
    client.v1.payment_intents.update(
        intent_id, params={"payment_method": "pm_card_visa"}
    )
    client.v1.payment_intents.confirm(intent_id)
    deadline = time.monotonic() + 5
    while True:
        intent = client.v1.payment_intents.retrieve(intent_id)
        if intent.status == "succeeded" or time.monotonic() > deadline:
            return intent
        time.sleep(0.05)


def event_payload(
    intent: dict,
    *,
    event_type: str = "payment_intent.succeeded",
    event_id: str | None = None,
) -> bytes:
    """The body of a Stripe webhook event about `intent` (a plain dict)."""
    event = {
        "id": event_id or f"evt_test_{intent['id']}",
        "object": "event",
        "api_version": "2024-06-20",
        "created": int(time.time()),
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": event_type,
        "data": {"object": intent},
    }
    return json.dumps(event).encode()


def signature(payload: bytes, *, secret: str = WEBHOOK_SECRET, timestamp=None) -> str:
    """The Stripe-Signature header Stripe would send with `payload`."""
    import stripe

    return stripe.WebhookSignature.generate_signature_header(
        payload.decode(), secret, timestamp=timestamp
    )


def webhook_post(client, payload: bytes, sig_header: str | None):
    from django.urls import reverse

    headers = {} if sig_header is None else {"Stripe-Signature": sig_header}
    return client.post(
        reverse("orders:stripe_webhook"),
        data=payload,
        content_type="application/json",
        headers=headers,
    )


if __name__ == "__main__":
    _serve(sys.argv[1])
