"""Deliveries: created for each subscribed endpoint of an event, sent by a
task, retried with backoff.

A delivery that does not get a 2xx answer is tried again after 1 minute,
5 minutes, 30 minutes, 2 hours and 12 hours; after the sixth attempt it has
failed. With a task backend that can defer (the database backend) each retry
is queued for its time; in any case the `deliver_webhooks` command, run every
minute from cron or a scheduler, sends every due pending delivery, so the
immediate backend (which cannot wait) retries too and a lost task is caught.

Two senders never send one attempt twice: an attempt first claims the row
with a conditional update (the attempt count it read, still pending and due)
that moves its next attempt a lease ahead; a sender that lost the race
finds nothing to update and leaves it. A sender that dies mid-attempt leaves
the row due again when the lease ends.
"""

import http.client
import json
import logging
import ssl
import uuid
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import default_task_backend, task

from api.models.webhooks import TEST_EVENT, WebhookDelivery, WebhookEndpoint
from api.webhooks import transport
from api.webhooks.urls_guard import UnsafeUrl, check_url
from partner_portal.events import portal_link, timestamp

logger = logging.getLogger(__name__)

BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
# Longer than an attempt can take (a connection and a read of TIMEOUT each).
LEASE = timedelta(minutes=2)

Status = WebhookDelivery.Status
SWITCHED_OFF = "The endpoint is switched off."


class WebhookError(Exception):
    """The change is not possible; the message says why, for the user."""


def envelope(*, event: str, event_id, occurred_at, data: dict) -> dict:
    """The JSON body of a delivery."""
    return {
        "id": str(event_id),
        "type": event,
        "created_at": timestamp(occurred_at),
        "data": data,
    }


@task()
def deliver_webhook_task(*, delivery_id: int) -> None:
    """Try one delivery, if it is still pending and due (a task of Django's
    tasks API: at once with the immediate backend, by a worker with the
    database backend)."""
    delivery_attempt(delivery_id=delivery_id)


def _enqueue(delivery_id: int, run_after=None) -> None:
    task = deliver_webhook_task
    if run_after is not None:
        if not default_task_backend.supports_defer:
            # The deliver_webhooks command sends it when it is due.
            return
        task = task.using(run_after=run_after)
    task.enqueue(delivery_id=delivery_id)


def _create(endpoints, *, event, event_id, occurred_at, data) -> list:
    now = timezone.now()
    payload = envelope(
        event=event, event_id=event_id, occurred_at=occurred_at, data=data
    )
    with transaction.atomic():
        deliveries = [
            WebhookDelivery.objects.create(
                endpoint=endpoint,
                event=event,
                event_id=event_id,
                payload=payload,
                next_attempt_at=now,
            )
            for endpoint in endpoints
        ]
        for delivery in deliveries:
            transaction.on_commit(partial(_enqueue, delivery.pk))
    return deliveries


def deliveries_create(*, company, event: str, event_id, occurred_at, data) -> list:
    """One pending delivery of the event for each active endpoint of
    `company` that subscribed to it, each queued to be sent."""
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.for_company(company).filter(
            is_active=True
        )
        if endpoint.wants(event)
    ]
    if not endpoints:
        return []
    return _create(
        endpoints, event=event, event_id=event_id, occurred_at=occurred_at, data=data
    )


def delivery_test_send(*, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """A test event to one endpoint, whatever it subscribed to (also when it
    is switched off: the admin asks for it)."""
    [delivery] = _create(
        [endpoint],
        event=TEST_EVENT,
        event_id=uuid.uuid4(),
        occurred_at=timezone.now(),
        data={
            "endpoint_id": endpoint.pk,
            "url": portal_link("api_portal:webhook_detail", endpoint.pk),
        },
    )
    return delivery


def delivery_retry(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a pending or failed delivery now. A failed one gets one more
    attempt; if that fails too it stays failed. Raises WebhookError for a
    delivery that was delivered."""
    with transaction.atomic():
        locked = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
        if locked.status == Status.SUCCEEDED:
            raise WebhookError(_("This delivery has been delivered already."))
        locked.status = Status.PENDING
        locked.next_attempt_at = timezone.now()
        locked.save(update_fields=["status", "next_attempt_at"])
        transaction.on_commit(partial(_enqueue, locked.pk))
    return locked


def _claim(delivery: WebhookDelivery, now) -> bool:
    claimed = WebhookDelivery.objects.filter(
        pk=delivery.pk,
        status=Status.PENDING,
        attempts=delivery.attempts,
        next_attempt_at__lte=now,
    ).update(
        attempts=F("attempts") + 1, next_attempt_at=now + LEASE, last_attempt_at=now
    )
    return claimed == 1


def _body(payload: dict) -> bytes:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


def _send(delivery: WebhookDelivery, now):
    """(answer or None, error text) of one POST."""
    endpoint = delivery.endpoint
    if not endpoint.is_active and delivery.event != TEST_EVENT:
        return None, SWITCHED_OFF
    body = _body(delivery.payload)
    try:
        target = check_url(endpoint.url)
        answer = transport.post(
            target,
            body=body,
            headers=transport.headers(
                event_id=str(delivery.event_id),
                secret=endpoint.secret,
                timestamp=int(now.timestamp()),
                body=body,
            ),
        )
    except UnsafeUrl as refused:
        return None, str(refused)
    except (OSError, ssl.SSLError, http.client.HTTPException) as failed:
        return None, f"{type(failed).__name__}: {failed}"
    return answer, ""


def delivery_attempt(*, delivery_id: int, now=None) -> WebhookDelivery | None:
    """Send a pending, due delivery once and record the answer: 2xx is
    delivered; anything else (another status, a redirect, a timeout, a
    refused address) schedules the next attempt, or fails the delivery after
    MAX_ATTEMPTS. Returns None when there was nothing to send (not pending,
    not due, or another sender took it)."""
    now = now or timezone.now()
    delivery = (
        WebhookDelivery.objects.select_related("endpoint")
        .filter(pk=delivery_id, status=Status.PENDING, next_attempt_at__lte=now)
        .first()
    )
    if delivery is None or not _claim(delivery, now):
        return None
    delivery.attempts += 1
    delivery.last_attempt_at = now
    answer, error = _send(delivery, now)
    delivery.response_status = answer.status if answer else None
    delivery.response_body = answer.body if answer else ""
    delivery.error = error
    run_after = None
    if answer is not None and 200 <= answer.status < 300:
        delivery.status = Status.SUCCEEDED
        delivery.delivered_at = timezone.now()
        delivery.next_attempt_at = None
    elif delivery.attempts >= MAX_ATTEMPTS or error == SWITCHED_OFF:
        delivery.status = Status.FAILED
        delivery.next_attempt_at = None
    else:
        run_after = now + BACKOFF[delivery.attempts - 1]
        delivery.next_attempt_at = run_after
    delivery.save(
        update_fields=[
            "status",
            "attempts",
            "next_attempt_at",
            "last_attempt_at",
            "response_status",
            "response_body",
            "error",
            "delivered_at",
        ]
    )
    if run_after is not None:
        _enqueue(delivery.pk, run_after=run_after)
    return delivery


def deliveries_due(*, now=None, limit: int = 500) -> list[int]:
    """The ids of the pending deliveries whose time has come, oldest first."""
    now = now or timezone.now()
    return list(
        WebhookDelivery.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
