"""Company admins invite colleagues from the colleagues page."""

import re

import pytest
from django.urls import reverse

from partner_portal.models import Invitation
from partner_portal.permissions import Role
from tests.factories import InvitationFactory, MembershipFactory
from tests.helpers import messages_of

COLLEAGUES = reverse("partner_portal:colleagues")


def test_company_admin_invites_a_colleague_by_mail(
    client, company, company_admin, mailoutbox, django_capture_on_commit_callbacks
):
    # Given a logged-in company admin
    client.force_login(company_admin)

    # When they invite a colleague (the mail goes out once the data is committed)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            COLLEAGUES, {"email": " New.Person@Example.COM ", "role": Role.APPROVER}
        )

    # Then the invitation is stored, normalised, and a mail with the link is sent
    assert response.status_code == 302
    assert response.url == COLLEAGUES
    invitation = Invitation.objects.get()
    assert invitation.company == company
    assert invitation.email == "new.person@example.com"
    assert invitation.role == Role.APPROVER
    assert invitation.invited_by == company_admin
    assert invitation.is_open
    assert messages_of(response) == ["Invitation sent to New.Person@Example.COM."]
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["new.person@example.com"]
    assert mail.subject == "You are invited to the Acme Industrial GmbH portal"
    link = f"http://127.0.0.1:8000/portal/invitation/{invitation.token}/"
    assert link in mail.body
    assert "Ada Admin invites you to the portal of Acme Industrial GmbH." in mail.body


def test_invitation_mail_link_opens_the_accept_page(
    client, company_admin, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(company_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(COLLEAGUES, {"email": "new@example.com", "role": Role.BUYER})
    client.logout()

    path = re.search(
        r"http://127.0.0.1:8000(/portal/invitation/\S+/)", mailoutbox[0].body
    )
    response = client.get(path.group(1))

    assert response.status_code == 200
    assert "This invitation is for new@example.com as Buyer." in response.text


def test_invitation_mail_waits_for_the_commit(
    client, company_admin, mailoutbox, django_capture_on_commit_callbacks
):
    # Sent on commit, so that a request that rolls back sends no mail.
    client.force_login(company_admin)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(COLLEAGUES, {"email": "new@example.com", "role": Role.BUYER})

    assert len(callbacks) == 1
    assert mailoutbox == []


@pytest.mark.parametrize("role", [Role.BUYER, Role.APPROVER, Role.PROCUREMENT])
def test_member_without_members_manage_cannot_invite(
    client, company, mailoutbox, django_capture_on_commit_callbacks, role
):
    # Given a member who is not a company admin
    member = MembershipFactory(company=company, role=role).user
    client.force_login(member)

    # When they post an invitation anyway
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            COLLEAGUES, {"email": "new@example.com", "role": Role.BUYER}
        )

    # Then nothing is created or sent, and they are told why
    assert response.status_code == 302
    assert response.url == COLLEAGUES
    assert messages_of(response) == ["Only company admins can invite colleagues."]
    assert Invitation.objects.count() == 0
    assert mailoutbox == []


def test_buyer_sees_no_invite_form(client, company_admin, buyer):
    client.force_login(buyer)

    response = client.get(COLLEAGUES)

    assert response.status_code == 200
    assert response.context["can_manage"] is False
    assert response.context["invite_form"] is None
    assert 'id="invite-form"' not in response.text


@pytest.mark.parametrize(
    ("existing", "message"),
    [
        ("open_invitation", "An invitation to this address is already open."),
        ("active_member", "This person is already a colleague here."),
    ],
    ids=["open-invitation", "active-member"],
)
def test_second_invitation_for_the_same_address_is_refused(
    client,
    company,
    company_admin,
    mailoutbox,
    django_capture_on_commit_callbacks,
    existing,
    message,
):
    # Given an open invitation, or an active colleague, for dup@example.com
    if existing == "open_invitation":
        InvitationFactory(company=company, email="dup@example.com")
    else:
        MembershipFactory(company=company, user__email="dup@example.com")
    invitations_before = list(Invitation.objects.values_list("pk", flat=True))
    client.force_login(company_admin)

    # When the admin invites the same address again, in other letters
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            COLLEAGUES, {"email": "Dup@Example.com", "role": Role.BUYER}
        )

    # Then the form comes back with the message and what they typed
    assert response.status_code == 400
    assert response.context["invite_form"].errors == {"email": [message]}
    assert message in response.text
    assert 'value="Dup@Example.com"' in response.text
    assert list(Invitation.objects.values_list("pk", flat=True)) == invitations_before
    assert mailoutbox == []


@pytest.mark.parametrize(
    "kind", ["expired", "revoked", "accepted"], ids=lambda kind: f"{kind}-before"
)
def test_an_address_can_be_invited_again_once_the_old_invitation_is_closed(
    client, company, company_admin, django_capture_on_commit_callbacks, kind
):
    InvitationFactory(company=company, email="again@example.com", **{kind: True})
    client.force_login(company_admin)

    response = client.post(COLLEAGUES, {"email": "again@example.com", "role": "buyer"})

    assert response.status_code == 302
    assert Invitation.objects.filter(email="again@example.com").count() == 2


def test_open_invitation_in_another_company_does_not_block(
    client, company_admin, other_company
):
    InvitationFactory(company=other_company, email="shared@example.com")
    client.force_login(company_admin)

    response = client.post(COLLEAGUES, {"email": "shared@example.com", "role": "buyer"})

    assert response.status_code == 302
    assert Invitation.objects.filter(email="shared@example.com").count() == 2


def test_customer_company_cannot_invite_a_partner_user(client, company_admin):
    client.force_login(company_admin)

    response = client.post(
        COLLEAGUES, {"email": "new@example.com", "role": Role.PARTNER_USER}
    )

    assert response.status_code == 400
    assert response.context["invite_form"].errors == {
        "role": [
            "Select a valid choice. partner_user is not one of the available choices."
        ]
    }
    assert Invitation.objects.count() == 0


def test_partner_company_can_invite_a_partner_user(client, partner_admin):
    client.force_login(partner_admin)

    response = client.post(
        COLLEAGUES, {"email": "new@example.com", "role": Role.PARTNER_USER}
    )

    assert response.status_code == 302
    assert Invitation.objects.get().role == Role.PARTNER_USER


def test_company_admin_withdraws_an_open_invitation(client, company, company_admin):
    invitation = InvitationFactory(company=company, email="gone@example.com")
    client.force_login(company_admin)

    response = client.post(
        reverse("partner_portal:invitation_revoke", args=[invitation.pk])
    )

    assert response.status_code == 302
    assert response.url == COLLEAGUES
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert messages_of(response) == [
        "The invitation to gone@example.com was withdrawn."
    ]


def test_accepted_invitation_cannot_be_withdrawn(client, company, company_admin):
    invitation = InvitationFactory(company=company, accepted=True)
    client.force_login(company_admin)

    response = client.post(
        reverse("partner_portal:invitation_revoke", args=[invitation.pk])
    )

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert messages_of(response) == ["This invitation has already been accepted."]
