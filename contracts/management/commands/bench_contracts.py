"""Benchmark of offers (for `make bench`): median and p95 time of rendering
a 2-page offer of 30 lines to PDF (WeasyPrint through render_pdf), and of
the offers list of a company with 1,000 offers, with its SQL query count;
a company with 10 offers shows whether the list's queries grow with data.

Seeds its data once (a second run reuses it). Run it against a database of
its own, as `make bench` does for bench_orders.
"""

import time
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from weasyprint import HTML

from contracts import documents, services
from contracts.models import Offer, OfferVersion
from partner_portal.management.bench import (
    Result,
    add_timing_arguments,
    logged_in_client,
    measure,
    member_get_or_create,
    production_like,
    write_table,
)
from partner_portal.models import Company
from partner_portal.pdf import StaticOnlyURLFetcher
from partner_portal.permissions import Role

BIG, SMALL = "bench-offers", "bench-offers-small"
RENDER_LINES = 30


class Command(BaseCommand):
    help = "Time the rendering of a 30-line offer PDF and the offers list."

    def add_arguments(self, parser):
        parser.add_argument("--offers", type=int, default=1_000)
        parser.add_argument("--renders", type=int, default=10)
        add_timing_arguments(parser)

    def handle(self, *args, **options):
        self.options = options
        with production_like():
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
        company.bench_admin = member_get_or_create(
            company=company,
            email=f"admin@{slug}.example",
            role=Role.COMPANY_ADMIN,
            first_name="Bench",
        )
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

        def render(i):
            pdf = documents.render_offer_pdf(version, lines)
            if not pdf.startswith(b"%PDF-"):
                raise CommandError("The offer did not render to a PDF.")

        result = measure(
            f"Offer PDF, {RENDER_LINES} lines",
            render,
            runs=self.options["renders"],
            warmup=self.options["warmup"],
            count_queries=False,
        )
        with translation.override(version.offer.language):
            html = render_to_string(
                documents.OFFER_TEMPLATE, documents.offer_pdf_context(version, lines)
            )
        self.pages = len(
            HTML(string=html, url_fetcher=StaticOnlyURLFetcher()).render().pages
        )
        return result

    def _list(self, company, label, params) -> Result:
        client = logged_in_client(company.bench_admin)
        url = reverse("contracts:offers")
        return measure(
            label,
            lambda i: client.get(url, params),
            runs=self.options["requests"],
            warmup=self.options["warmup"],
            status=200,
        )

    def _report(self, results, version):
        write = self.stdout.write
        write("")
        write(
            f"Offers: {self.options['renders']} renders and "
            f"{self.options['requests']} requests per row after "
            f"{self.options['warmup']} warm-up, in process, DEBUG off, "
            f"{connection.vendor}. The offer PDF has {self.pages} pages."
        )
        write_table(write, results, first="What")
