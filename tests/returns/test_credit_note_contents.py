"""A credit note names its issuer and the invoice it corrects (number and
date), so that both sides can book it against that invoice."""

from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from orders import invoices
from returns.credit_notes import credit_note_create
from returns.services import return_request_create
from tests.pdf_glyphs import capture_pdf_html
from tests.returns.conftest import line_of


@pytest.fixture
def received(company, buyer, delivered_order):
    return_request = return_request_create(
        company=company,
        user=buyer,
        order=delivered_order,
        quantities={line_of(delivered_order, "BOLT-M8-100").pk: 2},
        reason="damaged",
        comment="",
        photos=[],
        submission_key="cn",
    )
    return_request.lines.update(received_quantity=2)
    return return_request


def _credit_note_html(pages, return_request):
    with transaction.atomic():
        credit_note_create(return_request=return_request, amount=Decimal("47.60"))
    return pages[-1]


def test_the_credit_note_names_the_invoice_it_corrects(
    monkeypatch, settings, delivered_order, received
):
    settings.PORTAL_ISSUER_NAME = "Muster Werkzeug GmbH"
    pages = capture_pdf_html(monkeypatch)
    invoice = invoices.invoice_create(order=delivered_order)

    html = _credit_note_html(pages, received)

    created = timezone.localtime(invoice.created_at)
    assert f"Corrects invoice</td><td>\u2066{invoice.number}\u2069<" in html
    assert f"Invoice date</td><td>{created:%m/%d/%Y}<" in html
    assert f"This credit note corrects invoice {invoice.number}" in html
    assert "Muster Werkzeug GmbH" in html
    invoice.pdf.delete(save=False)


def test_without_a_stored_invoice_its_number_is_still_named(
    monkeypatch, delivered_order, received
):
    pages = capture_pdf_html(monkeypatch)

    html = _credit_note_html(pages, received)

    assert invoices.invoice_number(delivered_order) in html
    assert "Invoice date" not in html
