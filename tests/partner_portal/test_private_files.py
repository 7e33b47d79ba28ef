"""The one private-file response: private headers, a deliberate disposition,
a filename that can't break the header, and the web server sending the bytes
when PORTAL_SENDFILE_BACKEND says so. Every download uses it."""

import csv
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.http import Http404

from partner_portal.files import (
    ATTACHMENT,
    INLINE,
    PDF,
    private_content_response,
    private_file_response,
    private_storage,
    safe_filename,
)
from tests.downloads import DOWNLOADS
from tests.test_every_url_has_a_policy_and_row import _matrix_modules

REPO = Path(__file__).resolve().parents[2]
# Paths, X-Accel-Redirect and X-Sendfile: files on this server's disk (the
# object store's side is tests/ops/test_s3_private_files.py).
pytestmark = pytest.mark.usefixtures("private_files_on_disk")


@pytest.fixture
def stored():
    storage = private_storage()
    name = storage.save("tests/private-files/report.pdf", ContentFile(b"%PDF-1.7 x"))
    yield name
    storage.delete(name)


@pytest.mark.parametrize("disposition", [INLINE, ATTACHMENT])
def test_a_stored_file_goes_out_with_the_private_headers(stored, disposition):
    response = private_file_response(
        private_storage().path(stored),
        filename="report.pdf",
        content_type=PDF,
        disposition=disposition,
    )

    assert b"".join(response.streaming_content) == b"%PDF-1.7 x"
    assert {
        name: response[name]
        for name in (
            "Content-Type",
            "Content-Disposition",
            "Cache-Control",
            "X-Content-Type-Options",
        )
    } == {
        "Content-Type": PDF,
        "Content-Disposition": f'{disposition}; filename="report.pdf"',
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
    }


def test_bytes_made_per_request_get_the_same_headers_and_take_writes():
    response = private_content_response(
        filename="export.csv", content_type="text/csv", disposition=ATTACHMENT
    )
    csv.writer(response).writerow(["a", "b"])

    assert response.content == b"a,b\r\n"
    assert response["Content-Disposition"] == 'attachment; filename="export.csv"'
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ('Q3 "final".pdf', "Q3 -final-.pdf"),
        ("../../etc/passwd", "etc-passwd"),
        ("Acme\r\nSet-Cookie: x=1.pdf", "Acme-Set-Cookie- x=1.pdf"),
        ("", "download"),
        ("Angebot Müller.pdf", "Angebot Müller.pdf"),
    ],
)
def test_filenames_lose_what_could_break_the_header(name, safe):
    assert safe_filename(name) == safe


def test_a_non_ascii_filename_is_sent_encoded(stored):
    response = private_file_response(
        private_storage().path(stored),
        filename="Angebot Müller.pdf",
        content_type=PDF,
        disposition=ATTACHMENT,
    )

    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Angebot%20M%C3%BCller.pdf"
    )


def test_a_disposition_must_be_chosen_on_purpose(stored):
    with pytest.raises(ValueError, match="disposition"):
        private_file_response(
            private_storage().path(stored),
            filename="x.pdf",
            content_type=PDF,
            disposition="download",
        )


@pytest.mark.parametrize("backend", ["none", "nginx", "xsendfile"])
def test_a_missing_file_answers_404(settings, backend):
    settings.PORTAL_SENDFILE_BACKEND = backend

    with pytest.raises(Http404):
        private_file_response(
            Path(private_storage().location) / "tests" / "nothing-here.pdf",
            filename="x.pdf",
            content_type=PDF,
        )


def test_nginx_mode_names_the_internal_location(settings, stored):
    settings.PORTAL_SENDFILE_BACKEND = "nginx"
    settings.PORTAL_SENDFILE_URL_PREFIX = "/internal/"

    response = private_file_response(
        private_storage().path(stored), filename="report.pdf", content_type=PDF
    )

    assert response["X-Accel-Redirect"] == f"/internal/{stored}"
    assert response.content == b""
    assert response["Cache-Control"] == "private, no-store"


def test_a_file_outside_the_private_storage_is_never_handed_to_nginx(
    settings, tmp_path
):
    settings.PORTAL_SENDFILE_BACKEND = "nginx"
    outside = tmp_path / "elsewhere.pdf"
    outside.write_bytes(b"%PDF-1.7 y")

    response = private_file_response(outside, filename="e.pdf", content_type=PDF)

    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == b"%PDF-1.7 y"


# Every download of the portal goes through the one response.


def _python_sources():
    for folder in (
        "partner_portal",
        "orders",
        "returns",
        "contracts",
        "marketing_assets",
        "forums",
        "cms",
        "oscar_apps",
        "config",
    ):
        for path in (REPO / folder).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_no_view_builds_its_own_file_response_or_cache_header():
    allowed = REPO / "partner_portal" / "files.py"
    pattern = re.compile(r"FileResponse\(|Content-Disposition|Cache-Control")

    offenders = [
        str(path.relative_to(REPO))
        for path in _python_sources()
        if path != allowed and pattern.search(path.read_text())
    ]

    assert offenders == []


@pytest.mark.parametrize("name", sorted(DOWNLOADS))
def test_every_download_is_requested_by_an_allowed_user_in_a_matrix(name):
    # The matrix checks the headers of each answer (tests/downloads.py).
    allowed = [
        row
        for module in _matrix_modules()
        for row in module.MATRIX
        if row.name == name
        and row.method == "get"
        and row.allowed
        and row.allowed[1].status == 200
    ]

    assert allowed, f"{name} has no allowed GET row answering 200"
