"""An approver approves (the order is placed, once) or rejects with a comment
(the buyer gets the basket back); nobody decides on their own order, and
another company never sees the approval."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from orders.models import CompanyAccount, OrderApproval, OrderApprovalEvent
from orders.services import checkout_place
from partner_portal.permissions import Role
from tests.factories import MembershipFactory
from tests.factories.orders import (
    BudgetFactory,
    CompanyAccountFactory,
    basket_create,
    order_place,
)
from tests.helpers import messages_of, snapshot

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")
Order = get_model("order", "Order")
APPROVALS = reverse("orders:approvals")


def _request_approval(*, user, company, product, address):
    result = checkout_place(
        basket=basket_create(user=user, company=company, lines=[(product, 2)]),
        user=user,
        company=company,
        address_id=address.pk,
        po_number="PO-BIG-1",
        cost_centre="CC-100",
        payment_method="account",
    )
    return result.approval


@pytest.fixture
def pending(buyer, company, bolts, acme_bolt_price, address, account, buyer_budget):
    """The buyer's order of 39.27 against a budget of 30.00."""
    return _request_approval(
        user=buyer, company=company, product=bolts, address=address
    )


def _url(approval):
    return reverse("orders:approval_detail", args=[approval.pk])


def _database():
    # Oscar opens an empty basket for any member who views a page; that is
    # not a change worth the name, so only baskets with lines are compared.
    return snapshot(
        Order,
        OrderApproval,
        OrderApprovalEvent,
        Basket.objects.filter(lines__isnull=False).distinct(),
        Line,
    )


def test_approver_approves_and_exactly_one_order_is_placed(
    client,
    approver,
    buyer,
    company,
    pending,
    invoice_files,
    django_capture_on_commit_callbacks,
):
    client.force_login(approver)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(pending), {"decision": "approve", "comment": "Fine this time"}
        )

    order = Order.objects.get()
    pending.refresh_from_db()
    assert response.status_code == 302
    assert response.url == APPROVALS
    assert messages_of(response) == [f"Approved: order {order.number} is placed."]
    assert (
        pending.status,
        pending.order,
        pending.decided_by,
        pending.comment,
    ) == (OrderApproval.Status.APPROVED, order, approver, "Fine this time")
    assert (
        order.user,
        order.company,
        order.purchase_order_number,
        order.cost_centre,
        order.total_incl_tax,
    ) == (buyer, company, "PO-BIG-1", "CC-100", Decimal("39.27"))
    assert pending.basket.status == Basket.SUBMITTED
    assert list(
        pending.events.values_list("status", "user", "comment").order_by("pk")
    ) == [("pending", buyer.pk, ""), ("approved", approver.pk, "Fine this time")]
    decided = [m for m in mail.outbox if m.subject == "Your order was approved"]
    assert [m.to for m in decided] == [["buyer@acme.example"]]
    assert f"approved and placed as order {order.number}." in decided[0].body


def test_a_second_approval_is_refused_and_places_nothing_more(
    client, approver, company_admin, pending
):
    client.force_login(approver)
    client.post(_url(pending), {"decision": "approve"})
    before = _database()
    client.force_login(company_admin)

    response = client.post(_url(pending), {"decision": "approve"})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "This order was already approved."
    ]
    assert Order.objects.count() == 1
    assert _database() == before


def test_approval_beyond_the_credit_limit_is_refused_and_keeps_waiting(
    client, approver, company, pending
):
    # Given the company's credit was lowered after the buyer ordered
    CompanyAccount.objects.filter(company=company).update(credit_limit=Decimal("10"))
    client.force_login(approver)
    before = _database()

    # When the approver approves
    response = client.post(_url(pending), {"decision": "approve"})

    # Then nothing is placed and the order still waits
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "This order (39.27) exceeds your company's open credit for orders on "
        "account (10.00 of 10.00). Pay by card, or ask us to raise the limit."
    ]
    assert _database() == before


