"""The customer's answer to a sent version: accept (with the contract
and its prices) or decline, and the accepted lines into the basket."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit.actions import Action as AuditAction
from audit.services import record as audit_record
from contracts import documents
from contracts.models import (
    Acceptance,
    Contract,
    Offer,
    OfferEvent,
    OfferRequest,
    OfferVersion,
)
from contracts.pricing import contract_prices_apply
from contracts.services.agreements import contract_create
from contracts.services.common import OfferError, _event, _queue
from partner_portal.models import Company

# Acceptance and decline


def _check_open(version: OfferVersion, offer: Offer) -> None:
    if version.status == OfferVersion.Status.ACCEPTED:
        acceptance = version.acceptance
        raise OfferError(
            _("This offer was already accepted on %(date)s by %(name)s.")
            % {
                "date": date_format(
                    timezone.localtime(acceptance.accepted_at),
                    "SHORT_DATETIME_FORMAT",
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
            % {"date": date_format(version.valid_until, "SHORT_DATE_FORMAT")}
        )
    if version.status != OfferVersion.Status.SENT:
        raise OfferError(_("This offer cannot be accepted."))
    if version.pdf_pending:
        # What is accepted is the PDF with its SHA-256: it must exist first.
        raise OfferError(
            _(
                "The PDF of this offer is still being prepared. Please accept "
                "it once you have been able to read it."
            )
        )


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
    """The typed name is the account's name, ignoring case and spaces. An
    account without a name matches nothing: it would sign under any name."""
    full_name = " ".join(user.get_full_name().split()).casefold()
    return bool(full_name) and " ".join(typed.split()).casefold() == full_name


def nameless_account_message() -> str:
    return _(
        "Your account has no name yet. Please set your first and last name on "
        "your account page, then accept the offer."
    )


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
    be accepted. The typed name must be the account's name; an account
    without a name cannot accept until the user sets one. Raises OfferError."""
    typed_name = " ".join(typed_name.split())
    if not terms_accepted:
        raise OfferError(_("Please tick that you accept the offer and its terms."))
    if not user.get_full_name().strip():
        raise OfferError(nameless_account_message())
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
        audit_record(
            AuditAction.OFFER_ACCEPTED,
            company=company,
            actor=user,
            obj=offer,
            data={
                "version": version.number,
                "sha256": version.sha256,
                "contract_id": contract.pk,
            },
        )
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
        audit_record(
            AuditAction.OFFER_DECLINED,
            company=company,
            actor=user,
            obj=offer,
            data={"version": version.number, "reason": reason[:500]},
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
