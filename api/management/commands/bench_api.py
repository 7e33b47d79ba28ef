"""Benchmark of the API's order list and order create (`make bench`, after
`bench_orders` has seeded its companies).

For the company with 10,000 orders and the one with 10, issues a read-write
key of the company's procurement user and prints median and p95 server time
and SQL queries of GET /api/v1/orders/ and of POST /api/v1/orders/ (three
lines, a fresh Idempotency-Key each), in process through Django's test
client. The orders the POSTs place are rolled back, so the bench database
stays as bench_orders left it. Query counts must not grow with the orders.
"""

import logging
import uuid

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from oscar.core.loading import get_model
from rest_framework.test import APIClient

from api.models import ApiKey
from orders.management.bench_data import SKU_PREFIX
from orders.models import CompanyAccount
from partner_portal.management.bench import (
    Result,
    add_timing_arguments,
    measure,
    production_like,
    write_table,
)
from partner_portal.models import Company, CompanyAddress
from partner_portal.permissions import ApiResource

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

COMPANIES = ("bench-small", "bench")
LIST = "/api/v1/orders/"


def bench_client(company) -> APIClient:
    """A client with a new read-write orders key of the company's
    procurement user; the company can order on account to a default address."""
    user = get_user_model().objects.get(email=f"procurement@{company.slug}.example")
    CompanyAccount.objects.get_or_create(
        company=company, defaults={"credit_limit": 10**9}
    )
    if not CompanyAddress.objects.for_company(company).filter(
        kind=CompanyAddress.Kind.DELIVERY
    ):
        CompanyAddress.objects.create(
            company=company,
            kind=CompanyAddress.Kind.DELIVERY,
            label="Bench dock",
            line1="Dock 1",
            postcode="20457",
            city="Hamburg",
            country="DE",
            is_default_delivery=True,
        )
    _key, plaintext = ApiKey.issue(
        company=company,
        name="bench",
        access=ApiKey.Access.WRITE,
        resources=[ApiResource.ORDERS],
        created_by=user,
        rate_per_minute=10**6,
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    return client


def order_body(skus: list[str], index: int) -> dict:
    return {
        "lines": [{"sku": sku, "quantity": 1 + index % 5} for sku in skus],
        "po_number": f"API-BENCH-{index}",
    }


def send_create(client, skus):
    """`send(i)` for measure(): one order per call, each with its own key."""

    def send(i):
        return client.post(
            LIST,
            order_body(skus, i),
            format="json",
            headers={"Idempotency-Key": f"bench-{uuid.uuid4()}"},
        )

    return send


class Command(BaseCommand):
    help = (
        "Print server time and SQL queries of the API's order list and order "
        "create for a company with few and one with many orders."
    )

    def add_arguments(self, parser):
        add_timing_arguments(parser)

    def handle(self, *args, **options):
        companies = list(Company.objects.filter(slug__in=COMPANIES))
        if len(companies) != len(COMPANIES):
            raise CommandError("Run bench_orders first: it seeds the companies.")
        companies.sort(key=lambda company: COMPANIES.index(company.slug))
        skus = list(
            StockRecord.objects.filter(partner_sku__startswith=SKU_PREFIX)
            .order_by("partner_sku")
            .values_list("partner_sku", flat=True)[:3]
        )
        rows = []
        # Oscar logs every stock change of the orders placed here.
        logging.getLogger("oscar.alerts").setLevel(logging.WARNING)
        with production_like():
            for company in companies:
                orders = Order.objects.for_company(company).count()
                with transaction.atomic():
                    client = bench_client(company)
                    listed = measure(
                        f"GET {LIST} ({orders:,} orders)",
                        lambda i, c=client: c.get(LIST),
                        runs=options["requests"],
                        warmup=options["warmup"],
                        status=200,
                    )
                    created = measure(
                        f"POST {LIST} ({orders:,} orders)",
                        send_create(client, skus),
                        runs=options["requests"],
                        warmup=options["warmup"],
                        status=201,
                    )
                    # Keep the bench database as bench_orders made it.
                    transaction.set_rollback(True)
                rows.append((listed, created))
        self._report(rows, options)

    def _report(self, rows: list[tuple[Result, Result]], options):
        write = self.stdout.write
        write("")
        write(
            f"API orders: {options['requests']} requests each after "
            f"{options['warmup']} warm-up, in process, DEBUG off, "
            f"{connection.vendor}; POST places 3 lines with an Idempotency-Key."
        )
        write_table(write, [result for pair in rows for result in pair], first="API")
        (few_list, few_create), (many_list, many_create) = rows
        for what, few, many in (
            ("order list", few_list, many_list),
            ("order create", few_create, many_create),
        ):
            added = max(many.queries) - max(few.queries)
            verdict = "flat" if added <= 0 else f"grow by {added}"
            write(f"Queries of the {what}, few against many orders: {verdict}.")
