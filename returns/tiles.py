from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from partner_portal.permissions import Capability
from partner_portal.tiles import Tile, register_tile
from returns.selectors import desk_waiting_count, is_returns_desk, open_returns_for


def _my_returns(request):
    returns = open_returns_for(
        company=request.company, user=request.user, membership=request.membership
    )
    latest = list(returns.order_by("-updated_at")[:3])
    return {
        "url": reverse("returns:list"),
        "link_text": _("All returns"),
        "count": (count := returns.count()),
        "count_label": ngettext("open return", "open returns", count),
        "links": [
            (
                f"{item.number} · {item.get_status_display()}",
                reverse("returns:detail", args=[item.number]),
            )
            for item in latest
        ],
    }


def _desk(request):
    return {
        "url": reverse("returns:desk"),
        "link_text": _("Open the returns desk"),
        "count": (count := desk_waiting_count()),
        "count_label": ngettext(
            "return waiting for the desk", "returns waiting for the desk", count
        ),
    }


register_tile(
    Tile(
        key="returns.open",
        title=_("My returns"),
        capability=Capability.ORDER_VIEW_OWN,
        context=_my_returns,
        order=35,
        lazy=True,
    )
)
register_tile(
    Tile(
        key="returns.desk",
        title=_("Returns desk"),
        is_visible=lambda request: is_returns_desk(request.user),
        context=_desk,
        order=12,
    )
)
