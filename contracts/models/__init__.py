"""Offers, their versions and acceptance, contracts and their documents.

An offer is edited as a draft *version*; sending renders the version to a PDF
that is stored privately and never changes. Editing a sent offer starts the
next version, so every version keeps its own PDF and SHA-256.

One module per part of the workflow; every model is importable from here.
"""

from contracts.models.agreements import (
    Contract,
    ContractDocument,
    ContractDocumentQuerySet,
    ContractPrice,
    ContractPriceQuerySet,
    ContractQuerySet,
    ContractReminder,
    ContractReminderQuerySet,
)
from contracts.models.common import (
    CENT,
    EXPIRING_DAYS,
    HUNDRED,
    MONEY,
    PERCENT,
    REMINDER_DAYS,
    _language_choices,
)
from contracts.models.decisions import Acceptance, OfferEvent, OfferEventQuerySet
from contracts.models.offers import (
    Offer,
    OfferLine,
    OfferLineQuerySet,
    OfferRequest,
    OfferVersion,
    OfferVersionQuerySet,
)

__all__ = [
    "Acceptance",
    "CENT",
    "Contract",
    "ContractDocument",
    "ContractDocumentQuerySet",
    "ContractPrice",
    "ContractPriceQuerySet",
    "ContractQuerySet",
    "ContractReminder",
    "ContractReminderQuerySet",
    "EXPIRING_DAYS",
    "HUNDRED",
    "MONEY",
    "Offer",
    "OfferEvent",
    "OfferEventQuerySet",
    "OfferLine",
    "OfferLineQuerySet",
    "OfferRequest",
    "OfferVersion",
    "OfferVersionQuerySet",
    "PERCENT",
    "REMINDER_DAYS",
    "_language_choices",
]
