"""The returns' navigation entries (partner_portal.navigation)."""

from django.utils.translation import gettext_lazy as _

from partner_portal.navigation import NavEntry, register_entry

register_entry(
    NavEntry(
        key="returns.list",
        group="documents",
        label=_("Returns"),
        url_name="returns:list",
        order=10,
    )
)
register_entry(
    NavEntry(
        key="returns.credit_notes",
        group="documents",
        label=_("Credit notes"),
        url_name="returns:credit_notes",
        order=20,
    )
)
register_entry(
    NavEntry(
        key="returns.desk",
        group="staff",
        label=_("Returns desk"),
        url_name="returns:desk",
        order=20,
    )
)
