"""Contracts and partner agreements, their documents and renewal
requests."""

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
from partner_portal.numbering import next_number
from partner_portal.uploads import upload_check

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
CONTRACT_NUMBER_FORMAT = "{name}-{year}-{number:05d}"
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
        # Numbered from the yearly sequence of the start year, not the
        # primary key.
        contract.number = next_number(
            "PA" if kind == Contract.Kind.PARTNER_AGREEMENT else "CT",
            year=start_date.year,
            format=CONTRACT_NUMBER_FORMAT,
        )
        contract.full_clean()
        contract.save()
    return contract


def contract_document_add(
    *, contract: Contract, user, title: str, uploaded_file
) -> ContractDocument:
    """Attach a PDF to a contract. The content must be a PDF (checked by the
    portal's one upload check, not by its name) of at most 10 MB. Raises
    ValidationError."""
    checked = upload_check(
        uploaded_file, pdf=True, max_mb=MAX_DOCUMENT_BYTES // (1024 * 1024)
    )
    uploaded_file.seek(0)
    data = uploaded_file.read()
    document = ContractDocument(
        contract=contract,
        title=title.strip() or uploaded_file.name[:200],
        sha256=checked.sha256,
        size=checked.size,
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
