"""PDFs fetch nothing but the project's own static files: no local files, no
network (not even localhost), no path traversal, also when WeasyPrint itself
follows the links in a document."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.request import urlopen

import pytest
from django.conf import settings

from partner_portal import pdf
from partner_portal.pdf import RefusedURL, StaticOnlyURLFetcher, render_pdf


@pytest.fixture
def local_server():
    """An HTTP server on 127.0.0.1 that counts the requests it gets."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802  the name http.server calls
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "data:text/css,body{}",
        "portal-static:../../../etc/passwd",
        "portal-static:portal/../../config/settings/base.py",
        "portal-static:/../etc/passwd",
        "portal-static:",
        "portal-static:portal/no-such-file.css",
        "portal-static:/etc/passwd",
        "portal-static:%2e%2e/%2e%2e/etc/passwd",
        "portal-static:portal\\..\\..\\manage.py",
    ],
)
def test_anything_but_a_static_file_is_refused(url):
    with pytest.raises(RefusedURL):
        StaticOnlyURLFetcher().fetch(url)


@pytest.mark.parametrize("path", ["/", "/latest/meta-data/"])
def test_the_local_network_is_never_contacted(local_server, path):
    base, hits = local_server

    with pytest.raises(RefusedURL):
        StaticOnlyURLFetcher().fetch(base + path)
    with pytest.raises(RefusedURL):
        StaticOnlyURLFetcher().open(base + path)

    assert hits == []


def test_the_local_server_answers_when_asked_directly(local_server):
    # Guards the test above: the server does count hits.
    base, hits = local_server

    with urlopen(base + "/probe", timeout=5) as response:
        assert response.status == 200
    assert hits == ["/probe"]


def test_a_real_static_file_is_served():
    expected = (Path(settings.BASE_DIR) / "static/portal/portal.css").read_bytes()

    response = StaticOnlyURLFetcher().fetch("portal-static:portal/portal.css")

    assert response.headers["Content-Type"] == "text/css"
    assert response.read() == expected


def test_a_document_with_hostile_links_renders_without_fetching_them(
    monkeypatch, local_server, tmp_path
):
    base, hits = local_server
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    hostile = f"""<!DOCTYPE html><html><head>
        <link rel="stylesheet" href="{base}/style.css">
        <link rel="stylesheet" href="file://{secret}">
        <link rel="stylesheet" href="portal-static:portal/portal.css">
        <style>@import url("{base}/import.css");
          body {{ background: url("{base}/bg.png") }}</style>
        </head><body><img src="{base}/img.png"><img src="file:///etc/passwd">
        <a rel="attachment" href="{base}/attach.bin">x</a>
        <p>Invoice</p></body></html>"""
    monkeypatch.setattr(pdf, "render_to_string", lambda name, context: hostile)

    document = render_pdf("orders/invoice.html", {})

    assert document.startswith(b"%PDF")
    assert hits == []
