"""The offer PDF pipeline fetches nothing a user names: text with
`<img src="file:///etc/passwd">`, `<link rel=attachment href=...>` or a URL
of a local server puts neither the file nor a request into or out of the
PDF, and the PDF has no embedded attachments. User text is escaped in the
HTML, and even unescaped HTML in the same pipeline fetches nothing."""

import re
import threading
import zlib
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.request import urlopen

import pytest
from django.template.loader import render_to_string
from weasyprint import HTML

from contracts import documents
from partner_portal.pdf import StaticOnlyURLFetcher
from tests.factories.contracts import line, offer_sent_create

PASSWD_MARKER = b"root:x:0:0"


@pytest.fixture
def local_server():
    """An HTTP server on 127.0.0.1 (port 0: any free one) counting its hits."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802  the name http.server calls
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(b"leaked")

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def pdf_text(data: bytes) -> bytes:
    """The PDF's bytes plus every Flate stream decompressed, so that
    dictionaries inside compressed object streams are searched too."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def has_attachment(data: bytes) -> bool:
    text = pdf_text(data)
    return b"/EmbeddedFile" in text or b"/Filespec" in text


def _hostile(base: str) -> list[str]:
    return [
        '<img src="file:///etc/passwd">',
        '<link rel=attachment href="file:///etc/passwd">',
        f'<img src="{base}/img.png">',
        f'<link rel="attachment" href="{base}/attach.txt">',
        f'<link rel="stylesheet" href="{base}/style.css">',
        f"<style>@import url('{base}/import.css'); "
        f"body {{ background: url({base}/bg.png) }}</style>",
        f"{base}/plain-url",
    ]


def test_the_local_server_counts_hits(local_server):
    # Guards the tests below: the server does answer and count.
    base, hits = local_server
    with urlopen(f"{base}/probe", timeout=5) as response:
        assert response.status == 200
    assert hits == ["/probe"]


def test_the_attachment_check_finds_a_real_attachment():
    # Guards has_attachment: an allowed static file attached is detected.
    html = '<link rel="attachment" href="portal-static:portal/portal.css"><p>x</p>'
    data = HTML(string=html, url_fetcher=StaticOnlyURLFetcher()).write_pdf()

    assert has_attachment(data)


def test_hostile_offer_text_fetches_nothing_and_embeds_nothing(
    company, sales, local_server, monkeypatch
):
    base, hits = local_server
    hostile = " ".join(_hostile(base))
    rendered = []
    real = documents.render_pdf

    def spy(template, context):
        rendered.append(render_to_string(template, context))
        return real(template, context)

    monkeypatch.setattr(documents, "render_pdf", spy)

    offer = offer_sent_create(
        company=company,
        sales=sales,
        title=hostile[:200],
        lines=[line(hostile[:500]), line("Second", unit_price="1.00")],
        header={
            "cover_note": hostile,
            "payment_terms": hostile,
            "delivery_terms": hostile,
            "renewal_terms": hostile,
        },
    )
    data = offer.latest_sent.pdf.read()

    assert hits == []
    assert PASSWD_MARKER not in pdf_text(data)
    assert b"leaked" not in pdf_text(data)
    assert not has_attachment(data)
    html = rendered[-1]
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert "&lt;link rel=attachment href=&quot;file:///etc/passwd&quot;&gt;" in html
    assert '<img src="file:///etc/passwd">' not in html
    assert "<link rel=attachment" not in html
    assert f'<img src="{base}' not in html


def test_unescaped_hostile_html_in_the_same_pipeline_fetches_nothing(local_server):
    # Defence in depth: were user text ever marked safe, the one URL fetcher
    # still refuses file://, the network and attachments.
    base, hits = local_server
    html = "<html><body>" + "".join(_hostile(base)) + "<p>Offer</p></body></html>"

    data = HTML(string=html, url_fetcher=StaticOnlyURLFetcher()).write_pdf()

    assert hits == []
    assert PASSWD_MARKER not in pdf_text(data)
    assert b"leaked" not in pdf_text(data)
    assert not has_attachment(data)
