"""The start page's service desk tile: the member's open requests."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from partner_portal.permissions import Capability
from partner_portal.tiles import Tile, register_tile
from support.selectors import request_list


def _open_requests(request):
    requests = request_list(
        company=request.company,
        user=request.user,
        membership=request.membership,
        status="open",
    ).filter(requester=request.user)
    latest = list(requests.order_by("-updated_at")[:3])
    return {
        "url": f"{reverse('support:list')}?status=open",
        "link_text": _("All requests"),
        "count": (count := requests.count()),
        "count_label": ngettext("open request", "open requests", count),
        "links": [
            (_("New request"), reverse("support:catalogue")),
            *(
                (
                    f"{item.number} · {item.get_status_display()}",
                    reverse("support:detail", args=[item.number]),
                )
                for item in latest
            ),
        ],
    }


register_tile(
    Tile(
        key="support.open",
        title=_("My support requests"),
        capability=Capability.SUPPORT_REQUEST,
        context=_open_requests,
        order=45,
        lazy=True,
    )
)
