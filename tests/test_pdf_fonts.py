"""Every kind of PDF the portal makes shows Chinese and Persian: the company
name, product title and person name carry both scripts, and each character
must be drawn by an embedded font with a real glyph (not an empty box), with
Persian digits left to right.

Set PDF_FONTS_DIR to a folder to keep the rendered files for looking at them
(e.g. `pdftoppm -png -r 60 invoice-fa.pdf invoice-fa`)."""

import io
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from cms.certificates import CertificateFacts, certificate_pdf
from contracts.documents import render_offer_pdf
from marketing_assets.cobrand import BrandFacts, flyer_pdf
from orders import invoices
from partner_portal.pdf_fonts import visual
from partner_portal.permissions import Role
from returns.credit_notes import credit_note_create
from returns.labels import label_pdf
from returns.services import return_request_create
from tests.factories import CompanyAddressFactory, CompanyFactory, MembershipFactory
from tests.factories.contracts import line, offer_draft_create, sales_user_create
from tests.factories.marketing_assets import pdf_bytes
from tests.factories.orders import order_place, product_create
from tests.pdf_glyphs import drawn_text, shown_characters

CHINESE = "发票合同证书"
PERSIAN = "فاکتور ۱۲۳"
TEXT = f"{CHINESE} {PERSIAN}"
LANGUAGES = ["en", "zh-hans", "fa"]
# ReportLab draws Persian already joined (presentation forms) in visual order.
DRAWN_BY_REPORTLAB = {"label", "flyer"}


@pytest.fixture
def world(db):
    company = CompanyFactory(name=f"{CHINESE} {PERSIAN} GmbH", slug="scripts")
    CompanyAddressFactory(company=company, kind="billing", line1=PERSIAN)
    buyer = MembershipFactory(
        company=company,
        role=Role.COMPANY_ADMIN,
        user__email="buyer@scripts.example",
        user__first_name=CHINESE,
        user__last_name=PERSIAN,
    ).user
    product = product_create(title=TEXT, sku="FA-ZH-1", price="10.00")
    return company, buyer, product


def _order(world):
    company, buyer, product = world
    order = order_place(user=buyer, company=company, lines=[(product, 2)])
    for status in ("Processing", "Shipped", "Complete"):
        order.set_status(status)
    return order


def _return(world):
    company, buyer, _product = world
    order = _order(world)
    return_request = return_request_create(
        company=company,
        user=buyer,
        order=order,
        quantities={order.lines.get().pk: 1},
        reason="damaged",
        comment=TEXT,
        photos=[],
        submission_key="fonts",
    )
    return_request.lines.update(received_quantity=1)
    return return_request


def _kept(field_file) -> bytes:
    with field_file.open("rb") as handle:
        content = handle.read()
    field_file.delete(save=False)
    return content


def _invoice(world, language):
    return _kept(invoices.invoice_create(order=_order(world)).pdf)


def _credit_note(world, language):
    with transaction.atomic():
        note = credit_note_create(
            return_request=_return(world), amount=Decimal("11.90")
        )
    return _kept(note.pdf)


def _label(world, language):
    with override_settings(LANGUAGE_CODE=language):
        return label_pdf(_return(world))


def _offer(world, language):
    company, _buyer, product = world
    offer = offer_draft_create(
        company=company,
        sales=sales_user_create(email="sales@portal.example"),
        lines=[line(TEXT, sku="FA-ZH-1", unit_price="394.20")],
        title=TEXT,
        language=language,
    )
    version = offer.versions.get()
    return render_offer_pdf(version, list(version.lines.all()))


def _certificate(world, language):
    company, buyer, _product = world
    facts = CertificateFacts(
        number="1-2-3-ABCDEFGHIJ",
        person_name=buyer.get_full_name(),
        company_name=company.name,
        course_title=TEXT,
        completed_on=date(2026, 11, 29),
        lessons=3,
        score=90,
    )
    return certificate_pdf(facts)


def _flyer(world, language):
    company, buyer, _product = world
    brand = BrandFacts(
        name=company.name, address_lines=[PERSIAN], contact_lines=[CHINESE]
    )
    return flyer_pdf(io.BytesIO(pdf_bytes("Flyer")), brand)


RENDER = {
    "invoice": _invoice,
    "credit_note": _credit_note,
    "offer": _offer,
    "certificate": _certificate,
    "label": _label,
    "flyer": _flyer,
}


def _expected(kind) -> set[str]:
    text = visual(TEXT) if kind in DRAWN_BY_REPORTLAB else TEXT
    return {char for char in text if not char.isspace()}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", list(RENDER))
def test_every_character_is_drawn_by_an_embedded_font(world, kind, language):
    # Given a company, person and product named in Chinese and Persian
    # When the document is rendered in the language
    with translation.override(language):
        pdf = RENDER[kind](world, language)
    if os.environ.get("PDF_FONTS_DIR"):
        Path(os.environ["PDF_FONTS_DIR"], f"{kind}-{language}.pdf").write_bytes(pdf)

    # Then every character has a real glyph in an embedded font
    assert _expected(kind) - shown_characters(pdf) == set()
    # and the Persian number is drawn left to right
    drawn = drawn_text(pdf)
    assert "۱۲۳" in drawn
    assert "۳۲۱" not in drawn


def test_a_font_without_chinese_is_caught():
    # Given a PDF that draws Chinese in DejaVu Sans, which has no Chinese
    buffer = io.BytesIO()
    pdfmetrics.registerFont(
        TTFont("OnlyDejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    )
    pdf = canvas.Canvas(buffer)
    pdf.setFont("OnlyDejaVu", 12)
    pdf.drawString(50, 700, f"Invoice {CHINESE}")
    pdf.save()

    # Then the Latin text counts as shown and the Chinese does not
    shown = shown_characters(buffer.getvalue())
    assert set("Invoice") <= shown
    assert set(CHINESE) & shown == set()
