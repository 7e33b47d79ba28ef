"""Reads of offers and contracts. Customer selectors take `company` and start
from the scoping helper; staff selectors (`staff_*`) see across companies and
are only called from views whose policy is SALES."""

from datetime import timedelta

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from contracts.models import (
    EXPIRING_DAYS,
    Contract,
    ContractDocument,
    Offer,
    OfferRequest,
    OfferVersion,
)
from partner_portal.scoping import get_for_company_or_404


def offer_list(*, company, status: str | None = None):
    """The company's offers that have been sent at least once (drafts are
    sales' business), newest first."""
    offers = (
        Offer.objects.for_company(company)
        .filter(latest_sent__isnull=False)
        .select_related("latest_sent")
    )
    if status:
        offers = offers.filter(status=status)
    return offers


def offer_get(*, company, pk: int) -> Offer:
    return get_for_company_or_404(
        offer_list(company=company).select_related("contact_person", "company"),
        company=company,
        pk=pk,
    )


def offer_versions_visible(*, offer: Offer) -> list[OfferVersion]:
    """Every version the customer has been sent, newest first."""
    return list(
        offer.versions.exclude(status=OfferVersion.Status.DRAFT)
        .select_related("acceptance__user", "declined_by")
        .order_by("-number")
    )


def offer_version_get(*, company, offer_pk: int, number: int) -> OfferVersion:
    return get_for_company_or_404(
        OfferVersion.objects.exclude(status=OfferVersion.Status.DRAFT).select_related(
            "offer__company"
        ),
        company=company,
        offer_id=offer_pk,
        number=number,
    )


def offer_request_list(*, company):
    return OfferRequest.objects.for_company(company).select_related(
        "requested_by", "renewal_of"
    )


def open_offer_count(*, company) -> int:
    return Offer.objects.for_company(company).filter(status=Offer.Status.SENT).count()


def contract_list(*, company, state: str | None = None, kind: str | None = None):
    """The company's contracts; `state` is active (incl. expiring), expiring,
    ended or upcoming."""
    today = timezone.localdate()
    contracts = Contract.objects.for_company(company).select_related(
        "contact_person", "offer_version__offer"
    )
    if kind:
        contracts = contracts.filter(kind=kind)
    if state == Contract.State.ACTIVE:
        contracts = contracts.active_on(today)
    elif state == Contract.State.EXPIRING:
        contracts = contracts.active_on(today).filter(
            end_date__lte=today + timedelta(days=EXPIRING_DAYS)
        )
    elif state == Contract.State.ENDED:
        contracts = contracts.filter(end_date__lt=today).order_by("-end_date")
    elif state == Contract.State.UPCOMING:
        contracts = contracts.filter(start_date__gt=today)
    return contracts


def contract_get(*, company, pk: int) -> Contract:
    return get_for_company_or_404(
        contract_list(company=company).prefetch_related("documents"),
        company=company,
        pk=pk,
    )


def contract_document_get(*, company, contract_pk: int, pk: int) -> ContractDocument:
    return get_for_company_or_404(
        ContractDocument, company=company, contract_id=contract_pk, pk=pk
    )


# Staff: across companies, explicitly.


def staff_offer_request_queue(*, status: str | None = OfferRequest.Status.OPEN):
    requests = OfferRequest.objects.select_related(
        "company", "requested_by", "renewal_of"
    ).prefetch_related("offers")
    if status:
        requests = requests.filter(status=status)
    return requests


def staff_offer_request_get(*, pk: int) -> OfferRequest:
    request = staff_offer_request_queue(status=None).filter(pk=pk).first()
    if request is None:
        raise Http404
    return request


def staff_offer_list(*, company=None, status: str | None = None, search: str = ""):
    offers = Offer.objects.select_related("company", "latest_sent", "created_by")
    if company is not None:
        offers = offers.filter(company=company)
    if status:
        offers = offers.filter(status=status)
    if search:
        offers = offers.filter(
            Q(number__icontains=search)
            | Q(title__icontains=search)
            | Q(company__name__icontains=search)
        )
    return offers


def staff_offer_get(*, pk: int) -> Offer:
    offer = (
        Offer.objects.select_related("company", "request", "contact_person")
        .filter(pk=pk)
        .first()
    )
    if offer is None:
        raise Http404
    return offer


def staff_contract_list(*, company=None):
    contracts = Contract.objects.select_related("company", "contact_person")
    if company is not None:
        contracts = contracts.filter(company=company)
    return contracts.order_by("end_date", "pk")


def staff_contract_get(*, pk: int) -> Contract:
    contract = staff_contract_list().filter(pk=pk).first()
    if contract is None:
        raise Http404
    return contract
