"""partner_portal.pdf_speed changes WeasyPrint's work, never its output: every
kind of PDF the portal renders with WeasyPrint, in a left-to-right, a Chinese
and a right-to-left language, and a document made of the cases the changes
step around (text broken over lines, hyphenated, justified, cut with an
ellipsis, underlined, a fixed box drawn on every page), comes out as the very
same bytes with and without them (WeasyPrint's output is deterministic)."""

import io

import pypdf
import pytest
import weasyprint
from django.utils import translation

from contracts.documents import render_offer_pdf
from partner_portal import pdf, pdf_speed
from tests.factories.contracts import line, offer_draft_create, sales_user_create
from tests.pdf_glyphs import capture_pdf_html
from tests.test_pdf_fonts import LANGUAGES, RENDER, TEXT, world  # noqa: F401


@pytest.fixture
def without_speedups():
    """Renders `html` as WeasyPrint does as shipped, then puts the changes
    back."""

    def render(html):
        pdf_speed.uninstall()
        try:
            return pdf.html_to_pdf(html)
        finally:
            pdf_speed.install()

    return render


def _documents(monkeypatch, make) -> list[str]:
    documents = capture_pdf_html(monkeypatch)
    make()
    monkeypatch.undo()
    assert documents
    return documents


def test_the_changes_are_made_for_the_weasyprint_the_portal_pins():
    # A new WeasyPrint runs as shipped (slower) until these changes are
    # checked against its code: then set pdf_speed.VERSION.
    assert weasyprint.__version__ == pdf_speed.VERSION
    assert pdf_speed.install()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["offer", "invoice", "credit_note", "certificate"])
def test_every_portal_pdf_is_the_same_with_and_without_the_changes(
    world,  # noqa: F811
    monkeypatch,
    without_speedups,
    kind,
    language,
):
    # Given the HTML of a kind of PDF in a language
    with translation.override(language):
        documents = _documents(monkeypatch, lambda: RENDER[kind](world, language))

    # Then it renders to the same bytes with and without the changes
    for html in documents:
        assert pdf.html_to_pdf(html) == without_speedups(html)


def test_an_offer_preview_with_its_watermark_on_every_page_is_the_same(
    world,  # noqa: F811
    monkeypatch,
    without_speedups,
):
    # Given the preview of an offer long enough for three pages
    def preview():
        company, _buyer, _product = world
        offer = offer_draft_create(
            company=company,
            sales=sales_user_create(email="sales@portal.example"),
            lines=[line(f"{TEXT} {n}", sku=f"SKU-{n}") for n in range(70)],
            title=TEXT,
            language="fa",
        )
        version = offer.versions.get()
        render_offer_pdf(version, list(version.lines.all()), preview=True)

    (html,) = _documents(monkeypatch, preview)

    # Then it renders to the same bytes with and without the changes
    rendered = pdf.html_to_pdf(html)
    assert len(pypdf.PdfReader(io.BytesIO(rendered)).pages) >= 3
    assert rendered == without_speedups(html)


EDGES = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><style>
@page {{ size: A6; margin: 10mm; }}
body {{ font-family: "DejaVu Sans"; font-size: 9pt; }}
.narrow {{ width: 28mm; }}
.hyphens {{ hyphens: auto; width: 22mm; }}
.justify {{ text-align: justify; width: 40mm; }}
.ellipsis {{ width: 25mm; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }}
.fixed {{ position: fixed; top: 40mm; color: rgba(200, 0, 0, .2); }}
.spaced {{ letter-spacing: 1pt; word-spacing: 3pt; }}
</style></head><body>
<div class="fixed">FIXED</div>
<p class="narrow">Supercalifragilistic words that cannot fit in this narrow
column of text at all</p>
<p class="hyphens">Donaudampfschifffahrtsgesellschaftskapitän
Unabhängigkeitserklärung internationalization</p>
<p class="justify">Justified text is spread over the width of its line, so
its spaces grow, and the last line is not spread.</p>
<p class="ellipsis">A line of text that is cut with an ellipsis at its end</p>
<p><a href="#x">underlined link</a> <s>struck</s> <span class="spaced">spaced
out words</span> تست فارسی ۱۲۳ 中文测试</p>
<p>line one<br>line two&#9;tab</p>
{more}
</body></html>"""


@pytest.mark.parametrize("lang", ["en", "de", "fa"])
def test_text_broken_hyphenated_justified_or_cut_is_the_same(without_speedups, lang):
    # Given a document of the cases the changes step around, over pages
    html = EDGES.format(lang=lang, more="<p>More text to fill pages.</p>" * 40)

    # Then it renders to the same bytes with and without the changes
    assert pdf.html_to_pdf(html) == without_speedups(html)
