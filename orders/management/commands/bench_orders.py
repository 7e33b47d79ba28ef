"""Benchmark of the pages that grow with a company's data (`make bench`).

Seeds a company with 10,000 orders of 5 lines each and a catalogue of 5,000
products (once: a second run finds the orders and reuses them), then requests
each page in process through Django's test client, as the company's
procurement user, and prints median and p95 server time and the number of SQL
queries. A second, small company (10 orders of 1 line) shows whether a page's
query count grows with the data.

Run it against a database of its own, as `make bench` does: it adds tens of
thousands of rows.
"""

import logging
import math
import random
import statistics
import time
import warnings
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from oscar.core.loading import get_model

from orders.models import CompanyPrice
from partner_portal.models import Company, Membership
from partner_portal.permissions import Role

BasketLine = get_model("basket", "Line")
Line = get_model("order", "Line")
Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")

SKU_PREFIX = "BENCH-"
BIG, SMALL = "bench", "bench-small"
SMALL_ORDERS = 10
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
# Measured on vanilla django-oscar 4.2.1 (../shared/STACK.md), for comparison.
VANILLA_CATALOGUE = ("~190", "–", "~130")


@dataclass
class Result:
    label: str
    times_ms: list[float]
    queries: list[int]

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[math.ceil(0.95 * len(ordered)) - 1]

    @property
    def query_text(self) -> str:
        low, high = min(self.queries), max(self.queries)
        return str(low) if low == high else f"{low}–{high}"


def _sku(index: int) -> str:
    return f"{SKU_PREFIX}{index:05d}"


