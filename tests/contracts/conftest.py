"""Fixtures for offers and contracts on top of the shared ones: Acme (the
`company` fixture) with admin, buyer, procurement and approver; a sales
person; a product; and the clean-up of the PDFs the tests store."""

from decimal import Decimal

import pytest

from contracts.models import ContractDocument, OfferVersion
from partner_portal.permissions import Role
from tests.factories import MembershipFactory
from tests.factories.contracts import sales_user_create
from tests.factories.orders import CompanyPriceFactory, product_create


@pytest.fixture(autouse=True)
def _private_files(db):
    """Stored PDFs are real files in the private storage, which outlives the
    test database."""
    yield
    for version in OfferVersion.objects.exclude(pdf=""):
        if version.pdf:
            version.pdf.delete(save=False)
    for document in ContractDocument.objects.all():
        document.file.delete(save=False)


@pytest.fixture
def sales(db):
    return sales_user_create(email="sales@portal.example")


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
def bolts(db):
    return product_create(title="Hex bolt M8 (100)", sku="BOLT-M8-100", price="20.00")


@pytest.fixture
def gloves(db):
    return product_create(title="Work gloves L (10)", sku="GLOVE-L-10", price="25.00")


@pytest.fixture
def acme_bolt_price(company, bolts):
    return CompanyPriceFactory(company=company, product=bolts, price=Decimal("16.50"))
