"""The client's address, as django-axes counts login failures under it and
the audit trail records it."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """Behind PORTAL_TRUSTED_PROXY_COUNT reverse proxies, each appending the
    address it got the request from to X-Forwarded-For, the client is that
    many entries from the right; entries further left come from the client
    and may be forged. Without trusted proxies the header is ignored (anyone
    can send it), and so is a header with fewer entries or no valid address
    there."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.PORTAL_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count <= 0 or not forwarded:
        return remote
    entries = [entry.strip() for entry in forwarded.split(",")]
    if len(entries) < count:
        return remote
    try:
        return str(ipaddress.ip_address(entries[-count]))
    except ValueError:
        return remote
