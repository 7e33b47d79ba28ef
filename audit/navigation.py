"""The audit trail in the navigation: under Company for company admins,
under Staff for superusers."""

from django.utils.translation import gettext_lazy as _

from partner_portal.navigation import NavEntry, register_entry

register_entry(
    NavEntry(
        key="audit.list",
        group="company",
        label=_("Audit trail"),
        url_name="audit:list",
        order=45,
    )
)
register_entry(
    NavEntry(
        key="audit.staff_list",
        group="staff",
        label=_("Audit trail"),
        url_name="audit:staff_list",
        order=80,
    )
)
