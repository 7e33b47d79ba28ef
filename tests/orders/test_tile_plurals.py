"""Counts on start-page tiles use the singular for one and the plural otherwise
(never "1 orders await your approval")."""

from decimal import Decimal

from django.urls import reverse

from orders.services import checkout_place
from tests.factories.orders import BudgetFactory, basket_create

START = reverse("partner_portal:start")


def _request_approval(*, user, company, product, address):
    BudgetFactory(company=company, buyer=user, monthly_amount=Decimal("1"))
    checkout_place(
        basket=basket_create(user=user, company=company, lines=[(product, 2)]),
        user=user,
        company=company,
        address_id=address.pk,
        po_number="",
        cost_centre="",
        payment_method="account",
    )


def _tile(response, key):
    return next(
        context for tile, context in response.context["tiles"] if tile.key == key
    )


def test_one_order_awaiting_approval_is_singular(
    client, approver, buyer, company, bolts, address, account
):
    _request_approval(user=buyer, company=company, product=bolts, address=address)
    client.force_login(approver)

    response = client.get(START)

    context = _tile(response, "orders.approvals")
    assert (context["count"], str(context["count_label"])) == (
        1,
        "order awaits your approval",
    )
    assert "order awaits your approval" in response.text
    assert "orders await your approval" not in response.text


def test_two_orders_awaiting_approval_are_plural(
    client, approver, buyer, procurement, company, bolts, address, account
):
    for user in (buyer, procurement):
        _request_approval(user=user, company=company, product=bolts, address=address)
    client.force_login(approver)

    response = client.get(START)

    context = _tile(response, "orders.approvals")
    assert (context["count"], str(context["count_label"])) == (
        2,
        "orders await your approval",
    )


def test_colleague_counts_follow_the_number(client, company_admin, buyer):
    client.force_login(company_admin)

    context = _tile(client.get(START), "colleagues")

    # company_admin and buyer: two colleagues, no open invitation
    assert (context["count"], str(context["count_label"])) == (2, "active colleagues")
    assert (context["secondary"], str(context["secondary_label"])) == (
        0,
        "open invitations",
    )
