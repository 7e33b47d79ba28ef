"""The one access policy: what each rule answers, staff by group (not by
`is_staff`), and the same objects as DRF permission classes."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from partner_portal.models import Company
from partner_portal.permissions import Capability, Role, StaffGroup
from partner_portal.policy import (
    PUBLIC,
    RETURNS_DESK,
    SIGNED_IN,
    STAFF,
    Member,
    Outcome,
    PartnerCompany,
    Staff,
)
from tests.factories import (
    CompanyFactory,
    MembershipFactory,
    StaffUserFactory,
    UserFactory,
)


def _request(user, membership=None):
    return SimpleNamespace(
        user=user,
        membership=membership,
        company=membership.company if membership else None,
    )


def test_a_visitor_is_sent_to_log_in_by_every_closed_rule():
    visitor = _request(AnonymousUser())

    assert PUBLIC.decide(visitor) is Outcome.ALLOW
    for policy in (SIGNED_IN, Member(), STAFF, PartnerCompany()):
        assert policy.decide(visitor) is Outcome.LOGIN


@pytest.mark.parametrize(
    ("role", "outcome"),
    [
        (Role.BUYER, Outcome.ALLOW),
        (Role.APPROVER, Outcome.ALLOW),
        (Role.PARTNER_USER, Outcome.DENY),
    ],
)
def test_member_allows_any_of_its_capabilities(db, role, outcome):
    membership = MembershipFactory(role=role)
    policy = Member(Capability.OFFER_ACCEPT, Capability.ORDER_APPROVE)

    assert policy.decide(_request(membership.user, membership)) is outcome


def test_member_without_a_company_learns_whom_to_ask(db):
    assert Member().decide(_request(UserFactory())) is Outcome.NO_COMPANY


@pytest.mark.parametrize(
    ("kind", "tier", "allowed"),
    [
        (Company.Kind.DISTRIBUTOR, Company.Tier.GOLD, True),
        (Company.Kind.DISTRIBUTOR, Company.Tier.SILVER, False),
        (Company.Kind.FRANCHISEE, Company.Tier.GOLD, False),
        (Company.Kind.CUSTOMER, Company.Tier.NONE, False),
    ],
)
def test_partner_company_checks_kind_and_tier(db, kind, tier, allowed):
    company = CompanyFactory(kind=kind, partner_tier=tier)
    membership = MembershipFactory(company=company, role=Role.BUYER)
    policy = PartnerCompany(kinds=(Company.Kind.DISTRIBUTOR,), tiers=("gold",))

    assert policy.allows(_request(membership.user, membership)) is allowed


@pytest.mark.parametrize(
    ("user_kwargs", "staff", "desk"),
    [
        ({"is_staff": False, "staff_groups": [StaffGroup.RETURNS_DESK]}, True, True),
        ({"is_staff": True, "staff_groups": [StaffGroup.RETURNS_DESK]}, True, True),
        ({"is_staff": True, "staff_groups": []}, False, False),
        ({"is_staff": False, "staff_groups": [StaffGroup.SALES]}, True, False),
        ({"is_superuser": True, "staff_groups": []}, True, True),
    ],
    ids=["group-only", "group-and-is-staff", "is-staff-only", "other-group", "root"],
)
def test_staff_are_the_staff_groups_members_not_is_staff(db, user_kwargs, staff, desk):
    user = StaffUserFactory(**user_kwargs)

    assert STAFF.allows(_request(user)) is staff
    assert RETURNS_DESK.allows(_request(user)) is desk


def test_the_three_staff_checks_agree(db):
    from partner_portal.permissions import is_portal_staff
    from returns.selectors import is_returns_desk

    group_only = StaffUserFactory(
        is_staff=False, staff_groups=[StaffGroup.RETURNS_DESK]
    )
    flag_only = StaffUserFactory(is_staff=True, staff_groups=[])

    assert is_portal_staff(group_only)
    assert is_returns_desk(group_only)
    assert not is_portal_staff(flag_only)
    assert not is_returns_desk(flag_only)


def test_any_of_refuses_with_the_most_helpful_answer(db):
    policy = Member(Capability.PARTNER_AREA) | Staff(StaffGroup.SALES)
    customer = MembershipFactory(role=Role.COMPANY_ADMIN)

    assert policy.decide(_request(UserFactory())) is Outcome.NO_COMPANY
    assert policy.decide(_request(customer.user, customer)) is Outcome.DENY


def test_all_of_needs_every_rule(db):
    partner_admin = MembershipFactory(
        company=CompanyFactory(distributor=True), role=Role.COMPANY_ADMIN
    )
    customer_admin = MembershipFactory(role=Role.COMPANY_ADMIN)
    policy = Member(Capability.COMPANY_MANAGE) & Member(Capability.PARTNER_AREA)

    assert policy.allows(_request(partner_admin.user, partner_admin))
    assert not policy.allows(_request(customer_admin.user, customer_admin))


# The same policy objects guard the REST API.


class _OrdersApi(APIView):
    permission_classes = [Member(Capability.ORDER_VIEW_OWN)]

    def get(self, request):
        return Response({"ok": True})


@pytest.mark.parametrize(
    ("persona", "status"),
    [("buyer", 200), ("no_company", 403), ("anonymous", 403)],
)
def test_a_drf_view_uses_a_policy_as_its_permission_class(db, persona, status):
    users = {
        "buyer": MembershipFactory(role=Role.BUYER).user,
        "no_company": UserFactory(),
        "anonymous": None,
    }
    request = APIRequestFactory().get("/api/orders/")
    if users[persona] is not None:
        force_authenticate(request, user=users[persona])

    response = _OrdersApi.as_view()(request)

    assert response.status_code == status
