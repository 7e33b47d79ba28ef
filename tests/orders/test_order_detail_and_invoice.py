"""Order detail and the invoice PDF: rendered when the order is placed, kept in
private storage outside MEDIA_ROOT, downloadable only by the company (and
only by members who may see the order)."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from oscar.core.loading import get_model

from orders import invoices
from orders.models import Invoice
from partner_portal.files import private_storage
from partner_portal.permissions import Role
from tests.factories import MembershipFactory
from tests.factories.orders import CompanyAccountFactory, order_place
from tests.helpers import assert_cross_company_404, snapshot

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")
Order = get_model("order", "Order")


@pytest.fixture
def order(
    buyer,
    company,
    bolts,
    acme_bolt_price,
    invoice_files,
    django_capture_on_commit_callbacks,
):
    """An order of the buyer whose invoice was rendered on placement."""
    with django_capture_on_commit_callbacks(execute=True):
        return order_place(
            user=buyer, company=company, lines=[(bolts, 2)], po_number="PO-INV-1"
        )


def _invoice_url(order):
    return reverse("orders:invoice", args=[order.number])


def test_placing_an_order_renders_its_invoice(order, company):
    invoice = Invoice.objects.get()

    assert (invoice.company, invoice.order) == (company, order)
    assert invoice.number == f"INV-{order.date_placed:%Y}-000001"
    assert len(invoice.sha256) == 64


def test_the_invoice_states_the_companys_payment_terms(
    monkeypatch, buyer, company, bolts, invoice_files
):
    # Given Acme pays within 14 days
    CompanyAccountFactory(company=company, payment_terms_days=14)
    order = order_place(user=buyer, company=company, lines=[(bolts, 1)])
    rendered = []

    def render_html(template_name, context):
        rendered.append(render_to_string(template_name, context))
        return b"%PDF-1.7"

    monkeypatch.setattr(invoices, "render_pdf", render_html)

    # When its invoice is made
    invoices.invoice_create(order=order)

    # Then it asks for payment within those 14 days, by the due date
    due = timezone.localdate() + timedelta(days=14)
    assert (
        "Payment terms: 14 days net. Please transfer the amount by "
        f"{due:%m/%d/%Y}, quoting the invoice number."
    ) in rendered[0]


def test_the_invoice_is_stored_privately_not_in_public_media(order):
    pdf = Invoice.objects.get().pdf

    assert pdf.storage is private_storage()
    assert private_storage().exists(pdf.name)
    assert not default_storage.exists(pdf.name)


def test_the_company_downloads_the_invoice_pdf(client, buyer, order):
    client.force_login(buyer)

    response = client.get(_invoice_url(order))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="INV-{order.date_placed:%Y}-000001.pdf"'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_procurement_downloads_a_colleagues_invoice(client, procurement, order):
    client.force_login(procurement)

    response = client.get(_invoice_url(order))

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_order_page_shows_lines_and_the_invoice_link(client, buyer, order):
    client.force_login(buyer)

    response = client.get(reverse("orders:detail", args=[order.number]))

    assert response.status_code == 200
    assert response.context["order"] == order
    assert response.context["invoice"] == Invoice.objects.get()
    assert f'href="{_invoice_url(order)}"' in response.text
    assert "PO-INV-1" in response.text
    assert "Hex bolt M8 (100)" in response.text


def test_a_colleague_buyer_cannot_see_anothers_order(client, company, order):
    colleague = MembershipFactory(company=company, role=Role.BUYER).user
    client.force_login(colleague)

    detail = client.get(reverse("orders:detail", args=[order.number]))
    invoice = client.get(_invoice_url(order))

    assert (detail.status_code, invoice.status_code) == (404, 404)


def test_another_company_gets_404_for_detail_invoice_and_reorder(
    client, company, order
):
    before = snapshot(
        Order.objects.for_company(company),
        Invoice.objects.for_company(company),
        Line.objects.filter(basket__owner__memberships__company=company),
    )

    assert_cross_company_404(client, reverse("orders:detail", args=[order.number]))
    assert_cross_company_404(client, _invoice_url(order))
    assert_cross_company_404(
        client,
        reverse("orders:reorder", args=[order.number]),
        method="post",
        data={"scope": "all"},
    )

    assert (
        snapshot(
            Order.objects.for_company(company),
            Invoice.objects.for_company(company),
            Line.objects.filter(basket__owner__memberships__company=company),
        )
        == before
    )


def test_another_companys_reorder_puts_nothing_into_its_basket(
    client, other_buyer, order
):
    client.force_login(other_buyer)

    response = client.post(
        reverse("orders:reorder", args=[order.number]), {"scope": "all"}
    )

    assert response.status_code == 404
    assert Line.objects.filter(basket__owner=other_buyer).count() == 0


def _exported_numbers(response, fmt):
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    return [row[0] for row in rows[1:]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_another_companys_export_holds_none_of_the_orders(
    client, other_admin, other_company, order, bolts, fmt
):
    own = order_place(user=other_admin, company=other_company, lines=[(bolts, 1)])
    client.force_login(other_admin)

    response = client.get(reverse("orders:export", args=[fmt]))

    assert response.status_code == 200
    assert _exported_numbers(response, fmt) == [str(own.number)]
