"""The foundation's navigation entries (partner_portal.navigation)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partner_portal.navigation import NavEntry, register_entry
from partner_portal.policy import MEMBER_OR_STAFF, DashboardUser

register_entry(
    NavEntry(
        key="portal.partner_area",
        group="partner",
        label=_("Partner area"),
        url_name="partner_portal:partner_area",
        order=10,
    )
)
register_entry(
    NavEntry(
        key="portal.company",
        group="company",
        label=_("Company profile"),
        url_name="partner_portal:company",
        order=10,
    )
)
register_entry(
    NavEntry(
        key="portal.colleagues",
        group="company",
        label=_("Colleagues"),
        url_name="partner_portal:colleagues",
        order=20,
    )
)
register_entry(
    NavEntry(
        key="portal.figures",
        group="company",
        label=_("Company figures"),
        url_name="partner_portal:figures",
        order=30,
    )
)
# The API app's pages (api/portal_urls.py): company admins only.
register_entry(
    NavEntry(
        key="api.index",
        group="company",
        label=_("API & integrations"),
        url_name="api_portal:index",
        order=40,
    )
)
register_entry(
    NavEntry(
        key="portal.staff_companies",
        group="staff",
        label=_("Companies"),
        url_name="partner_portal:staff_companies",
        order=10,
    )
)
# Oscar's dashboard (catalogue, stock, orders) lets in `is_staff` users only.
register_entry(
    NavEntry(
        key="portal.shop_dashboard",
        group="staff",
        label=_("Shop dashboard"),
        path="/shop/dashboard/",
        policy=DashboardUser(),
        order=90,
    )
)


# My tasks: under Company for members, under Staff for our own people (the
# same page; the entry goes where each of them looks).
def _tasks_link(*, staff: bool):
    def links(request):
        if bool(request.membership) == staff or not MEMBER_OR_STAFF.allows(request):
            return []
        return [(_("My tasks"), reverse("partner_portal:tasks"))]

    return links


register_entry(
    NavEntry(
        key="portal.tasks",
        group="company",
        order=5,
        links=_tasks_link(staff=False),
    )
)
register_entry(
    NavEntry(
        key="portal.staff_tasks",
        group="staff",
        order=5,
        links=_tasks_link(staff=True),
    )
)
