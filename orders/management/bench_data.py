"""The data `bench_orders` measures: a catalogue of BENCH- products and
companies with many orders in every status, written in bulk (not through the
checkout service: 50,000 lines through it would take an hour) and reused by
the next run."""

import random
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from oscar.core.loading import get_model

from orders.models import CompanyPrice
from partner_portal.management.bench import member_get_or_create
from partner_portal.models import Company
from partner_portal.permissions import Role

Line = get_model("order", "Line")
Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")

SKU_PREFIX = "BENCH-"
CENT = Decimal("0.01")
NOUNS = [
    "Hex bolt",
    "Hex nut",
    "Washer",
    "Wood screw",
    "Cable tie",
    "Work gloves",
    "Packing tape",
    "Safety helmet",
    "Drill bit",
    "Hinge",
]
# The status changes an order went through to reach its status.
STATUS_STEPS = {
    "Pending": [],
    "Processing": ["Processing"],
    "Shipped": ["Processing", "Shipped"],
    "Complete": ["Processing", "Shipped", "Complete"],
    "Cancelled": ["Cancelled"],
}


def _sku(index: int) -> str:
    return f"{SKU_PREFIX}{index:05d}"


def warehouse_get():
    warehouse, _created = Partner.objects.get_or_create(
        code="main-warehouse", defaults={"name": "Main warehouse"}
    )
    return warehouse


def catalogue_seed(*, count: int, stdout) -> list:
    """`count` products with a stock record each (SKU BENCH-00001 ...), added
    where missing; answers their stock records in SKU order."""
    product_class, _created = ProductClass.objects.get_or_create(
        slug="standard",
        defaults={"name": "Standard", "requires_shipping": True},
    )
    warehouse = warehouse_get()
    ours = StockRecord.objects.filter(
        partner=warehouse, partner_sku__startswith=SKU_PREFIX
    )
    existing = set(ours.values_list("partner_sku", flat=True))
    missing = [i for i in range(1, count + 1) if _sku(i) not in existing]
    if missing:
        rng = random.Random(f"products-{count}")
        products, prices = [], []
        for index in missing:
            noun = NOUNS[index % len(NOUNS)]
            title = f"{noun} type {index:05d}"
            products.append(
                Product(
                    title=title,
                    slug=slugify(title),
                    product_class=product_class,
                    structure=Product.STANDALONE,
                    is_public=True,
                )
            )
            prices.append(Decimal(rng.randint(100, 50_000)) / 100)
        Product.objects.bulk_create(products, batch_size=500)
        StockRecord.objects.bulk_create(
            [
                StockRecord(
                    product=product,
                    partner=warehouse,
                    partner_sku=_sku(index),
                    price_currency=settings.OSCAR_DEFAULT_CURRENCY,
                    price=price,
                    num_in_stock=1_000_000,
                )
                for index, product, price in zip(missing, products, prices, strict=True)
            ],
            batch_size=500,
        )
        stdout.write(f"Seeded {len(missing):,} products.")
    return list(
        ours.filter(partner_sku__lte=_sku(count))
        .select_related("product")
        .order_by("partner_sku")
    )


def company_seed(
    *, slug, name, count, lines_per_order, records, stdout, company_prices=False
):
    """A customer company with a procurement user and four buyers, and `count`
    orders of `lines_per_order` lines in every status, newest last (added
    where missing). With `company_prices`, every tenth product gets a company
    price, as the pricing strategy reads them."""
    company, _created = Company.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "kind": Company.Kind.CUSTOMER,
            "customer_number": f"{slug.upper()}-0001",
        },
    )
    company.procurement = member_get_or_create(
        company=company, email=f"procurement@{slug}.example", role=Role.PROCUREMENT
    )
    buyers = [company.procurement] + [
        member_get_or_create(
            company=company, email=f"buyer{k}@{slug}.example", role=Role.BUYER
        )
        for k in range(1, 5)
    ]
    have = Order.objects.for_company(company).count()
    if have >= count:
        stdout.write(f"Reusing the {have:,} orders of {name}.")
        return company
    if company_prices:
        CompanyPrice.objects.bulk_create(
            [
                CompanyPrice(
                    company=company,
                    product=record.product,
                    price=(record.price * Decimal("0.9")).quantize(CENT),
                )
                for record in records[::10]
            ],
            ignore_conflicts=True,
        )
    prices = dict(
        CompanyPrice.objects.for_company(company).values_list("product_id", "price")
    )
    warehouse = warehouse_get()
    vat = Decimal(str(settings.PORTAL_VAT_RATE))
    rng = random.Random(f"{slug}-{count}-{lines_per_order}")
    now = timezone.now()
    orders, lines, changes = [], [], []
    for index in range(have + 1, count + 1):
        age = count - index  # the last one is the newest
        status = _status(age, rng)
        order_lines = []
        for record in rng.sample(records, lines_per_order):
            quantity = rng.randint(1, 20)
            unit = prices.get(record.product_id, record.price)
            unit_incl = (unit * (1 + vat)).quantize(CENT)
            order_lines.append(
                Line(
                    partner=warehouse,
                    partner_name=warehouse.name,
                    partner_sku=record.partner_sku,
                    stockrecord=record,
                    product=record.product,
                    title=record.product.title,
                    quantity=quantity,
                    line_price_excl_tax=unit * quantity,
                    line_price_incl_tax=unit_incl * quantity,
                    line_price_before_discounts_excl_tax=unit * quantity,
                    line_price_before_discounts_incl_tax=unit_incl * quantity,
                    unit_price_excl_tax=unit,
                    unit_price_incl_tax=unit_incl,
                    status=status,
                    num_allocated=0,
                )
            )
        order = Order(
            company=company,
            site_id=settings.SITE_ID,
            number=f"{slug.upper()}-{index:06d}",
            user=buyers[index % len(buyers)],
            currency=settings.OSCAR_DEFAULT_CURRENCY,
            total_excl_tax=sum(line.line_price_excl_tax for line in order_lines),
            total_incl_tax=sum(line.line_price_incl_tax for line in order_lines),
            shipping_method="Free shipping",
            shipping_code="free-shipping",
            status=status,
            date_placed=now - timedelta(minutes=age * 105 + rng.randint(0, 100)),
            purchase_order_number=f"PO-{index:06d}",
            cost_centre=f"CC-{100 + index % 7}",
            payment_method="account" if index % 4 else "card",
            paid_at=now - timedelta(days=age // 14) if status == "Complete" else None,
        )
        for line in order_lines:
            line.order = order
        lines += order_lines
        previous = "Pending"
        for step in STATUS_STEPS[status]:
            changes.append(
                OrderStatusChange(order=order, old_status=previous, new_status=step)
            )
            previous = step
        orders.append(order)
    Order.objects.bulk_create(orders, batch_size=500)
    Line.objects.bulk_create(lines, batch_size=500)
    OrderStatusChange.objects.bulk_create(changes, batch_size=500)
    stdout.write(f"Seeded {len(orders):,} orders ({len(lines):,} lines) for {name}.")
    return company


def _status(age: int, rng: random.Random) -> str:
    if rng.random() < 0.03:
        return "Cancelled"
    if age < 20:
        return "Pending"
    if age < 60:
        return "Processing"
    if age < 150:
        return "Shipped"
    return "Complete"
