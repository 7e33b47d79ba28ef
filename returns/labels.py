"""The return label: an A4 page drawn with ReportLab (no HTML, so nothing the
customer typed can reach a URL fetcher). The top half is the label to stick on
the parcel: sender, return address, the RMA number as Code 128 barcode and as
QR code; the bottom half is the packing list to put inside."""

from io import BytesIO

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import code128, qr
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from partner_portal.language import language_of
from partner_portal.pdf_fonts import draw_text, fit


def _sender_lines(return_request) -> list[str]:
    address = return_request.order.shipping_address
    lines = [return_request.company.name]
    if address is not None:
        lines += [
            line
            for line in address.active_address_fields()
            if line and line != return_request.company.name
        ]
    return lines


def label_pdf(return_request) -> bytes:
    """The label of `return_request` as PDF bytes, in the language of the
    customer who asked for the return (not of whoever approves it): they
    print it and pack the parcel."""
    with override(language_of(return_request.requested_by)):
        return _draw(return_request)


def _draw(return_request) -> bytes:
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    pdf.setTitle(_("Return label %(number)s") % {"number": return_request.number})
    pdf.setAuthor(settings.OSCAR_SHOP_NAME)
    width, height = A4
    margin = 15 * mm

    # The label: a framed box in the top half.
    top = height - margin
    box_height = 120 * mm
    pdf.setLineWidth(1.2)
    pdf.rect(margin, top - box_height, width - 2 * margin, box_height)
    draw_text(pdf, margin + 6 * mm, top - 11 * mm, _("RETURN"), 16, bold=True)
    draw_text(
        pdf,
        width - margin - 6 * mm,
        top - 11 * mm,
        return_request.number,
        20,
        bold=True,
        align="right",
    )
    text_width = width - 2 * margin - 60 * mm

    def block(x, y, title, lines, size=11):
        draw_text(pdf, x, y, title.upper(), 8)
        for index, line in enumerate(lines):
            bold = index == 0
            line = fit(line, size, text_width, bold=bold)
            draw_text(pdf, x, y - (index + 1) * (size + 3), line, size, bold=bold)

    block(
        margin + 6 * mm,
        top - 24 * mm,
        pgettext("parcel sender", "From"),
        _sender_lines(return_request),
        10,
    )
    block(
        margin + 6 * mm,
        top - 62 * mm,
        pgettext("parcel recipient", "To"),
        list(settings.PORTAL_RETURN_ADDRESS),
        14,
    )

    # Code 128 for the warehouse scanners, QR for phones.
    barcode = code128.Code128(
        return_request.number, barHeight=22 * mm, barWidth=0.42 * mm, quiet=False
    )
    barcode.drawOn(pdf, margin + 6 * mm, top - box_height + 8 * mm)
    draw_text(pdf, margin + 6 * mm, top - box_height + 4 * mm, return_request.number, 9)
    qr_size = 38 * mm
    widget = qr.QrCodeWidget(return_request.number)
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(
        qr_size,
        qr_size,
        transform=[qr_size / (x2 - x1), 0, 0, qr_size / (y2 - y1), 0, 0],
    )
    drawing.add(widget)
    renderPDF.draw(
        drawing, pdf, width - margin - 6 * mm - qr_size, top - box_height + 6 * mm
    )

    # The packing list.
    pdf.setDash(4, 3)
    pdf.line(
        margin, top - box_height - 8 * mm, width - margin, top - box_height - 8 * mm
    )
    pdf.setDash()
    y = top - box_height - 20 * mm
    draw_text(
        pdf, margin, y, _("Packing list — put this page into the parcel"), 13, bold=True
    )
    y -= 8 * mm
    facts = [
        (_("RMA number"), return_request.number),
        (_("Order"), return_request.order.number),
        (_("Reason"), return_request.get_reason_display()),
        (
            _("Approved"),
            timezone.localtime(return_request.updated_at).strftime("%Y-%m-%d"),
        ),
    ]
    for label, value in facts:
        draw_text(pdf, margin, y, f"{label}:", 10)
        draw_text(pdf, margin + 40 * mm, y, str(value), 10)
        y -= 5.5 * mm
    y -= 4 * mm
    draw_text(pdf, margin, y, _("SKU"), 10, bold=True)
    draw_text(pdf, margin + 40 * mm, y, _("Article"), 10, bold=True)
    draw_text(pdf, width - margin, y, _("Quantity"), 10, bold=True, align="right")
    article_width = width - 2 * margin - 60 * mm
    for line in return_request.lines.select_related("order_line"):
        y -= 6 * mm
        if y < margin:
            pdf.showPage()
            y = height - margin
        draw_text(pdf, margin, y, line.order_line.partner_sku or "—", 10)
        title = fit(line.order_line.title, 10, article_width)
        draw_text(pdf, margin + 40 * mm, y, title, 10)
        draw_text(pdf, width - margin, y, str(line.quantity), 10, align="right")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
