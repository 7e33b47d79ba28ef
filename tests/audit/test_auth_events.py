"""Sign-ins, failed sign-ins and sign-outs land in the trail of the user's
company with the client's address; strangers and staff in the portal's."""

from django.urls import reverse

from audit.actions import Action
from audit.verify import verify_chains
from tests.audit.helpers import entries, summary
from tests.factories import DEFAULT_PASSWORD, MembershipFactory


def _log_in(client, email, password=DEFAULT_PASSWORD, **extra):
    return client.post(
        reverse("login"), {"username": email, "password": password}, **extra
    )


def test_a_sign_in_is_recorded_with_the_users_address(client, company, buyer):
    response = _log_in(client, "buyer@acme.example", REMOTE_ADDR="198.51.100.4")

    assert response.status_code == 302
    [entry] = entries(company, Action.LOGIN)
    assert summary(entry) == (
        "auth.login",
        "buyer@acme.example",
        "198.51.100.4",
        "",
        "",
    )
    assert entry.actor == buyer


def test_behind_a_trusted_proxy_the_forwarded_address_is_recorded(
    client, settings, company, buyer
):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1

    _log_in(
        client,
        "buyer@acme.example",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.9, 192.0.2.77",
    )

    [entry] = entries(company, Action.LOGIN)
    assert entry.ip == "192.0.2.77"


def test_without_trusted_proxies_a_forwarded_address_is_ignored(client, company, buyer):
    _log_in(
        client,
        "buyer@acme.example",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )

    [entry] = entries(company, Action.LOGIN)
    assert entry.ip == "10.0.0.2"


def test_a_member_of_two_companies_signs_in_to_both_trails(
    client, company, other_company, buyer
):
    MembershipFactory(company=other_company, user=buyer)

    _log_in(client, "buyer@acme.example")

    assert len(entries(company, Action.LOGIN)) == 1
    assert len(entries(other_company, Action.LOGIN)) == 1


def test_a_failed_sign_in_names_the_address_typed_not_the_password(
    client, company, buyer, other_company, other_admin
):
    _log_in(client, "Buyer@Acme.example", "wrong-password", REMOTE_ADDR="192.0.2.1")

    [entry] = entries(company, Action.LOGIN_FAILED)
    assert (entry.actor, entry.actor_email, entry.ip) == (None, "", "192.0.2.1")
    assert entry.data == {"username": "buyer@acme.example"}
    assert "wrong-password" not in str(entry.data)
    assert entries(company, Action.LOGIN) == []
    assert entries(other_company) == []


def test_a_failed_sign_in_for_an_unknown_address_goes_to_the_portal_chain(
    client, company, buyer
):
    _log_in(client, "nobody@example.com", "whatever")

    [entry] = entries(None, Action.LOGIN_FAILED)
    assert entry.data == {"username": "nobody@example.com"}
    assert entries(company) == []


def test_staff_without_a_company_sign_in_to_the_portal_chain(client, staff_user):
    _log_in(client, "sales@portal.example")

    [entry] = entries(None, Action.LOGIN)
    assert entry.actor_email == "sales@portal.example"


def test_a_sign_out_is_recorded(client, company, buyer):
    _log_in(client, "buyer@acme.example")

    client.post(reverse("logout"))

    assert [e.action for e in entries(company)] == ["auth.login", "auth.logout"]
    assert verify_chains() == []