def test_the_approver_sees_the_approved_order_but_no_other_order_of_the_buyer(
    client, approver, buyer, company, bolts, pending
):
    unrelated = order_place(user=buyer, company=company, lines=[(bolts, 1)])
    client.force_login(approver)
    client.post(_url(pending), {"decision": "approve"})
    pending.refresh_from_db()

    approved = client.get(reverse("orders:detail", args=[pending.order.number]))
    other = client.get(reverse("orders:detail", args=[unrelated.number]))

    assert (approved.status_code, other.status_code) == (200, 404)


def test_a_buyer_cannot_decide_on_their_own_order(client, buyer, pending):
    client.force_login(buyer)
    before = _database()

    response = client.post(_url(pending), {"decision": "approve"})

    assert response.status_code == 403
    assert _database() == before


def test_an_approver_who_ordered_cannot_approve_their_own_order(
    client, company, company_admin, bolts, address, account
):
    # Given the company admin (who may approve) ordered over their own budget
    BudgetFactory(company=company, buyer=company_admin, monthly_amount=Decimal("1"))
    approval = _request_approval(
        user=company_admin, company=company, product=bolts, address=address
    )
    client.force_login(company_admin)
    before = _database()

    # When they try to approve it
    response = client.post(_url(approval), {"decision": "approve"})

    # Then they are refused, and no decision buttons are shown to them
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "You cannot approve or reject your own order."
    ]
    assert response.context["can_decide"] is False
    assert _database() == before


def test_rejecting_without_a_comment_is_refused(client, approver, pending):
    client.force_login(approver)
    before = _database()

    response = client.post(_url(pending), {"decision": "reject", "comment": "  "})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Please say why you reject the order."
    ]
    assert _database() == before


def test_rejecting_gives_the_basket_back_and_mails_the_buyer(
    client, approver, buyer, pending, django_capture_on_commit_callbacks
):
    client.force_login(approver)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(pending), {"decision": "reject", "comment": "Order half of it"}
        )

    pending.refresh_from_db()
    assert response.status_code == 302
    assert messages_of(response) == ["Rejected; the buyer has been told why."]
    assert (pending.status, pending.comment, pending.order) == (
        OrderApproval.Status.REJECTED,
        "Order half of it",
        None,
    )
    assert pending.basket.status == Basket.OPEN
    assert Order.objects.count() == 0
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["buyer@acme.example"], "Your order was rejected")
    ]
    assert "Comment: Order half of it" in mail.outbox[0].body

    # And the buyer finds the lines in their basket again
    client.force_login(buyer)
    basket = client.get(reverse("basket:summary")).context["basket"]
    assert [(line.product.title, line.quantity) for line in basket.all_lines()] == [
        ("Hex bolt M8 (100)", 2)
    ]


@pytest.mark.parametrize("outsider", ["other_buyer", "other_admin"])
def test_another_company_can_neither_see_nor_decide_the_approval(
    client, request, pending, outsider
):
    user = request.getfixturevalue(outsider)
    client.force_login(user)
    before = _database()

    seen = client.get(_url(pending))
    decided = client.post(_url(pending), {"decision": "approve"})
    listed = client.get(APPROVALS, {"status": "all"})

    assert (seen.status_code, decided.status_code) == (404, 404)
    assert list(listed.context["approvals"]) == []
    assert _database() == before


def test_approver_lists_the_companys_pending_approvals(
    client, approver, pending, other_company, other_buyer, other_address, gloves
):
    # Given Globex has a pending approval too
    BudgetFactory(company=other_company, buyer=other_buyer, monthly_amount=0)
    CompanyAccountFactory(company=other_company)
    _request_approval(
        user=other_buyer, company=other_company, product=gloves, address=other_address
    )
    client.force_login(approver)

    response = client.get(APPROVALS)

    assert response.status_code == 200
    assert list(response.context["approvals"]) == [pending]
    assert response.context["can_approve"] is True


def test_a_colleague_without_approval_rights_does_not_see_others_requests(
    client, company, pending
):
    colleague = MembershipFactory(company=company, role=Role.BUYER).user
    client.force_login(colleague)

    listed = client.get(APPROVALS, {"status": "all"})
    seen = client.get(_url(pending))

    assert list(listed.context["approvals"]) == []
    assert seen.status_code == 404
