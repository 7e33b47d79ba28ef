"""Access matrix rows of /api/v1/ products, orders, invoices and the ERP's
order endpoints (see tests/api/api_matrix.py for the columns)."""

from django.core.files.base import ContentFile

from orders.models import Invoice
from partner_portal.models import CompanyAddress
from tests.api.api_matrix import ApiRow
from tests.factories.orders import (
    CompanyAccountFactory,
    DeliveryAddressFactory,
    order_place,
    product_create,
)

# One stored PDF for every matrix invoice: the private storage outlives the
# test database, so the rows reuse it instead of leaving a file per case.
MATRIX_PDF = "invoices/api-matrix.pdf"


def _product(world):
    if not hasattr(world, "product"):
        world.product = product_create(title="Hex bolt", sku="BOLT-1", price="20.00")
    return world.product


def _order(world):
    """An order of the world's company, placed by its buyer."""
    if not hasattr(world, "order"):
        company = world.company
        CompanyAccountFactory(company=company)
        if not CompanyAddress.objects.for_company(company).exists():
            DeliveryAddressFactory(company=company)
        order = order_place(
            user=world.users["buyer"], company=company, lines=[(_product(world), 1)]
        )
        world.order = type(order).objects.get(pk=order.pk)
    return world.order


def _invoice(world):
    if not hasattr(world, "invoice"):
        order = _order(world)
        invoice = Invoice(
            company=order.company, order=order, number="INV-MATRIX-1", sha256="0"
        )
        storage = Invoice._meta.get_field("pdf").storage
        if not storage.exists(MATRIX_PDF):
            storage.save(MATRIX_PDF, ContentFile(b"%PDF-1.4"))
        invoice.pdf.name = MATRIX_PDF
        invoice.save()
        world.invoice = invoice
    return world.invoice


def _with(make):
    """kwargs for a URL without arguments that needs `make(world)` to exist."""

    def kwargs(world):
        make(world)
        return {}

    return kwargs


def _order_number(world):
    return {"number": _order(world).number}


def _order_lines(world):
    _order(world)
    return {"lines": [{"sku": "BOLT-1", "quantity": 1}], "po_number": "PO-1"}


ROWS = [
    ApiRow(
        "api:products-list",
        resource="products",
        kwargs=_with(_product),
        other_company=200,
    ),
    ApiRow(
        "api:products-detail",
        resource="products",
        kwargs=lambda world: {"sku": _product(world).stockrecords.get().partner_sku},
        other_company=200,
    ),
    ApiRow(
        "api:orders-list",
        resource="orders",
        kwargs=_with(_order),
        other_company=200,
        absent=lambda world, response: (
            _order(world).number in response.content.decode()
        ),
    ),
    ApiRow(
        "api:orders-list",
        method="post",
        resource="orders",
        data=_order_lines,
        persona="buyer",
        ok=201,
        other_company=None,
        label="-create",
    ),
    ApiRow("api:orders-detail", resource="orders", kwargs=_order_number),
    ApiRow(
        "api:invoices-list",
        resource="invoices",
        kwargs=_with(_invoice),
        other_company=200,
        absent=lambda world, response: "INV-MATRIX-1" in response.content.decode(),
    ),
    ApiRow(
        "api:invoices-pdf",
        resource="invoices",
        kwargs=lambda world: {"number": _invoice(world).number},
    ),
    ApiRow(
        "api:erp-orders-list",
        resource="orders",
        kwargs=_with(_order),
        staff=True,
    ),
    ApiRow(
        "api:erp-orders-status",
        method="post",
        resource="orders",
        kwargs=_order_number,
        data=lambda world: {"status": "Processing"},
        staff=True,
    ),
    ApiRow(
        "api:erp-orders-shipments",
        method="post",
        resource="orders",
        kwargs=_order_number,
        data=lambda world: {"lines": [{"sku": "BOLT-1", "quantity": 1}]},
        ok=201,
        staff=True,
    ),
]
