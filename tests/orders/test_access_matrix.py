"""Who may open which ordering URL: every named URL in the `orders` namespace,
for a visitor, a member of another company, a member missing the capability
(or, where every role has it, a colleague the object is not shown to), and
someone allowed.

A new named URL in `orders` fails `test_every_named_url_is_in_the_matrix`
until it has a row here. Every denial also checks that Acme's ordering data
did not change.
"""

import hashlib
import hmac
import json
import time
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from orders.models import (
    Budget,
    CompanyAccount,
    CompanyPrice,
    Invoice,
    OrderApproval,
    OrderApprovalEvent,
    StripeEvent,
)
from orders.services import checkout_place
from partner_portal.permissions import Role, StaffGroup
from partner_portal.staff_changes import StaffChange
from tests.factories import (
    CompanyFactory,
    MembershipFactory,
    StaffUserFactory,
    UserFactory,
)
from tests.factories.orders import (
    BudgetFactory,
    CompanyAccountFactory,
    DeliveryAddressFactory,
    basket_create,
    order_place,
    product_create,
)
from tests.helpers import snapshot
from tests.matrix import (
    FORBIDDEN,
    GO_NO_COMPANY,
    LOGIN,
    NOT_FOUND,
    OK,
    Expect,
    Row,
    matrix_tests,
)

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")
Order = get_model("order", "Order")

BASKET = "/shop/basket/"


def _company(world):
    return {"company_pk": world.company.pk}


def _price(world):
    return {"company_pk": world.company.pk, "pk": world.nut_price.pk}


def _prices_page(world):
    return f"/portal/orders/staff/companies/{world.company.pk}/prices/"


def _sales_rows(name, kwargs, *, method="get", data=lambda w: {}, done=None):
    """A staff page: visitors log in; members (the buyer, another company's
    admin) and support staff get 403; sales staff use it."""
    allowed = OK if done is None else Expect(302, done, changes=True)
    return [
        Row(
            name,
            method=method,
            kwargs=kwargs,
            data=data,
            anonymous=LOGIN,
            other_company=FORBIDDEN,
            missing_capability=("support", FORBIDDEN),
            allowed=("sales", allowed),
        ),
        Row(
            name,
            method=method,
            kwargs=kwargs,
            data=data,
            missing_capability=("buyer", FORBIDDEN),
            label="-buyer",
        ),
    ]


APPROVALS = "/portal/orders/approvals/"
BUDGETS = "/portal/orders/budgets/"
WEBHOOK_SECRET = "whsec_matrix"
STRIPE = {
    "PORTAL_STRIPE_SECRET_KEY": "sk_test_matrix",
    "PORTAL_STRIPE_PUBLISHABLE_KEY": "pk_test_matrix",
    "PORTAL_STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
}


def _order(world):
    return {"number": world.order.number}


def _approval(world):
    return {"pk": world.approval.pk}


def _card_order(world):
    return {"number": world.card_order.number}


def _card_order_page(world):
    return reverse("orders:detail", args=[world.card_order.number])


