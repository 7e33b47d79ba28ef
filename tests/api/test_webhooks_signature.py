"""The signature is HMAC-SHA256 of "<timestamp>.<body>" with the endpoint's
secret, sent as `v1=<hex>`; the README's verification snippet (copied here
as `verify`) accepts a genuine request and refuses a changed body, another
secret and an old timestamp."""

import hashlib
import hmac
import time

import pytest

from api.models.webhooks import SECRET_PREFIX, new_secret
from api.webhooks.transport import headers, signature

SECRET = "whsec_test-secret"
BODY = b'{"id":"8a1c","type":"order.status_changed","data":{}}'


# The README's snippet, verbatim.
def verify(secret: str, headers: dict, body: bytes, tolerance: int = 300) -> bool:
    timestamp = headers["Webhook-Timestamp"]
    if abs(time.time() - int(timestamp)) > tolerance:
        return False  # too old (or from the future): a replay
    expected = hmac.new(
        secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    received = headers["Webhook-Signature"].removeprefix("v1=")
    return hmac.compare_digest(expected, received)


def test_the_signature_is_the_documented_hmac():
    digest = hmac.new(
        SECRET.encode(), b"1767225600." + BODY, hashlib.sha256
    ).hexdigest()

    assert signature(secret=SECRET, timestamp=1767225600, body=BODY) == f"v1={digest}"


def test_the_headers_carry_id_timestamp_and_signature():
    sent = headers(event_id="8a1c", secret=SECRET, timestamp=1767225600, body=BODY)

    assert sent == {
        "Content-Type": "application/json",
        "User-Agent": "PartnerPortal-Webhooks/1",
        "Webhook-Id": "8a1c",
        "Webhook-Timestamp": "1767225600",
        "Webhook-Signature": signature(secret=SECRET, timestamp=1767225600, body=BODY),
    }


def _sent_now(body=BODY, secret=SECRET, at=None):
    return headers(
        event_id="8a1c", secret=secret, timestamp=int(at or time.time()), body=body
    )


def test_the_readme_snippet_accepts_a_genuine_request():
    assert verify(SECRET, _sent_now(), BODY) is True


@pytest.mark.parametrize(
    ("sent", "body"),
    [
        (_sent_now(), BODY.replace(b"order", b"return")),
        (_sent_now(secret="whsec_other"), BODY),
        (_sent_now(at=time.time() - 301), BODY),
    ],
    ids=["changed-body", "other-secret", "too-old"],
)
def test_the_readme_snippet_refuses_a_forged_or_replayed_request(sent, body):
    assert verify(SECRET, sent, body) is False


def test_secrets_are_random_and_prefixed():
    first, second = new_secret(), new_secret()

    assert first.startswith(SECRET_PREFIX)
    assert first != second
    assert len(first) > 40
