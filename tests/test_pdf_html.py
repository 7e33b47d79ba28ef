"""partner_portal.pdf_html builds exactly the tree of WeasyPrint's HTML5
parser (tinyhtml5) for the portal's PDF templates, and declines (None) what it
cannot build the same way, which then goes to tinyhtml5."""

import pytest
import tinyhtml5
from django.utils import translation

from partner_portal import pdf, pdf_html
from tests.test_pdf_fonts import RENDER, world  # noqa: F401 (fixture)


def _tree(element, depth=0, out=None):
    out = [] if out is None else out
    out.append((depth, element.tag, sorted(element.attrib.items()), element.text))
    out.append((depth, "tail", element.tail))
    for child in element:
        _tree(child, depth + 1, out)
    return out


def _same_as_html5(html):
    ours = pdf_html.parse(html)
    assert ours is not None
    assert _tree(ours) == _tree(tinyhtml5.parse(html, namespace_html_elements=False))


DOC = (
    "<!DOCTYPE html>\n<html lang='fa' dir=rtl>\n<head>\n<meta charset=utf-8>"
    "<title>T &amp; C</title>\n<style>p > b { color: red }</style>\n</head>\n"
    "<body>\n{}\n</body>\n</html>\n"
)


@pytest.mark.parametrize(
    "body",
    [
        "<p>a<br>b &lt;i&gt; &#x27;q&#x27; &nbsp;<b>bold</b> tail</p>",
        # HTML5 adds the <tbody> around rows written into a table.
        "<table class=meta>\n  <tr><td>1</td><td>2</td></tr>\n  <tr><td>3</td></tr>"
        "\n</table>",
        "<table><colgroup><col style='width: 4%'><col></colgroup><thead><tr><th>#"
        "</th></tr></thead><tbody><tr><td><div>x</div></td></tr></tbody></table>",
        "<footer><div>1 · <span class=page></span></div></footer>"
        "<header><h1>T</h1></header>",
        "<ul><li>one</li><li>two</li></ul>text\r\nwith a Windows line break",
    ],
)
def test_plain_documents_parse_as_html5_would(body):
    _same_as_html5(DOC.replace("{}", body))


@pytest.mark.parametrize(
    "html",
    [
        DOC.replace("{}", "<p>a<div>b</div></p>"),  # a <div> ends the paragraph
        DOC.replace("{}", "<table><td>1</td></table>"),  # cell without a row
        DOC.replace("{}", "<table>text<tr><td>1</td></tr></table>"),  # text fostered
        DOC.replace("{}", "<b><i>x</b></i>"),  # misnested
        DOC.replace("{}", "<p>x"),  # unclosed
        DOC.replace("{}", "<!-- comment -->"),
        DOC.replace("{}", "<pre>\nx</pre>"),  # an element it does not take
        DOC.replace("{}", "<span/>"),
        DOC.replace("{}", "<a href=x><a href=y>z</a></a>"),
        DOC.replace("<!DOCTYPE html>", ""),  # quirks mode
        DOC.replace("<head>", "<head><base href='portal-static:x/'>"),
        DOC.replace("</body>", "</body><p>late</p>"),
    ],
)
def test_what_html5_would_repair_goes_to_the_full_parser(html):
    assert pdf_html.parse(html) is None


def test_a_document_with_inline_svg_goes_to_the_full_parser():
    svg = '<svg width="10" height="10"><rect width="10" height="10"/></svg>'
    html = DOC.replace("{}", f'<div class="qr">{svg}</div>')
    assert pdf_html.parse(html) is None
    assert pdf.html_to_pdf(html).startswith(b"%PDF-")


@pytest.mark.parametrize("language", ["en", "fa"])
# The course certificate draws its QR code as inline SVG, which the quick
# parser leaves to the full one.
@pytest.mark.parametrize("kind", ["offer", "invoice", "credit_note"])
def test_every_portal_pdf_takes_the_quick_parser(world, monkeypatch, kind, language):  # noqa: F811
    # Given the HTML of each kind of PDF the portal renders with WeasyPrint
    documents = []
    real = pdf.html_to_pdf

    def spy(html, *args):
        documents.append(html)
        return real(html, *args)

    monkeypatch.setattr(pdf, "html_to_pdf", spy)
    with translation.override(language):
        RENDER[kind](world, language)

    # Then the quick parser builds the very tree of the HTML5 parser
    assert documents
    for html in documents:
        _same_as_html5(html)


def test_a_linked_static_stylesheet_is_compiled_once_and_taken_out_of_the_page():
    # Given a document linking the offer's static stylesheet and a missing one
    html = DOC.replace(
        "<style>",
        '<link rel="stylesheet" href="portal-static:contracts/pdf/offer.css">'
        '<link rel="stylesheet" href="portal-static:contracts/pdf/missing.css">'
        '<link rel="stylesheet" href="portal-static:../manage.py">'
        "<style>",
    )

    # When two documents are read
    first = pdf.PortalHTML(string=html, url_fetcher=pdf.StaticOnlyURLFetcher())
    second = pdf.PortalHTML(string=html, url_fetcher=pdf.StaticOnlyURLFetcher())

    # Then both use the one compiled offer stylesheet, and its <link> is gone;
    # the links to a missing file and outside the static files stay (and
    # WeasyPrint's fetcher refuses them)
    assert len(first.stylesheets) == 1
    assert first.stylesheets[0] is second.stylesheets[0]
    links = [link.get("href") for link in first.etree_element.iter("link")]
    assert links == [
        "portal-static:contracts/pdf/missing.css",
        "portal-static:../manage.py",
    ]
