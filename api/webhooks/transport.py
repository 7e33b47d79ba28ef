"""Signing and sending one webhook request.

The body is signed with the endpoint's secret over "<timestamp>.<body>"
(HMAC-SHA256, hex) and sent as `Webhook-Signature: v1=<hex>`, with
`Webhook-Id` (the event's id, the same on every retry, for deduplication) and
`Webhook-Timestamp` (unix seconds, so that a receiver can refuse replays).

The request goes to the address the SSRF guard checked (the connection is
pinned to it; TLS still verifies the certificate of the host name), waits at
most TIMEOUT seconds for each step and never follows a redirect.
"""

import hashlib
import hmac
import http.client
import socket
import ssl
from dataclasses import dataclass

from api.webhooks.urls_guard import Target

TIMEOUT = 5
# What is kept of a response: enough to see the receiver's error.
RESPONSE_KEEP = 2000
USER_AGENT = "PartnerPortal-Webhooks/1"


def signature(*, secret: str, timestamp: int, body: bytes) -> str:
    """The `Webhook-Signature` header's value for a body sent at `timestamp`."""
    signed = str(timestamp).encode() + b"." + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"v1={digest}"


def headers(*, event_id: str, secret: str, timestamp: int, body: bytes) -> dict:
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Webhook-Id": event_id,
        "Webhook-Timestamp": str(timestamp),
        "Webhook-Signature": signature(secret=secret, timestamp=timestamp, body=body),
    }


@dataclass(frozen=True)
class Answer:
    status: int
    body: str


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, *, address, timeout):
        super().__init__(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(target: Target, *, body: bytes, headers: dict) -> Answer:
    """POST `body` to the checked target, trying its addresses in turn until
    one connects. Raises OSError (also ssl and http.client errors, which are
    OSError or HTTPException) when none answers."""
    connection_class = (
        _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    )
    error: Exception | None = None
    for address in target.addresses:
        connection = connection_class(
            target.host, target.port, address=address, timeout=TIMEOUT
        )
        try:
            connection.request("POST", target.path, body=body, headers=headers)
            response = connection.getresponse()
            # At most a few bytes per character: enough for RESPONSE_KEEP.
            raw = response.read(RESPONSE_KEEP * 4)
            return Answer(
                status=response.status,
                body=raw.decode("utf-8", "replace")[:RESPONSE_KEEP],
            )
        except TimeoutError:
            raise
        except OSError as failed:
            # Refused or unreachable (an IPv6 address without IPv6 here):
            # the next address may answer.
            error = failed
        finally:
            connection.close()
    raise error or OSError("No address to connect to")
