"""The content's navigation entries (partner_portal.navigation)."""

from django.utils.translation import gettext_lazy as _

from partner_portal.navigation import NavEntry, register_entry
from partner_portal.policy import DjangoPermission


def _help_links(request):
    from cms.frame import help_links_cached

    return help_links_cached(request)


# Knowledge base, news and trainings: the pages the audience rule lets the
# user open.
register_entry(NavEntry(key="cms.help", group="help", links=_help_links, order=10))
register_entry(
    NavEntry(
        key="cms.training_team",
        group="help",
        label=_("Team trainings"),
        url_name="cms:training_team",
        order=40,
    )
)
# Wagtail's admin decides by its own permission.
register_entry(
    NavEntry(
        key="cms.admin",
        group="staff",
        label=_("Content admin"),
        path="/cms-admin/",
        policy=DjangoPermission("wagtailadmin.access_admin"),
        order=95,
    )
)
