"""The navigation bar comes from the registry, and an entry shows exactly when
the policy of its view lets the user in."""

import re
from pathlib import Path

import pytest
from django.urls import resolve

from partner_portal.navigation import GROUPS, registered_entries
from partner_portal.permissions import Role, StaffGroup
from partner_portal.policy import policy_of
from tests.factories import CompanyFactory, MembershipFactory, StaffUserFactory

NAVBAR = Path(__file__).resolve().parents[2] / "templates/includes/navbar.html"
DESK = "/portal/returns/desk/"


def _nav(response) -> str:
    html = response.content.decode()
    return html[html.index("<nav") : html.index("</nav>")]


def test_the_navbar_template_holds_no_permission_rules():
    template = NAVBAR.read_text()

    for literal in ("current_capabilities", "staff_groups", "is_staff", "perms."):
        assert literal not in template


def test_every_entry_has_one_rule_its_views_or_its_own():
    for entry in registered_entries():
        assert entry.group in GROUPS
        if entry.links is not None:
            continue
        declared = policy_of(resolve(entry.url()).func)
        # An entry states a rule only for a door outside the portal.
        assert (declared is None) != (entry.policy is None), entry.key


@pytest.mark.parametrize(
    ("is_staff", "groups", "sees_and_opens"),
    [
        (False, [StaffGroup.RETURNS_DESK], True),
        (True, [StaffGroup.RETURNS_DESK], True),
        (True, [StaffGroup.SUPPORT], False),
        (False, [StaffGroup.SALES], False),
    ],
    ids=["desk-group-only", "desk-and-is-staff", "is-staff-support", "sales"],
)
def test_the_desk_link_shows_exactly_to_those_the_desk_lets_in(
    client, db, is_staff, groups, sees_and_opens
):
    user = StaffUserFactory(is_staff=is_staff, staff_groups=groups)
    client.force_login(user)

    start = client.get("/portal/")
    desk = client.get(DESK)

    assert start.status_code == 200
    assert (f'href="{DESK}"' in _nav(start)) is sees_and_opens
    assert desk.status_code == (200 if sees_and_opens else 403)


def test_a_buyer_sees_menus_of_what_their_role_may_open(client, db):
    buyer = MembershipFactory(role=Role.BUYER).user
    client.force_login(buyer)

    nav = _nav(client.get("/portal/"))

    for url in ("/portal/orders/quick-order/", "/portal/orders/", "/shop/basket/"):
        assert f'href="{url}"' in nav
    for url in ("/portal/orders/budgets/", "/portal/partner/", DESK):
        assert f'href="{url}"' not in nav
    top_level = re.findall(r'<li class="nav-item[ "]', nav)
    assert len(top_level) <= 6


def test_a_partner_admin_sees_the_partner_menu_and_budgets(client, db):
    admin = MembershipFactory(
        company=CompanyFactory(distributor=True), role=Role.COMPANY_ADMIN
    ).user
    client.force_login(admin)

    nav = _nav(client.get("/portal/"))

    assert 'href="/portal/partner/"' in nav
    assert 'href="/portal/assets/"' in nav
    assert 'href="/portal/orders/budgets/"' in nav
    assert "Partner agreements" in nav
    assert len(re.findall(r'<li class="nav-item[ "]', nav)) <= 6
