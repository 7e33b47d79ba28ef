"""Documents in pages leave through the portal's one private-file response:
never kept by a shared cache, not sniffed, PDFs shown inline and other files
downloaded; with nginx in front, the web server sends the bytes."""

import pytest

from partner_portal.audience import Audience
from tests.factories.cms import document


@pytest.fixture
def material(home):
    return document("Checklist", audience=Audience.PARTNERS)


def test_a_document_goes_out_with_the_private_headers(client, material, partner_admin):
    client.force_login(partner_admin)

    response = client.get(material.url)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Content-Disposition"] == (
        f'inline; filename="{material.filename}"'
    )


@pytest.mark.usefixtures("private_files_on_disk")
def test_nginx_sends_the_document_after_the_audience_check(
    client, material, partner_admin, buyer, settings
):
    settings.PORTAL_SENDFILE_BACKEND = "nginx"
    settings.PORTAL_SENDFILE_URL_PREFIX = "/private-files/"

    client.force_login(buyer)
    refused = client.get(material.url)
    client.force_login(partner_admin)
    allowed = client.get(material.url)

    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused
    assert allowed["X-Accel-Redirect"] == f"/private-files/{material.file.name}"
