"""An order that would take a buyer past their monthly budget is not placed:
it waits for approval with its basket frozen, and the company's approvers get
a mail. Orders within the budget (or without one) are placed at once."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from orders.models import OrderApproval, OrderApprovalEvent
from orders.services import checkout_place
from tests.factories.orders import BudgetFactory, basket_create, order_place
from tests.helpers import messages_of

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
CHECKOUT = reverse("orders:checkout")


@pytest.fixture
def basket(buyer, company, acme_bolt_price, bolts):
    """Two boxes of bolts at Acme's price: 39.27 gross."""
    return basket_create(user=buyer, company=company, lines=[(bolts, 2)])


def _checkout(client, basket, address, cost_centre="CC-100"):
    return client.post(
        CHECKOUT,
        {
            "basket": basket.pk,
            "address": address.pk,
            "purchase_order_number": "PO-BIG-1",
            "cost_centre": cost_centre,
            "payment_method": "account",
        },
    )


def test_order_over_budget_waits_for_approval_with_a_frozen_basket(
    client,
    buyer,
    approver,
    company_admin,
    procurement,
    company,
    basket,
    address,
    account,
    buyer_budget,
    django_capture_on_commit_callbacks,
):
    client.force_login(buyer)

    with django_capture_on_commit_callbacks(execute=True):
        response = _checkout(client, basket, address)

    approval = OrderApproval.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("orders:approval_detail", args=[approval.pk])
    assert messages_of(response) == [
        "This order exceeds your monthly budget, so it was sent to your approvers. "
        "You will get a mail when they decide."
    ]
    assert (
        approval.company,
        approval.requested_by,
        approval.status,
        approval.total,
        approval.budget_left,
        approval.purchase_order_number,
        approval.cost_centre,
        approval.delivery_address,
        approval.payment_method,
        approval.order,
    ) == (
        company,
        buyer,
        OrderApproval.Status.PENDING,
        Decimal("39.27"),
        Decimal("30.00"),
        "PO-BIG-1",
        "CC-100",
        address,
        "account",
        None,
    )
    assert list(OrderApprovalEvent.objects.values_list("status", "user")) == [
        ("pending", buyer.pk)
    ]
    basket.refresh_from_db()
    assert (approval.basket, basket.status) == (basket, Basket.FROZEN)
    assert Order.objects.count() == 0


def test_approvers_and_company_admins_get_one_mail_each(
    client,
    buyer,
    approver,
    company_admin,
    procurement,
    basket,
    address,
    account,
    buyer_budget,
    django_capture_on_commit_callbacks,
):
    client.force_login(buyer)

    with django_capture_on_commit_callbacks(execute=True):
        _checkout(client, basket, address)

    approval = OrderApproval.objects.get()
    assert sorted(m.to for m in mail.outbox) == [
        ["admin@acme.example"],
        ["approver@acme.example"],
    ]
    for message in mail.outbox:
        assert message.subject == "An order waits for your approval"
        assert message.body == (
            "Bruno Buyer placed an order of 39.27 EUR that exceeds their monthly "
            "budget. It waits for your approval:\n\n"
            f"http://127.0.0.1:8000/portal/orders/approvals/{approval.pk}/\n\n"
        )


def test_order_within_the_budget_is_placed_without_approval(
    client,
    buyer,
    approver,
    company,
    basket,
    address,
    account,
    invoice_files,
    django_capture_on_commit_callbacks,
):
    BudgetFactory(company=company, buyer=buyer, monthly_amount=Decimal("40.00"))
    client.force_login(buyer)

    with django_capture_on_commit_callbacks(execute=True):
        response = _checkout(client, basket, address)

    order = Order.objects.get()
    assert response.url == reverse("orders:detail", args=[order.number])
    assert OrderApproval.objects.count() == 0
    # Only the buyer's order confirmation: no approver is bothered.
    assert [message.to for message in mail.outbox] == [["buyer@acme.example"]]


def test_a_cost_centre_budget_holds_only_for_that_cost_centre(
    client,
    buyer,
    company,
    basket,
    address,
    account,
    django_capture_on_commit_callbacks,
):
    # Given only cost centre CC-200 is limited, to 10.00
    BudgetFactory(
        company=company,
        buyer=buyer,
        cost_centre="CC-200",
        monthly_amount=Decimal("10.00"),
    )
    client.force_login(buyer)

    # When the buyer orders on CC-200
    response = _checkout(client, basket, address, cost_centre="CC-200")

    # Then the order waits for approval
    approval = OrderApproval.objects.get()
    assert response.url == reverse("orders:approval_detail", args=[approval.pk])
    assert (approval.cost_centre, approval.budget_left) == ("CC-200", Decimal("10"))


def test_orders_of_this_month_count_against_the_budget(
    buyer, company, bolts, acme_bolt_price, address, account
):
    # Given a budget of 50.00 of which an order already used 39.27
    BudgetFactory(company=company, buyer=buyer, monthly_amount=Decimal("50.00"))
    order_place(user=buyer, company=company, lines=[(bolts, 2)])

    # When the buyer orders one more box (19.64)
    result = checkout_place(
        basket=basket_create(user=buyer, company=company, lines=[(bolts, 1)]),
        user=buyer,
        company=company,
        address_id=address.pk,
        po_number="",
        cost_centre="",
        payment_method="account",
    )

    # Then it waits: only 10.73 was left
    assert result.order is None
    assert (result.approval.total, result.approval.budget_left) == (
        Decimal("19.64"),
        Decimal("10.73"),
    )
    assert Order.objects.count() == 1
