"""Credit notes for returns of orders on account: rendered once with
WeasyPrint (through the portal's one URL fetcher), kept privately."""

import hashlib
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone, translation

from orders.invoices import invoice_for, invoice_number
from partner_portal.language import language_of
from partner_portal.money import VatBreakdown, vat_breakdown
from partner_portal.numbering import next_number
from partner_portal.pdf import render_pdf
from returns.models import CreditNote

CREDIT_NOTE_SEQUENCE = "CN"


def received_vat(return_request) -> VatBreakdown:
    """Net value of what arrived at the order's net prices, VAT per rate of
    the order lines and the gross total, by the portal's one VAT rule."""
    return vat_breakdown(
        (
            line.order_line.unit_price_excl_tax * line.received_quantity,
            line.order_line.tax_code,
        )
        for line in return_request.lines.select_related("order_line")
        if line.received_quantity
    )


def credit_note_create(*, return_request, amount: Decimal) -> CreditNote:
    """The credit note of `return_request` over `amount` (gross). Call inside
    the transaction that moves the return to "credited": the number comes from
    the locked yearly counter, and the note never changes once made."""
    order = return_request.order
    number = next_number(CREDIT_NOTE_SEQUENCE)
    vat = received_vat(return_request)
    invoice = invoice_for(order)
    rows = [
        {
            "line": line.order_line,
            "quantity": line.received_quantity,
            "total": line.order_line.unit_price_incl_tax * line.received_quantity,
        }
        for line in return_request.lines.select_related("order_line")
        if line.received_quantity
    ]
    # Documents go out in the language of the person they are for.
    with translation.override(language_of(return_request.requested_by)):
        pdf = render_pdf(
            "returns/credit_note.html",
            {
                "number": number,
                "return_request": return_request,
                "order": order,
                "company": return_request.company,
                "invoice_number": invoice.number if invoice else invoice_number(order),
                "invoice_date": invoice.created_at if invoice else None,
                "issued_on": timezone.localdate(),
                "rows": rows,
                "amount": amount,
                # VAT split per rate like the invoice; left out when the credit
                # was capped below the value of the goods (it cannot be split).
                "vat": vat if vat.gross == amount else None,
            },
        )
    note = CreditNote(
        company=return_request.company,
        return_request=return_request,
        number=number,
        amount=amount,
        currency=order.currency,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    note.pdf.save(f"{number}.pdf", ContentFile(pdf), save=False)
    note.save()
    return note
