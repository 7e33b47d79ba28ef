"""What the products, orders, invoices and ERP API tests set up: Acme with a
delivery address and credit on account, orders placed through the checkout,
an issued invoice (a stored PDF, not a rendered one), and the query counter."""

from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orders.models import Invoice
from tests.factories.orders import (
    CompanyAccountFactory,
    DeliveryAddressFactory,
    order_place,
)

PDF_BYTES = b"%PDF-1.4 invoice\n%%EOF\n"


def ready_to_order(company, *, credit: str = "10000.00"):
    """The company's delivery address; it may order on account up to `credit`."""
    CompanyAccountFactory(company=company, credit_limit=Decimal(credit))
    return DeliveryAddressFactory(company=company, label=f"{company.name} dock")


def place(user, company, lines, **fields):
    """An order placed through the checkout, read back as the API reads it
    (Oscar hands back the new order with its number as an int)."""
    order = order_place(user=user, company=company, lines=lines, **fields)
    return type(order).objects.get(pk=order.pk)


def invoice_issue(order, number: str) -> Invoice:
    invoice = Invoice(company=order.company, order=order, number=number, sha256="0")
    invoice.pdf.save(f"{number}.pdf", ContentFile(PDF_BYTES), save=False)
    invoice.save()
    return invoice


def invoice_files_delete():
    for invoice in Invoice.objects.all():
        invoice.pdf.delete(save=False)


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(context.captured_queries)
