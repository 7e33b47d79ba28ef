"""Invoices: rendered once per order with WeasyPrint, kept privately."""

import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from orders.models import CompanyAccount, Invoice
from partner_portal.pdf import render_pdf


def invoice_number(order) -> str:
    return f"INV-{order.date_placed:%Y}-{order.number}"


def invoice_create(*, order) -> Invoice:
    """The order's invoice, rendering it the first time. An invoice never
    changes once made (its SHA-256 is kept), so a second call returns it."""
    existing = Invoice.objects.for_company(order.company).filter(order=order).first()
    if existing:
        return existing
    number = invoice_number(order)
    lines = list(order.lines.all())
    account = CompanyAccount.objects.for_company(order.company).first()
    pdf = render_pdf(
        "orders/invoice.html",
        {
            "order": order,
            "lines": lines,
            "number": number,
            "company": order.company,
            "payment_terms_days": account.payment_terms_days if account else 30,
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
        with transaction.atomic():
            invoice.save()
    except IntegrityError:
        # Rendered twice at the same moment: keep the first.
        invoice.pdf.delete(save=False)
        return Invoice.objects.get(order=order)
    return invoice
