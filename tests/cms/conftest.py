import pytest

from partner_portal.permissions import Role
from tests.factories import CompanyFactory, MembershipFactory
from tests.factories.cms import home_page


@pytest.fixture
def home(db):
    return home_page()


@pytest.fixture
def silver_company(db):
    return CompanyFactory(name="Contoso Franchise", slug="contoso", franchisee=True)


@pytest.fixture
def silver_partner(silver_company):
    return MembershipFactory(
        company=silver_company,
        role=Role.COMPANY_ADMIN,
        user__email="franchise@contoso.example",
    ).user


@pytest.fixture
def personas(db, buyer, partner_admin, silver_partner):
    """Who is who: a visitor (None), a customer, a silver and a gold partner."""
    return {
        "visitor": None,
        "customer": buyer,
        "silver": silver_partner,
        "gold": partner_admin,
    }
