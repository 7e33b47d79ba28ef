"""Ordering fixtures on top of the shared ones: Acme (the `company` fixture)
with a buyer, an admin, procurement and an approver, a delivery address and
credit on account; Globex (`other_company`) with a buyer and an address; a
small catalogue with one Acme company price; an over-budget budget; and the
clean-up of rendered invoice files."""

from decimal import Decimal

import pytest

from orders.models import Invoice
from tests.factories.orders import (
    BudgetFactory,
    CompanyAccountFactory,
    DeliveryAddressFactory,
)


@pytest.fixture
def address(company):
    return DeliveryAddressFactory(company=company, label="Acme warehouse")


@pytest.fixture
def other_address(other_company):
    return DeliveryAddressFactory(
        company=other_company, label="Globex dock", city="Springfield"
    )


@pytest.fixture
def account(company):
    return CompanyAccountFactory(company=company, credit_limit=Decimal("10000.00"))


@pytest.fixture
def other_account(other_company):
    return CompanyAccountFactory(
        company=other_company, credit_limit=Decimal("10000.00")
    )


@pytest.fixture
def invoice_files(db):
    """Deletes the invoice PDFs a test renders: they are real files in the
    private storage, which outlives the test database."""
    yield
    for invoice in Invoice.objects.all():
        invoice.pdf.delete(save=False)


@pytest.fixture
def buyer_budget(company, buyer):
    """30.00 a month for the buyer: two boxes of bolts (39.27) exceed it."""
    return BudgetFactory(company=company, buyer=buyer, monthly_amount=Decimal("30"))