class Command(BaseCommand):
    help = (
        "Seed a company with many orders and products (once) and print server "
        "time and SQL queries of order history, order detail, catalogue and "
        "quick order."
    )

    def add_arguments(self, parser):
        parser.add_argument("--orders", type=int, default=10_000)
        parser.add_argument("--lines", type=int, default=5, help="lines per order")
        parser.add_argument("--products", type=int, default=5_000)
        parser.add_argument("--requests", type=int, default=20)
        parser.add_argument("--warmup", type=int, default=2)
        parser.add_argument("--quick-lines", type=int, default=50)

    def handle(self, *args, **options):
        self.options = options
        if options["quick_lines"] > options["products"]:
            raise CommandError("--quick-lines cannot exceed --products.")
        # Logins by force_login are not news, nor static files left uncollected.
        logging.getLogger("axes").setLevel(logging.WARNING)
        warnings.filterwarnings("ignore", message="No directory at")
        # Timing as in production: DEBUG off (no query log, no debug context).
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]
        with override_settings(DEBUG=False, ALLOWED_HOSTS=hosts):
            started = time.perf_counter()
            with transaction.atomic():
                records = self._seed_catalogue(options["products"])
                big = self._seed_company(
                    BIG,
                    "Bench Trading Ltd",
                    options["orders"],
                    options["lines"],
                    records,
                )
                small = self._seed_company(
                    SMALL, "Bench Small Ltd", SMALL_ORDERS, 1, records
                )
            self.stdout.write(f"Data ready in {time.perf_counter() - started:.1f} s.")
            self.big_orders = Order.objects.for_company(big).count()
            results = self._bench(big, records)
            scaling = self._scaling(big, small, records)
        self._report(results, scaling)

    # Seeding

    def _warehouse(self):
        warehouse, _created = Partner.objects.get_or_create(
            code="main-warehouse", defaults={"name": "Main warehouse"}
        )
        return warehouse

    def _seed_catalogue(self, count: int) -> list:
        product_class, _created = ProductClass.objects.get_or_create(
            slug="standard",
            defaults={"name": "Standard", "requires_shipping": True},
        )
        warehouse = self._warehouse()
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
                    for index, product, price in zip(
                        missing, products, prices, strict=True
                    )
                ],
                batch_size=500,
            )
            self.stdout.write(f"Seeded {len(missing):,} products.")
        return list(
            ours.filter(partner_sku__lte=_sku(count))
            .select_related("product")
            .order_by("partner_sku")
        )

    def _member(self, company, email: str, role: str):
        user, created = get_user_model().objects.get_or_create(
            email=email,
            defaults={
                "username": email,
                "first_name": email.split("@")[0].capitalize(),
                "last_name": company.name,
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user, company=company, defaults={"role": role}
        )
        return user

    def _seed_company(self, slug, name, count, lines_per_order, records):
        company, _created = Company.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": Company.Kind.CUSTOMER,
                "customer_number": f"{slug.upper()}-0001",
            },
        )
        company.procurement = self._member(
            company, f"procurement@{slug}.example", Role.PROCUREMENT
        )
        buyers = [company.procurement] + [
            self._member(company, f"buyer{k}@{slug}.example", Role.BUYER)
            for k in range(1, 5)
        ]
        have = Order.objects.for_company(company).count()
        if have >= count:
            self.stdout.write(f"Reusing the {have:,} orders of {name}.")
            return company
        if slug == BIG:
            # Every tenth product has a company price, as the strategy reads them.
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
        warehouse = self._warehouse()
        vat = Decimal(str(settings.PORTAL_VAT_RATE))
        rng = random.Random(f"{slug}-{count}-{lines_per_order}")
        now = timezone.now()
        orders, lines, changes = [], [], []
        for index in range(have + 1, count + 1):
            age = count - index  # the last one is the newest
            status = self._status(age, rng)
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
                paid_at=now - timedelta(days=age // 14)
                if status == "Complete"
                else None,
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
        self.stdout.write(
            f"Seeded {len(orders):,} orders ({len(lines):,} lines) for {name}."
        )
        return company

    @staticmethod
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

    # Measuring

    def _client(self, user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    def _measure(self, label, send, *, status, before=None, runs=None, warmup=None):
        """Time `send(i)` (the request) and count its queries; `before` runs
        untimed before each request."""
        runs = self.options["requests"] if runs is None else runs
        warmup = self.options["warmup"] if warmup is None else warmup
        times, queries = [], []
        for i in range(warmup + runs):
            if before:
                before()
            # The capture keeps the query log across requests; a full log
            # (9,000 entries) would make it count 0.
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = send(i)
                elapsed = time.perf_counter() - start
            if response.status_code != status:
                raise CommandError(
                    f"{label}: HTTP {response.status_code}, expected {status}."
                )
            if i >= warmup:
                times.append(elapsed * 1000)
                queries.append(len(captured))
        return Result(label, times, queries)

    def _quick_order(self, client, user, records):
        """The POST of a quick order of `records` (one SKU a line, as typed or
        pasted), and what has to happen before each one."""
        text = "\n".join(
            f"{record.partner_sku}, {1 + i % 9}" for i, record in enumerate(records)
        )
        url = reverse("orders:quick_order")

        def empty_basket():
            # Every request fills an empty basket, and the success messages
            # must not pile up in the cookie.
            BasketLine.objects.filter(basket__owner=user).delete()
            client.cookies.pop("messages", None)

        return (lambda i: client.post(url, {"lines": text})), empty_basket

    def _bench(self, big, records) -> list[Result]:
        client = self._client(big.procurement)
        history = reverse("orders:list")
        numbers = list(
            Order.objects.for_company(big)
            .order_by("-date_placed")
            .values_list("number", flat=True)[::500]
        )
        skus = [r.partner_sku for r in random.Random(7).sample(records, 50)]
        quick_lines = self.options["quick_lines"]
        quick, empty_basket = self._quick_order(
            client, big.procurement, random.Random(5).sample(records, quick_lines)
        )
        results = [
            self._measure(
                "Order history (procurement sees all)",
                lambda i: client.get(history),
                status=200,
            ),
            self._measure(
                "Order history, page 200",
                lambda i: client.get(history, {"page": 200}),
                status=200,
            ),
            self._measure(
                "Order history, filtered by product",
                lambda i: client.get(history, {"product": skus[i % len(skus)]}),
                status=200,
            ),
            self._measure(
                f"Order detail ({self.options['lines']} lines)",
                lambda i: client.get(
                    reverse("orders:detail", args=[numbers[i % len(numbers)]])
                ),
                status=200,
            ),
            # /shop/ itself only redirects here (OSCAR_HOMEPAGE).
            self._measure(
                f"Catalogue {reverse('catalogue:index')} (page 1)",
                lambda i: client.get(reverse("catalogue:index")),
                status=200,
            ),
            self._measure(
                f"Quick order, {quick_lines} lines (POST)",
                quick,
                status=302,
                before=empty_basket,
            ),
        ]
        empty_basket()
        return results

    def _scaling(self, big, small, records) -> list[tuple[str, Result, Result]]:
        """The same page with little and with much data."""
        rows = []

        def measure(label, send, runs=3, warmup=1, **kwargs):
            return self._measure(label, send, runs=runs, warmup=warmup, **kwargs)

        history = reverse("orders:list")
        small_client = self._client(small.procurement)
        big_client = self._client(big.procurement)
        rows.append(
            (
                "Order history",
                measure(
                    f"{SMALL_ORDERS} orders",
                    lambda i: small_client.get(history),
                    status=200,
                ),
                measure(
                    f"{self.big_orders:,} orders",
                    lambda i: big_client.get(history),
                    status=200,
                ),
            )
        )
        small_order = Order.objects.for_company(small).first()
        big_order = Order.objects.for_company(big).first()
        rows.append(
            (
                "Order detail",
                measure(
                    f"{small_order.lines.count()} line",
                    lambda i: small_client.get(
                        reverse("orders:detail", args=[small_order.number])
                    ),
                    status=200,
                ),
                measure(
                    f"{big_order.lines.count()} lines",
                    lambda i: big_client.get(
                        reverse("orders:detail", args=[big_order.number])
                    ),
                    status=200,
                ),
            )
        )
        shop = reverse("catalogue:index")
        page_size = min(
            settings.OSCAR_PRODUCTS_PER_PAGE, Product.objects.browsable().count()
        )
        rows.append(
            (
                "Catalogue",
                measure(
                    "1 product",
                    lambda i: big_client.get(shop, {"q": records[0].partner_sku}),
                    status=200,
                ),
                measure(
                    f"{page_size} products", lambda i: big_client.get(shop), status=200
                ),
            )
        )
        user = big.procurement
        few, many = records[:10], records[:100]
        send_few, empty_basket = self._quick_order(big_client, user, few)
        send_many, _empty = self._quick_order(big_client, user, many)
        rows.append(
            (
                "Quick order",
                measure(f"{len(few)} lines", send_few, status=302, before=empty_basket),
                measure(
                    f"{len(many)} lines",
                    send_many,
                    runs=1,
                    warmup=0,
                    status=302,
                    before=empty_basket,
                ),
            )
        )
        empty_basket()
        return rows

    # Report

    def _report(self, results, scaling):
        o = self.options
        products = Product.objects.browsable().count()
        write = self.stdout.write
        write("")
        write(
            f"Company '{BIG}': {self.big_orders:,} orders x {o['lines']} lines; "
            f"{products:,} products in the catalogue. {o['requests']} requests "
            f"per page after {o['warmup']} warm-up, in process (test "
            f"client), "
            f"DEBUG off, {connection.vendor}."
        )
        head = f"{'Page':<42} {'median ms':>10} {'p95 ms':>9} {'queries':>8}"
        write(head)
        write("-" * len(head))
        for r in results:
            write(f"{r.label:<42} {r.median:>10.1f} {r.p95:>9.1f} {r.query_text:>8}")
        median, p95, count = VANILLA_CATALOGUE
        label = "  vanilla Oscar 4.2 catalogue (STACK.md)"
        write(f"{label:<42} {median:>10} {p95:>9} {count:>8}")
        write("")
        write("Little data against much data (median ms, queries):")
        head = f"{'Page':<14} {'little data':>26} {'much data':>30}  queries"
        write(head)
        write("-" * len(head))
        for page, little, much in scaling:
            added = max(much.queries) - max(little.queries)
            verdict = "flat" if not added else f"grow by {added}"
            write(
                f"{page:<14} "
                f"{f'{little.label}: {little.median:.0f} ms, {little.query_text}':>26} "
                f"{f'{much.label}: {much.median:.0f} ms, {much.query_text}':>30}  "
                f"{verdict}"
            )
