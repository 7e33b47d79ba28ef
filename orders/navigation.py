"""The shop's and the orders' navigation entries (partner_portal.navigation)."""

from django.utils.translation import gettext_lazy as _

from partner_portal.navigation import NavEntry, register_entry
from partner_portal.permissions import Capability
from partner_portal.policy import ANY_MEMBER, Member


def _basket_count(request):
    basket = getattr(request, "basket", None)
    return basket.num_items if basket is not None else None


# Oscar's catalogue and basket declare no portal policy: the entries say who
# the portal sends there.
register_entry(
    NavEntry(
        key="orders.catalogue",
        group="shop",
        label=_("Catalogue"),
        url_name="catalogue:index",
        policy=ANY_MEMBER,
        order=10,
        element_id="nav-catalogue",
    )
)
register_entry(
    NavEntry(
        key="orders.quick_order",
        group="shop",
        label=_("Quick order"),
        url_name="orders:quick_order",
        order=20,
    )
)
register_entry(
    NavEntry(
        key="orders.basket",
        group="shop",
        label=_("Basket"),
        url_name="basket:summary",
        policy=Member(Capability.ORDER_PLACE),
        badge=_basket_count,
        order=30,
        element_id="nav-basket",
    )
)
register_entry(
    NavEntry(
        key="orders.list",
        group="orders",
        label=_("Order history"),
        url_name="orders:list",
        order=10,
    )
)
register_entry(
    NavEntry(
        key="orders.approvals",
        group="orders",
        label=_("Approvals"),
        url_name="orders:approvals",
        order=20,
    )
)
register_entry(
    NavEntry(
        key="orders.budgets",
        group="orders",
        label=_("Budgets"),
        url_name="orders:budgets",
        order=30,
    )
)
