"""Company admins change colleagues' roles and deactivate them; a company
always keeps an active company admin."""

import pytest
from django.urls import reverse

from partner_portal.models import Membership
from partner_portal.permissions import Role
from tests.factories import DEFAULT_PASSWORD, MembershipFactory
from tests.helpers import messages_of, snapshot


def update_url(membership):
    return reverse("partner_portal:membership_update", args=[membership.pk])


def membership_of(user):
    return Membership.objects.get(user=user)


def test_admin_sees_the_colleagues_current_role(client, company_admin, buyer):
    client.force_login(company_admin)

    response = client.get(update_url(membership_of(buyer)))

    assert response.status_code == 200
    assert response.context["form"].initial == {"role": Role.BUYER, "is_active": True}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"role": Role.APPROVER, "is_active": "on"}, (Role.APPROVER, True)),
        ({"role": Role.COMPANY_ADMIN, "is_active": "on"}, (Role.COMPANY_ADMIN, True)),
        ({"role": Role.BUYER}, (Role.BUYER, False)),
    ],
    ids=["to-approver", "to-admin", "deactivate"],
)
def test_company_admin_changes_role_or_deactivates(
    client, company_admin, buyer, data, expected
):
    membership = membership_of(buyer)
    client.force_login(company_admin)

    response = client.post(update_url(membership), data)

    assert response.status_code == 302
    assert response.url == reverse("partner_portal:colleagues")
    membership.refresh_from_db()
    assert (membership.role, membership.is_active) == expected
    assert messages_of(response) == ["Bruno Buyer was updated."]


def test_deactivated_colleague_can_be_reactivated(client, company, company_admin):
    membership = MembershipFactory(company=company, is_active=False)
    client.force_login(company_admin)

    client.post(update_url(membership), {"role": Role.BUYER, "is_active": "on"})

    membership.refresh_from_db()
    assert membership.is_active is True


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            {"role": Role.BUYER, "is_active": "on"},
            "The company needs at least one active company admin.",
        ),
        ({"role": Role.COMPANY_ADMIN}, "You cannot deactivate yourself."),
    ],
    ids=["demote", "deactivate"],
)
def test_last_company_admin_cannot_demote_or_deactivate_themselves(
    client, company_admin, buyer, data, error
):
    membership = membership_of(company_admin)
    client.force_login(company_admin)
    before = snapshot(Membership)

    response = client.post(update_url(membership), data)

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [error]
    assert error in response.text
    assert snapshot(Membership) == before


def test_admin_may_step_down_when_another_admin_remains(client, company, company_admin):
    MembershipFactory(company=company, role=Role.COMPANY_ADMIN)
    membership = membership_of(company_admin)
    client.force_login(company_admin)

    response = client.post(update_url(membership), {"role": "buyer", "is_active": "on"})

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.BUYER
    # ...and with that they can no longer manage colleagues.
    assert client.get(update_url(membership)).status_code == 403


def test_admin_cannot_deactivate_themselves_even_with_another_admin(
    client, company, company_admin
):
    MembershipFactory(company=company, role=Role.COMPANY_ADMIN)
    membership = membership_of(company_admin)
    client.force_login(company_admin)

    response = client.post(update_url(membership), {"role": Role.COMPANY_ADMIN})

    assert response.status_code == 400
    membership.refresh_from_db()
    assert membership.is_active is True


def test_other_admin_can_be_demoted_while_one_admin_remains(
    client, company, company_admin
):
    second = MembershipFactory(company=company, role=Role.COMPANY_ADMIN)
    client.force_login(company_admin)

    response = client.post(update_url(second), {"role": Role.BUYER})

    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.role, second.is_active) == (Role.BUYER, False)


def test_customer_company_member_cannot_become_partner_user(
    client, company_admin, buyer
):
    membership = membership_of(buyer)
    client.force_login(company_admin)
    before = snapshot(Membership)

    response = client.post(
        update_url(membership), {"role": Role.PARTNER_USER, "is_active": "on"}
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["role"]
    assert snapshot(Membership) == before


def test_buyer_cannot_change_a_colleague(client, company_admin, buyer):
    admin_membership = membership_of(company_admin)
    client.force_login(buyer)
    before = snapshot(Membership)

    response = client.post(update_url(admin_membership), {"role": Role.BUYER})

    assert response.status_code == 403
    assert snapshot(Membership) == before


def test_deactivated_user_sees_the_no_company_page_after_login(
    client, company_admin, buyer
):
    # Given the admin deactivated the buyer
    client.force_login(company_admin)
    client.post(update_url(membership_of(buyer)), {"role": Role.BUYER})
    client.logout()

    # When the buyer logs in
    response = client.post(
        reverse("login"),
        {"username": "buyer@acme.example", "password": DEFAULT_PASSWORD},
        follow=True,
    )

    # Then they land on the page saying whom to contact, and see no company data
    assert response.redirect_chain == [
        ("/portal/", 302),
        ("/portal/no-company/", 302),
    ]
    assert response.status_code == 200
    assert "Your account is not linked to a company" in response.text
    assert response.context["current_company"] is None
    assert "Acme Industrial GmbH" not in response.text
    company_page = client.get(reverse("partner_portal:company"))
    assert company_page.status_code == 302
    assert company_page.url == reverse("partner_portal:no_company")
