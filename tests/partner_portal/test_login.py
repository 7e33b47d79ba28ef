"""Logging in by email, with brute-force protection and safe redirects."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD

LOGIN = reverse("login")
WRONG_LOGIN = (
    "The email address or the password is wrong. Please check both; the password "
    "is case-sensitive."
)


def log_in(client, email, password=DEFAULT_PASSWORD, url=LOGIN, **extra):
    return client.post(url, {"username": email, "password": password, **extra})


def test_login_page_asks_for_email_and_password(client, db):
    response = client.get(LOGIN)

    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["username", "password"]
    assert response.context["form"].fields["username"].label == "Email"


def test_login_by_email_lands_on_the_start_page(client, buyer):
    response = log_in(client, "buyer@acme.example")

    assert response.status_code == 302
    assert response.url == "/portal/"
    assert client.session["_auth_user_id"] == str(buyer.pk)
    assert client.get(response.url).status_code == 200


def test_email_is_not_case_sensitive(client, buyer):
    response = log_in(client, "Buyer@ACME.example")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(buyer.pk)


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("buyer@acme.example", "wrong-password"),
        ("buyer@acme.example", DEFAULT_PASSWORD.upper()),
        ("nobody@acme.example", DEFAULT_PASSWORD),
    ],
    ids=["wrong-password", "wrong-case", "unknown-email"],
)
def test_wrong_credentials_show_the_clear_message(client, buyer, email, password):
    response = log_in(client, email, password)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [WRONG_LOGIN]
    assert WRONG_LOGIN in response.text
    assert "_auth_user_id" not in client.session


def test_inactive_account_cannot_log_in(client, buyer):
    buyer.is_active = False
    buyer.save()

    response = log_in(client, "buyer@acme.example")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_account_is_locked_after_the_failure_limit(client, buyer, settings):
    # Given as many failures as allowed but one
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    for _attempt in range(limit - 1):
        assert log_in(client, "buyer@acme.example", "wrong").status_code == 200

    # When the last allowed attempt fails too
    response = log_in(client, "buyer@acme.example", "wrong")

    # Then the account is locked for this device, saying for how long
    assert response.status_code == 429
    assert response.context["locked_out"] is True
    assert response.context["minutes"] == 15
    assert "please try again in 15 minutes." in response.text
    assert AccessAttempt.objects.get().failures_since_start == limit


def test_locked_account_stays_locked_with_the_right_password(client, buyer):
    for _attempt in range(5):
        log_in(client, "buyer@acme.example", "wrong")

    response = log_in(client, "buyer@acme.example")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_does_not_lock_colleagues_on_the_same_address(
    client, buyer, company_admin
):
    # One office behind NAT: a colleague's failures do not lock the others.
    for _attempt in range(5):
        log_in(client, "buyer@acme.example", "wrong")

    response = log_in(client, "admin@acme.example")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(company_admin.pk)


def test_lockout_cannot_be_dodged_by_changing_the_emails_case(client, buyer):
    for email in (
        "buyer@acme.example",
        "Buyer@acme.example",
        "BUYER@acme.example",
        "buyer@ACME.example",
        "bUyer@acme.example",
    ):
        log_in(client, email, "wrong")

    response = log_in(client, "BuYeR@acme.example")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_successful_login_resets_the_failure_count(client, buyer):
    for _attempt in range(4):
        log_in(client, "buyer@acme.example", "wrong")

    assert log_in(client, "buyer@acme.example").status_code == 302

    assert AccessAttempt.objects.count() == 0


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "http://testserver.evil.example/",
    ],
)
def test_next_to_another_host_is_ignored(client, buyer, next_url):
    response = log_in(client, "buyer@acme.example", url=f"{LOGIN}?next={next_url}")

    assert response.status_code == 302
    assert response.url == "/portal/"


@pytest.mark.parametrize("where", ["query", "form"])
def test_next_within_the_portal_is_honoured(client, buyer, where):
    if where == "query":
        response = log_in(
            client, "buyer@acme.example", url=f"{LOGIN}?next=/portal/company/"
        )
    else:
        response = log_in(client, "buyer@acme.example", next="/portal/company/")

    assert response.status_code == 302
    assert response.url == "/portal/company/"


def test_login_page_redirects_a_logged_in_user(client, buyer):
    client.force_login(buyer)

    response = client.get(LOGIN)

    assert response.status_code == 302
    assert response.url == "/portal/"


def test_logout_ends_the_session(client, buyer):
    client.force_login(buyer)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response.url == LOGIN
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("path", ["/shop/accounts/login/", "/shop/accounts/register/"])
def test_oscars_own_login_and_signup_lead_to_the_portal_login(client, db, path):
    response = client.get(f"{path}?next=/shop/basket/")

    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next=/shop/basket/"
