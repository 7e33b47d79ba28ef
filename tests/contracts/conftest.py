"""Fixtures for offers and contracts on top of the shared ones: Acme (the
`company` fixture) with admin, buyer, procurement and approver; a sales
person; a product; and the clean-up of the PDFs the tests store."""

import pytest

from contracts.models import ContractDocument, OfferVersion
from tests.factories.contracts import sales_user_create


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
