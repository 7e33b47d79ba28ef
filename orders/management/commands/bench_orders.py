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

import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.urls import reverse
from oscar.core.loading import get_model

from orders.management.bench_data import catalogue_seed, company_seed
from partner_portal.management.bench import (
    Result,
    add_timing_arguments,
    logged_in_client,
    measure,
    production_like,
    write_table,
)

BasketLine = get_model("basket", "Line")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

BIG, SMALL = "bench", "bench-small"
SMALL_ORDERS = 10
# Measured on vanilla django-oscar 4.2.1 (../shared/STACK.md), for comparison.
VANILLA_CATALOGUE = ("~190", "–", "~130")


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
        parser.add_argument("--quick-lines", type=int, default=50)
        add_timing_arguments(parser)

    def handle(self, *args, **options):
        self.options = options
        if options["quick_lines"] > options["products"]:
            raise CommandError("--quick-lines cannot exceed --products.")
        with production_like():
            started = time.perf_counter()
            with transaction.atomic():
                records = catalogue_seed(count=options["products"], stdout=self.stdout)
                big = company_seed(
                    slug=BIG,
                    name="Bench Trading Ltd",
                    count=options["orders"],
                    lines_per_order=options["lines"],
                    records=records,
                    stdout=self.stdout,
                    company_prices=True,
                )
                small = company_seed(
                    slug=SMALL,
                    name="Bench Small Ltd",
                    count=SMALL_ORDERS,
                    lines_per_order=1,
                    records=records,
                    stdout=self.stdout,
                )
            self.stdout.write(f"Data ready in {time.perf_counter() - started:.1f} s.")
            self.big_orders = Order.objects.for_company(big).count()
            results = self._bench(big, records)
            scaling = self._scaling(big, small, records)
        self._report(results, scaling)

    # Measuring

    def _measure(self, label, send, *, runs=None, warmup=None, **kwargs):
        return measure(
            label,
            send,
            runs=self.options["requests"] if runs is None else runs,
            warmup=self.options["warmup"] if warmup is None else warmup,
            **kwargs,
        )

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
        client = logged_in_client(big.procurement)
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

        def scaled(label, send, runs=3, warmup=1, **kwargs):
            return self._measure(label, send, runs=runs, warmup=warmup, **kwargs)

        history = reverse("orders:list")
        small_client = logged_in_client(small.procurement)
        big_client = logged_in_client(big.procurement)
        rows.append(
            (
                "Order history",
                scaled(
                    f"{SMALL_ORDERS} orders",
                    lambda i: small_client.get(history),
                    status=200,
                ),
                scaled(
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
                scaled(
                    f"{small_order.lines.count()} line",
                    lambda i: small_client.get(
                        reverse("orders:detail", args=[small_order.number])
                    ),
                    status=200,
                ),
                scaled(
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
                scaled(
                    "1 product",
                    lambda i: big_client.get(shop, {"q": records[0].partner_sku}),
                    status=200,
                ),
                scaled(
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
                scaled(f"{len(few)} lines", send_few, status=302, before=empty_basket),
                scaled(
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
        write_table(write, results)
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
