"""A company admin never reaches another company's colleagues or invitations:
the other company's objects answer 404, and nothing changes."""

from django.urls import reverse

from partner_portal.middleware import SESSION_KEY
from partner_portal.models import Invitation, Membership
from partner_portal.permissions import Capability, Role, capabilities_for
from tests.factories import InvitationFactory, MembershipFactory
from tests.helpers import assert_cross_company_404, messages_of, snapshot


def test_admin_cannot_open_another_companys_membership(client, other_company):
    membership = MembershipFactory(company=other_company)

    assert_cross_company_404(
        client, reverse("partner_portal:membership_update", args=[membership.pk])
    )


def test_admin_cannot_change_another_companys_membership(client, other_company):
    membership = MembershipFactory(company=other_company, role=Role.BUYER)
    before = snapshot(Membership.objects.for_company(other_company))

    assert_cross_company_404(
        client,
        reverse("partner_portal:membership_update", args=[membership.pk]),
        method="post",
        data={"role": Role.COMPANY_ADMIN, "is_active": ""},
    )

    assert snapshot(Membership.objects.for_company(other_company)) == before


def test_admin_cannot_revoke_another_companys_invitation(client, other_company):
    invitation = InvitationFactory(company=other_company)
    before = snapshot(Invitation.objects.for_company(other_company))

    assert_cross_company_404(
        client,
        reverse("partner_portal:invitation_revoke", args=[invitation.pk]),
        method="post",
    )

    assert snapshot(Invitation.objects.for_company(other_company)) == before


def test_named_company_admin_of_company_a_gets_404_for_company_b(
    client, company_admin, other_company
):
    # The helper also takes a given outsider: here Acme's own admin.
    membership = MembershipFactory(company=other_company)
    before = snapshot(Membership.objects.for_company(other_company))

    response = assert_cross_company_404(
        client,
        reverse("partner_portal:membership_update", args=[membership.pk]),
        method="post",
        data={"role": Role.APPROVER, "is_active": "on"},
        user=company_admin,
    )

    assert response.wsgi_request.user == company_admin
    assert snapshot(Membership.objects.for_company(other_company)) == before


def test_default_outsider_holds_every_capability(client, other_company):
    # So that the helper's 404 is the company scope at work, never a missing role.
    invitation = InvitationFactory(company=other_company)

    response = assert_cross_company_404(
        client,
        reverse("partner_portal:invitation_revoke", args=[invitation.pk]),
        "post",
    )

    assert capabilities_for(response.wsgi_request.membership) == set(Capability)


def test_colleague_list_shows_only_the_own_company(
    client, company_admin, buyer, other_admin, other_company
):
    InvitationFactory(company=other_company, email="theirs@example.com")
    client.force_login(company_admin)

    response = client.get(reverse("partner_portal:colleagues"))

    assert {m.user.email for m in response.context["memberships"]} == {
        "admin@acme.example",
        "buyer@acme.example",
    }
    assert list(response.context["invitations"]) == []
    assert "admin@globex.example" not in response.text
    assert "theirs@example.com" not in response.text


def test_member_cannot_switch_to_a_company_they_do_not_belong_to(
    client, buyer, other_company
):
    client.force_login(buyer)

    response = client.post(
        reverse("partner_portal:company_switch"), {"company": other_company.pk}
    )

    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    assert messages_of(response) == ["You are not a member of that company."]
    assert client.get(reverse("partner_portal:company")).context["company"] != (
        other_company
    )


def test_member_of_two_companies_switches_between_them(client, company, other_company):
    first = MembershipFactory(company=company)
    MembershipFactory(company=other_company, user=first.user)
    client.force_login(first.user)

    response = client.post(
        reverse("partner_portal:company_switch"), {"company": other_company.pk}
    )

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == other_company.pk
    assert client.get(reverse("partner_portal:company")).context["company"] == (
        other_company
    )
