"""Offers and their draft versions: created by sales, copied into a new
draft once a version is sent, edited until sent."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from contracts import documents
from contracts.models import (
    Offer,
    OfferEvent,
    OfferLine,
    OfferRequest,
    OfferVersion,
)
from contracts.services.common import (
    DEFAULT_VALIDITY_DAYS,
    OfferError,
    _event,
    default_tax_rate,
)
from partner_portal.models import Company
from partner_portal.numbering import next_number

Product = get_model("catalogue", "Product")

OFFER_SEQUENCE = "OF"
OFFER_NUMBER_FORMAT = "{name}-{year}-{number:05d}"


# What a new version takes over from the one before (besides its lines), and
# what the editor may change on a draft besides the validity.
VERSION_TERMS = (
    "payment_terms",
    "delivery_terms",
    "cover_note",
    "contract_months",
    "notice_days",
    "renewal_terms",
)
# The fields of an offer line, whether copied from the version before or
# typed into the editor (LineInput has the same names).
LINE_FIELDS = (
    "product",
    "sku",
    "description",
    "quantity",
    "unit_price",
    "discount_percent",
    "tax_rate",
)


def _offer_line(line, *, version: OfferVersion, position: int) -> OfferLine:
    """An unsaved line of `version` with the fields of `line` (an OfferLine
    of an earlier version, or a LineInput)."""
    return OfferLine(
        version=version,
        position=position,
        **{name: getattr(line, name) for name in LINE_FIELDS},
    )


# Drafts and versions


def offer_create(
    *,
    company: Company,
    user,
    title: str,
    offer_request: OfferRequest | None = None,
    language: str | None = None,
    contact_person=None,
    valid_until: date | None = None,
    strategy=None,
) -> Offer:
    """A new offer with an empty draft v1; lines of the request's basket are
    copied in at the company's current prices. Only for sales staff (the view
    checks)."""
    if offer_request is not None and offer_request.company_id != company.pk:
        raise ValidationError(_("The request belongs to another company."))
    with transaction.atomic():
        offer = Offer(
            company=company,
            title=title.strip(),
            request=offer_request,
            created_by=user,
            contact_person=contact_person or company.contact_person or user,
            language=language
            or (offer_request.language if offer_request else settings.LANGUAGE_CODE),
        )
        # Numbered from the yearly sequence, not the primary key.
        offer.number = next_number(OFFER_SEQUENCE, format=OFFER_NUMBER_FORMAT)
        offer.full_clean()
        offer.save()
        version = OfferVersion.objects.create(
            offer=offer,
            number=1,
            valid_until=valid_until
            or timezone.localdate() + timedelta(days=DEFAULT_VALIDITY_DAYS),
            currency=settings.OSCAR_DEFAULT_CURRENCY,
        )
        if offer_request is not None:
            _lines_from_request(version, offer_request, strategy)
            if offer_request.status == OfferRequest.Status.OPEN:
                offer_request.status = OfferRequest.Status.OFFERED
                offer_request.save(update_fields=["status"])
            if offer_request.renewal_of_id:
                contract = offer_request.renewal_of
                version.renewal_terms = contract.renewal_terms
                version.notice_days = contract.notice_days
                version.save(update_fields=["renewal_terms", "notice_days"])
        _event(offer, OfferEvent.Kind.CREATED, user=user, version=version)
    return offer


def _lines_from_request(version, offer_request, strategy) -> None:
    products = Product.objects.in_bulk(
        [line["product_id"] for line in offer_request.lines if line.get("product_id")]
    )
    tax_rate = default_tax_rate()
    new = []
    for position, line in enumerate(offer_request.lines):
        product = products.get(line.get("product_id"))
        price = Decimal("0.00")
        if product is not None and strategy is not None:
            info = strategy.fetch_for_product(product)
            if info.price.exists:
                price = info.price.excl_tax
        new.append(
            OfferLine(
                version=version,
                position=position,
                product=product,
                sku=line.get("sku", ""),
                description=line.get("title", "")[:500] or line.get("sku", ""),
                quantity=max(1, int(line.get("quantity", 1))),
                unit_price=price,
                tax_rate=tax_rate,
            )
        )
    OfferLine.objects.bulk_create(new)


def offer_draft_version(*, offer: Offer, user) -> OfferVersion:
    """The version sales may edit: the current draft, or, once a version has
    been sent, a new draft copied from it (v2, v3 ...). Sent versions keep
    their lines, terms and PDF. Raises OfferError once the offer is accepted
    or declined."""
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=offer.pk)
        if offer.status in (Offer.Status.ACCEPTED, Offer.Status.DECLINED):
            raise OfferError(
                _("This offer has been %(status)s; it can no longer be changed.")
                % {"status": offer.get_status_display().lower()}
            )
        latest = offer.versions.order_by("-number").first()
        if latest.status == OfferVersion.Status.DRAFT:
            return latest
        draft = OfferVersion.objects.create(
            offer=offer,
            number=latest.number + 1,
            valid_until=max(
                latest.valid_until,
                timezone.localdate() + timedelta(days=DEFAULT_VALIDITY_DAYS),
            ),
            currency=latest.currency,
            **{name: getattr(latest, name) for name in VERSION_TERMS},
        )
        OfferLine.objects.bulk_create(
            _offer_line(line, version=draft, position=line.position)
            for line in latest.lines.all()
        )
        _event(offer, OfferEvent.Kind.NEW_VERSION, user=user, version=draft)
    return draft


@dataclass
class LineInput:
    description: str
    quantity: int
    unit_price: Decimal
    discount_percent: Decimal = Decimal("0")
    tax_rate: Decimal = Decimal("19")
    sku: str = ""
    product: object | None = None


def offer_draft_save(
    *,
    version: OfferVersion,
    user,
    header: dict,
    lines: list[LineInput],
) -> OfferVersion:
    """Replace a draft's terms and lines. Only drafts change; every line is
    validated (no negative price, discount 0–100 %, quantity at least 1)
    before anything is written. Raises OfferError / ValidationError."""
    with transaction.atomic():
        version = OfferVersion.objects.select_for_update().get(pk=version.pk)
        if version.status != OfferVersion.Status.DRAFT:
            raise OfferError(_("Only a draft can be changed."))
        offer = version.offer
        for name in (
            "title",
            "language",
            "contact_person",
        ):
            if name in header:
                setattr(offer, name, header[name])
        for name in ("valid_until", *VERSION_TERMS):
            if name in header:
                setattr(version, name, header[name])
        new_lines = [
            _offer_line(line, version=version, position=position)
            for position, line in enumerate(lines)
        ]
        for line in new_lines:
            line.full_clean(exclude=["version"])
        offer.full_clean()
        version.total_net, version.total_tax, version.total_gross = (
            documents.version_totals(new_lines)
        )
        version.render_error = ""
        version.full_clean()
        offer.save()
        version.save()
        version.lines.all().delete()
        OfferLine.objects.bulk_create(new_lines)
        _event(offer, OfferEvent.Kind.SAVED, user=user, version=version)
    return version


def offer_preview_pdf(*, version: OfferVersion) -> bytes:
    """The PDF as it would be sent, marked as a preview; nothing is stored."""
    return documents.render_offer_pdf(
        version, list(version.lines.select_related("product")), preview=True
    )
