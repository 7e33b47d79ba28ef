"""Where a webhook may be sent: the SSRF guard.

A company admin types the URL, and the portal's server sends requests to it,
so the URL must not reach into our own network: loopback, private, link-local
(169.254.169.254 is the cloud metadata service), shared, multicast, reserved
and unspecified addresses are refused, for IPv4 and IPv6 alike and also when
IPv6 carries an IPv4 address (::ffff:127.0.0.1, 6to4, Teredo, NAT64). Every
address a name resolves to must be public, since the client could pick any.

The guard runs when the URL is saved and again right before each delivery
(DNS may have changed meanwhile); the delivery then connects to exactly the
addresses checked, so a second lookup cannot swap in another one.
`settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE_URLS` turns the address check off, for
tests and local development that deliver to a server on 127.0.0.1.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

SCHEMES = {"http": 80, "https": 443}
# The NAT64 well-known prefix embeds an IPv4 address in its last 32 bits.
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UnsafeUrl(Exception):
    """The URL may not receive webhooks; the message says why, for the user."""


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect (`addresses`) and what to ask for."""

    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...]


def _embedded_ipv4(address: ipaddress.IPv6Address):
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_problem(address) -> str | None:
    """Why an IP address may not receive webhooks, or None when it may."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return address_problem(embedded)
    checks = (
        (address.is_unspecified, _("an unspecified address")),
        (address.is_loopback, _("a loopback address")),
        (address.is_link_local, _("a link-local address")),
        (address.is_multicast, _("a multicast address")),
        (address.is_reserved, _("a reserved address")),
        (address.is_private, _("a private address")),
        (not address.is_global, _("an address that is not public")),
    )
    for failed, what in checks:
        if failed:
            return what
    return None


def _resolve(host: str, port: int) -> tuple[str, ...]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise UnsafeUrl(
            _("The host %(host)s could not be found.") % {"host": host}
        ) from error
    addresses = []
    for _family, _type, _proto, _name, sockaddr in infos:
        # An IPv6 link-local answer carries its zone ("fe80::1%eth0").
        address = sockaddr[0].split("%", 1)[0]
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise UnsafeUrl(_("The host %(host)s could not be found.") % {"host": host})
    return tuple(addresses)


def check_url(url: str) -> Target:
    """The URL's target with the addresses to connect to. Raises UnsafeUrl
    for anything but http(s) with a host, for user names or passwords in
    the URL, and for a host that has (or resolves to) an address that is not
    public, unless PORTAL_WEBHOOKS_ALLOW_PRIVATE_URLS is on."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise UnsafeUrl(_("Enter a valid URL.")) from error
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise UnsafeUrl(_("Only http:// and https:// addresses can receive webhooks."))
    host = parts.hostname
    if not host:
        raise UnsafeUrl(_("Enter a URL with a host name."))
    if parts.username is not None or parts.password is not None:
        raise UnsafeUrl(
            _("Leave the user name and password out of the URL: deliveries are signed.")
        )
    port = port or SCHEMES[scheme]
    addresses = _resolve(host, port)
    if not settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE_URLS:
        for text in addresses:
            problem = address_problem(ipaddress.ip_address(text))
            if problem:
                message = _(
                    "%(host)s points to %(what)s (%(address)s); webhooks "
                    "only go to public internet addresses."
                )
                raise UnsafeUrl(
                    message % {"host": host, "what": problem, "address": text}
                )
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(scheme=scheme, host=host, port=port, path=path, addresses=addresses)
