"""Co-branded flyers: the partner's name, logo and address drawn with ReportLab
onto a transparent page of the template's size, merged (pypdf) onto every page
of the template PDF. Nothing goes through HTML, so nothing a partner typed can
reach a URL fetcher; the logo was checked as a PNG or JPEG when it was
uploaded and is read again through Pillow here."""

from dataclasses import dataclass, field
from io import BytesIO

from pypdf import PdfReader, PdfWriter
from reportlab.lib.colors import Color, white
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from partner_portal.pdf_fonts import draw_text, fit

BAND_HEIGHT = 32 * mm
MARGIN = 10 * mm


@dataclass(frozen=True)
class BrandFacts:
    """What a flyer shows about the partner, already resolved from their
    PartnerBrand or their company's defaults."""

    name: str
    address_lines: list[str] = field(default_factory=list)
    contact_lines: list[str] = field(default_factory=list)
    logo: bytes | None = None


def _overlay(width: float, height: float, brand: BrandFacts) -> bytes:
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=1)
    band = min(BAND_HEIGHT, height / 4)
    pdf.setFillColor(white)
    pdf.setStrokeColor(Color(0.75, 0.75, 0.75))
    pdf.rect(0, 0, width, band, stroke=1, fill=1)

    text_x = MARGIN
    if brand.logo:
        logo_box = band - 2 * 6 * mm
        pdf.drawImage(
            ImageReader(BytesIO(brand.logo)),
            MARGIN,
            6 * mm,
            width=logo_box * 2,
            height=logo_box,
            preserveAspectRatio=True,
            anchor="w",
            mask="auto",
        )
        text_x = MARGIN + logo_box * 2 + 6 * mm

    column = (width - text_x - MARGIN) / 2
    pdf.setFillColor(Color(0.1, 0.1, 0.1))
    y = band - 10 * mm
    draw_text(pdf, text_x, y, fit(brand.name, 13, column * 2, bold=True), 13, bold=True)
    for offset, line in enumerate(brand.address_lines[:4]):
        line_y = y - (offset + 1) * 4.2 * mm
        draw_text(pdf, text_x, line_y, fit(line, 8.5, column), 8.5)
    for offset, line in enumerate(brand.contact_lines[:4]):
        line_y = y - (offset + 1) * 4.2 * mm
        draw_text(pdf, text_x + column, line_y, fit(line, 8.5, column), 8.5)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def flyer_pdf(template, brand: BrandFacts, *, title: str = "") -> bytes:
    """The template PDF (a binary file object) with `brand` stamped on every
    page, as PDF bytes. Each page gets an overlay of its own size."""
    writer = PdfWriter(clone_from=PdfReader(template))
    overlays: dict[tuple[float, float], object] = {}
    for page in writer.pages:
        if page.get("/Rotate"):
            page.transfer_rotation_to_content()
        box = page.mediabox
        size = (float(box.width), float(box.height))
        if size not in overlays:
            overlays[size] = PdfReader(BytesIO(_overlay(*size, brand))).pages[0]
        stamp = overlays[size]
        if box.left or box.bottom:
            page.merge_translated_page(stamp, float(box.left), float(box.bottom))
        else:
            page.merge_page(stamp)
    if title:
        writer.add_metadata({"/Title": title, "/Author": brand.name})
    output = BytesIO()
    writer.write(output)
    return output.getvalue()
