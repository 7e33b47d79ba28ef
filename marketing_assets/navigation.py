"""The marketing library's navigation entries (partner_portal.navigation)."""

from django.utils.translation import gettext_lazy as _

from partner_portal.navigation import NavEntry, register_entry

register_entry(
    NavEntry(
        key="marketing_assets.list",
        group="partner",
        label=_("Marketing material"),
        url_name="marketing_assets:list",
        order=20,
    )
)
register_entry(
    NavEntry(
        key="marketing_assets.staff_report",
        group="staff",
        label=_("Marketing downloads"),
        url_name="marketing_assets:staff_report",
        order=40,
    )
)
