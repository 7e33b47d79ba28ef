"""The start page's ordering tiles: a buyer sees their orders and their
budget use this month; an approver sees how many orders await them."""

from decimal import Decimal

from django.urls import reverse

from orders.models import OrderApproval
from orders.services import checkout_place
from tests.factories.orders import (
    BudgetFactory,
    CompanyAccountFactory,
    basket_create,
    order_place,
)

START = reverse("partner_portal:start")


def _order_tiles(response):
    """Key -> (title, context) of the ordering tiles on the page."""
    return {
        tile.key: (str(tile.title), context)
        for tile, context in response.context["tiles"]
        if tile.key.startswith("orders.")
    }


def _request_approval(*, user, company, product, address):
    return checkout_place(
        basket=basket_create(user=user, company=company, lines=[(product, 2)]),
        user=user,
        company=company,
        address_id=address.pk,
        po_number="",
        cost_centre="",
        payment_method="account",
    ).approval


def test_buyer_sees_my_orders_and_budget_used_this_month(
    client, buyer, company, bolts, address, account
):
    # Given a budget of 100.00 and two orders (23.80 each), one of them shipped
    BudgetFactory(company=company, buyer=buyer, monthly_amount=Decimal("100.00"))
    order_place(user=buyer, company=company, lines=[(bolts, 1)])
    shipped = order_place(user=buyer, company=company, lines=[(bolts, 1)])
    shipped.set_status("Processing")
    shipped.set_status("Shipped")
    shipped.set_status("Complete")
    client.force_login(buyer)

    # When the buyer opens the start page
    response = client.get(START)

    # Then they see their open orders and their budget use
    tiles = _order_tiles(response)
    assert set(tiles) == {"orders.open", "orders.budget"}
    title, context = tiles["orders.open"]
    assert (title, context["count"], context["secondary"]) == ("My orders", 1, 0)
    title, context = tiles["orders.budget"]
    assert title == "Budget used this month"
    [use] = context["uses"]
    assert (use.spent, use.budget.monthly_amount, use.percent) == (
        Decimal("47.60"),
        Decimal("100.00"),
        47,
    )
    assert "My orders" in response.text
    assert "Budget used this month" in response.text
    assert "€47.60 / €100.00" in response.text
    assert "Awaiting my approval" not in response.text


def test_buyer_without_a_budget_is_told_there_is_no_limit(client, buyer):
    client.force_login(buyer)

    response = client.get(START)

    assert _order_tiles(response)["orders.budget"][1]["uses"] == []
    assert "No budget limit is set for you." in response.text


def test_buyer_sees_their_orders_waiting_for_approval(
    client, buyer, company, bolts, address, account, buyer_budget
):
    _request_approval(user=buyer, company=company, product=bolts, address=address)
    client.force_login(buyer)

    response = client.get(START)

    context = _order_tiles(response)["orders.open"][1]
    assert (context["count"], context["secondary"]) == (0, 1)
    # The tile is lazy: its body comes from its own URL.
    body = client.get(reverse("partner_portal:tile", args=["orders.open"]) + "?body=1")
    assert "1 waiting for approval" in body.text


def test_approver_sees_the_number_of_orders_awaiting_approval(
    client, approver, buyer, procurement, company, bolts, address, account
):
    # Given two pending approvals of two buyers
    for user in (buyer, procurement):
        BudgetFactory(company=company, buyer=user, monthly_amount=Decimal("1"))
        _request_approval(user=user, company=company, product=bolts, address=address)
    client.force_login(approver)

    response = client.get(START)

    tiles = _order_tiles(response)
    assert set(tiles) == {"orders.open", "orders.approvals"}
    title, context = tiles["orders.approvals"]
    assert (title, context["count"], context["url"]) == (
        "Awaiting my approval",
        2,
        reverse("orders:approvals"),
    )
    assert '<span class="tile-count">2</span>' in response.text


def test_approvals_of_another_company_and_decided_ones_are_not_counted(
    client,
    approver,
    buyer,
    company,
    other_company,
    other_buyer,
    other_address,
    bolts,
    address,
    account,
    buyer_budget,
):
    decided = _request_approval(
        user=buyer, company=company, product=bolts, address=address
    )
    OrderApproval.objects.filter(pk=decided.pk).update(
        status=OrderApproval.Status.REJECTED
    )
    CompanyAccountFactory(company=other_company)
    BudgetFactory(company=other_company, buyer=other_buyer, monthly_amount=0)
    _request_approval(
        user=other_buyer, company=other_company, product=bolts, address=other_address
    )
    client.force_login(approver)

    response = client.get(START)

    assert _order_tiles(response)["orders.approvals"][1]["count"] == 0


def test_own_pending_orders_are_not_counted_for_the_approver(
    client, company_admin, company, bolts, address, account
):
    # Company admins may both order and approve
    user = company_admin
    BudgetFactory(company=company, buyer=user, monthly_amount=Decimal("1"))
    _request_approval(user=user, company=company, product=bolts, address=address)
    client.force_login(user)

    response = client.get(START)

    assert _order_tiles(response)["orders.approvals"][1]["count"] == 0