def _stripe_event(world, *, signed=True):
    """An event the portal does not act on, signed as Stripe signs it."""
    body = json.dumps(
        {
            "id": "evt_matrix",
            "object": "event",
            "type": "customer.created",
            "data": {"object": {"id": "cus_matrix", "object": "customer"}},
        }
    ).encode()
    timestamp = int(time.time())
    digest = hmac.new(
        WEBHOOK_SECRET.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    headers = {"Stripe-Signature": f"t={timestamp},v1={digest}"} if signed else {}
    return body, headers


def _checkout_form(world):
    return {
        "basket": world.basket.pk,
        "address": world.address.pk,
        "purchase_order_number": "PO-MATRIX",
        "cost_centre": "",
        "payment_method": "account",
    }


MATRIX = [
    Row(
        "orders:list",
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("no_company", GO_NO_COMPANY),
        allowed=("buyer", OK),
    ),
    Row(
        "orders:export",
        kwargs=lambda w: {"fmt": "csv"},
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("no_company", GO_NO_COMPANY),
        allowed=("buyer", OK),
        label="-csv",
    ),
    Row(
        "orders:export",
        kwargs=lambda w: {"fmt": "xlsx"},
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("no_company", GO_NO_COMPANY),
        allowed=("procurement", OK),
        label="-xlsx",
    ),
    Row(
        "orders:checkout",
        anonymous=LOGIN,
        # Globex's admin has an empty basket of their own.
        other_company=Expect(302, BASKET),
        missing_capability=("approver", FORBIDDEN),
        allowed=("buyer", OK),
    ),
    Row(
        "orders:checkout",
        method="post",
        data=_checkout_form,
        anonymous=LOGIN,
        # Acme's basket and address are not Globex's to use: the form refuses.
        other_company=Expect(400),
        missing_capability=("approver", FORBIDDEN),
        allowed=("buyer", Expect(302, changes=True)),
    ),
    Row(
        "orders:quick_order",
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("approver", FORBIDDEN),
        allowed=("buyer", OK),
    ),
    Row(
        "orders:quick_order",
        method="post",
        data=lambda w: {"lines": "BOLT-M8-100, 1"},
        anonymous=LOGIN,
        # Into Globex's own basket: Acme's data stays as it was.
        other_company=Expect(302, BASKET),
        missing_capability=("approver", FORBIDDEN),
        allowed=("buyer", Expect(302, BASKET, changes=True)),
    ),
    Row(
        "orders:approvals",
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("no_company", GO_NO_COMPANY),
        allowed=("approver", OK),
    ),
    Row(
        "orders:approval_detail",
        kwargs=_approval,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        # Every role may see approvals, but a buyer only their own.
        missing_capability=("colleague", NOT_FOUND),
        allowed=("approver", OK),
    ),
    Row(
        "orders:approval_detail",
        kwargs=_approval,
        allowed=("buyer", OK),
        label="-requester",
    ),
    Row(
        "orders:approval_detail",
        method="post",
        kwargs=_approval,
        data=lambda w: {"decision": "approve", "comment": ""},
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        # The requester may see it but never decide.
        missing_capability=("buyer", FORBIDDEN),
        allowed=("approver", Expect(302, APPROVALS, changes=True)),
    ),
    Row(
        "orders:budgets",
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("admin", OK),
    ),
    Row(
        "orders:budgets",
        method="post",
        data=lambda w: {"buyer": w.buyer.pk, "monthly_amount": "500"},
        anonymous=LOGIN,
        # Acme's buyer is not among Globex's colleagues: the form refuses.
        other_company=Expect(400),
        missing_capability=("procurement", FORBIDDEN),
        allowed=("admin", Expect(302, BUDGETS, changes=True)),
    ),
    Row(
        "orders:budget_delete",
        method="post",
        kwargs=lambda w: {"pk": w.budget.pk},
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("admin", Expect(302, BUDGETS, changes=True)),
    ),
    Row(
        "orders:budget_delete",
        kwargs=lambda w: {"pk": w.budget.pk},
        allowed=("admin", Expect(405)),
    ),
    Row(
        "orders:pay",
        kwargs=_card_order,
        settings=STRIPE,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("colleague", NOT_FOUND),
        # Paid already: the page goes to the order without asking Stripe.
        allowed=("buyer", Expect(302, _card_order_page)),
    ),
    Row(
        "orders:pay",
        kwargs=_order,
        settings=STRIPE,
        allowed=("buyer", NOT_FOUND),
        label="-order-on-account",
    ),
    Row(
        "orders:pay",
        kwargs=_card_order,
        allowed=("buyer", NOT_FOUND),
        label="-without-stripe-keys",
    ),
    # Stripe's webhook has no login: the signature is the credential.
    Row(
        "orders:stripe_webhook",
        method="post",
        settings=STRIPE,
        raw=_stripe_event,
        anonymous=Expect(200),
        other_company=Expect(200),
        label="-signed",
    ),
    Row(
        "orders:stripe_webhook",
        method="post",
        settings=STRIPE,
        raw=lambda w: _stripe_event(w, signed=False),
        anonymous=Expect(400),
        other_company=Expect(400),
        label="-unsigned",
    ),
    Row("orders:stripe_webhook", anonymous=Expect(405), label="-get"),
    Row(
        "orders:detail",
        kwargs=_order,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        # Every role may see orders, but a buyer only their own.
        missing_capability=("colleague", NOT_FOUND),
        allowed=("buyer", OK),
    ),
    Row(
        "orders:detail",
        kwargs=_order,
        allowed=("procurement", OK),
        label="-procurement",
    ),
    Row(
        "orders:reorder",
        method="post",
        kwargs=_order,
        data=lambda w: {"scope": "all"},
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("approver", FORBIDDEN),
        allowed=("buyer", Expect(302, BASKET, changes=True)),
    ),
    Row(
        "orders:invoice",
        kwargs=_order,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("colleague", NOT_FOUND),
        allowed=("buyer", OK),
    ),
    # Sales staff keep company prices and credit (not the Django admin).
    *_sales_rows("orders:staff_company_prices", _company),
    *_sales_rows(
        "orders:staff_company_prices",
        _company,
        method="post",
        data=lambda w: {"sku": "NUT-M8", "price": "4.10"},
        done=_prices_page,
    ),
    *_sales_rows("orders:staff_company_price_edit", _price),
    *_sales_rows(
        "orders:staff_company_price_edit",
        _price,
        method="post",
        data=lambda w: {"price": "3.90"},
        done=_prices_page,
    ),
    *_sales_rows(
        "orders:staff_company_price_delete",
        _price,
        method="post",
        done=_prices_page,
    ),
    *_sales_rows("orders:staff_company_account", _company),
    *_sales_rows(
        "orders:staff_company_account",
        _company,
        method="post",
        data=lambda w: {"credit_limit": "2500.00", "payment_terms_days": "14"},
        done=lambda w: f"/portal/orders/staff/companies/{w.company.pk}/account/",
    ),
]


@pytest.fixture
def world(db):
    """Acme with an admin, a buyer, a colleague buyer, procurement and an
    approver; the buyer has an order with its invoice, a pending approval on
    a cost-centre budget and bolts in the basket. Globex has its own admin
    and address. Every Acme member already has an open basket."""
    company = CompanyFactory(name="Acme Industrial GmbH")
    users = {
        persona: MembershipFactory(company=company, role=role).user
        for persona, role in [
            ("admin", Role.COMPANY_ADMIN),
            ("buyer", Role.BUYER),
            ("colleague", Role.BUYER),
            ("procurement", Role.PROCUREMENT),
            ("approver", Role.APPROVER),
        ]
    }
    buyer = users["buyer"]
    address = DeliveryAddressFactory(company=company)
    CompanyAccountFactory(company=company, credit_limit=Decimal("100000"))
    bolts = product_create(title="Hex bolt M8 (100)", sku="BOLT-M8-100", price="20")
    nuts = product_create(title="Hex nut M8 (100)", sku="NUT-M8", price="5")
    nut_price = CompanyPrice.objects.create(
        company=company, product=nuts, price=Decimal("4.50")
    )

    order = order_place(user=buyer, company=company, lines=[(bolts, 1)])
    invoice = Invoice(company=company, order=order, number="INV-TEST-1", sha256="0")
    invoice.pdf.save("INV-TEST-1.pdf", ContentFile(b"%PDF-1.7 test"), save=True)

    card_order = order_place(user=buyer, company=company, lines=[(bolts, 1)])
    Order.objects.filter(pk=card_order.pk).update(
        payment_method="card", paid_at=timezone.now()
    )

    # Only orders on cost centre CC-LOW are limited, so the checkout row
    # (without a cost centre) places an order while this one waits.
    budget = BudgetFactory(
        company=company, buyer=buyer, cost_centre="CC-LOW", monthly_amount=1
    )
    approval = checkout_place(
        basket=basket_create(user=buyer, company=company, lines=[(bolts, 2)]),
        user=buyer,
        company=company,
        address_id=address.pk,
        po_number="PO-WAIT",
        cost_centre="CC-LOW",
        payment_method="account",
    ).approval
    basket = basket_create(user=buyer, company=company, lines=[(bolts, 1)])
    for persona, user in users.items():
        if persona != "buyer":
            Basket.objects.create(owner=user)

    other_company = CompanyFactory(name="Globex Corporation")
    DeliveryAddressFactory(company=other_company)
    users |= {
        "anonymous": None,
        "other_admin": MembershipFactory(
            company=other_company, role=Role.COMPANY_ADMIN
        ).user,
        "no_company": UserFactory(email="nobody@example.com"),
        "sales": StaffUserFactory(staff_groups=[StaffGroup.SALES]),
        "support": StaffUserFactory(staff_groups=[StaffGroup.SUPPORT]),
    }
    yield SimpleNamespace(
        company=company,
        nut_price=nut_price,
        buyer=buyer,
        address=address,
        order=order,
        card_order=card_order,
        approval=approval,
        budget=budget,
        basket=basket,
        users=users,
    )
    invoice.pdf.delete(save=False)


def _database(world):
    return snapshot(
        Order,
        OrderApproval,
        OrderApprovalEvent,
        Budget,
        Invoice,
        CompanyPrice,
        CompanyAccount,
        StripeEvent,
        StaffChange,
        Basket.objects.filter(owner__memberships__company=world.company),
        Line.objects.filter(basket__owner__memberships__company=world.company),
    )


(
    test_access,
    test_every_named_url_is_in_the_matrix,
    test_every_row_has_an_expectation,
) = matrix_tests(
    MATRIX,
    "orders",
    database=_database,
)


def test_every_object_url_answers_404_to_another_company():
    object_rows = [
        row
        for row in MATRIX
        if row.kwargs in (_order, _approval, _card_order)
        or row.name == "orders:budget_delete"
    ]
    by_name = {row.name for row in object_rows}

    assert by_name == {
        "orders:approval_detail",
        "orders:budget_delete",
        "orders:detail",
        "orders:reorder",
        "orders:invoice",
        "orders:pay",
    }
    assert {
        row.name for row in object_rows if row.other_company == NOT_FOUND
    } == by_name
    assert [
        row.id for row in object_rows if row.other_company not in (None, NOT_FOUND)
    ] == []
