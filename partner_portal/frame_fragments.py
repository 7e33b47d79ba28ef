"""The navigation bar of the page frame, rendered once and reused on the next
pages a person opens, until something it shows may have changed.

The bar (brand, language form, menus with the basket's count, the user menu)
costs about 5 ms of rendering on every page, the same on each of them: only
the address the language form returns to differs, and that is put in on
every use. So its HTML is kept in the shared cache under a key of everything
it follows from:

- the page cache's write generation: any INSERT, UPDATE or DELETE (the
  basket's count, a new name, a membership) makes every kept bar stale, this
  thread's own uncommitted writes included;
- the frame cache's generation: menus, help pages and branding editors change;
- what the menus follow from (partner_portal.navigation.menu_cache_parts:
  user and auth version, company, language, host) or, for a visitor, the
  language and host;
- the CSRF cookie (the bar's forms carry a token of it) and the scheme.

A user not read through the auth cache gets the bar rendered every time.
"""

import hashlib

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.urls import get_script_prefix
from django.utils.html import escape
from django.utils.translation import get_language

from partner_portal import frame_cache, generations, page_cache
from partner_portal.navigation import menu_cache_parts

# Stands for the page's address in a kept bar: no character of it is escaped.
NEXT_MARK = "portal-frame-next-address"


def _key(request) -> str | None:
    if request is None:
        return None
    # What {% csrf_token %} does: a visitor without the cookie gets one.
    get_token(request)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        parts = menu_cache_parts(request)
        if parts is None:
            return None
    else:
        parts = ("-", get_language(), request.get_host(), get_script_prefix())
    parts = (*parts, request.META.get("CSRF_COOKIE", ""), request.scheme)
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    return (
        f"portal:navbar:{page_cache.write_generation()}:"
        f"{frame_cache.generation()}:{digest}"
    )


def navbar(request, render) -> str:
    """The bar's HTML for `request`; `render(next_address)` renders it with
    the address the language form returns to."""
    key = _key(request)
    if key is None:
        return render(request.get_full_path() if request is not None else "")
    html = cache.get(key)
    if html is None:
        html = render(NEXT_MARK)
        cache.set(key, html, generations.TIMEOUT)
    return html.replace(NEXT_MARK, escape(request.get_full_path()))
