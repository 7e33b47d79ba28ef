"""Who may use the shop under /shop/: members of an active company and our
own staff. A deactivated member, or a member of a deactivated company, loses
the catalogue, the search, the basket and adding to it, like the rest of the
portal; company prices stay with their company."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from partner_portal.permissions import Role
from tests.factories import CompanyFactory, MembershipFactory, StaffUserFactory
from tests.factories.orders import CompanyPriceFactory, order_place

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")

NO_COMPANY = "/portal/no-company/"


def _pages(product):
    return [
        ("get", reverse("catalogue:index"), {}),
        ("get", product.get_absolute_url(), {}),
        ("get", reverse("search:search"), {"q": "bolt"}),
        ("get", reverse("basket:summary"), {}),
        ("post", reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2}),
    ]


@pytest.fixture
def deactivated_member(company):
    return MembershipFactory(
        company=company,
        role=Role.BUYER,
        is_active=False,
        user__email="gone@acme.example",
    ).user


@pytest.fixture
def member_of_deactivated_company(db):
    closed = CompanyFactory(name="Closed Ltd", slug="closed", is_active=False)
    return MembershipFactory(
        company=closed, role=Role.BUYER, user__email="buyer@closed.example"
    ).user


@pytest.mark.parametrize(
    "persona", ["deactivated_member", "member_of_deactivated_company"]
)
@pytest.mark.parametrize("index", range(5))
def test_without_an_active_company_the_shop_is_closed(
    client, request, persona, index, bolts
):
    # Given someone whose only membership or company is deactivated
    user = request.getfixturevalue(persona)
    client.force_login(user)
    method, url, data = _pages(bolts)[index]

    # When they open a shop page or add to the basket
    response = getattr(client, method)(url, data)

    # Then they are sent to the page saying whom to contact, and no basket
    # line was written
    assert response.status_code == 302
    assert response.url == NO_COMPANY
    assert not Line.objects.filter(basket__owner=user).exists()


@pytest.mark.parametrize("index", range(5))
def test_visitors_are_sent_to_the_login(client, index, bolts):
    # Given a visitor
    method, url, data = _pages(bolts)[index]

    # When they open a shop page
    response = getattr(client, method)(url, data)

    # Then they log in first, and nothing was added
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")
    assert not Line.objects.exists()


@pytest.mark.parametrize("index", range(5))
def test_active_members_use_the_shop(client, buyer, index, bolts):
    # Given an active buyer
    client.force_login(buyer)
    method, url, data = _pages(bolts)[index]

    # When they open a shop page or add to the basket
    response = getattr(client, method)(url, data)

    # Then the page opens (adding redirects back with the line written)
    if method == "post":
        assert response.status_code == 302
        assert Line.objects.get(basket__owner=buyer).quantity == 2
    else:
        assert response.status_code == 200


def test_staff_keep_the_shop(client, bolts):
    # Given one of our staff, in no company
    staff = StaffUserFactory(email="sales@portal.example")
    client.force_login(staff)

    # When they open the catalogue and the product
    catalogue = client.get(reverse("catalogue:index"))
    product = client.get(bolts.get_absolute_url())

    # Then both open, at list prices
    assert catalogue.status_code == 200
    assert product.status_code == 200
    assert "€20.00" in product.content.decode()


def test_signed_in_user_without_company_is_sent_to_the_no_company_page(
    client, user_without_company, bolts
):
    # Given a signed-in user who belongs to no company and is not staff
    client.force_login(user_without_company)

    # When they open the catalogue
    response = client.get(reverse("catalogue:index"))

    # Then they learn whom to ask
    assert response.status_code == 302
    assert response.url == NO_COMPANY


def test_dashboard_and_login_redirects_keep_their_own_doors(client, db):
    # Given a visitor
    # When they open the shop's login redirect
    response = client.get("/shop/accounts/login/?next=/shop/basket/")

    # Then it still leads to the portal's login with the same next page
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/shop/basket/"


def test_company_prices_and_orders_stay_with_their_company(
    client, buyer, other_buyer, company, bolts
):
    # Given Acme's own bolt price and an Acme order
    CompanyPriceFactory(company=company, product=bolts, price="16.50")
    order = order_place(user=buyer, company=company, lines=[(bolts, 1)])
    client.force_login(other_buyer)

    # When Globex's buyer opens the bolts and Acme's order
    product = client.get(bolts.get_absolute_url()).content.decode()
    response = client.get(reverse("orders:detail", args=[order.number]))

    # Then they see the list price, not Acme's, and Acme's order is not found
    assert "€20.00" in product
    assert "€16.50" not in product
    assert response.status_code == 404
