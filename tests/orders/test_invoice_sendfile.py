"""With PORTAL_SENDFILE_BACKEND set, the invoice view checks access as
always and then leaves the bytes to the web server: nginx gets an
X-Accel-Redirect to its internal location, Apache an X-Sendfile path."""

import pytest
from django.urls import reverse

from tests.factories.orders import order_place

# The web server sends files from this server's disk.
pytestmark = pytest.mark.usefixtures("private_files_on_disk")


@pytest.fixture
def order(
    buyer,
    company,
    bolts,
    acme_bolt_price,
    invoice_files,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        return order_place(user=buyer, company=company, lines=[(bolts, 1)])


def _download(client, user, order):
    client.force_login(user)
    return client.get(reverse("orders:invoice", args=[order.number]))


def test_nginx_gets_an_accel_redirect_to_the_invoice(client, buyer, order, settings):
    settings.PORTAL_SENDFILE_BACKEND = "nginx"
    settings.PORTAL_SENDFILE_URL_PREFIX = "/private-files/"
    invoice = order.invoice

    response = _download(client, buyer, order)

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/private-files/{invoice.pdf.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{invoice.number}.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_apache_gets_the_files_path(client, buyer, order, settings):
    settings.PORTAL_SENDFILE_BACKEND = "xsendfile"

    response = _download(client, buyer, order)

    assert response.status_code == 200
    assert response["X-Sendfile"] == order.invoice.pdf.path
    assert response.content == b""


def test_another_company_gets_404_and_no_accel_redirect(
    client, other_buyer, order, settings
):
    settings.PORTAL_SENDFILE_BACKEND = "nginx"

    response = _download(client, other_buyer, order)

    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_without_a_backend_python_streams_the_file(client, buyer, order, settings):
    settings.PORTAL_SENDFILE_BACKEND = "none"

    response = _download(client, buyer, order)

    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content).startswith(b"%PDF")
