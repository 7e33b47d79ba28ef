"""The service desk's navigation entries (partner_portal.navigation): the
customer's entries sit in the Help menu."""

from django.utils.translation import gettext_lazy as _

from partner_portal.navigation import NavEntry, register_entry

register_entry(
    NavEntry(
        key="support.catalogue",
        group="help",
        label=_("Service desk"),
        url_name="support:catalogue",
        order=20,
        element_id="nav-support",
    )
)
register_entry(
    NavEntry(
        key="support.list",
        group="help",
        label=_("My support requests"),
        url_name="support:list",
        order=21,
    )
)
# The agents' queue (support.views.desk): the Support staff group only.
register_entry(
    NavEntry(
        key="support.queue",
        group="staff",
        label=_("Service desk queue"),
        url_name="support:queue",
        order=25,
        element_id="nav-support-queue",
    )
)
register_entry(
    NavEntry(
        key="support.kpis",
        group="staff",
        label=_("Service desk figures"),
        url_name="support:kpis",
        order=26,
    )
)
register_entry(
    NavEntry(
        key="support.services",
        group="staff",
        label=_("Service desk services"),
        url_name="support:desk_services",
        order=27,
    )
)
