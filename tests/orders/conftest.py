"""Ordering fixtures on top of the shared ones: Acme (the `company` fixture)
with a buyer, an admin, procurement and an approver, a delivery address and
credit on account; Globex (`other_company`) with a buyer and an address; a
small catalogue with one Acme company price; an over-budget budget; and the
clean-up of rendered invoice files."""

from decimal import Decimal

import pytest

from orders.models import Invoice
from partner_portal.permissions import Role
from tests.factories import MembershipFactory
from tests.factories.orders import (
    BudgetFactory,
    CompanyAccountFactory,
    CompanyPriceFactory,
    DeliveryAddressFactory,
    product_create,
)


@pytest.fixture
def procurement(company):
    return MembershipFactory(
        company=company,
        role=Role.PROCUREMENT,
        user__email="procurement@acme.example",
        user__first_name="Paula",
        user__last_name="Procurement",
    ).user


@pytest.fixture
def approver(company):
    return MembershipFactory(
        company=company,
        role=Role.APPROVER,
        user__email="approver@acme.example",
        user__first_name="Arne",
        user__last_name="Approver",
    ).user


@pytest.fixture
def other_buyer(other_company):
    return MembershipFactory(
        company=other_company,
        role=Role.BUYER,
        user__email="buyer@globex.example",
        user__first_name="Greta",
        user__last_name="Globex",
    ).user


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
def bolts(db):
    return product_create(title="Hex bolt M8 (100)", sku="BOLT-M8-100", price="20.00")


@pytest.fixture
def gloves(db):
    return product_create(title="Work gloves L (10)", sku="GLOVE-L-10", price="25.00")


@pytest.fixture
def acme_bolt_price(company, bolts):
    """Acme pays 16.50 instead of the list price of 20.00 for bolts."""
    return CompanyPriceFactory(company=company, product=bolts, price=Decimal("16.50"))


@pytest.fixture
def invoice_files(db):
    """Deletes the invoice PDFs a test renders: they are real files in the
    private storage, which outlives the test database."""
    yield
    for invoice in Invoice.objects.all():
        invoice.pdf.delete(save=False)


@pytest.fixture
def buyer_budget(company, buyer):
    """30.00 a month for the buyer: two boxes of bolts (39.28) exceed it."""
    return BudgetFactory(company=company, buyer=buyer, monthly_amount=Decimal("30"))
