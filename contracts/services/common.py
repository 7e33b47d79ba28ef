"""What every offer service shares: the errors, the timeline event and the
queued mail tasks."""

from decimal import Decimal

from contracts.models import (
    OfferEvent,
)
from partner_portal.money import default_vat_rate

DEFAULT_VALIDITY_DAYS = 30


class OfferError(Exception):
    """The action is not possible; the message says why, for the user."""


class OfferRenderError(OfferError):
    """The PDF could not be rendered: the version stays a draft."""


def default_tax_rate() -> Decimal:
    return default_vat_rate()


def _event(offer, kind, *, user=None, version=None, comment=""):
    return OfferEvent.objects.create(
        offer=offer, version=version, kind=kind, user=user, comment=comment
    )


def _queue(task_name: str, object_id: int) -> None:
    from contracts import tasks

    getattr(tasks, task_name).enqueue(object_id=object_id)
