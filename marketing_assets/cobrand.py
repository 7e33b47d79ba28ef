"""Co-branded flyers: the partner's name, logo and address drawn with ReportLab
onto a transparent page of the template's size, merged (pypdf) onto every page
of the template PDF. Nothing goes through HTML, so nothing a partner typed can
reach a URL fetcher; the logo was checked as a PNG or JPEG when it was
uploaded and is read again through Pillow here."""

from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.lib.colors import Color, white
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

# DejaVu covers far more scripts than the built-in Helvetica; Debian's
# fonts-dejavu-core puts it here.
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
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


def _fonts() -> tuple[str, str]:
    regular, bold = _DEJAVU / "DejaVuSans.ttf", _DEJAVU / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        if "AssetSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("AssetSans", str(regular)))
            pdfmetrics.registerFont(TTFont("AssetSans-Bold", str(bold)))
        return "AssetSans", "AssetSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text` shortened with an ellipsis so that it fits `width` points."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _overlay(width: float, height: float, brand: BrandFacts) -> bytes:
    regular, bold = _fonts()
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
    pdf.setFont(bold, 13)
    pdf.drawString(text_x, y, _fit(brand.name, bold, 13, column * 2))
    pdf.setFont(regular, 8.5)
    for offset, line in enumerate(brand.address_lines[:4]):
        pdf.drawString(
            text_x, y - (offset + 1) * 4.2 * mm, _fit(line, regular, 8.5, column)
        )
    for offset, line in enumerate(brand.contact_lines[:4]):
        pdf.drawString(
            text_x + column,
            y - (offset + 1) * 4.2 * mm,
            _fit(line, regular, 8.5, column),
        )
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
