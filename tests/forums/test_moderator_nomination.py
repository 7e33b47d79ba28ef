"""A partner's company admin nominates colleagues as category moderators:
only their own company's active members, only categories they may see; an
other company's nomination answers 404."""

import pytest
from django.urls import reverse

from forums.models import CategoryModerator, ModerationLog
from partner_portal.permissions import Role
from tests.factories import MembershipFactory
from tests.helpers import assert_cross_company_404, snapshot


@pytest.fixture
def colleague(gold_partner):
    return MembershipFactory(
        company=gold_partner.memberships.get().company,
        role=Role.PARTNER_USER,
        user__email="tina@northwind.example",
    ).user


def test_admin_nominates_a_colleague_who_then_moderates(
    client, gold_partner, colleague, partner_category
):
    client.force_login(gold_partner)

    response = client.post(
        reverse("forums:moderators"),
        {"user": colleague.pk, "category": partner_category.pk},
    )

    assert response.status_code == 302
    nomination = CategoryModerator.objects.get()
    assert (nomination.user, nomination.category, nomination.nominated_by) == (
        colleague,
        partner_category,
        gold_partner,
    )
    assert ModerationLog.objects.get().action == "nominate"
    client.force_login(colleague)
    assert client.get(reverse("forums:queue")).status_code == 200


def test_only_own_colleagues_can_be_nominated(
    client, gold_partner, silver_partner, partner_category
):
    client.force_login(gold_partner)
    before = snapshot(CategoryModerator)

    response = client.post(
        reverse("forums:moderators"),
        {"user": silver_partner.pk, "category": partner_category.pk},
    )

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert snapshot(CategoryModerator) == before


def test_a_nomination_ends_with_the_membership(
    client, gold_partner, colleague, partner_category
):
    CategoryModerator.objects.create(
        company=gold_partner.memberships.get().company,
        category=partner_category,
        user=colleague,
    )
    colleague.memberships.update(is_active=False)
    client.force_login(colleague)

    assert client.get(reverse("forums:queue")).status_code == 302


def test_removing_a_nomination_of_another_company_answers_404(
    client, gold_partner, colleague, partner_category
):
    nomination = CategoryModerator.objects.create(
        company=gold_partner.memberships.get().company,
        category=partner_category,
        user=colleague,
    )
    before = snapshot(CategoryModerator)

    assert_cross_company_404(
        client,
        reverse("forums:moderator_remove", args=[nomination.pk]),
        method="post",
    )

    assert snapshot(CategoryModerator) == before


def test_customers_cannot_nominate(client, company_admin):
    client.force_login(company_admin)

    assert client.get(reverse("forums:moderators")).status_code == 403
