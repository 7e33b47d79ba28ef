"""The page a feedback entry was sent from: a path on this site, nothing else.

The path comes from the query string (`?from=`) and a hidden field, so anyone
can put anything there; it becomes the "back" link on the thank-you page, so
anything but a plain local path would be an open redirect."""

from urllib.parse import urlsplit

from django.utils.http import url_has_allowed_host_and_scheme

MAX_LENGTH = 500


def local_path(value: str | None) -> str:
    """The path of `value` when it is a path on this site (`/portal/orders/`),
    without its query string; "" for anything else: another host, a scheme
    (`javascript:`), a protocol-relative `//host`, backslashes or control
    characters, which browsers read as a host."""
    if not value or len(value) > MAX_LENGTH:
        return ""
    if "\\" in value or any(ord(char) < 32 or ord(char) == 127 for char in value):
        return ""
    parts = urlsplit(value)
    path = parts.path
    if parts.scheme or parts.netloc or not path.startswith("/"):
        return ""
    if path.startswith("//"):
        return ""
    if not url_has_allowed_host_and_scheme(path, allowed_hosts=None):
        return ""
    return path
