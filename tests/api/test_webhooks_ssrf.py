"""The SSRF guard: webhooks go to public internet addresses over http(s)
only; loopback, private, link-local, shared, multicast, reserved and
unspecified addresses are refused (IPv4, IPv6 and IPv4 inside IPv6), also
when a host name resolves to one, at registration and again right before
each delivery, unless PORTAL_WEBHOOKS_ALLOW_PRIVATE_URLS is on."""

import socket

import pytest

from api.models import WebhookDelivery
from api.webhooks.delivery import delivery_test_send
from api.webhooks.services import WebhookError, endpoint_create
from api.webhooks.urls_guard import UnsafeUrl, check_url
from partner_portal.events import Event
from tests.api.webhook_receiver import start_receiver

PUBLIC = "93.184.215.14"


@pytest.fixture(autouse=True)
def _guard_on(settings):
    settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE_URLS = False


@pytest.fixture
def dns(monkeypatch):
    """`dns["host"] = ["addr", ...]`: what a host name resolves to."""
    answers = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in answers:
            return real(host, port, *args, **kwargs)
        return [
            (
                socket.AF_INET6 if ":" in address else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (address, port),
            )
            for address in answers[host]
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/hook", "a loopback address"),
        ("http://127.8.9.10:8080/hook", "a loopback address"),
        ("http://10.1.2.3/hook", "a private address"),
        ("http://172.16.0.5/hook", "a private address"),
        ("http://192.168.1.10/hook", "a private address"),
        ("http://169.254.169.254/latest/meta-data/", "a link-local address"),
        ("http://100.64.0.1/hook", "an address that is not public"),
        ("http://0.0.0.0/hook", "an unspecified address"),
        ("http://224.0.0.1/hook", "a multicast address"),
        ("http://240.0.0.1/hook", "a reserved address"),
        ("http://[::1]/hook", "a loopback address"),
        ("http://[::]/hook", "an unspecified address"),
        ("http://[fe80::1]/hook", "a link-local address"),
        ("http://[fd00::1]/hook", "a private address"),
        ("http://[ff02::1]/hook", "a multicast address"),
        ("http://[::ffff:127.0.0.1]/hook", "a loopback address"),
        ("http://[::ffff:169.254.169.254]/hook", "a link-local address"),
        ("http://[2002:a00:1::]/hook", "a private address"),
        ("http://[64:ff9b::7f00:1]/hook", "a loopback address"),
        ("http://localhost:8000/hook", "a loopback address"),
    ],
)
def test_a_non_public_address_is_refused(url, reason):
    with pytest.raises(UnsafeUrl) as refused:
        check_url(url)

    assert f"points to {reason}" in str(refused.value)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/hook", "Only http:// and https://"),
        ("file:///etc/passwd", "Only http:// and https://"),
        ("gopher://127.0.0.1:6379/_INFO", "Only http:// and https://"),
        ("https:///hook", "Enter a URL with a host name."),
        ("https://admin:secret@example.com/hook", "Leave the user name and password"),
        ("https://example.com:99999/", "Enter a valid URL."),
        ("https://no-such-host.invalid/hook", "could not be found"),
    ],
)
def test_other_schemes_credentials_and_unknown_hosts_are_refused(url, message):
    with pytest.raises(UnsafeUrl, match=message):
        check_url(url)


def test_a_public_address_passes_and_is_the_one_connected_to(dns):
    dns["erp.example.com"] = [PUBLIC]

    target = check_url("https://erp.example.com/hooks?src=portal")

    assert (target.scheme, target.host, target.port, target.path) == (
        "https",
        "erp.example.com",
        443,
        "/hooks?src=portal",
    )
    assert target.addresses == (PUBLIC,)


def test_a_name_with_one_private_address_among_public_ones_is_refused(dns):
    dns["mixed.example.com"] = [PUBLIC, "10.0.0.7"]

    with pytest.raises(UnsafeUrl, match=r"points to a private address \(10.0.0.7\)"):
        check_url("https://mixed.example.com/hook")


def test_the_setting_allows_private_addresses_for_tests(settings):
    settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE_URLS = True

    assert check_url("http://127.0.0.1:9/hook").addresses == ("127.0.0.1",)


def test_registering_a_private_url_is_refused_with_the_reason(company, company_admin):
    with pytest.raises(WebhookError, match="points to a link-local address"):
        endpoint_create(
            company=company,
            user=company_admin,
            url="http://169.254.169.254/latest/meta-data/",
            events=[Event.ORDER_STATUS_CHANGED],
        )


def test_a_name_that_turned_private_after_registration_gets_nothing(
    company, company_admin, dns, settings, django_capture_on_commit_callbacks
):
    # The receiver runs on loopback: registered while its name was public,
    # the name now points at it (DNS rebinding).
    settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE_URLS = True
    receiver = start_receiver()
    port = receiver.server.server_address[1]
    dns["erp.example.com"] = [PUBLIC]
    settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE_URLS = False
    endpoint = endpoint_create(
        company=company,
        user=company_admin,
        url=f"http://erp.example.com:{port}/hook",
        events=[Event.ORDER_STATUS_CHANGED],
    )
    dns["erp.example.com"] = ["127.0.0.1"]
    try:
        with django_capture_on_commit_callbacks(execute=True):
            delivery_test_send(endpoint=endpoint)
    finally:
        receiver.server.shutdown()
        receiver.server.server_close()

    delivery = WebhookDelivery.objects.get()
    assert receiver.requests == []
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        WebhookDelivery.Status.PENDING,
        1,
        None,
    )
    assert "points to a loopback address (127.0.0.1)" in delivery.error
