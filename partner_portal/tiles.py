"""The start page's tile registry: the extension point every app plugs into.

An app registers its tiles in its `AppConfig.ready()`:

    from partner_portal.tiles import Tile, register_tile

    register_tile(Tile(
        key="orders.open",
        title=_("My open orders"),
        capability=Capability.ORDER_VIEW_OWN,
        context=lambda request: {"count": ..., "url": reverse("orders:list")},
        order=20,
    ))

The start page never names an app: it shows the registered tiles the user may
see, in the user's own order, without the ones they hid.

A tile whose context costs more than a few queries says `lazy=True`: the start
page renders its frame, and static/portal/tiles.js fills in the body from the
tile's own URL (/portal/tiles/<key>/), which without JavaScript is a link.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from partner_portal.permissions import Capability, capabilities_for, is_portal_staff


@dataclass(frozen=True)
class Tile:
    key: str
    title: str
    # Returns the template context: url, count, items, text, link_text.
    context: Callable[..., dict]
    # Members need this capability; None means no member capability is needed.
    capability: Capability | None = None
    # An extra rule (e.g. "staff only"); by default the tile is for members.
    is_visible: Callable[..., bool] = field(default=lambda request: request.membership)
    order: int = 100
    template: str = "partner_portal/tiles/tile.html"
    # Rendered after the page, from its own URL (see the module's docstring).
    lazy: bool = False


class TileContext(Mapping):
    """A tile's context, computed on first use: the start page lists a lazy
    tile without touching it, while tests and the tile's own URL read it."""

    def __init__(self, tile: Tile, request):
        self._tile, self._request, self._data = tile, request, None

    def _get(self) -> dict:
        if self._data is None:
            self._data = self._tile.context(self._request)
        return self._data

    def __getitem__(self, key):
        return self._get()[key]

    def __iter__(self):
        return iter(self._get())

    def __len__(self):
        return len(self._get())


_registry: dict[str, Tile] = {}


def register_tile(tile: Tile) -> Tile:
    _registry[tile.key] = tile
    return tile


def registered_tiles() -> list[Tile]:
    return sorted(_registry.values(), key=lambda tile: (tile.order, tile.key))


def tiles_available(request) -> list[Tile]:
    """Every tile this user may see, in the registry's default order."""
    caps = capabilities_for(request.membership)
    return [
        tile
        for tile in registered_tiles()
        if tile.is_visible(request)
        and (tile.capability is None or tile.capability in caps)
    ]


def arrange(tiles: list[Tile], *, order: list[str], hidden: list[str]):
    """Split into (shown, hidden), shown in the user's order; tiles the user has
    never placed (new apps) come after the placed ones, in default order."""
    position = {key: index for index, key in enumerate(order)}
    ranked = sorted(
        tiles, key=lambda tile: (position.get(tile.key, len(position)), tile.order)
    )
    shown = [tile for tile in ranked if tile.key not in hidden]
    hidden_tiles = [tile for tile in ranked if tile.key in hidden]
    return shown, hidden_tiles


# The foundation's own tiles.


def _company_context(request):
    company = request.company
    return {
        "url": reverse("partner_portal:company"),
        "link_text": _("Company profile"),
        "lines": [
            company.name,
            _("Customer number %(number)s") % {"number": company.customer_number},
            company.get_kind_display()
            + (
                f" · {company.get_partner_tier_display()}"
                if company.partner_tier
                else ""
            ),
        ],
        "contact": company.contact_person,
    }


def _colleagues_context(request):
    from partner_portal.selectors import invitation_list_open, membership_list

    return {
        "url": reverse("partner_portal:colleagues"),
        "link_text": _("Colleagues"),
        "count": (
            count := membership_list(
                company=request.company, include_inactive=False
            ).count()
        ),
        "count_label": ngettext("active colleague", "active colleagues", count),
        "secondary": (
            invitations := invitation_list_open(company=request.company).count()
        ),
        "secondary_label": ngettext("open invitation", "open invitations", invitations),
    }


def _partner_area_context(request):
    return {
        "url": reverse("partner_portal:partner_area"),
        "link_text": _("Open the partner area"),
        "lines": [
            _("Your partner tier: %(tier)s")
            % {"tier": request.company.get_partner_tier_display() or _("none")}
        ],
    }


def _is_staff(request):
    return request.user.is_authenticated and request.user.is_staff


def _staff_context(request):
    from partner_portal.models import Company

    return {
        "url": reverse("partner_portal:staff_companies"),
        "link_text": _("All companies"),
        "count": (count := Company.objects.filter(is_active=True).count()),
        "count_label": ngettext("active company", "active companies", count),
    }


def _staff_tools_links(request):
    links = []
    if request.user.is_staff:
        links.append((_("Shop dashboard"), "/shop/dashboard/"))
    if request.user.has_perm("wagtailadmin.access_admin"):
        links.append((_("Content admin"), "/cms-admin/"))
    return links


def _staff_tools_context(request):
    return {"links": _staff_tools_links(request)}


def _has_staff_tools(request):
    # Staff without a tool (the forum moderator) get no empty tile.
    return is_portal_staff(request.user) and bool(_staff_tools_links(request))


register_tile(
    Tile(
        key="company",
        title=_("My company"),
        capability=Capability.COMPANY_VIEW,
        context=_company_context,
        order=10,
        template="partner_portal/tiles/company.html",
    )
)
register_tile(
    Tile(
        key="colleagues",
        title=_("My colleagues"),
        capability=Capability.MEMBERS_VIEW,
        context=_colleagues_context,
        order=20,
    )
)
register_tile(
    Tile(
        key="partner_area",
        title=_("Partner area"),
        capability=Capability.PARTNER_AREA,
        context=_partner_area_context,
        order=15,
    )
)
register_tile(
    Tile(
        key="staff.companies",
        title=_("Companies"),
        is_visible=_is_staff,
        context=_staff_context,
        order=10,
    )
)
register_tile(
    Tile(
        key="staff.tools",
        title=_("Staff tools"),
        is_visible=_has_staff_tools,
        context=_staff_tools_context,
        order=11,
        template="partner_portal/tiles/links.html",
    )
)


def _tasks_context(request):
    from partner_portal.inbox import sections_for

    sections = sections_for(request, limit=3, skip_empty=True)
    count = sum(section.count for section in sections)
    return {
        "url": reverse("partner_portal:tasks"),
        "link_text": _("All my tasks"),
        "count": count,
        "count_label": ngettext("task waits for you", "tasks wait for you", count),
        "items": [item for section in sections for item in section.items][:5],
        "empty": _("Nothing needs you right now."),
    }


def _may_have_tasks(request):
    from partner_portal.policy import MEMBER_OR_STAFF

    return MEMBER_OR_STAFF.allows(request)


register_tile(
    Tile(
        key="tasks",
        title=_("My tasks"),
        is_visible=_may_have_tasks,
        context=_tasks_context,
        order=5,
        template="partner_portal/tasks_tile.html",
        lazy=True,
    )
)
