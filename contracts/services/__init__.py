"""Writes of offers and contracts: requests for quotation, drafts and versions,
sending (render, hash, store), acceptance and decline, contracts, documents,
renewal requests and the daily reminders.

One module per behaviour; every public name is importable from here.
"""

from contracts.services.acceptance import (
    BasketResult,
    offer_accept,
    offer_decline,
    offer_lines_to_basket,
    typed_name_matches,
)
from contracts.services.agreements import (
    MAX_DOCUMENT_BYTES,
    PDF_MAGIC,
    contract_create,
    contract_document_add,
    contract_renewal_request,
)
from contracts.services.common import (
    DEFAULT_VALIDITY_DAYS,
    OfferError,
    OfferRenderError,
    default_tax_rate,
)
from contracts.services.drafts import (
    LineInput,
    offer_create,
    offer_draft_save,
    offer_draft_version,
    offer_preview_pdf,
)
from contracts.services.reminders import DailyResult, contract_reminders_send
from contracts.services.requests import offer_request_close, offer_request_create
from contracts.services.sending import offer_send

__all__ = [
    "BasketResult",
    "DEFAULT_VALIDITY_DAYS",
    "DailyResult",
    "LineInput",
    "MAX_DOCUMENT_BYTES",
    "OfferError",
    "OfferRenderError",
    "PDF_MAGIC",
    "contract_create",
    "contract_document_add",
    "contract_reminders_send",
    "contract_renewal_request",
    "default_tax_rate",
    "offer_accept",
    "offer_create",
    "offer_decline",
    "offer_draft_save",
    "offer_draft_version",
    "offer_lines_to_basket",
    "offer_preview_pdf",
    "offer_request_close",
    "offer_request_create",
    "offer_send",
    "typed_name_matches",
]
