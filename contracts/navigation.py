"""The offers' and contracts' navigation entries (partner_portal.navigation)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partner_portal.navigation import NavEntry, register_entry


def _contracts_label(request):
    company = getattr(request, "company", None)
    if company is not None and company.is_partner:
        return _("Partner agreements")
    return _("Contracts")


register_entry(
    NavEntry(
        key="contracts.offers",
        group="documents",
        label=gettext_lazy("Offers"),
        url_name="contracts:offers",
        order=30,
    )
)
register_entry(
    NavEntry(
        key="contracts.list",
        group="documents",
        label=_contracts_label,
        url_name="contracts:list",
        order=40,
    )
)
register_entry(
    NavEntry(
        key="contracts.staff_requests",
        group="staff",
        label=gettext_lazy("Offer requests"),
        url_name="contracts:staff_requests",
        order=30,
    )
)
register_entry(
    NavEntry(
        key="contracts.staff_offers",
        group="staff",
        label=gettext_lazy("Offers"),
        url_name="contracts:staff_offers",
        order=31,
    )
)
register_entry(
    NavEntry(
        key="contracts.staff_contracts",
        group="staff",
        label=gettext_lazy("Contracts"),
        url_name="contracts:staff_contracts",
        order=32,
    )
)
