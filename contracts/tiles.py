from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contracts.models import EXPIRING_DAYS, Contract, Offer, OfferRequest
from contracts.selectors import contract_list, offer_list, offer_request_list
from partner_portal.partner_area import Section, register_section
from partner_portal.permissions import Capability, StaffGroup, is_in_staff_group
from partner_portal.tiles import Tile, register_tile


def _offers(request):
    today = timezone.localdate()
    open_offers = offer_list(company=request.company, status=Offer.Status.SENT).filter(
        latest_sent__valid_until__gte=today
    )
    requested = (
        offer_request_list(company=request.company)
        .exclude(status=OfferRequest.Status.CLOSED)
        .count()
    )
    links = [
        (
            _("%(number)s: valid until %(date)s")
            % {
                "number": offer.number,
                "date": date_format(offer.latest_sent.valid_until, "SHORT_DATE_FORMAT"),
            },
            reverse("contracts:offer_detail", args=[offer.pk]),
        )
        for offer in open_offers[:3]
    ]
    links.append((_("Request an offer"), reverse("contracts:requests")))
    return {
        "url": reverse("contracts:offers"),
        "link_text": _("All offers"),
        "count": (count := open_offers.count()),
        "count_label": ngettext("open offer", "open offers", count),
        "secondary": requested,
        "secondary_label": ngettext("requested", "requested", requested),
        "links": links,
    }


def _contracts(request):
    today = timezone.localdate()
    expiring = contract_list(
        company=request.company, state=Contract.State.EXPIRING
    ).filter(end_date__lte=today + timedelta(days=EXPIRING_DAYS))
    links = [
        (
            _("%(number)s ends on %(date)s")
            % {
                "number": contract.number,
                "date": date_format(contract.end_date, "SHORT_DATE_FORMAT"),
            },
            reverse("contracts:contract_detail", args=[contract.pk]),
        )
        for contract in expiring[:3]
    ]
    return {
        "url": reverse("contracts:list"),
        "link_text": _("All contracts"),
        "count": (count := expiring.count()),
        "count_label": ngettext(
            "contract expiring within 90 days",
            "contracts expiring within 90 days",
            count,
        ),
        "secondary": (
            active := contract_list(
                company=request.company, state=Contract.State.ACTIVE
            ).count()
        ),
        "secondary_label": ngettext("active contract", "active contracts", active),
        "links": links,
    }


def _is_sales(request):
    return (
        request.user.is_authenticated
        and request.user.is_staff
        and (is_in_staff_group(request.user, StaffGroup.SALES))
    )


def _staff_requests(request):
    return {
        "url": reverse("contracts:staff_requests"),
        "link_text": _("Offer requests"),
        "count": (
            count := OfferRequest.objects.filter(
                status=OfferRequest.Status.OPEN
            ).count()
        ),
        "count_label": ngettext("open offer request", "open offer requests", count),
        "links": [
            (_("Offers"), reverse("contracts:staff_offers")),
            (_("Contracts"), reverse("contracts:staff_contracts")),
        ],
    }


register_tile(
    Tile(
        key="contracts.offers",
        title=_("Offers"),
        capability=Capability.OFFER_ACCEPT,
        context=_offers,
        order=30,
        lazy=True,
    )
)
register_tile(
    Tile(
        key="contracts.contracts",
        title=_("Contracts"),
        capability=Capability.CONTRACT_VIEW,
        context=_contracts,
        order=31,
        lazy=True,
    )
)
register_tile(
    Tile(
        key="contracts.staff_requests",
        title=_("Offer requests"),
        is_visible=_is_sales,
        context=_staff_requests,
        order=12,
    )
)


def _agreements(request):
    return {
        "agreements": list(
            contract_list(
                company=request.company, kind=Contract.Kind.PARTNER_AGREEMENT
            ).exclude(end_date__lt=timezone.localdate())
        ),
        "url": reverse("contracts:list"),
    }


register_section(
    Section(
        key="contracts.agreements",
        title=_("Your partner agreements"),
        template="contracts/partner_area/agreements.html",
        context=_agreements,
        order=20,
    )
)
