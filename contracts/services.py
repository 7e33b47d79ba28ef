"""Writes of offers and contracts: requests for quotation, drafts and versions,
sending (render, hash, store), acceptance and decline, contracts, documents,
renewal requests and the daily reminders."""

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from contracts import documents
from contracts.models import (
    REMINDER_DAYS,
    Acceptance,
    Contract,
    ContractDocument,
    ContractReminder,
    Offer,
    OfferEvent,
    OfferLine,
    OfferRequest,
    OfferVersion,
)
from contracts.pricing import contract_prices_apply, contract_prices_release
from partner_portal.models import Company

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

logger = logging.getLogger(__name__)

DEFAULT_VALIDITY_DAYS = 30
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


class OfferError(Exception):
    """The action is not possible; the message says why, for the user."""


class OfferRenderError(OfferError):
    """The PDF could not be rendered: the version stays a draft."""


def default_tax_rate() -> Decimal:
    return (Decimal(str(settings.PORTAL_VAT_RATE)) * 100).quantize(Decimal("0.01"))


def _event(offer, kind, *, user=None, version=None, comment=""):
    return OfferEvent.objects.create(
        offer=offer, version=version, kind=kind, user=user, comment=comment
    )


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
        offer.full_clean(exclude=["number"])
        offer.save()
        offer.number = f"OF-{timezone.localdate():%Y}-{offer.pk:05d}"
        offer.save(update_fields=["number"])
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
            payment_terms=latest.payment_terms,
            delivery_terms=latest.delivery_terms,
            cover_note=latest.cover_note,
            contract_months=latest.contract_months,
            notice_days=latest.notice_days,
            renewal_terms=latest.renewal_terms,
            currency=latest.currency,
        )
        OfferLine.objects.bulk_create(
            OfferLine(
                version=draft,
                position=line.position,
                product=line.product,
                sku=line.sku,
                description=line.description,
                quantity=line.quantity,
                unit_price=line.unit_price,
                discount_percent=line.discount_percent,
                tax_rate=line.tax_rate,
            )
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
        for name in (
            "valid_until",
            "payment_terms",
            "delivery_terms",
            "cover_note",
            "contract_months",
            "notice_days",
            "renewal_terms",
        ):
            if name in header:
                setattr(version, name, header[name])
        new_lines = [
            OfferLine(
                version=version,
                position=position,
                product=line.product,
                sku=line.sku,
                description=line.description,
                quantity=line.quantity,
                unit_price=line.unit_price,
                discount_percent=line.discount_percent,
                tax_rate=line.tax_rate,
            )
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


def offer_send(*, version: OfferVersion, user) -> OfferVersion:
    """Send a draft: render its PDF in the offer's language, store it
    privately with its SHA-256 and the content SHA-256, supersede the version
    sent before, and tell the customer.

    All or nothing: without lines, with a validity in the past, or when the
    PDF cannot be rendered, the version stays a draft (the render error is
    kept on it and in the timeline) and nothing is stored or mailed. Raises
    OfferError / OfferRenderError."""
    failure = None
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=version.offer_id)
        version = OfferVersion.objects.select_related("offer__company").get(
            pk=version.pk
        )
        if version.status != OfferVersion.Status.DRAFT:
            raise OfferError(_("This version has already been sent."))
        lines = list(version.lines.select_related("product"))
        if not lines:
            raise OfferError(_("Add at least one line before sending the offer."))
        if version.valid_until < timezone.localdate():
            raise OfferError(_("The validity date is in the past."))
        try:
            pdf = documents.render_offer_pdf(version, lines)
        except Exception as exc:  # WeasyPrint raises many kinds
            logger.exception("Offer %s v%s: PDF rendering failed", offer.pk, version.pk)
            failure = str(exc)[:500] or exc.__class__.__name__
            version.render_error = failure
            version.save(update_fields=["render_error"])
            _event(
                offer,
                OfferEvent.Kind.RENDER_FAILED,
                user=user,
                version=version,
                comment=failure,
            )
        else:
            now = timezone.now()
            version.total_net, version.total_tax, version.total_gross = (
                documents.version_totals(lines)
            )
            version.content_sha256 = documents.content_sha256(version, lines)
            version.sha256 = hashlib.sha256(pdf).hexdigest()
            version.pdf.save(
                f"{offer.number}-v{version.number}.pdf", ContentFile(pdf), save=False
            )
            version.status = OfferVersion.Status.SENT
            version.sent_at, version.sent_by, version.render_error = now, user, ""
            version.save()
            for older in offer.versions.filter(status=OfferVersion.Status.SENT).exclude(
                pk=version.pk
            ):
                older.status = OfferVersion.Status.SUPERSEDED
                older.save(update_fields=["status"])
                _event(offer, OfferEvent.Kind.SUPERSEDED, version=older, user=user)
            offer.status, offer.latest_sent = Offer.Status.SENT, version
            offer.save(update_fields=["status", "latest_sent"])
            _event(offer, OfferEvent.Kind.SENT, user=user, version=version)
            version_id = version.pk
            transaction.on_commit(lambda: _queue("offer_sent_mail_task", version_id))
    if failure is not None:
        raise OfferRenderError(
            _("The PDF could not be rendered, the offer was not sent: %(error)s")
            % {"error": failure}
        )
    return version


# Acceptance and decline


def _check_open(version: OfferVersion, offer: Offer) -> None:
    if version.status == OfferVersion.Status.ACCEPTED:
        acceptance = version.acceptance
        raise OfferError(
            _("This offer was already accepted on %(date)s by %(name)s.")
            % {
                "date": timezone.localtime(acceptance.accepted_at).strftime(
                    "%Y-%m-%d %H:%M"
                ),
                "name": acceptance.typed_name,
            }
        )
    if offer.status == Offer.Status.ACCEPTED:
        raise OfferError(_("Another version of this offer has already been accepted."))
    if version.status == OfferVersion.Status.DECLINED:
        raise OfferError(_("This offer was declined; it can no longer be accepted."))
    if version.status == OfferVersion.Status.SUPERSEDED:
        newest = offer.latest_sent
        raise OfferError(
            _(
                "This version has been replaced by version %(number)s. Please read "
                "and accept the new version."
            )
            % {"number": newest.number if newest else "?"}
        )
    if version.is_expired:
        raise OfferError(
            _("This offer expired on %(date)s. Ask us for a new one.")
            % {"date": version.valid_until.isoformat()}
        )
    if version.status != OfferVersion.Status.SENT:
        raise OfferError(_("This offer cannot be accepted."))


def _locked(company, offer_id, version_number):
    offer = (
        Offer.objects.for_company(company).select_for_update().filter(pk=offer_id)
    ).first()
    if offer is None:
        raise OfferError(_("This offer does not exist."))
    version = (
        OfferVersion.objects.select_for_update()
        .filter(offer=offer, number=version_number)
        .exclude(status=OfferVersion.Status.DRAFT)
        .first()
    )
    if version is None:
        raise OfferError(_("This offer does not exist."))
    return offer, version


def typed_name_matches(typed: str, user) -> bool:
    full_name = " ".join(user.get_full_name().split()).casefold()
    return not full_name or " ".join(typed.split()).casefold() == full_name


def offer_accept(
    *,
    company: Company,
    offer_id: int,
    version_number: int,
    user,
    typed_name: str,
    terms_accepted: bool,
    ip_address: str | None,
    user_agent: str,
) -> Acceptance:
    """Accept one sent version for `company`: records user, time, IP address,
    user agent, the typed name and the SHA-256 of the exact version, makes
    the contract and puts the offer prices into the company's price list.

    The offer row is locked, so accepting twice (double click, two
    colleagues) gives a clear message and changes nothing. Expired,
    superseded, declined versions, drafts and other companies' offers cannot
    be accepted. Raises OfferError."""
    typed_name = " ".join(typed_name.split())
    if not terms_accepted:
        raise OfferError(_("Please tick that you accept the offer and its terms."))
    if not typed_name:
        raise OfferError(_("Please type your name to sign."))
    if not typed_name_matches(typed_name, user):
        raise OfferError(
            _("Please type your name as it is in your account: %(name)s")
            % {"name": user.get_full_name()}
        )
    with transaction.atomic():
        offer, version = _locked(company, offer_id, version_number)
        _check_open(version, offer)
        acceptance = Acceptance.objects.create(
            company=company,
            version=version,
            user=user,
            typed_name=typed_name[:200],
            terms_accepted=True,
            ip_address=ip_address or None,
            user_agent=user_agent[:500],
            sha256=version.sha256,
            content_sha256=version.content_sha256,
        )
        version.status = OfferVersion.Status.ACCEPTED
        version.save(update_fields=["status"])
        offer.status = Offer.Status.ACCEPTED
        offer.save(update_fields=["status"])
        _event(
            offer,
            OfferEvent.Kind.ACCEPTED,
            user=user,
            version=version,
            comment=f"sha256 {version.sha256}",
        )
        contract = contract_create(
            company=company,
            title=offer.title,
            start_date=timezone.localdate(),
            end_date=documents.add_months(timezone.localdate(), version.contract_months)
            - timedelta(days=1),
            notice_days=version.notice_days,
            renewal_terms=version.renewal_terms,
            offer_version=version,
            contact_person=offer.contact_person,
        )
        contract_prices_apply(contract=contract, lines=list(version.lines.all()))
        if offer.request_id:
            OfferRequest.objects.filter(pk=offer.request_id).update(
                status=OfferRequest.Status.CLOSED
            )
        version_id = version.pk
        transaction.on_commit(lambda: _queue("offer_decided_mail_task", version_id))
    return acceptance


def offer_decline(
    *, company: Company, offer_id: int, version_number: int, user, reason: str
) -> OfferVersion:
    """Decline a sent version with a reason (required). Same rules as
    accepting: only the open version of the company's own offer. Raises
    OfferError."""
    reason = reason.strip()
    if not reason:
        raise OfferError(_("Please tell us why you decline the offer."))
    with transaction.atomic():
        offer, version = _locked(company, offer_id, version_number)
        _check_open(version, offer)
        version.status = OfferVersion.Status.DECLINED
        version.declined_at, version.declined_by = timezone.now(), user
        version.decline_reason = reason[:4000]
        version.save(
            update_fields=["status", "declined_at", "declined_by", "decline_reason"]
        )
        offer.status = Offer.Status.DECLINED
        offer.save(update_fields=["status"])
        _event(
            offer, OfferEvent.Kind.DECLINED, user=user, version=version, comment=reason
        )
        version_id = version.pk
        transaction.on_commit(lambda: _queue("offer_decided_mail_task", version_id))
    return version


@dataclass
class BasketResult:
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def offer_lines_to_basket(*, version: OfferVersion, basket, strategy, user):
    """Put the catalogue lines of an accepted offer into the basket, at the
    offer's prices (the contract put them into the company's price list, and
    the basket is priced from that list). Free-text lines, products no longer
    orderable and lines whose price is no longer the offer price are left
    out and named. Raises OfferError while the offer is not accepted or its
    contract has ended."""
    from orders.services import basket_add_many

    if version.status != OfferVersion.Status.ACCEPTED:
        raise OfferError(_("Only an accepted offer can be put into the basket."))
    contract = Contract.objects.filter(offer_version=version).first()
    if contract is None or contract.end_date < timezone.localdate():
        raise OfferError(
            _("The contract of this offer has ended; its prices no longer apply.")
        )
    result, items = BasketResult(), []
    for line in version.lines.select_related("product"):
        if line.product is None:
            result.skipped.append(line.description)
            continue
        info = strategy.fetch_for_product(line.product)
        allowed, _reason = info.availability.is_purchase_permitted(line.quantity)
        if (
            not allowed
            or not info.price.exists
            or info.price.excl_tax != line.net_unit_price
        ):
            result.skipped.append(line.description)
            continue
        items.append((line.product, info, line.quantity))
        result.added.append(line.description)
    with transaction.atomic():
        basket_add_many(basket=basket, items=items)
        if items:
            _event(version.offer, OfferEvent.Kind.TO_BASKET, user=user, version=version)
    return result


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


# The daily job


@dataclass
class DailyResult:
    reminders: list[ContractReminder] = field(default_factory=list)
    expired_versions: int = 0
    contracts_released: int = 0


def _due(contract: Contract, kind: str) -> date:
    return (
        contract.end_date
        if kind == ContractReminder.Kind.END
        else (contract.notice_date)
    )


def contract_reminders_send(*, today: date | None = None) -> DailyResult:
    """The daily job (cron runs `manage.py contract_reminders`):

    - reminders 90, 30 and 7 days before a contract ends and before its
      notice period starts, each at most once (a ContractReminder row per
      contract, kind and threshold; a unique constraint makes a second run on
      the same day, or two runs at once, send nothing more). When the job
      missed days and several thresholds are due, only the nearest goes out.
    - sent offer versions past their validity become expired;
    - ended contracts give back the offer prices they put into the price list.
    """
    today = today or timezone.localdate()
    result = DailyResult()
    horizon = today + timedelta(days=max(REMINDER_DAYS))
    contracts = (
        Contract.objects.filter(end_date__gte=today, start_date__lte=horizon)
        .select_related("company")
        .prefetch_related("reminders")
    )
    for contract in contracts:
        for kind in ContractReminder.Kind.values:
            due = _due(contract, kind)
            days_left = (due - today).days
            if days_left < 0:
                continue
            done = {r.days for r in contract.reminders.all() if r.kind == kind}
            reached = [d for d in REMINDER_DAYS if days_left <= d and d not in done]
            if not reached:
                continue
            nearest = min(reached)
            with transaction.atomic():
                created = []
                for days in reached:
                    reminder, is_new = ContractReminder.objects.get_or_create(
                        contract=contract,
                        kind=kind,
                        days=days,
                        defaults={"sent": days == nearest},
                    )
                    if is_new and days == nearest:
                        created.append(reminder)
                for reminder in created:
                    reminder_id = reminder.pk
                    transaction.on_commit(
                        lambda rid=reminder_id: _queue(
                            "contract_reminder_mail_task", rid
                        )
                    )
                    result.reminders.append(reminder)
    stale = OfferVersion.objects.filter(
        status=OfferVersion.Status.SENT, valid_until__lt=today
    ).select_related("offer")
    for version in stale:
        with transaction.atomic():
            version.status = OfferVersion.Status.EXPIRED
            version.save(update_fields=["status"])
            offer = version.offer
            if offer.latest_sent_id == version.pk and offer.status == Offer.Status.SENT:
                offer.status = Offer.Status.EXPIRED
                offer.save(update_fields=["status"])
            _event(offer, OfferEvent.Kind.EXPIRED, version=version)
            result.expired_versions += 1
    for contract in Contract.objects.filter(
        end_date__lt=today, prices_released_at__isnull=True, prices__isnull=False
    ).distinct():
        contract_prices_release(contract=contract, today=today)
        result.contracts_released += 1
    return result


def _queue(task_name: str, object_id: int) -> None:
    from contracts import tasks

    getattr(tasks, task_name).enqueue(object_id=object_id)
