"""What `make bench` measures in process, with Django's test client: each
page's SQL queries (the same URL as the same user as under load), the
catalogue's time per product listed, and the offer and invoice PDFs."""

import statistics
import time
from datetime import timedelta

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone, translation
from oscar.core.loading import get_model

from contracts import documents
from contracts.models import Offer
from orders.invoices import delivery_date, order_vat
from partner_portal.issuer import issuer_details
from partner_portal.models import Company
from partner_portal.pdf import render_pdf

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

# bench_contracts' 2-page offer.
OFFER_COMPANY, OFFER_TITLE = "bench-offers", "Bench: 30-line offer"


def queries(client: Client, path: str) -> int:
    """The SQL queries of rendering `path` (the page cache off), after one
    untimed request (the first one of a client fills caches that every later
    request finds)."""
    with override_settings(PORTAL_PAGE_CACHE_SECONDS=0):
        client.get(path)
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
    if response.status_code != 200:
        raise CommandError(f"{path}: HTTP {response.status_code}, expected 200.")
    return len(captured)


def rendered_ms(client: Client, path: str, *, times: int) -> float:
    """The median CPU time of rendering `path` in process, the page cache off:
    what a first view costs, or one after the data changed."""
    with override_settings(PORTAL_PAGE_CACHE_SECONDS=0):
        return _median_ms(
            lambda: client.get(path), times=times, clock=time.process_time
        )


def _median_ms(run, *, times: int, warmup: int = 1, clock=time.perf_counter) -> float:
    return statistics.median(timed_ms(run, times=times, warmup=warmup, clock=clock))


def timed_ms(
    run, *, times: int, warmup: int = 0, clock=time.perf_counter
) -> list[float]:
    """The times of `times` calls of `run` in ms, after `warmup` untimed ones."""
    for _ in range(warmup):
        run()
    elapsed = []
    for _ in range(times):
        start = clock()
        run()
        elapsed.append((clock() - start) * 1000)
    return elapsed


def catalogue(client: Client, path: str, *, times: int) -> tuple[int, float]:
    """How many products the catalogue's first page lists, and the median
    server time of rendering that page in process (the page cache off)."""
    products = min(
        settings.OSCAR_PRODUCTS_PER_PAGE, Product.objects.browsable().count()
    )
    with override_settings(PORTAL_PAGE_CACHE_SECONDS=0):
        return products, _median_ms(lambda: client.get(path), times=times)


def offer_pdf():
    """The render of bench_contracts' 30-line offer, made ready (its rows
    read); each call renders it to PDF as a preview or sending does."""
    company = Company.objects.filter(slug=OFFER_COMPANY).first()
    offer = (
        Offer.objects.for_company(company).filter(title=OFFER_TITLE).first()
        if company
        else None
    )
    if offer is None:
        raise CommandError("No 30-line bench offer: run `manage.py bench_contracts`.")
    version = offer.versions.order_by("-number").first()
    lines = list(version.lines.all())

    def render():
        if not documents.render_offer_pdf(version, lines).startswith(b"%PDF-"):
            raise CommandError("The offer did not render to a PDF.")

    return render


def invoice_pdf_ms(*, times: int) -> tuple[int, float]:
    """Rendering the invoice of a bench order (as orders.invoices does when it
    issues one, without numbering or keeping it): its lines and the median."""
    company = Company.objects.get(slug="bench")
    order = Order.objects.for_company(company).order_by("-date_placed").first()
    lines = list(order.lines.all())
    issued_on = timezone.localdate()
    terms_days = issuer_details().payment_terms_days
    context = {
        "order": order,
        "lines": lines,
        "vat": order_vat(lines),
        "number": "BENCH-INVOICE",
        "company": order.company,
        "issued_on": issued_on,
        "delivered_on": delivery_date(order),
        "payment_terms_days": terms_days,
        "due_on": issued_on + timedelta(days=terms_days),
    }

    def render():
        with translation.override("en"):
            if not render_pdf("orders/invoice.html", context).startswith(b"%PDF-"):
                raise CommandError("The invoice did not render to a PDF.")

    return len(lines), _median_ms(render, times=times)
