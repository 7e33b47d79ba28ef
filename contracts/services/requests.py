"""Requests for quotation from customers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from contracts.models import (
    Contract,
    OfferRequest,
)
from contracts.services.common import _queue
from partner_portal.models import Company

# Requests for quotation


def offer_request_create(
    *,
    company: Company,
    user,
    message: str,
    basket=None,
    renewal_of: Contract | None = None,
    language: str | None = None,
) -> OfferRequest:
    """A request for quotation, optionally with the lines of the user's basket.

    The same open request sent twice (double click, a second tab) is returned
    instead of creating a second one. Raises ValidationError for an empty
    message without basket lines."""
    message = message.strip()
    lines = []
    if basket is not None and basket.pk:
        for line in basket.all_lines():
            record = line.stockrecord
            lines.append(
                {
                    "product_id": line.product_id,
                    "sku": record.partner_sku if record else "",
                    "title": line.product.get_title(),
                    "quantity": line.quantity,
                }
            )
    if not message and not lines and renewal_of is None:
        raise ValidationError(_("Tell us what you need, or add lines to your basket."))
    with transaction.atomic():
        # Lock the company's open requests so that two identical submits
        # cannot both pass the duplicate check.
        Company.objects.select_for_update().filter(pk=company.pk).first()
        duplicate = (
            OfferRequest.objects.for_company(company)
            .filter(
                requested_by=user,
                status=OfferRequest.Status.OPEN,
                message=message,
                lines=lines,
                renewal_of=renewal_of,
            )
            .first()
        )
        if duplicate:
            return duplicate
        offer_request = OfferRequest(
            company=company,
            requested_by=user,
            message=message,
            lines=lines,
            renewal_of=renewal_of,
            language=language or translation.get_language() or settings.LANGUAGE_CODE,
        )
        offer_request.full_clean()
        offer_request.save()
        request_id = offer_request.pk
        transaction.on_commit(lambda: _queue("offer_request_mail_task", request_id))
    return offer_request


def offer_request_close(*, offer_request: OfferRequest) -> OfferRequest:
    offer_request.status = OfferRequest.Status.CLOSED
    offer_request.save(update_fields=["status"])
    return offer_request
