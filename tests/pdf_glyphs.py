"""Which characters a PDF can really show: for every embedded font, the
characters its ToUnicode map names, kept only where the code leads to a glyph
of the embedded font program that is not .notdef and has an outline. A
character drawn as an empty box (no font had it) is therefore missing."""

import io
import re

from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream, IndirectObject

_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def _hex_text(value: bytes) -> str:
    return bytes.fromhex(value.decode()).decode("utf-16-be", errors="replace")


def _to_unicode(stream) -> dict[int, str]:
    """code -> text from a ToUnicode CMap (bfchar and bfrange sections)."""
    data = stream.get_data()
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        values = _HEX.findall(block)
        for code, text in zip(values[::2], values[1::2], strict=True):
            mapping[int(code, 16)] = _hex_text(text)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in block.strip().splitlines():
            parts = re.findall(rb"<[0-9A-Fa-f]+>|\[[^\]]*\]", line)
            if len(parts) != 3:
                continue
            start, end = (int(part[1:-1], 16) for part in parts[:2])
            if parts[2].startswith(b"["):
                for offset, text in enumerate(_HEX.findall(parts[2])):
                    mapping[start + offset] = _hex_text(text)
            else:
                first = bytes.fromhex(parts[2][1:-1].decode())
                base = int.from_bytes(first, "big")
                for offset in range(end - start + 1):
                    value = (base + offset).to_bytes(len(first), "big")
                    mapping[start + offset] = value.decode("utf-16-be", "replace")
    return mapping


def _program(descriptor) -> TTFont:
    for key in ("/FontFile2", "/FontFile3"):
        if key in descriptor:
            return TTFont(io.BytesIO(descriptor[key].get_object().get_data()))
    raise AssertionError(f"font {descriptor.get('/FontName')} is not embedded")


def _has_outline(program: TTFont, glyph_id: int) -> bool:
    order = program.getGlyphOrder()
    if not 0 < glyph_id < len(order):
        return False
    if "glyf" in program:
        glyph = program["glyf"][order[glyph_id]]
        return glyph.numberOfContours != 0
    return True  # CFF: a glyph other than .notdef


def _font_characters(font) -> set[str]:
    font = font.get_object()
    if "/ToUnicode" not in font:
        return set()
    codes = _to_unicode(font["/ToUnicode"].get_object())
    if font["/Subtype"] == "/Type0":
        cid_font = font["/DescendantFonts"][0].get_object()
        program = _program(cid_font["/FontDescriptor"].get_object())
        cid_map = cid_font.get("/CIDToGIDMap", "/Identity")
        if isinstance(cid_map, IndirectObject) or hasattr(cid_map, "get_data"):
            table = cid_map.get_object().get_data()

            def glyph_of(code):
                return int.from_bytes(table[2 * code : 2 * code + 2], "big")
        else:

            def glyph_of(code):
                return code
    else:
        program = _program(font["/FontDescriptor"].get_object())
        cmap = {}
        for table in program["cmap"].tables:
            cmap.update(table.cmap)
        order = program.getGlyphOrder()

        def glyph_of(code):
            name = cmap.get(code) or cmap.get(0xF000 + code)
            return order.index(name) if name else 0

    found = set()
    for code, text in codes.items():
        if _has_outline(program, glyph_of(code)):
            found.update(text)
    return found


def _fonts_of(resources, seen) -> list:
    fonts = []
    if resources is None:
        return fonts
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        fonts.append(font)
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if id(xobject) in seen:
            continue
        seen.add(id(xobject))
        fonts += _fonts_of(xobject.get("/Resources"), seen)
    return fonts


def shown_characters(pdf: bytes) -> set[str]:
    """Every character the PDF's embedded fonts draw with a real glyph."""
    reader = PdfReader(io.BytesIO(pdf))
    characters: set[str] = set()
    for page in reader.pages:
        for font in _fonts_of(page.get("/Resources"), set()):
            characters |= _font_characters(font)
    return characters


def _drawn(content, resources, lines, seen):
    resources = resources.get_object() if resources is not None else {}
    fonts = {
        name: (_to_unicode(font.get_object()["/ToUnicode"].get_object()), font)
        for name, font in (resources.get("/Font") or {}).items()
        if "/ToUnicode" in font.get_object()
    }
    xobjects = resources.get("/XObject") or {}
    current = None
    for operands, operator in ContentStream(content, None).operations:
        if operator == b"Tf":
            current = fonts.get(operands[0])
        elif operator in (b"Tj", b"TJ", b"'", b'"') and current:
            mapping, font = current
            width = 2 if font.get_object()["/Subtype"] == "/Type0" else 1
            strings = operands[-1] if operator == b"TJ" else operands[-1:]
            text = ""
            for item in strings:
                if isinstance(item, bytes | str):
                    raw = item if isinstance(item, bytes) else item.original_bytes
                    for index in range(0, len(raw), width):
                        code = int.from_bytes(raw[index : index + width], "big")
                        text += mapping.get(code, "")
            lines.append(text)
        elif operator == b"Do" and operands[0] in xobjects:
            form = xobjects[operands[0]].get_object()
            if form.get("/Subtype") == "/Form" and id(form) not in seen:
                seen.add(id(form))
                _drawn(form, form.get("/Resources"), lines, seen)


def drawn_text(pdf: bytes) -> str:
    """The text of each text-showing operation, in the order its glyphs are
    drawn (left to right within a run): right-to-left text reads reversed,
    a number in it reads as it is seen."""
    reader = PdfReader(io.BytesIO(pdf))
    lines: list[str] = []
    for page in reader.pages:
        _drawn(page.get_contents(), page.get("/Resources"), lines, set())
    return "\n".join(lines)


def capture_pdf_html(monkeypatch) -> list[str]:
    """Makes render_pdf skip WeasyPrint and keep the HTML it would have
    rendered (issuer and all), one string per document, in the list returned."""
    from partner_portal import pdf

    pages: list[str] = []

    class _HTML:
        def __init__(self, *, string, url_fetcher):
            pages.append(string)

        def write_pdf(self, **options):
            return b"%PDF-1.7 test"

    monkeypatch.setattr(pdf, "PortalHTML", _HTML)
    return pages
