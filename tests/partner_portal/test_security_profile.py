"""The account page: a stolen session must not become a permanent takeover.
Changing the login email or the password needs the current password, and the
addresses concerned are told by mail. Members do not delete themselves (the
company admin deactivates them): Oscar's profile pages lead to the portal's,
and its delete page is gone."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from partner_portal.models import Membership
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.helpers import snapshot

User = get_user_model()
PROFILE = "/portal/profile/"
EMAIL_CHANGE = "/portal/profile/email/"
NEW_PASSWORD = "a-brand-new-passphrase-73"


def _users():
    return snapshot(User.objects.order_by("pk"), Membership)


@pytest.fixture
def logged_in(client, buyer):
    client.force_login(buyer)
    return client


def test_urls():
    assert reverse("partner_portal:profile") == PROFILE
    assert reverse("partner_portal:email_change") == EMAIL_CHANGE


@pytest.mark.parametrize(
    "data",
    [
        {"email": "thief@evil.example", "first_name": "T", "last_name": "Hief"},
        {"email": "thief@evil.example"},
    ],
)
def test_oscars_profile_edit_changes_nothing(logged_in, buyer, data):
    before = _users()

    response = logged_in.post("/shop/accounts/profile/edit/", data)

    assert response.status_code == 302
    assert response.url == PROFILE
    assert _users() == before
    buyer.refresh_from_db()
    assert buyer.email == "buyer@acme.example"


@pytest.mark.parametrize(
    "path", ["/shop/accounts/profile/", "/shop/accounts/profile/edit/"]
)
def test_oscars_profile_pages_lead_to_the_portals(logged_in, path):
    response = logged_in.get(path)
    assert response.status_code == 302
    assert response.url == PROFILE


def test_oscars_change_password_leads_to_the_portals(logged_in):
    response = logged_in.get("/shop/accounts/change-password/")
    assert response.status_code == 302
    assert response.url == reverse("password_change")


@pytest.mark.parametrize("method", ["get", "post"])
def test_account_delete_page_is_gone(logged_in, buyer, method):
    before = _users()

    response = getattr(logged_in, method)(
        "/shop/accounts/profile/delete/", {"password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 404
    assert _users() == before


def test_profile_page_shows_no_delete_link(logged_in):
    response = logged_in.get(PROFILE)
    assert response.status_code == 200
    assert "/profile/delete/" not in response.text
    assert "buyer@acme.example" in response.text
    assert reverse("password_change") in response.text
    assert EMAIL_CHANGE in response.text


def test_profile_sets_the_name(logged_in, buyer):
    response = logged_in.post(
        PROFILE, {"first_name": "  Bruna ", "last_name": "Buyer  Smith"}
    )

    assert response.status_code == 302
    assert response.url == PROFILE
    buyer.refresh_from_db()
    assert (buyer.first_name, buyer.last_name) == ("Bruna", "Buyer Smith")


@pytest.mark.parametrize(
    "data", [{"first_name": "", "last_name": "Buyer"}, {"first_name": "Bruno"}]
)
def test_profile_needs_both_names(logged_in, buyer, data):
    before = _users()

    response = logged_in.post(PROFILE, data)

    assert response.status_code == 400
    assert _users() == before


def test_profile_returns_to_a_local_next_only(logged_in):
    data = {"first_name": "Bruno", "last_name": "Buyer"}
    offer = "/portal/contracts/offers/1/"
    back = logged_in.post(PROFILE + "?next=" + offer, data)
    assert back.url == offer
    away = logged_in.post(PROFILE + "?next=https://evil.example/", data)
    assert away.url == PROFILE


def test_profile_needs_login(client, db):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("", "This field is required."),
        ("wrong-password", "The password is not right."),
    ],
)
def test_email_change_needs_the_current_password(
    logged_in, buyer, mailoutbox, django_capture_on_commit_callbacks, password, message
):
    before = _users()

    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(
            EMAIL_CHANGE, {"email": "new@acme.example", "password": password}
        )

    assert response.status_code == 400
    assert message in response.text
    assert _users() == before
    assert mailoutbox == []


def test_email_change_tells_both_addresses(
    logged_in, buyer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(
            EMAIL_CHANGE, {"email": " New@Acme.example ", "password": DEFAULT_PASSWORD}
        )

    assert response.status_code == 302
    assert response.url == PROFILE
    buyer.refresh_from_db()
    assert (buyer.email, buyer.username) == ("new@acme.example", "new@acme.example")
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "buyer@acme.example",
        "new@acme.example",
    ]
    for mail in mailoutbox:
        assert len(mail.to) == 1
        assert "buyer@acme.example" in mail.body
        assert "new@acme.example" in mail.body
    # The new address logs in from now on.
    logged_in.logout()
    login = logged_in.post(
        reverse("login"),
        {"username": "new@acme.example", "password": DEFAULT_PASSWORD},
    )
    assert login.status_code == 302


def test_email_change_refuses_an_address_in_use(logged_in, buyer, company_admin):
    UserFactory(email="taken@example.com")
    before = _users()

    for address in ("admin@acme.example", "TAKEN@example.com", "buyer@acme.example"):
        response = logged_in.post(
            EMAIL_CHANGE, {"email": address, "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 400

    assert _users() == before


def test_password_change_needs_the_old_password_and_mails(
    logged_in, buyer, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("password_change")
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    with django_capture_on_commit_callbacks(execute=True):
        refused = logged_in.post(url, {**data, "old_password": "wrong"})
    assert refused.status_code == 200
    buyer.refresh_from_db()
    assert buyer.check_password(DEFAULT_PASSWORD)
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        done = logged_in.post(url, {**data, "old_password": DEFAULT_PASSWORD})

    assert done.status_code == 302
    buyer.refresh_from_db()
    assert buyer.check_password(NEW_PASSWORD)
    assert [mail.to for mail in mailoutbox] == [["buyer@acme.example"]]
    assert "password" in mailoutbox[0].body
