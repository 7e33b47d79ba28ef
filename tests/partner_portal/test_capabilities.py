"""The role -> capabilities table: who in a company may do what."""

import pytest
from django.contrib.auth.models import AnonymousUser

from partner_portal.models import Company
from partner_portal.permissions import (
    Capability,
    Role,
    capabilities_for,
)
from partner_portal.selectors import has_capability
from partner_portal.services import roles_for_company
from tests.factories import (
    CompanyFactory,
    MembershipFactory,
    StaffUserFactory,
)

C = Capability
EVERY_MEMBER = {C.COMPANY_VIEW, C.MEMBERS_VIEW, C.SUPPORT_REQUEST}
# Written out in full on purpose: a change to the table must change this test.
EXPECTED = {
    Role.COMPANY_ADMIN: EVERY_MEMBER
    | {
        C.COMPANY_MANAGE,
        C.MEMBERS_MANAGE,
        C.ORDER_PLACE,
        C.ORDER_VIEW_OWN,
        C.ORDER_VIEW_ALL,
        C.ORDER_APPROVE,
        C.BUDGET_MANAGE,
        C.RETURN_CREATE,
        C.OFFER_ACCEPT,
        C.CONTRACT_VIEW,
        C.SUPPORT_APPROVE,
        C.COMPANY_KPIS,
        C.API_MANAGE,
        C.AUDIT_VIEW,
    },
    Role.BUYER: EVERY_MEMBER
    | {C.ORDER_PLACE, C.ORDER_VIEW_OWN, C.RETURN_CREATE, C.OFFER_ACCEPT},
    Role.APPROVER: EVERY_MEMBER
    | {C.ORDER_VIEW_OWN, C.ORDER_APPROVE, C.CONTRACT_VIEW, C.SUPPORT_APPROVE},
    Role.PROCUREMENT: EVERY_MEMBER
    | {
        C.ORDER_PLACE,
        C.ORDER_VIEW_OWN,
        C.ORDER_VIEW_ALL,
        C.RETURN_CREATE,
        C.OFFER_ACCEPT,
        C.CONTRACT_VIEW,
        C.COMPANY_KPIS,
    },
}
PARTNER_USER = EVERY_MEMBER | {
    C.ORDER_PLACE,
    C.ORDER_VIEW_OWN,
    C.RETURN_CREATE,
    C.CONTRACT_VIEW,
    C.PARTNER_AREA,
}


@pytest.mark.parametrize(
    ("role", "expected"), list(EXPECTED.items()), ids=[r.value for r in EXPECTED]
)
def test_capabilities_of_each_role_in_a_customer_company(db, role, expected):
    # Given a member of a customer company
    membership = MembershipFactory(role=role)

    # Then the role grants exactly these capabilities
    assert capabilities_for(membership) == expected
    assert C.PARTNER_AREA not in capabilities_for(membership)


@pytest.mark.parametrize("trait", ["distributor", "franchisee"])
def test_company_admin_of_a_partner_company_also_gets_the_partner_area(db, trait):
    membership = MembershipFactory(
        role=Role.COMPANY_ADMIN, company=CompanyFactory(**{trait: True})
    )

    assert capabilities_for(membership) == EXPECTED[Role.COMPANY_ADMIN] | {
        C.PARTNER_AREA
    }


@pytest.mark.parametrize("role", [Role.BUYER, Role.APPROVER, Role.PROCUREMENT])
def test_other_roles_of_a_partner_company_get_no_partner_area(db, role):
    membership = MembershipFactory(role=role, company=CompanyFactory(distributor=True))

    assert capabilities_for(membership) == EXPECTED[role]


@pytest.mark.parametrize("trait", ["distributor", "franchisee"])
def test_partner_user_of_a_partner_company(db, trait):
    membership = MembershipFactory(
        role=Role.PARTNER_USER, company=CompanyFactory(**{trait: True})
    )

    assert capabilities_for(membership) == PARTNER_USER


def test_partner_user_role_is_offered_only_to_partner_companies(db):
    customer = CompanyFactory()
    distributor = CompanyFactory(distributor=True)

    assert [value for value, _label in roles_for_company(customer)] == [
        Role.COMPANY_ADMIN,
        Role.BUYER,
        Role.APPROVER,
        Role.PROCUREMENT,
    ]
    assert [value for value, _label in roles_for_company(distributor)] == list(
        Role.values
    )


def test_partner_user_of_a_former_partner_company_loses_the_partner_area(db):
    # Given a partner user of a distributor that staff turn into a customer
    company = CompanyFactory(distributor=True)
    membership = MembershipFactory(role=Role.PARTNER_USER, company=company)
    Company.objects.filter(pk=company.pk).update(
        kind=Company.Kind.CUSTOMER, partner_tier=""
    )
    membership.refresh_from_db()
    membership.company.refresh_from_db()

    # Then the partner area (partner prices, material) is closed to them
    assert not has_capability(membership.user, membership.company, C.PARTNER_AREA)
    assert C.PARTNER_AREA not in capabilities_for(membership)


def test_members_of_a_deactivated_company_have_no_capabilities(db):
    # The portal shows them the "no company" page (membership_current skips
    # inactive companies); the capability check must agree, for the API too.
    membership = MembershipFactory(role=Role.COMPANY_ADMIN)
    Company.objects.filter(pk=membership.company_id).update(is_active=False)
    membership.company.refresh_from_db()

    assert not has_capability(membership.user, membership.company, C.COMPANY_VIEW)


def test_inactive_membership_has_no_capabilities(db):
    membership = MembershipFactory(role=Role.COMPANY_ADMIN, is_active=False)

    assert capabilities_for(membership) == frozenset()
    assert not has_capability(membership.user, membership.company, C.COMPANY_VIEW)


def test_no_membership_has_no_capabilities():
    assert capabilities_for(None) == frozenset()


def test_has_capability_answers_for_the_members_own_company_only(db):
    # Given a company admin of one company and another company
    membership = MembershipFactory(role=Role.COMPANY_ADMIN)
    elsewhere = CompanyFactory()

    # Then they hold their capabilities in their company, and none elsewhere
    assert has_capability(membership.user, membership.company, C.MEMBERS_MANAGE)
    assert not has_capability(membership.user, elsewhere, C.COMPANY_VIEW)
    assert not has_capability(membership.user, None, C.COMPANY_VIEW)


def test_has_capability_is_false_for_a_capability_the_role_lacks(db):
    membership = MembershipFactory(role=Role.BUYER)

    assert has_capability(membership.user, membership.company, C.ORDER_PLACE)
    assert not has_capability(membership.user, membership.company, C.MEMBERS_MANAGE)


@pytest.mark.parametrize(
    "user_kwargs",
    [{"is_staff": True}, {"is_staff": True, "is_superuser": True}],
    ids=["staff", "superuser"],
)
def test_staff_get_no_member_capabilities(db, user_kwargs):
    staff = StaffUserFactory(**user_kwargs)
    company = CompanyFactory()

    assert [c for c in Capability if has_capability(staff, company, c)] == []


def test_anonymous_user_has_no_capabilities(db):
    assert not has_capability(AnonymousUser(), CompanyFactory(), C.COMPANY_VIEW)
