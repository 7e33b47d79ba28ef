"""Truly concurrent requests against a live server on PostgreSQL: several
clients, released together by a barrier, each on its own connection, go for
one thing only one of them can have (the last pieces of an order line, the
last unit in stock, a budget, one approval, one offer, one Idempotency-Key).
Exactly one wins; the others get a clear answer, never a 500; the database
holds exactly what the winner did. On SQLite writers take turns, so these
prove nothing there and skip."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.urls import reverse
from oscar.core.loading import get_model

from contracts.models import Acceptance, Contract, ContractDocument, Offer, OfferVersion
from orders.models import Invoice, OrderApproval, OrderApprovalEvent
from orders.services import PAYMENT_ACCOUNT, checkout_place
from partner_portal.permissions import Role
from returns.models import ReturnLine, ReturnRequest
from returns.services import return_request_create
from tests.factories import MembershipFactory
from tests.factories.contracts import line, offer_sent_create, sales_user_create
from tests.factories.orders import (
    BudgetFactory,
    CompanyAccountFactory,
    DeliveryAddressFactory,
    basket_create,
    order_place,
    product_create,
)
from tests.ops.concurrency import ApiClient, Browser, fire, statuses

Order = get_model("order", "Order")
OrderLine = get_model("order", "Line")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [
    pytest.mark.concurrency,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite runs one writer at a time: no race to lose",
    ),
    # The live server's threads see only committed rows.
    pytest.mark.django_db(transaction=True),
]
CLIENTS = 6


@pytest.fixture(autouse=True)
def _private_files():
    """The PDFs the requests render are real files in the private storage,
    which outlives the test database."""
    yield
    for invoice in Invoice.objects.all():
        invoice.pdf.delete(save=False)
    for return_request in ReturnRequest.objects.all():
        return_request.label_pdf.delete(save=False)
    for version in OfferVersion.objects.exclude(pdf=""):
        version.pdf.delete(save=False)
    for document in ContractDocument.objects.all():
        document.file.delete(save=False)


@pytest.fixture
def ready(company):
    """Acme may order on account and has a delivery address."""
    CompanyAccountFactory(company=company, credit_limit=Decimal("100000"))
    return DeliveryAddressFactory(company=company)


def _members(company, role, count):
    return [
        MembershipFactory(
            company=company,
            role=role,
            user__email=f"{role}{index}@acme.example",
            user__first_name=f"Member{index}",
            user__last_name="Acme",
        ).user
        for index in range(count)
    ]


def _no_server_errors(answers):
    assert all(answer.status < 500 for answer in answers), [
        (answer.status, answer.body[:500]) for answer in answers
    ]


def test_the_last_pieces_of_an_order_line_are_returned_once(
    live_server, company, buyer, bolts, ready
):
    # Given a delivered order of 10 bolts of which 6 are already on a return,
    order = order_place(user=buyer, company=company, lines=[(bolts, 10)])
    for status in ("Processing", "Shipped", "Complete"):
        order.set_status(status)
    bolt_line = order.lines.get()
    return_request_create(
        company=company,
        user=buyer,
        order=order,
        quantities={bolt_line.pk: 6},
        reason="damaged",
        comment="",
        photos=[],
        submission_key="first",
    )
    body = {
        "order": order.number,
        "reason": "damaged",
        "lines": [{"order_line_id": bolt_line.pk, "quantity": 4}],
    }
    clients = [
        ApiClient(live_server.url, buyer, company=company) for _ in range(CLIENTS)
    ]

    # when several ERPs ask for the remaining 4 at the same moment,
    answers = fire([lambda c=c: c.post("/api/v1/returns/", body) for c in clients])

    # then one return gets them and every other request is told none are left.
    _no_server_errors(answers)
    assert statuses(answers) == [201] + [400] * (CLIENTS - 1)
    for answer in answers:
        if answer.status == 400:
            assert "already in a return" in answer.body
    returned = ReturnLine.objects.filter(order_line=bolt_line).aggregate(
        total=Sum("quantity")
    )["total"]
    assert returned == 10
    assert ReturnRequest.objects.filter(order=order).count() == 2


def test_the_last_unit_in_stock_is_sold_once(live_server, company, ready):
    # Given one unit left and several buyers who each want it,
    product = product_create(title="Last pump", sku="PUMP-LAST", price="80", stock=1)
    buyers = _members(company, Role.BUYER, CLIENTS)
    clients = [ApiClient(live_server.url, user, company=company) for user in buyers]
    body = {"lines": [{"sku": "PUMP-LAST", "quantity": 1}]}

    # when they order at the same moment,
    answers = fire([lambda c=c: c.post("/api/v1/orders/", body) for c in clients])

    # then one order is placed and the others hear that it cannot be ordered.
    _no_server_errors(answers)
    assert statuses(answers) == [201] + [400] * (CLIENTS - 1)
    for answer in answers:
        if answer.status == 400:
            # Refused by checkout's check under the lock, or already by the
            # line's check when the winner's allocation was committed first.
            assert (
                "Last pump cannot be ordered" in answer.body
                or "no stock available" in answer.body
            )
    assert OrderLine.objects.filter(product=product).count() == 1
    stock = StockRecord.objects.get(product=product)
    assert (stock.num_in_stock, stock.num_allocated) == (1, 1)


def test_a_budget_lets_one_of_several_fitting_orders_through(
    live_server, company, buyer, ready
):
    # Given a budget of 50.00 and orders of 41.65 each (35.00 + 19 % VAT),
    # each of which fits alone but no two together,
    BudgetFactory(company=company, buyer=buyer, monthly_amount=Decimal("50"))
    skus = [f"VALVE-{index}" for index in range(CLIENTS)]
    for sku in skus:
        # A product each, so that only the budget, not a stock row, is shared.
        product_create(title=f"Valve {sku}", sku=sku, price="35")
    clients = [
        ApiClient(live_server.url, buyer, company=company) for _ in range(CLIENTS)
    ]

    # when they are sent at the same moment,
    answers = fire(
        [
            lambda c=c, sku=sku: c.post(
                "/api/v1/orders/", {"lines": [{"sku": sku, "quantity": 1}]}
            )
            for c, sku in zip(clients, skus, strict=True)
        ]
    )

    # then one is placed and the others wait for an approver.
    _no_server_errors(answers)
    assert statuses(answers) == [201] + [202] * (CLIENTS - 1)
    placed = Order.objects.filter(company=company, user=buyer)
    assert placed.count() == 1
    assert placed.get().total_incl_tax == Decimal("41.65")
    assert OrderApproval.objects.filter(company=company).count() == CLIENTS - 1


def test_two_approvers_at_once_place_one_order(live_server, company, buyer, ready):
    # Given an order over the buyer's budget waiting for approval,
    BudgetFactory(company=company, buyer=buyer, monthly_amount=Decimal("10"))
    product = product_create(title="Pump", sku="PUMP-1", price="80")
    approval = checkout_place(
        basket=basket_create(user=buyer, company=company, lines=[(product, 1)]),
        user=buyer,
        company=company,
        address_id=ready.pk,
        po_number="PO-1",
        cost_centre="",
        payment_method=PAYMENT_ACCOUNT,
    ).approval
    approvers = _members(company, Role.APPROVER, CLIENTS)
    browsers = [Browser(live_server.url, user) for user in approvers]
    url = reverse("orders:approval_detail", args=[approval.pk])

    # when every approver approves it at the same moment,
    answers = fire(
        [
            lambda b=b: b.post(url, {"decision": "approve", "comment": ""})
            for b in browsers
        ]
    )

    # then one approval places the order; the others are told it was decided.
    _no_server_errors(answers)
    assert statuses(answers) == [302] + [400] * (CLIENTS - 1)
    winner = next(answer for answer in answers if answer.status == 302)
    assert winner.location.endswith(reverse("orders:approvals"))
    for answer in answers:
        if answer.status == 400:
            assert "This order was already approved." in answer.body
    approval.refresh_from_db()
    assert approval.status == OrderApproval.Status.APPROVED
    assert Order.objects.filter(company=company).count() == 1
    assert approval.order == Order.objects.get(company=company)
    assert (
        OrderApprovalEvent.objects.filter(
            approval=approval, status=OrderApproval.Status.APPROVED
        ).count()
        == 1
    )


def test_an_offer_accepted_in_several_sessions_makes_one_contract(
    live_server, company, bolts
):
    # Given a sent offer and several colleagues who may accept it,
    sales = sales_user_create(email="sales@portal.example")
    offer = offer_sent_create(
        company=company,
        sales=sales,
        lines=[line("Hex bolts", product=bolts, sku="BOLT-M8-100", quantity=100)],
    )
    admins = _members(company, Role.COMPANY_ADMIN, CLIENTS)
    browsers = [Browser(live_server.url, user) for user in admins]
    url = reverse("contracts:offer_accept", args=[offer.pk, 1])

    # when they all accept at the same moment,
    answers = fire(
        [
            lambda b=b, user=user: b.post(
                url, {"typed_name": user.get_full_name(), "terms": "on"}
            )
            for b, user in zip(browsers, admins, strict=True)
        ]
    )

    # then one acceptance makes the contract; the others are sent back to the
    # offer (which says it was already accepted).
    _no_server_errors(answers)
    assert statuses(answers) == [302] * CLIENTS
    locations = sorted(answer.location for answer in answers)
    certificate = reverse("contracts:certificate", args=[offer.pk])
    detail = reverse("contracts:offer_detail", args=[offer.pk])
    assert [loc.endswith(certificate) for loc in locations].count(True) == 1
    assert [loc.endswith(detail) for loc in locations].count(True) == CLIENTS - 1
    assert Acceptance.objects.filter(version__offer=offer).count() == 1
    assert Contract.objects.filter(company=company).count() == 1
    offer.refresh_from_db()
    assert offer.status == Offer.Status.ACCEPTED


def test_one_idempotency_key_sent_at_once_places_one_order(
    live_server, company, buyer, bolts, ready
):
    # Given an ERP that retries an order at once with the same key,
    client = ApiClient(live_server.url, buyer, company=company)
    body = {"po_number": "ERP-4711", "lines": [{"sku": "BOLT-M8-100", "quantity": 2}]}

    # when the retries arrive together,
    answers = fire(
        [
            lambda: client.post("/api/v1/orders/", body, idempotency_key="erp-4711")
            for _ in range(CLIENTS)
        ]
    )

    # then one order is placed; a retry gets its answer again or is told to
    # retry (409), never a second order.
    _no_server_errors(answers)
    assert set(statuses(answers)) <= {201, 409}
    created = [answer.json for answer in answers if answer.status == 201]
    assert created
    assert all(payload == created[0] for payload in created)
    assert Order.objects.filter(purchase_order_number="ERP-4711").count() == 1
