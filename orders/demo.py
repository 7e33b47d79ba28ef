"""Demo ordering data: company prices, credit, a budget, past orders for Acme
and Globex, and an order waiting for approver@acme.example (called by
`load_demo`; idempotent by purchase-order number)."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from orders.models import Budget, CompanyAccount, CompanyPrice, OrderApproval
from orders.services import PAYMENT_ACCOUNT, checkout_place
from partner_portal.models import CompanyAddress

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
Selector = get_class("partner.strategy", "Selector")

CREDIT = {"acme": "20000", "globex": "5000", "northwind": "50000", "contoso": "10000"}
ACME_PRICES = {"BOLT-M8-100": "16.50", "GLOVE-L-10": "21.00", "DRILL-500": "129.00"}
ORDERS = [
    # company, buyer email, PO number, days ago, [(sku, qty)], status
    (
        "acme",
        "buyer@acme.example",
        "PO-ACME-0001",
        70,
        [("BOLT-M8-100", 10), ("NUT-M8-100", 10)],
        "Complete",
    ),
    (
        "acme",
        "buyer@acme.example",
        "PO-ACME-0002",
        40,
        [("GLOVE-L-10", 5), ("TAPE-50", 4)],
        "Shipped",
    ),
    (
        "acme",
        "procurement@acme.example",
        "PO-ACME-0003",
        35,
        [("DRILL-500", 2)],
        "Processing",
    ),
    ("acme", "buyer@acme.example", "PO-ACME-0004", 33, [("HELMET-W", 12)], "Pending"),
    (
        "globex",
        "buyer@globex.example",
        "PO-GLX-0001",
        45,
        [("TAPE-50", 20)],
        "Complete",
    ),
    (
        "globex",
        "buyer@globex.example",
        "PO-GLX-0002",
        38,
        [("BOLT-M8-100", 3)],
        "Pending",
    ),
]


def _basket(user, company, lines):
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user, company=company)
    for sku, quantity in lines:
        record = StockRecord.objects.select_related("product").get(partner_sku=sku)
        basket.add_product(record.product, quantity)
    return basket


def _address(company):
    return CompanyAddress.objects.for_company(company).filter(kind="delivery").first()


def load(*, stdout, companies):
    User = get_user_model()
    for slug, limit in CREDIT.items():
        CompanyAccount.objects.get_or_create(
            company=companies[slug], defaults={"credit_limit": Decimal(limit)}
        )
    for sku, price in ACME_PRICES.items():
        product = StockRecord.objects.get(partner_sku=sku).product
        CompanyPrice.objects.get_or_create(
            company=companies["acme"],
            product=product,
            defaults={"price": Decimal(price)},
        )
    buyer = User.objects.get(email="buyer@acme.example")
    Budget.objects.get_or_create(
        company=companies["acme"],
        buyer=buyer,
        cost_centre="",
        defaults={"monthly_amount": Decimal("1000.00")},
    )

    for slug, email, po_number, days_ago, lines, status in ORDERS:
        company = companies[slug]
        if (
            Order.objects.for_company(company)
            .filter(purchase_order_number=po_number)
            .exists()
        ):
            continue
        user = User.objects.get(email=email)
        result = checkout_place(
            basket=_basket(user, company, lines),
            user=user,
            company=company,
            address_id=_address(company).pk,
            po_number=po_number,
            cost_centre="CC-100",
            payment_method=PAYMENT_ACCOUNT,
        )
        order = result.order
        # Walk the status pipeline as staff would in the dashboard.
        for step in ("Processing", "Shipped", "Complete"):
            if order.status == status:
                break
            order.set_status(step)
        placed = timezone.now() - timedelta(days=days_ago)
        Order.objects.filter(pk=order.pk).update(date_placed=placed)

    if (
        not OrderApproval.objects.for_company(companies["acme"])
        .filter(purchase_order_number="PO-ACME-0100")
        .exists()
    ):
        # Over the buyer's 1,000 monthly budget: waits for approver@acme.example.
        checkout_place(
            basket=_basket(
                buyer, companies["acme"], [("DRILL-500", 8), ("HELMET-W", 10)]
            ),
            user=buyer,
            company=companies["acme"],
            address_id=_address(companies["acme"]).pk,
            po_number="PO-ACME-0100",
            cost_centre="CC-100",
            payment_method=PAYMENT_ACCOUNT,
        )
    stdout.write("Orders: prices, budgets, orders and a pending approval are ready.")
