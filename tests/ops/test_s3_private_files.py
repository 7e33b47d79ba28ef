"""Private files on an object store leave only through the permission-checking
views: streamed by default, or with PORTAL_PRIVATE_FILE_REDIRECT a 302 to a
signed URL that lives 60 seconds and makes the store send the file's own type
and name. Another company's file answers 404 either way, and no private
object is readable without a signature."""

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from orders.models import Invoice
from partner_portal.audience import Audience
from tests.factories.cms import PDF_BYTES, document
from tests.factories.orders import order_place
from tests.ops.s3_server import (  # noqa: F401  fixtures
    http_get,
    moto_s3_server,
    s3_bucket,
)


@pytest.fixture
def invoice(
    s3, buyer, company, bolts, acme_bolt_price, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = order_place(user=buyer, company=company, lines=[(bolts, 2)])
    return Invoice.objects.get(order=order)


def _download(client, user, invoice):
    client.force_login(user)
    return client.get(reverse("orders:invoice", args=[invoice.order.number]))


def test_the_owner_downloads_the_invoice_streamed_from_the_bucket(
    s3, client, buyer, invoice
):
    response = _download(client, buyer, invoice)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == s3.read(
        f"private/{invoice.pdf.name}"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{invoice.number}.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("redirect", [False, True])
def test_another_company_gets_404_and_no_url(
    s3, client, other_buyer, invoice, settings, redirect
):
    settings.PORTAL_PRIVATE_FILE_REDIRECT = redirect

    response = _download(client, other_buyer, invoice)

    assert response.status_code == 404
    assert s3.name not in response.content.decode()
    assert "Location" not in response


def test_redirect_mode_answers_with_a_signed_url_that_works(
    s3, client, buyer, invoice, settings
):
    settings.PORTAL_PRIVATE_FILE_REDIRECT = True
    before = datetime.now(UTC).replace(microsecond=0)

    response = _download(client, buyer, invoice)

    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    url = response["Location"]
    parts = urlsplit(url)
    query = {name: values[0] for name, values in parse_qs(parts.query).items()}
    assert f"{parts.scheme}://{parts.netloc}" == s3.endpoint
    assert parts.path == f"/{s3.name}/private/{invoice.pdf.name}"
    assert query["X-Amz-Expires"] == "60"
    assert query["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256"
    assert len(query["X-Amz-Signature"]) == 64
    signed_at = datetime.strptime(f"{query['X-Amz-Date']}+0000", "%Y%m%dT%H%M%SZ%z")
    assert 0 <= (signed_at - before).total_seconds() < 30
    assert query["response-content-type"] == "application/pdf"
    assert query["response-content-disposition"] == (
        f'attachment; filename="{invoice.number}.pdf"'
    )
    status, headers, body = http_get(url)
    assert status == 200
    assert body == s3.read(f"private/{invoice.pdf.name}")
    assert headers["content-type"] == "application/pdf"
    assert headers["content-disposition"] == (
        f'attachment; filename="{invoice.number}.pdf"'
    )


def test_the_signed_url_lives_as_long_as_the_setting_says(
    s3, client, buyer, invoice, settings
):
    settings.PORTAL_PRIVATE_FILE_REDIRECT = True
    settings.PORTAL_PRIVATE_URL_EXPIRY = 5

    url = _download(client, buyer, invoice)["Location"]

    assert parse_qs(urlsplit(url).query)["X-Amz-Expires"] == ["5"]


def test_without_the_signature_the_object_is_refused(
    s3, client, buyer, invoice, settings
):
    settings.PORTAL_PRIVATE_FILE_REDIRECT = True
    url = _download(client, buyer, invoice)["Location"]
    parts = urlsplit(url)

    status, _, body = http_get(f"{parts.scheme}://{parts.netloc}{parts.path}")

    assert status == 403
    assert b"%PDF" not in body


def test_a_missing_object_answers_404_in_both_modes(
    s3, client, buyer, invoice, settings
):
    s3.client.delete_object(Bucket=s3.name, Key=f"private/{invoice.pdf.name}")

    streamed = _download(client, buyer, invoice)
    settings.PORTAL_PRIVATE_FILE_REDIRECT = True
    redirected = _download(client, buyer, invoice)

    assert (streamed.status_code, redirected.status_code) == (404, 404)


def test_documents_leave_with_the_private_headers(s3, client, partner_admin):
    material = document("Checklist", audience=Audience.PARTNERS)
    client.force_login(partner_admin)

    response = client.get(material.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == 'inline; filename="checklist.pdf"'
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert s3.keys("private/documents/") == [f"private/{material.file.name}"]


def test_a_document_outside_the_audience_is_404_before_any_url(
    s3, client, buyer, settings
):
    settings.PORTAL_PRIVATE_FILE_REDIRECT = True
    material = document("Partner prices", audience=Audience.PARTNERS)
    client.force_login(buyer)

    response = client.get(material.url)

    assert response.status_code == 404
    assert "Location" not in response
