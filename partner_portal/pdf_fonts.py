"""Text in every shipped language for the PDFs drawn with ReportLab (return
labels, co-branded flyers).

ReportLab draws one font per string and neither joins Persian letters nor
orders right-to-left text. So a string is first shaped (arabic-reshaper:
joining forms and ligatures) and put in visual order (python-bidi), then cut
into runs, each drawn in the first font that has its glyphs:

- DejaVu Sans (Debian's fonts-dejavu-core): Latin, Greek, Cyrillic;
- Vazirmatn (static/fonts/vazirmatn/, SIL OFL): Persian and Arabic, which
  always take it so that a word is never split across two fonts;
- WenQuanYi Micro Hei (Debian's fonts-wqy-microhei): Chinese.

A missing font file is skipped; without DejaVu the built-in Helvetica is the
last resort (Latin-1 only)."""

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import arabic_reshaper
from bidi import get_display
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_VAZIRMATN = Path(__file__).resolve().parent.parent / "static/fonts/vazirmatn"
_WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

# Arabic script, its supplements and presentation forms (what the reshaper
# turns letters into).
_ARABIC = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"
)


@dataclass(frozen=True)
class Face:
    regular: str
    bold: str
    chars: frozenset

    def name(self, bold: bool) -> str:
        return self.bold if bold else self.regular


def _register(name: str, path: Path, subfont: int = 0) -> set | None:
    if not path.exists():
        return None
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=subfont))
    return set(pdfmetrics.getFont(name).face.charToGlyph)


@functools.cache
def faces() -> tuple[Face, ...]:
    """The registered fonts, in the order they are tried."""
    found = []
    for regular, bold, regular_path, bold_path, subfont in (
        (
            "PortalSans",
            "PortalSans-Bold",
            _DEJAVU / "DejaVuSans.ttf",
            _DEJAVU / "DejaVuSans-Bold.ttf",
            0,
        ),
        (
            "PortalFarsi",
            "PortalFarsi-Bold",
            _VAZIRMATN / "Vazirmatn-Regular.ttf",
            _VAZIRMATN / "Vazirmatn-Bold.ttf",
            0,
        ),
        # WenQuanYi has no bold: Chinese headings stay regular.
        ("PortalCJK", "PortalCJK", _WQY, _WQY, 0),
    ):
        chars = _register(regular, regular_path, subfont)
        if chars is None:
            continue
        if bold != regular and _register(bold, bold_path, subfont) is None:
            bold = regular
        found.append(Face(regular, bold, frozenset(chars)))
    if not found:
        found.append(
            Face("Helvetica", "Helvetica-Bold", frozenset(map(chr, range(256))))
        )
    return tuple(found)


def _face_for(char: str, current: Face | None) -> Face:
    options = faces()
    code = ord(char)
    if char.isspace() and current is not None and code in current.chars:
        return current
    if _ARABIC.match(char):
        for face in options:
            if face.regular == "PortalFarsi" and code in face.chars:
                return face
    for face in options:
        if code in face.chars:
            return face
    return options[0]


def visual(text: str) -> str:
    """`text` as drawn: Persian and Arabic joined, right-to-left runs turned
    into left-to-right drawing order. Other text comes back unchanged."""
    if not _ARABIC.search(text):
        return text
    return get_display(arabic_reshaper.reshape(text))


def runs(text: str, *, bold: bool = False) -> list[tuple[str, str]]:
    """(font name, piece) pairs in drawing order, left to right."""
    result: list[tuple[str, str]] = []
    current: Face | None = None
    for char in visual(text):
        face = _face_for(char, current)
        if face is current and result:
            result[-1] = (result[-1][0], result[-1][1] + char)
        else:
            result.append((face.name(bold), char))
            current = face
    return result


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    return sum(
        pdfmetrics.stringWidth(piece, font, size)
        for font, piece in runs(text, bold=bold)
    )


def fit(text: str, size: float, width: float, *, bold: bool = False) -> str:
    """`text` shortened with an ellipsis so that it fits `width` points."""
    if text_width(text, size, bold=bold) <= width:
        return text
    while text and text_width(text + "…", size, bold=bold) > width:
        text = text[:-1]
    return text + "…"


def draw_text(pdf, x, y, text, size, *, bold=False, align="left") -> float:
    """Draw `text` on the ReportLab canvas with its baseline at `y`, starting
    at `x` (align="left") or ending there (align="right"); returns the width.
    The canvas's fill colour is kept; its font is left set to the last run's."""
    pieces = runs(str(text), bold=bold)
    width = sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in pieces)
    cursor = x - width if align == "right" else x
    for font, piece in pieces:
        pdf.setFont(font, size)
        pdf.drawString(cursor, y, piece)
        cursor += pdfmetrics.stringWidth(piece, font, size)
    return width
