"""Login lockout counts per (account, client address). Behind trusted reverse
proxies (PORTAL_TRUSTED_PROXY_COUNT) the client address comes from the
X-Forwarded-For entries those proxies added, so one attacker cannot lock an
account for everyone; without trusted proxies the header is ignored, so a
forged one cannot dodge the lock."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from partner_portal.views.accounts import axes_client_ip
from tests.factories import DEFAULT_PASSWORD

LOGIN = reverse("login")
PROXY = "10.0.0.2"
ATTACKER = "203.0.113.5"
OWNER = "198.51.100.7"


def log_in(client, password="wrong", *, remote=PROXY, forwarded=None):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return client.post(
        LOGIN,
        {"username": "buyer@acme.example", "password": password},
        REMOTE_ADDR=remote,
        headers=headers,
    )


def test_failures_from_one_address_do_not_lock_the_account_at_another(client, buyer):
    for _attempt in range(5):
        log_in(client, remote=ATTACKER)
    assert log_in(client, DEFAULT_PASSWORD, remote=ATTACKER).status_code == 429

    response = log_in(client, DEFAULT_PASSWORD, remote=OWNER)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(buyer.pk)


def test_behind_a_trusted_proxy_each_client_has_its_own_count(client, buyer, settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    for _attempt in range(5):
        log_in(client, forwarded=ATTACKER)
    assert log_in(client, DEFAULT_PASSWORD, forwarded=ATTACKER).status_code == 429
    assert AccessAttempt.objects.get().ip_address == ATTACKER

    response = log_in(client, DEFAULT_PASSWORD, forwarded=OWNER)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(buyer.pk)


def test_forged_entries_before_the_proxys_do_not_dodge_the_lock(
    client, buyer, settings
):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    for number in range(5):
        # The attacker sends a made-up first entry; the proxy appends theirs.
        log_in(client, forwarded=f"192.0.2.{number}, {ATTACKER}")

    response = log_in(client, DEFAULT_PASSWORD, forwarded=f"192.0.2.99, {ATTACKER}")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_without_trusted_proxies_the_header_is_ignored(client, buyer, settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 0
    for number in range(5):
        log_in(client, remote=ATTACKER, forwarded=f"192.0.2.{number}")

    response = log_in(client, DEFAULT_PASSWORD, remote=ATTACKER, forwarded=OWNER)

    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == ATTACKER


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.5", PROXY),
        (1, None, PROXY),
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "192.0.2.1, 203.0.113.5", "203.0.113.5"),
        (2, "192.0.2.1, 203.0.113.5, 10.0.0.1", "203.0.113.5"),
        (2, "203.0.113.5", PROXY),  # fewer entries than proxies: not trusted
        (1, "not-an-address", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, " 203.0.113.5 ", "203.0.113.5"),
    ],
)
def test_client_address(settings, count, forwarded, expected):
    settings.PORTAL_TRUSTED_PROXY_COUNT = count
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, headers=headers)

    assert axes_client_ip(request) == expected
