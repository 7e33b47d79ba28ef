"""The invitation link: a new colleague creates their account, once."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from partner_portal.middleware import SESSION_KEY
from partner_portal.models import Invitation, Membership
from partner_portal.permissions import Role
from tests.factories import InvitationFactory, MembershipFactory, UserFactory
from tests.helpers import messages_of, snapshot

User = get_user_model()

ACCOUNT = {
    "first_name": "Nora",
    "last_name": "New",
    "password1": "a-long-unusual-passphrase-42",
    "password2": "a-long-unusual-passphrase-42",
}


def accept_url(invitation):
    return reverse("partner_portal:invitation_accept", args=[invitation.token])


@pytest.fixture
def invitation(company, company_admin):
    return InvitationFactory(
        company=company,
        email="nora@example.com",
        role=Role.PROCUREMENT,
        invited_by=company_admin,
    )


def test_invitation_page_shows_company_and_role(client, invitation):
    response = client.get(accept_url(invitation))

    assert response.status_code == 200
    assert 'Join <bdi dir="auto">Acme Industrial GmbH</bdi>' in response.text
    assert "This invitation is for nora@example.com as Procurement." in response.text
    assert list(response.context["form"].fields) == [
        "first_name",
        "last_name",
        "password1",
        "password2",
    ]


def test_accepting_creates_account_and_membership_and_logs_in(
    client, company, invitation
):
    # When the invitee chooses their name and password
    response = client.post(accept_url(invitation), ACCOUNT)

    # Then they have an account, are a member with the invited role, and are in
    assert response.status_code == 302
    assert response.url == reverse("partner_portal:start")
    user = User.objects.get(email="nora@example.com")
    assert (user.username, user.first_name, user.last_name) == (
        "nora@example.com",
        "Nora",
        "New",
    )
    assert user.check_password(ACCOUNT["password1"])
    membership = Membership.objects.get(user=user)
    assert (membership.company, membership.role, membership.is_active) == (
        company,
        Role.PROCUREMENT,
        True,
    )
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session[SESSION_KEY] == company.pk
    assert messages_of(response) == [
        "Welcome! Your account at Acme Industrial GmbH is ready."
    ]
    start = client.get(response.url)
    assert start.status_code == 200
    assert start.context["request"].membership == membership


def test_accepting_with_differing_passwords_creates_nothing(client, invitation):
    users_before = User.objects.count()

    response = client.post(
        accept_url(invitation), {**ACCOUNT, "password2": "something-else-entirely"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "password2": ["The two passwords differ."]
    }
    assert User.objects.count() == users_before
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_accepting_with_a_weak_password_creates_nothing(client, invitation):
    users_before = User.objects.count()

    response = client.post(
        accept_url(invitation), {**ACCOUNT, "password1": "nora", "password2": "nora"}
    )

    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    assert User.objects.count() == users_before


@pytest.mark.parametrize("method", ["get", "post"])
def test_expired_invitation_says_so_and_creates_no_account(client, company, method):
    expires_at = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
    invitation = InvitationFactory(company=company, expires_at=expires_at)
    before = snapshot(User, Membership, Invitation)

    response = getattr(client, method)(accept_url(invitation), ACCOUNT)

    assert response.status_code == 410
    assert response.context["reason"] == (
        "This invitation expired on 03/01/2024. Please ask your company admin "
        "for a new one."
    )
    assert response.context["reason"] in response.text
    assert snapshot(User, Membership, Invitation) == before
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("trait", "reason"),
    [
        ("accepted", "This invitation has already been used. Please log in instead."),
        ("revoked", "This invitation was withdrawn."),
    ],
    ids=["used", "withdrawn"],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_used_or_withdrawn_invitation_says_so_and_changes_nothing(
    client, company, trait, reason, method
):
    invitation = InvitationFactory(company=company, **{trait: True})
    before = snapshot(User, Membership, Invitation)

    response = getattr(client, method)(accept_url(invitation), ACCOUNT)

    assert response.status_code == 410
    assert response.context["reason"] == reason
    assert reason in response.text
    assert snapshot(User, Membership, Invitation) == before


def test_invitation_cannot_be_used_twice(client, invitation):
    client.post(accept_url(invitation), ACCOUNT)
    client.logout()
    before = snapshot(User, Membership, Invitation)

    response = client.post(
        accept_url(invitation), {**ACCOUNT, "first_name": "Someone else"}
    )

    assert response.status_code == 410
    assert response.context["reason"] == (
        "This invitation has already been used. Please log in instead."
    )
    assert snapshot(User, Membership, Invitation) == before


def test_unknown_token_is_not_valid(client, db):
    response = client.get(
        reverse("partner_portal:invitation_accept", args=["no-such-token"])
    )

    assert response.status_code == 410
    assert response.context["reason"] == "This invitation link is not valid."


def test_logged_in_user_with_another_email_cannot_accept(client, invitation, buyer):
    # Given someone else is logged in on this browser
    client.force_login(buyer)
    before = snapshot(User, Membership, Invitation)

    # When they accept nora's invitation
    response = client.post(accept_url(invitation))

    # Then they are told to log out, and nothing changes
    assert response.status_code == 410
    assert response.context["reason"] == (
        "This invitation is for nora@example.com. Please log out and open the "
        "link again."
    )
    assert snapshot(User, Membership, Invitation) == before


def test_logged_in_user_with_the_invited_email_joins_with_their_account(
    client, company, invitation, other_company
):
    # Given nora already works in the portal for another company
    nora = MembershipFactory(company=other_company, user__email="nora@example.com")
    client.force_login(nora.user)

    response = client.get(accept_url(invitation))
    assert response.status_code == 200
    assert response.context["form"] is None

    # When she accepts the invitation while logged in
    response = client.post(accept_url(invitation))

    # Then she is a member of both companies and now looks at the new one
    assert response.status_code == 302
    assert response.url == reverse("partner_portal:start")
    assert set(
        Membership.objects.filter(user=nora.user).values_list("company", "role")
    ) == {(other_company.pk, Role.BUYER), (company.pk, Role.PROCUREMENT)}
    assert client.session[SESSION_KEY] == company.pk
    assert messages_of(response) == ["You joined Acme Industrial GmbH."]
    assert User.objects.filter(email="nora@example.com").count() == 1


def test_anonymous_invitee_with_an_existing_account_is_asked_to_log_in(
    client, invitation
):
    UserFactory(email="nora@example.com")
    before = snapshot(User, Membership, Invitation)

    response = client.post(accept_url(invitation), ACCOUNT)

    assert response.status_code == 410
    assert response.context["reason"] == (
        "An account for nora@example.com exists already. Please log in first."
    )
    assert snapshot(User, Membership, Invitation) == before


def test_former_colleague_invited_again_comes_back_with_the_new_role(
    client, company, invitation
):
    former = MembershipFactory(
        company=company,
        user__email="nora@example.com",
        role=Role.BUYER,
        is_active=False,
    )
    client.force_login(former.user)

    response = client.post(accept_url(invitation))

    assert response.status_code == 302
    former.refresh_from_db()
    assert (former.role, former.is_active) == (Role.PROCUREMENT, True)
    assert Membership.objects.filter(user=former.user).count() == 1


def test_invitation_expires_after_the_configured_days(client, company_admin, settings):
    settings.PORTAL_INVITATION_DAYS = 3
    client.force_login(company_admin)
    before = timezone.now()

    client.post(
        reverse("partner_portal:colleagues"),
        {"email": "new@example.com", "role": Role.BUYER},
    )

    expires_at = Invitation.objects.get().expires_at
    assert (
        before + timedelta(days=3) <= expires_at <= timezone.now() + timedelta(days=3)
    )
