"""The one audience rule: levels nest, staff see all, visitors see public only."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from partner_portal.audience import Audience, audiences_for_user
from partner_portal.models import Company
from partner_portal.permissions import StaffGroup
from tests.factories import CompanyFactory, UserFactory

ALL = set(Audience.values)


@pytest.mark.parametrize(
    ("kind", "tier", "expected"),
    [
        ("customer", "", {"everyone", "signed_in"}),
        ("distributor", "", {"everyone", "signed_in", "partners"}),
        ("franchisee", "silver", {"everyone", "signed_in", "partners", "silver"}),
        ("distributor", "gold", ALL),
    ],
)
def test_members_see_their_level_and_below(db, kind, tier, expected):
    company = CompanyFactory(kind=kind, partner_tier=tier)

    assert set(audiences_for_user(UserFactory(), company)) == expected


def test_visitor_sees_only_public_content(db):
    assert audiences_for_user(AnonymousUser(), None) == ["everyone"]


def test_user_without_company_sees_only_public_content(db):
    assert audiences_for_user(UserFactory(), None) == ["everyone"]


def test_inactive_company_sees_only_public_content(db):
    company = CompanyFactory(distributor=True, is_active=False)

    assert audiences_for_user(UserFactory(), company) == ["everyone"]


def test_staff_group_member_sees_everything(db):
    editor = UserFactory()
    editor.groups.add(Group.objects.get_or_create(name=StaffGroup.CONTENT_EDITOR)[0])

    assert set(audiences_for_user(editor, None)) == ALL


def test_silver_partner_does_not_see_gold(db):
    company = CompanyFactory(franchisee=True)
    assert company.partner_tier == Company.Tier.SILVER

    assert Audience.GOLD not in audiences_for_user(UserFactory(), company)
