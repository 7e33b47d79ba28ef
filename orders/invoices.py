"""Invoices: rendered once per order with WeasyPrint, kept privately."""

import hashlib
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from orders.models import CompanyAccount, Invoice
from partner_portal.issuer import issuer_details
from partner_portal.language import language_of
from partner_portal.money import VatBreakdown, parse_rate, vat_breakdown
from partner_portal.numbering import next_number
from partner_portal.pdf import render_pdf

INVOICE_SEQUENCE = "INV"


def invoice_number(order) -> str:
    """The number of the order's invoice, or "" while none is issued."""
    invoice = Invoice.objects.filter(order=order).only("number").first()
    return invoice.number if invoice else ""


def order_vat(lines) -> VatBreakdown:
    """Net total, VAT per rate and gross of the order lines by the portal's
    one VAT rule (the rate of each line is in Oscar's `tax_code`). Each line
    gets its rate as `vat_rate` for the invoice's VAT column."""
    for line in lines:
        line.vat_rate = parse_rate(line.tax_code)
    return vat_breakdown((line.line_price_excl_tax, line.vat_rate) for line in lines)


def invoice_for(order) -> Invoice | None:
    """The order's invoice, if it was made."""
    return Invoice.objects.for_company(order.company).filter(order=order).first()


def delivery_date(order):
    """The date of delivery or service an invoice must state: the day the
    order was first shipped, or the day it was placed before it ships."""
    shipped = [event.date_created for event in order.shipping_events.all()]
    moment = min(shipped) if shipped else order.date_placed
    return timezone.localtime(moment).date()


def invoice_create(*, order) -> Invoice:
    """The order's invoice, rendering it the first time. An invoice never
    changes once made (its SHA-256 is kept), so a second call returns it."""
    with transaction.atomic():
        # The order row is the lock: two workers issuing the same invoice
        # wait for each other, and the second finds the first one's.
        type(order).objects.select_for_update().only("pk").get(pk=order.pk)
        existing = (
            Invoice.objects.for_company(order.company).filter(order=order).first()
        )
        if existing:
            return existing
        # Numbered when issued, gap-free per year: if rendering or saving
        # fails, the transaction gives the number back.
        return _invoice_issue(order=order, number=next_number(INVOICE_SEQUENCE))


def _invoice_issue(*, order, number: str) -> Invoice:
    lines = list(order.lines.all())
    account = CompanyAccount.objects.for_company(order.company).first()
    issued_on = timezone.localdate()
    terms_days = (
        account.payment_terms_days if account else issuer_details().payment_terms_days
    )
    # Documents go out in the language of the person they are for.
    with translation.override(language_of(order.user)):
        pdf = render_pdf(
            "orders/invoice.html",
            {
                "order": order,
                "lines": lines,
                "vat": order_vat(lines),
                "number": number,
                "company": order.company,
                "issued_on": issued_on,
                "delivered_on": delivery_date(order),
                "payment_terms_days": terms_days,
                "due_on": issued_on + timedelta(days=terms_days),
            },
        )
    invoice = Invoice(
        company=order.company,
        order=order,
        number=number,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    invoice.pdf.save(f"{number}.pdf", ContentFile(pdf), save=False)
    try:
        invoice.save()
    except Exception:
        invoice.pdf.delete(save=False)
        raise
    return invoice
