"""The "my tasks" inbox registry: what waits for this user, across modules.

Like the tile registry, the inbox never names an app: each app registers its
sources in its own `inbox.py`, imported from its `AppConfig.ready()`:

    from partner_portal.inbox import InboxItem, InboxSource, register_source

    register_source(InboxSource(
        key="orders.approval",
        title=_("Orders awaiting my approval"),
        is_visible=lambda request: APPROVAL_POLICY.allows(request),
        count=lambda request: approval_queue(company=request.company).count(),
        items=lambda request, limit: [InboxItem(...) for o in ...[:limit]],
        url=lambda request: reverse("orders:approvals"),
        order=10,
    ))

A source's count must be the number the module's own page shows, so a source
reuses the module's selector; `items` is limited by the caller and costs a fixed
number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.http import HttpRequest


@dataclass(frozen=True)
class InboxItem:
    title: str
    url: str
    when: datetime | None = None
    detail: str = ""


@dataclass(frozen=True)
class InboxSource:
    key: str
    # Lazily translated, e.g. _("Orders awaiting my approval").
    title: str
    # Usually a policy check: only those who may act see the source.
    is_visible: Callable[[HttpRequest], bool]
    count: Callable[[HttpRequest], int]
    # Newest or most urgent first, at most `limit` items.
    items: Callable[[HttpRequest, int], list[InboxItem]]
    # The module's own page with the full list.
    url: Callable[[HttpRequest], str]
    order: int = 100


_registry: dict[str, InboxSource] = {}


def register_source(source: InboxSource) -> InboxSource:
    _registry[source.key] = source
    return source


def registered_sources() -> list[InboxSource]:
    return sorted(_registry.values(), key=lambda source: (source.order, source.key))


def sources_for(request) -> list[InboxSource]:
    """The sources this request may see, in the registry's order."""
    return [source for source in registered_sources() if source.is_visible(request)]


@dataclass(frozen=True)
class InboxSection:
    source: InboxSource
    count: int
    items: list[InboxItem]
    url: str


def sections_for(request, *, limit: int = 5, skip_empty: bool = False):
    """Each visible source with its count, its first `limit` items and its
    page. Items are only fetched for sources with something waiting."""
    sections = []
    for source in sources_for(request):
        count = source.count(request)
        if skip_empty and not count:
            continue
        items = source.items(request, limit) if count else []
        sections.append(InboxSection(source, count, items, source.url(request)))
    return sections
