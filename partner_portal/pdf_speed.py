"""Two changes inside WeasyPrint 70.0 that take work off every text box
(issue #15), installed by partner_portal.pdf for the version they were made
and tested for only (another WeasyPrint runs as shipped).

A text box's Pango layout is made when the box is laid out. WeasyPrint then
frees it and, when the page is drawn, makes it again from scratch: a new Pango
context and layout, the font description, the text, and Pango itemizes and
shapes the text a second time. With ~300 text boxes in a 30-line offer, that
is about 6 % of the render. Here a layout that holds its text on one line is
kept for drawing; one whose text Pango broke into more lines (WeasyPrint keeps
only the first) and one drawn justified are made again as before.

Every text box also built its Pango font description from its style, the same
few descriptions hundreds of times per document (about 3 %); they are kept
per font configuration (one per thread, partner_portal.pdf), keyed by the
style values WeasyPrint builds them from. Pango copies a description into
each layout, so sharing one is safe.

tests/test_pdf_speed.py renders every kind of portal PDF with and without
these changes and requires the very same bytes."""

import weasyprint
from weasyprint.text import line_break
from weasyprint.text.ffi import ffi, pango

VERSION = "70.0"

_original = {
    "deactivate": line_break.Layout.deactivate,
    "reactivate": line_break.Layout.reactivate,
    "get_font_description": line_break.get_font_description,
}


def _deactivate(self):
    # Kept when its first line is all of it: drawing sets the same text
    # without a width, which gives that very line.
    if pango.pango_layout_get_line_readonly(self.layout, 1) != ffi.NULL:
        _original["deactivate"](self)


def _reactivate(self, style):
    kept = "layout" in self.__dict__ and style is self.style
    if not kept or self.justification_spacing:
        _original["reactivate"](self, style)


def _get_font_description(style):
    variations = style["font_variation_settings"]
    key = (
        tuple(style["font_family"]),
        style["font_style"],
        style["font_stretch"],
        style["font_weight"],
        style["font_size"],
        style["font_variant_caps"],
        variations if variations == "normal" else tuple(variations),
    )
    kept = style.font_config.__dict__.setdefault("portal_font_descriptions", {})
    description = kept.get(key)
    if description is None:
        description = kept[key] = _original["get_font_description"](style)
    return description


def install() -> bool:
    """Put the changes in place; False for another WeasyPrint."""
    if weasyprint.__version__ != VERSION:
        return False
    _set(
        deactivate=_deactivate,
        reactivate=_reactivate,
        get_font_description=_get_font_description,
    )
    return True


def uninstall() -> None:
    """WeasyPrint as shipped again (for comparing in tests)."""
    _set(**_original)


def _set(*, deactivate, reactivate, get_font_description):
    line_break.Layout.deactivate = deactivate
    line_break.Layout.reactivate = reactivate
    line_break.get_font_description = get_font_description
