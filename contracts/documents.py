"""Offer and certificate PDFs (through partner_portal.pdf.render_pdf) and the
canonical content hash that an offer PDF prints in its footer.

A file cannot print its own SHA-256, so an offer carries two hashes:
- the content SHA-256: of the version's canonical content (company, lines,
  prices, totals, terms, validity) as sorted JSON; printed in the PDF footer
  and recomputable from the data at any time;
- the file SHA-256: of the stored PDF file; shown on the portal page and the
  acceptance certificate, so anyone can run `sha256sum` on the downloaded file.
"""

import calendar
import hashlib
import json
import re
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import translation

from contracts.models import CENT, OfferVersion
from partner_portal.models import Branding
from partner_portal.money import vat_breakdown
from partner_portal.pdf import render_pdf


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _vat(lines):
    # The portal's one VAT rule: net line sums per rate, VAT rounded once
    # per rate (the same as the shop, invoices and credit notes).
    return vat_breakdown((line.line_net, line.tax_rate) for line in lines)


def version_totals(lines) -> tuple[Decimal, Decimal, Decimal]:
    vat = _vat(lines)
    return vat.net.quantize(CENT), vat.vat.quantize(CENT), vat.gross.quantize(CENT)


def tax_summary(lines) -> list[tuple[Decimal, Decimal, Decimal]]:
    """(rate, net, tax) per VAT rate, lowest rate first, for the totals
    table."""
    return [(row.rate, row.net, row.vat) for row in reversed(_vat(lines).rows)]


def version_content(version: OfferVersion, lines) -> dict:
    """The canonical content of a version: what the customer agrees to."""
    offer = version.offer
    net, tax, gross = version_totals(lines)
    return {
        "offer": offer.number,
        "version": version.number,
        "company": offer.company.customer_number,
        "currency": version.currency,
        "valid_until": version.valid_until.isoformat(),
        "payment_terms": version.payment_terms,
        "delivery_terms": version.delivery_terms,
        "cover_note": version.cover_note,
        "contract_months": version.contract_months,
        "notice_days": version.notice_days,
        "renewal_terms": version.renewal_terms,
        "lines": [
            {
                "sku": line.sku,
                "description": line.description,
                "quantity": line.quantity,
                "unit_price": str(line.unit_price),
                "discount_percent": str(line.discount_percent),
                "tax_rate": str(line.tax_rate),
                "line_net": str(line.line_net),
            }
            for line in lines
        ],
        "totals": {"net": str(net), "tax": str(tax), "gross": str(gross)},
    }


def content_sha256(version: OfferVersion, lines) -> str:
    canonical = json.dumps(
        version_content(version, lines),
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _branding() -> dict:
    branding = Branding.load()
    colour = branding.primary_colour or ""
    return {
        "portal_name": branding.portal_name,
        "footer_text": branding.footer_text,
        # Only a #rrggbb colour goes into the stylesheet.
        "colour": colour if re.fullmatch(r"#[0-9a-fA-F]{6}", colour) else "#0b5cad",
    }


OFFER_TEMPLATE = "contracts/pdf/offer.html"


def offer_pdf_context(version: OfferVersion, lines, *, preview: bool = False) -> dict:
    offer = version.offer
    net, tax, gross = version_totals(lines)
    return {
        "offer": offer,
        "version": version,
        "lines": lines,
        "company": offer.company,
        "total_net": net,
        "total_tax": tax,
        "total_gross": gross,
        "taxes": tax_summary(lines),
        "content_sha256": content_sha256(version, lines),
        "branding": _branding(),
        "preview": preview,
        "LANGUAGE_CODE": offer.language,
    }


def render_offer_pdf(version: OfferVersion, lines, *, preview: bool = False) -> bytes:
    """The offer PDF in the offer's language: lines, totals table, terms,
    page numbers and the content SHA-256 in the footer."""
    with translation.override(version.offer.language):
        return render_pdf(
            OFFER_TEMPLATE, offer_pdf_context(version, lines, preview=preview)
        )


def render_certificate_pdf(acceptance) -> bytes:
    version = acceptance.version
    with translation.override(version.offer.language or settings.LANGUAGE_CODE):
        return render_pdf(
            "contracts/pdf/certificate.html",
            {
                "acceptance": acceptance,
                "version": version,
                "offer": version.offer,
                "company": version.offer.company,
                "branding": _branding(),
                "LANGUAGE_CODE": version.offer.language,
            },
        )
