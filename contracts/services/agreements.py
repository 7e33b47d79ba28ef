"""Contracts and partner agreements, their documents and renewal
requests."""

import hashlib
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from contracts.models import (
    Contract,
    ContractDocument,
    OfferRequest,
    OfferVersion,
)
from contracts.services.requests import offer_request_create
from partner_portal.models import Company

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


# Contracts


def contract_create(
    *,
    company: Company,
    title: str,
    start_date: date,
    end_date: date,
    notice_days: int = 90,
    renewal_terms: str = "",
    kind: str = Contract.Kind.CONTRACT,
    offer_version: OfferVersion | None = None,
    contact_person=None,
) -> Contract:
    """A contract (or partner agreement) of `company`. Partner agreements are
    for distributors and franchisees only. Raises ValidationError."""
    if kind == Contract.Kind.PARTNER_AGREEMENT and not company.is_partner:
        raise ValidationError(
            _("Partner agreements are for distributors and franchisees.")
        )
    with transaction.atomic():
        contract = Contract(
            company=company,
            kind=kind,
            title=title,
            start_date=start_date,
            end_date=end_date,
            notice_days=notice_days,
            renewal_terms=renewal_terms,
            offer_version=offer_version,
            contact_person=contact_person or company.contact_person,
        )
        contract.full_clean(exclude=["number"])
        contract.save()
        prefix = "PA" if kind == Contract.Kind.PARTNER_AGREEMENT else "CT"
        contract.number = f"{prefix}-{start_date:%Y}-{contract.pk:05d}"
        contract.save(update_fields=["number"])
    return contract


def contract_document_add(
    *, contract: Contract, user, title: str, uploaded_file
) -> ContractDocument:
    """Attach a PDF to a contract. The content must be a PDF (checked by its
    first bytes, not its name) of at most 10 MB. Raises ValidationError."""
    if uploaded_file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    data = uploaded_file.read()
    if not data.startswith(PDF_MAGIC):
        raise ValidationError(_("The file is not a PDF document."))
    document = ContractDocument(
        contract=contract,
        title=title.strip() or uploaded_file.name[:200],
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        uploaded_by=user,
    )
    document.file.save(f"{contract.number}.pdf", ContentFile(data), save=False)
    try:
        document.full_clean()
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    return document


def contract_renewal_request(*, contract: Contract, user) -> OfferRequest:
    """A request for an offer to renew the contract; an open one for the same
    contract is returned instead of a second."""
    existing = (
        OfferRequest.objects.for_company(contract.company)
        .filter(renewal_of=contract)
        .exclude(status=OfferRequest.Status.CLOSED)
        .first()
    )
    if existing:
        return existing
    return offer_request_create(
        company=contract.company,
        user=user,
        message=_("Please send us an offer to renew contract %(number)s.")
        % {"number": contract.number},
        renewal_of=contract,
    )
