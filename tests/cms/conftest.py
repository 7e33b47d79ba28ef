import pytest

from tests.factories.cms import home_page


@pytest.fixture
def home(db):
    return home_page()


@pytest.fixture
def personas(db, buyer, partner_admin, silver_partner):
    """Who is who: a visitor (None), a customer, a silver and a gold partner."""
    return {
        "visitor": None,
        "customer": buyer,
        "silver": silver_partner,
        "gold": partner_admin,
    }
