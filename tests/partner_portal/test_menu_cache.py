"""The menus are cached per user, company and language
(partner_portal.navigation); whatever decides an entry shows at once."""

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forums.models import CategoryModerator
from partner_portal.permissions import Role, StaffGroup
from tests.factories import MembershipFactory
from tests.factories.forums import CategoryFactory

COMPANY = reverse("partner_portal:company")
API = reverse("api_portal:index")
QUEUE = reverse("forums:queue")
DESK = reverse("returns:desk")
PARTNER_AREA = reverse("partner_portal:partner_area")


def _nav(response) -> str:
    html = response.text
    return html[html.index("<nav") : html.index("</nav>")]


def _href(url):
    return f'href="{url}"'


def test_the_menus_are_computed_once(client, buyer):
    client.force_login(buyer)
    client.get(COMPANY)

    with CaptureQueriesContext(connection) as queries:
        nav = _nav(client.get(COMPANY))

    assert _href(reverse("orders:list")) in nav
    assert not [q for q in queries if "forums_categorymoderator" in q["sql"]]


def test_a_new_role_shows_in_the_menu_at_once(client, buyer):
    client.force_login(buyer)
    assert _href(API) not in _nav(client.get(COMPANY))

    membership = buyer.memberships.get()
    membership.role = Role.COMPANY_ADMIN
    membership.save()

    assert _href(API) in _nav(client.get(COMPANY))


def test_the_menus_follow_the_current_company(client, buyer, partner_company):
    MembershipFactory(user=buyer, company=partner_company, role=Role.COMPANY_ADMIN)
    client.force_login(buyer)
    client.post(
        reverse("partner_portal:company_switch"),
        {
            "company": buyer.memberships.get(
                company__name="Acme Industrial GmbH"
            ).company_id
        },
    )
    customer = _nav(client.get(COMPANY))

    client.post(
        reverse("partner_portal:company_switch"), {"company": partner_company.pk}
    )
    partner = _nav(client.get(COMPANY))

    assert _href(PARTNER_AREA) not in customer
    assert _href(PARTNER_AREA) in partner


def test_the_menus_follow_the_language(client, buyer):
    client.force_login(buyer)
    english = _nav(client.get(COMPANY))

    persian = _nav(client.get(COMPANY, HTTP_ACCEPT_LANGUAGE="fa"))

    assert "Order history" in english
    assert "Order history" not in persian
    assert _href(reverse("orders:list")) in persian


def test_a_staff_group_shows_in_the_menu_at_once(client, user_without_company):
    client.force_login(user_without_company)
    assert _href(DESK) not in _nav(client.get(reverse("partner_portal:profile")))

    group, _ = Group.objects.get_or_create(name=StaffGroup.RETURNS_DESK.value)
    user_without_company.groups.add(group)

    assert _href(DESK) in _nav(client.get(reverse("partner_portal:profile")))


def test_a_forum_moderator_nomination_shows_in_the_menu_at_once(client, company, buyer):
    client.force_login(buyer)
    assert _href(QUEUE) not in _nav(client.get(COMPANY))

    nomination = CategoryModerator.objects.create(
        category=CategoryFactory(), user=buyer, company=company
    )
    nominated = _nav(client.get(COMPANY))
    nomination.delete()

    assert _href(QUEUE) in nominated
    assert _href(QUEUE) not in _nav(client.get(COMPANY))


def test_the_basket_badge_is_counted_on_every_page(client, buyer, bolts):
    client.force_login(buyer)
    before = _nav(client.get(COMPANY))

    client.post(reverse("basket:add", kwargs={"pk": bolts.pk}), {"quantity": 3})
    after = _nav(client.get(COMPANY))

    assert "badge" not in before
    assert '<span class="badge text-bg-secondary">3</span>' in after
