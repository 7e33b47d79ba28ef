"""Offers in the "my tasks" inbox (partner_portal.inbox)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contracts.models import Offer
from contracts.selectors import offer_list
from partner_portal.inbox import InboxItem, InboxSource, register_source
from partner_portal.permissions import Capability
from partner_portal.policy import Member

ACCEPTER = Member(Capability.OFFER_ACCEPT)


def offers_awaiting_acceptance(*, company):
    """Sent offers whose current version may still be accepted (not past its
    validity, even before the nightly run marks it expired)."""
    return offer_list(company=company, status=Offer.Status.SENT).filter(
        latest_sent__valid_until__gte=timezone.localdate()
    )


def _items(request, limit):
    offers = offers_awaiting_acceptance(company=request.company).order_by(
        "latest_sent__valid_until", "pk"
    )
    return [
        InboxItem(
            title=f"{offer.number} · {offer.title}",
            url=reverse("contracts:offer_detail", args=[offer.pk]),
            detail=_("Valid until %(date)s")
            % {"date": date_format(offer.latest_sent.valid_until, "SHORT_DATE_FORMAT")},
        )
        for offer in offers[:limit]
    ]


register_source(
    InboxSource(
        key="contracts.offers",
        title=gettext_lazy("Offers waiting for my acceptance"),
        is_visible=ACCEPTER.allows,
        count=lambda request: offers_awaiting_acceptance(
            company=request.company
        ).count(),
        items=_items,
        url=lambda request: reverse("contracts:offers") + "?status=sent",
        order=20,
    )
)
