"""The start page shows each role the tiles it may see; users without a company
get a page that says whom to contact."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from partner_portal import tiles
from partner_portal.models import Company
from partner_portal.permissions import Role, StaffGroup
from tests.factories import (
    CompanyFactory,
    InvitationFactory,
    MembershipFactory,
    UserFactory,
)

START = reverse("partner_portal:start")
NO_COMPANY = reverse("partner_portal:no_company")
# The foundation's tiles and the CMS news tile; other apps' tiles are left out
# so that these tests keep exact lists when apps add theirs.
FOUNDATION_TILES = {
    "company",
    "colleagues",
    "partner_area",
    "news",
    "staff.companies",
    "staff.tools",
}


@pytest.fixture
def foundation_tiles(monkeypatch):
    assert set(tiles._registry) >= FOUNDATION_TILES
    monkeypatch.setattr(
        tiles,
        "_registry",
        {k: v for k, v in tiles._registry.items() if k in FOUNDATION_TILES},
    )


def tile_keys(response):
    return [tile.key for tile, _context in response.context["tiles"]]


def test_buyer_sees_company_colleagues_and_news_but_no_partner_area(
    client, foundation_tiles, buyer
):
    client.force_login(buyer)

    response = client.get(START)

    assert response.status_code == 200
    assert tile_keys(response) == ["company", "colleagues", "news"]
    assert 'data-tile="partner_area"' not in response.text
    assert '<bdi dir="auto">Acme Industrial GmbH</bdi> · Buyer' in response.text


def test_distributor_admin_sees_the_partner_area_tile(
    client, foundation_tiles, partner_admin
):
    client.force_login(partner_admin)

    response = client.get(START)

    assert response.status_code == 200
    assert tile_keys(response) == ["company", "partner_area", "colleagues", "news"]
    partner_context = dict(response.context["tiles"])[tiles._registry["partner_area"]]
    assert partner_context["url"] == reverse("partner_portal:partner_area")
    assert "Your partner tier: Gold" in response.text


def test_partner_user_of_a_franchisee_sees_the_partner_area_tile(
    client, db, foundation_tiles
):
    member = MembershipFactory(
        company=CompanyFactory(franchisee=True), role=Role.PARTNER_USER
    ).user
    client.force_login(member)

    response = client.get(START)

    assert tile_keys(response) == ["company", "partner_area", "colleagues", "news"]


def test_company_tile_names_the_company_and_its_contact_person(
    client, foundation_tiles, company, buyer, staff_user
):
    Company.objects.filter(pk=company.pk).update(contact_person=staff_user)
    client.force_login(buyer)

    response = client.get(START)

    context = dict(response.context["tiles"])[tiles._registry["company"]]
    assert context["lines"][:2] == [
        "Acme Industrial GmbH",
        f"Customer number {company.customer_number}",
    ]
    assert context["contact"] == staff_user


def test_colleagues_tile_counts_active_colleagues_and_open_invitations(
    client, foundation_tiles, company, company_admin, buyer
):
    MembershipFactory(company=company, is_active=False)
    InvitationFactory(company=company)
    InvitationFactory(company=company, expired=True)
    client.force_login(company_admin)

    response = client.get(START)

    context = dict(response.context["tiles"])[tiles._registry["colleagues"]]
    assert (context["count"], context["secondary"]) == (2, 1)


def test_staff_user_without_company_sees_the_staff_tiles(
    client, foundation_tiles, staff_user
):
    client.force_login(staff_user)

    response = client.get(START)

    assert response.status_code == 200
    assert tile_keys(response) == ["staff.companies", "staff.tools", "news"]
    assert "Staff start page" in response.text
    tools = dict(response.context["tiles"])[tiles._registry["staff.tools"]]
    assert tools["links"] == [("Shop dashboard", "/shop/dashboard/")]


def test_staff_group_member_without_tools_gets_no_empty_staff_tools_tile(
    client, db, foundation_tiles
):
    moderator = UserFactory()
    moderator.groups.add(
        Group.objects.get_or_create(name=StaffGroup.FORUM_MODERATOR.value)[0]
    )
    client.force_login(moderator)

    response = client.get(START)

    assert response.status_code == 200
    assert tile_keys(response) == ["news"]


def test_anonymous_visitor_is_sent_to_the_login(client, db):
    response = client.get(START)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/portal/"


@pytest.mark.parametrize("case", ["no-membership", "deactivated", "company-inactive"])
def test_user_without_active_company_is_sent_to_the_no_company_page(
    client, company, case
):
    # Given a user who is not, or no longer, an active member of an active company
    if case == "no-membership":
        user = UserFactory(email="lost@example.com")
    else:
        membership = MembershipFactory(
            company=company,
            user__email="lost@example.com",
            is_active=case != "deactivated",
        )
        user = membership.user
        if case == "company-inactive":
            Company.objects.filter(pk=company.pk).update(is_active=False)
    client.force_login(user)

    # When they open the start page
    response = client.get(START, follow=True)

    # Then they see whom to contact, not an error
    assert response.redirect_chain == [(NO_COMPANY, 302)]
    assert response.status_code == 200
    assert "Your account is not linked to a company" in response.text
    assert "You are logged in as lost@example.com" in response.text
    assert 'href="mailto:support@portal.example"' in response.text
    assert "ask your company admin to invite you" in response.text


def test_no_company_page_names_the_configured_support_address(
    client, user_without_company, settings
):
    settings.PORTAL_SUPPORT_EMAIL = "help@vendor.example"
    client.force_login(user_without_company)

    response = client.get(NO_COMPANY)

    assert response.status_code == 200
    assert 'href="mailto:help@vendor.example"' in response.text


def test_member_who_opens_the_no_company_page_goes_to_the_start_page(client, buyer):
    client.force_login(buyer)

    response = client.get(NO_COMPANY)

    assert response.status_code == 302
    assert response.url == START
