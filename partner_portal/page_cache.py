"""The page cache: a signed-in person who opens the same page again, while
nothing in the database has changed, gets the HTML rendered the first time.

    class OrderListView(OrderFilterMixin, View):
        @page_cached
        def get(self, request): ...

What a page shows follows from the database, the person's session (who, which
company, CSRF token), the language, the address and the time. So an entry's key
holds all of them:

- the *write generation*: every INSERT, UPDATE or DELETE the portal sends (ORM,
  bulk updates, Wagtail's raw SQL alike: a database execute wrapper sees them
  all) moves it, in every worker when the cache is shared (Redis, or the file
  cache on one host), once the transaction commits. A page rendered before a
  change is never shown after it;
- the session key and the CSRF cookie, the company, the language, host, scheme
  and full path;
- the current period of PORTAL_PAGE_CACHE_SECONDS (default 60), so that what
  depends on the clock ("due tomorrow", SLA countdowns) is at most that old.

The view's access policy runs before the lookup (the decorator wraps `get`,
which `dispatch` calls after the check). A response is kept only when it is a
plain 200 HTML page whose rendering wrote nothing to the database, changed no
session data, set no cookie and queued no message; requests carrying a message
to show are answered fresh. PORTAL_PAGE_CACHE_SECONDS=0 turns it off.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, empty

from partner_portal import generations

_GENERATION_KEY = "portal:pages:generation"
# Statements that change nothing a page shows. Sessions are written on their
# own schedule (the session key is part of every entry's key anyway).
_READS = (
    "SELECT",
    "SAVEPOINT",
    "RELEASE",
    "ROLLBACK",
    "BEGIN",
    "COMMIT",
    "PRAGMA",
    "SET",
    "SHOW",
    "EXPLAIN",
)
_IGNORED_TABLES = ('"django_session"',)
# Response headers a stored page keeps; the middleware adds the rest again.
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Link")
HIT_HEADER = "X-Page-Cache"


# ---- the write generation ---------------------------------------------------


def bump() -> None:
    """Make every stored page stale (in every worker sharing the cache)."""
    generations.move(_GENERATION_KEY)


def _is_write(sql: str) -> bool:
    head = sql.lstrip()[:60]
    verb = head.split(None, 1)[0].upper() if head else ""
    if verb in _READS:
        return False
    return not any(table in head for table in _IGNORED_TABLES)


def _track_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if _is_write(sql):
        connection = context["connection"]
        # Seen by the next page lookup on this connection (this process, even
        # inside a transaction that has not committed, as in tests) ...
        connection.portal_page_writes = True
        # ... and by every other worker once the change is visible to them.
        if not any(entry[1] is bump for entry in connection.run_on_commit):
            connection.on_commit(bump)
    return result


def track_writes(sender=None, connection=None, **kwargs) -> None:
    """`connection_created` receiver: watch the new connection's statements."""
    if _track_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_track_writes)


def _consume_writes() -> bool:
    """Whether this thread's connections wrote since the last call."""
    wrote = False
    for connection in connections.all(initialized_only=True):
        if getattr(connection, "portal_page_writes", False):
            connection.portal_page_writes = False
            wrote = True
    return wrote


def write_generation() -> str:
    """The write generation as of now, this thread's own writes included
    (they move it here, before their commit does it for every worker): for
    the page keys and other keys of rendered HTML
    (partner_portal.frame_fragments)."""
    if _consume_writes():
        bump()
    return generations.current(_GENERATION_KEY)


# ---- the pages ---------------------------------------------------------------


def _has_messages(request) -> bool:
    if "messages" in request.COOKIES:
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and session.get("_messages"))


def _key(request) -> tuple[str, str] | None:
    """The entry's key and the write generation it holds; None when the
    request's page is never kept."""
    seconds = settings.PORTAL_PAGE_CACHE_SECONDS
    session = getattr(request, "session", None)
    csrf_cookie = request.META.get("CSRF_COOKIE")
    if (
        seconds <= 0
        or request.method != "GET"
        or session is None
        or not session.session_key
        or not csrf_cookie
        or _has_messages(request)
    ):
        return None
    company = getattr(request, "company", None)
    parts = (
        session.session_key,
        csrf_cookie,
        str(company.pk if company else ""),
        getattr(request, "LANGUAGE_CODE", ""),
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        request.headers.get("HX-Request", ""),
    )
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    period = int(timezone.now().timestamp()) // seconds
    generation = write_generation()
    return f"portal:page:{generation}:{period}:{digest}", generation


def _messages_queued(request) -> bool:
    storage = getattr(request, "_messages", None)
    if storage is None:
        return False
    # The portal's message middleware makes the storage when first used.
    if isinstance(storage, SimpleLazyObject) and storage._wrapped is empty:
        return False
    return bool(getattr(storage, "_queued_messages", None))


def _storable(request, response, session_before, generation) -> bool:
    # Not when the write generation moved while the page was rendered: its
    # rendering wrote (seen here, or already by the navigation bar's cache,
    # partner_portal.frame_fragments), or another worker committed a write.
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and not _messages_queued(request)
        and not request.session.modified
        and request.session.session_key == session_before
        and write_generation() == generation
    )


def _entry(request, response) -> dict:
    return {
        "content": response.content,
        "headers": [
            (name, response[name]) for name in _KEPT_HEADERS if name in response
        ],
        "csrf": bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")),
    }


def _from_entry(request, entry) -> HttpResponse:
    response = HttpResponse(entry["content"])
    for name, value in entry["headers"]:
        response[name] = value
    if entry["csrf"]:
        # As get_token() does: the cookie's expiry is renewed with the page.
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    response[HIT_HEADER] = "hit"
    return response


def page_cached(get):
    """Decorate a class-based view's `get(self, request, ...)`."""

    @functools.wraps(get)
    def wrapped(self, request, *args, **kwargs):
        keyed = _key(request)
        if keyed is None:
            return get(self, request, *args, **kwargs)
        key, generation = keyed
        entry = cache.get(key)
        if entry is not None:
            return _from_entry(request, entry)
        session_before = request.session.session_key
        response = get(self, request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if _storable(request, response, session_before, generation):
            seconds = settings.PORTAL_PAGE_CACHE_SECONDS
            cache.set(key, _entry(request, response), seconds)
            response[HIT_HEADER] = "miss"
        return response

    return wrapped
