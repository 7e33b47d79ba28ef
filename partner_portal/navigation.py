"""The navigation bar's registry: apps add entries, the policy decides who sees
them.

An entry names a URL; it is shown when the policy that URL's view declares
allows the request (partner_portal.policy), so the menu and the door can't
disagree. Entries sit in a few top-level menus (GROUPS), which keeps the bar on
one row. An app registers its entries in its `AppConfig.ready()`:

    from partner_portal.navigation import NavEntry, register_entry

    register_entry(NavEntry(
        key="returns.list", group="documents", label=_("Returns"),
        url_name="returns:list", order=10,
    ))

Views outside the portal (Oscar's shop, Wagtail's admin) declare no policy:
their entry states the rule of that door itself (`policy=`), and may give a
fixed `path` instead of a URL name.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.urls import get_script_prefix, get_urlconf, resolve, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from partner_portal.auth_cache import auth_version
from partner_portal.frame_cache import frame_cached
from partner_portal.policy import Policy, policy_of


@dataclass(frozen=True)
class NavGroup:
    key: str
    label: str
    order: int


# The top-level menus, in the order of the bar.
GROUPS = {
    group.key: group
    for group in (
        NavGroup("shop", _("Shop"), 10),
        NavGroup("orders", _("Orders"), 20),
        NavGroup("documents", _("Documents"), 30),
        NavGroup("partner", _("Partner"), 40),
        NavGroup("company", _("Company"), 50),
        NavGroup("help", _("Help"), 60),
        NavGroup("staff", _("Staff"), 70),
    )
}


@dataclass(frozen=True)
class NavEntry:
    key: str
    group: str
    # A string, or a function of the request giving one.
    label: str | Callable = ""
    url_name: str = ""
    # Only for views outside the portal, which declare no policy.
    path: str = ""
    policy: Policy | None = None
    order: int = 100
    # A function of the request giving a number shown next to the label.
    badge: Callable | None = None
    element_id: str = ""
    # Several links at once, for pages whose visibility is the audience
    # rule's (help pages): a function of the request giving (label, url) pairs.
    links: Callable | None = field(default=None, compare=False)

    def url(self) -> str:
        return self._target()[0]

    def rule(self) -> Policy | None:
        """The policy of the view behind the URL; the entry's own only when
        that view declares none."""
        return self._target()[1]

    def _target(self) -> tuple[str, Policy | None]:
        # Reversing and resolving every entry took a third of the page frame;
        # both depend only on the URLconf and the script prefix.
        context = (get_urlconf(), get_script_prefix())
        known = _targets.get(id(self))
        if known is not None and known[0] is self and known[1] == context:
            return known[2]
        url = reverse(self.url_name) if self.url_name else self.path
        declared = policy_of(resolve(url).func) if url else None
        target = (url, declared or self.policy)
        _targets[id(self)] = (self, context, target)
        return target


# id(entry) -> (entry, (urlconf, script prefix), (url, policy)); the entry is
# kept so that its id is not reused.
_targets: dict[int, tuple] = {}


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    badge: int | None = None
    element_id: str = ""


@dataclass(frozen=True)
class Menu:
    key: str
    label: str
    links: list[Link]


_registry: dict[str, NavEntry] = {}


def register_entry(entry: NavEntry) -> NavEntry:
    if entry.group not in GROUPS:
        raise ValueError(f"Unknown navigation group {entry.group!r}")
    _registry[entry.key] = entry
    return entry


def registered_entries() -> list[NavEntry]:
    return sorted(
        _registry.values(),
        key=lambda e: (GROUPS[e.group].order, e.order, e.key),
    )


def _links(entry: NavEntry, request) -> list[Link]:
    if entry.links is not None:
        return [Link(str(label), url) for label, url in entry.links(request)]
    rule = entry.rule()
    if rule is None or not rule.allows(request):
        return []
    label = entry.label(request) if callable(entry.label) else entry.label
    return [Link(str(label), entry.url(), None, entry.element_id)]


def _menus(request) -> list[Menu]:
    menus: dict[str, list[Link]] = {}
    for entry in registered_entries():
        links = _links(entry, request)
        if links:
            menus.setdefault(entry.group, []).extend(links)
    return [
        Menu(key, str(GROUPS[key].label), links)
        for key, links in sorted(menus.items(), key=lambda kv: GROUPS[kv[0]].order)
    ]


def _with_badges(menus: list[Menu], request) -> list[Menu]:
    # Badges (the basket's count) change with every click: never cached.
    badges = {e.url(): e.badge for e in registered_entries() if e.badge}
    if not badges:
        return menus
    return [
        Menu(
            menu.key,
            menu.label,
            [
                replace(link, badge=badges[link.url](request) or None)
                if link.url in badges
                else link
                for link in menu.links
            ],
        )
        for menu in menus
    ]


def menu_cache_parts(request) -> tuple | None:
    """Everything the menus follow from: the user with their memberships,
    groups and permissions (its auth version), the current company, the
    language and the host (help page URLs); the frame cache's generation
    covers editors' pages and what apps tie to it (forum moderators)."""
    user = getattr(request, "user", None)
    version = auth_version(user)
    if version is None:
        return None
    membership = getattr(request, "membership", None)
    return (
        user.pk,
        version,
        membership.pk if membership else "-",
        get_language(),
        request.get_host(),
        get_script_prefix(),
    )


def menus_for(request) -> list[Menu]:
    """The menus this request may see, each with the links it may open; empty
    menus are left out. Cached per user, company and language."""
    parts = menu_cache_parts(request)
    if parts is None:
        menus = _menus(request)
    else:
        menus = frame_cached("menus", parts, lambda: _menus(request))
    return _with_badges(menus, request)
