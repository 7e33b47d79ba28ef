"""The shop's and the orders' navigation entries (partner_portal.navigation)."""

from django.db.models import Sum
from django.utils.functional import empty
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from partner_portal.navigation import NavEntry, register_entry
from partner_portal.permissions import Capability
from partner_portal.policy import ANY_MEMBER, Member


def _basket_count(request):
    """Items in the member's open basket, in one query. Oscar loads (and may
    create) the basket itself on first use: only pages that show it do."""
    basket = getattr(request, "basket", None)
    if basket is None:
        return None
    if getattr(basket, "_wrapped", empty) is not empty:
        return basket.num_items
    basket_model = get_model("basket", "Basket")
    lines = get_model("basket", "Line").objects.filter(
        basket__owner=request.user, basket__status=basket_model.OPEN
    )
    return lines.aggregate(items=Sum("quantity"))["items"] or 0


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
