"""Business events a company's other systems may follow (outbound webhooks).

A domain service that changes something a company's ERP or partner system
cares about calls `publish` inside its transaction:

    publish(Event.RETURN_STATUS_CHANGED, company=company, data={...})

The `business_event` signal goes out only after the transaction commits, so a
change that is rolled back never announces itself, and receivers (api.webhooks
records one delivery per subscribed endpoint) see the committed rows. The
kernel knows no receiver: apps connect to the signal, like to Oscar's.

`data` is small JSON: numbers, statuses, times as ISO 8601 strings and a link
to the page (`portal_link`); a receiver fetches the rest through the API.
"""

import datetime
import logging
import uuid

from django.conf import settings
from django.db import models, transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class Event(models.TextChoices):
    ORDER_STATUS_CHANGED = "order.status_changed", _("Order status changed")
    ORDER_SHIPMENT_CREATED = "order.shipment_created", _("Order shipped")
    RETURN_STATUS_CHANGED = "return.status_changed", _("Return status changed")
    SUPPORT_REQUEST_REPLIED = (
        "support.request_replied",
        _("Support request answered"),
    )


# Sent with: event (an Event value), company, data (dict), event_id (UUID,
# the same for every receiver of one event) and occurred_at (aware datetime).
business_event = Signal()


def publish(event: str, *, company, data: dict) -> uuid.UUID | None:
    """Announce `event` of `company` once the current transaction commits
    (at once outside one). Returns the event's id, or None for no company
    (an order of our own shop without one): nobody could subscribe to it.
    Raises ValueError for an unknown event name."""
    if event not in Event.values:
        raise ValueError(f"Unknown business event {event!r}")
    if company is None:
        return None
    event_id = uuid.uuid4()
    occurred_at = timezone.now()

    def send():
        # The change is committed: a failing receiver must not fail the
        # request that made it, so its error is logged, not raised.
        results = business_event.send_robust(
            sender=Event,
            event=event,
            company=company,
            data=data,
            event_id=event_id,
            occurred_at=occurred_at,
        )
        for receiver, result in results:
            if isinstance(result, Exception):
                logger.error(
                    "Receiver %s of business event %s failed",
                    receiver,
                    event,
                    exc_info=result,
                )

    transaction.on_commit(send)
    return event_id


def portal_link(url_name: str, *args) -> str:
    """The absolute link to a portal page, for an event's `url`."""
    return settings.PORTAL_BASE_URL + reverse(url_name, args=args)


def timestamp(value=None) -> str:
    """An aware datetime (now by default) as ISO 8601 in UTC."""
    value = value or timezone.now()
    return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
