"""Benchmark of offers (for `make bench`): median and p95 time of rendering
a 2-page offer of 30 lines to PDF (WeasyPrint through render_pdf), and of
the offers list of a company with 1,000 offers, with its SQL query count;
a company with 10 offers shows whether the list's queries grow with data.

Seeds its data once (a second run reuses it). Run it against a database of
its own, as `make bench` does for bench_orders.
"""

import logging
import math
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
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from weasyprint import HTML

from contracts import documents, services
from contracts.models import Offer, OfferVersion
from partner_portal.models import Company, Membership
from partner_portal.pdf import StaticOnlyURLFetcher
from partner_portal.permissions import Role

BIG, SMALL = "bench-offers", "bench-offers-small"
RENDER_LINES = 30


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
        if not self.queries:
            return "–"
        low, high = min(self.queries), max(self.queries)
        return str(low) if low == high else f"{low}–{high}"


class Command(BaseCommand):
    help = "Time the rendering of a 30-line offer PDF and the offers list."

    def add_arguments(self, parser):
        parser.add_argument("--offers", type=int, default=1_000)
        parser.add_argument("--requests", type=int, default=20)
        parser.add_argument("--renders", type=int, default=10)
        parser.add_argument("--warmup", type=int, default=2)

    def handle(self, *args, **options):
        self.options = options
        logging.getLogger("axes").setLevel(logging.WARNING)
        logging.getLogger("weasyprint").setLevel(logging.WARNING)
        warnings.filterwarnings("ignore", message="No directory at")
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]
        with override_settings(DEBUG=False, ALLOWED_HOSTS=hosts):
            started = time.perf_counter()
            with transaction.atomic():
                sales = self._sales()
                big = self._company(BIG, "Bench Offers Ltd", options["offers"], sales)
                small = self._company(SMALL, "Bench Offers Small Ltd", 10, sales)
                draft = self._draft(big, sales)
            self.stdout.write(f"Data ready in {time.perf_counter() - started:.1f} s.")
            results = [
                self._render(draft),
                self._list(big, "Offers list, 1,000 offers (page 1)", {}),
                self._list(big, "Offers list, 1,000 offers (page 40)", {"page": 40}),
                self._list(small, "Offers list, 10 offers", {}),
            ]
        self._report(results, draft)

    # Seeding

    def _sales(self):
        user, _created = get_user_model().objects.get_or_create(
            username="bench-sales@portal.example",
            defaults={"email": "bench-sales@portal.example", "is_staff": True},
        )
        return user

    def _company(self, slug, name, count, sales):
        company, _created = Company.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": Company.Kind.CUSTOMER,
                "customer_number": slug.upper(),
            },
        )
        email = f"admin@{slug}.example"
        user, _created = get_user_model().objects.get_or_create(
            username=email, defaults={"email": email, "first_name": "Bench"}
        )
        Membership.objects.get_or_create(
            company=company, user=user, defaults={"role": Role.COMPANY_ADMIN}
        )
        company.bench_admin = user
        existing = Offer.objects.for_company(company).count()
        if existing >= count:
            return company
        today = timezone.localdate()
        offers = Offer.objects.bulk_create(
            Offer(
                company=company,
                number=f"{slug.upper()}-{index:05d}",
                title=f"Bench offer {index}",
                created_by=sales,
                status=Offer.Status.SENT,
            )
            for index in range(existing, count)
        )
        if connection.vendor == "sqlite" or offers[0].pk is None:
            offers = list(
                Offer.objects.for_company(company).filter(latest_sent__isnull=True)
            )
        versions = OfferVersion.objects.bulk_create(
            OfferVersion(
                offer=offer,
                number=1,
                status=OfferVersion.Status.SENT,
                valid_until=today + timedelta(days=30 + index % 60),
                total_net=Decimal("1000.00") + index,
                total_tax=Decimal("190.00"),
                total_gross=Decimal("1190.00") + index,
                sha256="0" * 64,
                content_sha256="0" * 64,
                sent_at=timezone.now(),
                sent_by=sales,
            )
            for index, offer in enumerate(offers)
        )
        by_offer = {version.offer_id: version for version in versions}
        if any(version.pk is None for version in versions):
            by_offer = {
                version.offer_id: version
                for version in OfferVersion.objects.filter(offer__in=offers)
            }
        for offer in offers:
            offer.latest_sent = by_offer[offer.pk]
        Offer.objects.bulk_update(offers, ["latest_sent"], batch_size=500)
        return company

    def _draft(self, company, sales):
        """A draft of 30 catalogue-like lines with terms: two A4 pages."""
        title = "Bench: 30-line offer"
        offer = Offer.objects.for_company(company).filter(title=title).first()
        if offer is None:
            offer = services.offer_create(company=company, user=sales, title=title)
        version = offer.versions.order_by("-number").first()
        if version.cover_note != "Thank you for your enquiry.":
            services.offer_draft_save(
                version=version,
                user=sales,
                header={
                    "valid_until": timezone.localdate() + timedelta(days=30),
                    "cover_note": "Thank you for your enquiry.",
                    "payment_terms": "30 days net; 2 % discount within 10 days.",
                    "delivery_terms": "Free delivery within Germany.",
                    "renewal_terms": "Renews for 12 months unless notice is given.",
                },
                lines=[
                    services.LineInput(
                        description=f"Hex bolt M{6 + index % 10} × {20 + index} mm",
                        sku=f"BENCH-{index:03d}",
                        quantity=10 + index,
                        unit_price=Decimal("12.40") + index,
                        discount_percent=Decimal(index % 4 * 5),
                        tax_rate=Decimal("19"),
                    )
                    for index in range(RENDER_LINES)
                ],
            )
        return version

    # Measuring

    def _render(self, version) -> Result:
        lines = list(version.lines.all())
        times = []
        runs, warmup = self.options["renders"], self.options["warmup"]
        for i in range(warmup + runs):
            start = time.perf_counter()
            pdf = documents.render_offer_pdf(version, lines)
            elapsed = (time.perf_counter() - start) * 1000
            if not pdf.startswith(b"%PDF-"):
                raise CommandError("The offer did not render to a PDF.")
            if i >= warmup:
                times.append(elapsed)
        with translation.override(version.offer.language):
            html = render_to_string(
                documents.OFFER_TEMPLATE, documents.offer_pdf_context(version, lines)
            )
        self.pages = len(
            HTML(string=html, url_fetcher=StaticOnlyURLFetcher()).render().pages
        )
        return Result(f"Offer PDF, {RENDER_LINES} lines", times, [])

    def _list(self, company, label, params) -> Result:
        client = Client()
        client.force_login(company.bench_admin)
        url = reverse("contracts:offers")
        times, queries = [], []
        runs, warmup = self.options["requests"], self.options["warmup"]
        for i in range(warmup + runs):
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url, params)
                elapsed = (time.perf_counter() - start) * 1000
            if response.status_code != 200:
                raise CommandError(f"{label}: HTTP {response.status_code}")
            if i >= warmup:
                times.append(elapsed)
                queries.append(len(captured))
        return Result(label, times, queries)

    def _report(self, results, version):
        write = self.stdout.write
        write("")
        write(
            f"Offers: {self.options['renders']} renders and "
            f"{self.options['requests']} requests per row after "
            f"{self.options['warmup']} warm-up, in process, DEBUG off, "
            f"{connection.vendor}. The offer PDF has {self.pages} pages."
        )
        head = f"{'What':<42} {'median ms':>10} {'p95 ms':>9} {'queries':>8}"
        write(head)
        write("-" * len(head))
        for r in results:
            write(f"{r.label:<42} {r.median:>10.1f} {r.p95:>9.1f} {r.query_text:>8}")
