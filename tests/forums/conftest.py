"""Forum fixtures: a customer member (sees "signed in" categories), a gold
distributor's admin and a silver franchisee (partners), a forum moderator of
our staff, and categories for each audience."""

import pytest

from partner_portal.permissions import Role
from tests.factories import CompanyFactory, MembershipFactory
from tests.factories.forums import CategoryFactory, forum_moderator, make_trusted


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    settings.PORTAL_FORUM_BLOCKED_WORDS = ["casino"]


@pytest.fixture
def member(company):
    """Bruno, a buyer at the customer Acme, with a history of posts."""
    user = MembershipFactory(
        company=company,
        role=Role.BUYER,
        user__email="bruno@acme.example",
        user__first_name="Bruno",
        user__last_name="Buyer",
    ).user
    return make_trusted(user)


@pytest.fixture
def newcomer(company):
    """A colleague of Bruno's who has never posted."""
    return MembershipFactory(
        company=company,
        role=Role.BUYER,
        user__email="newbie@acme.example",
        user__first_name="Nora",
        user__last_name="Newbie",
    ).user


@pytest.fixture
def gold_partner(db):
    company = CompanyFactory(
        name="Northwind Traders", slug="northwind", distributor=True
    )
    user = MembershipFactory(
        company=company,
        role=Role.COMPANY_ADMIN,
        user__email="nils@northwind.example",
        user__first_name="Nils",
        user__last_name="Northwind",
    ).user
    return make_trusted(user)


@pytest.fixture
def silver_partner(db):
    company = CompanyFactory(name="Contoso Franchise", slug="contoso", franchisee=True)
    user = MembershipFactory(
        company=company,
        role=Role.COMPANY_ADMIN,
        user__email="clara@contoso.example",
        user__first_name="Clara",
        user__last_name="Contoso",
    ).user
    return make_trusted(user)


@pytest.fixture
def moderator(db):
    return forum_moderator(email="mo@portal.example", first_name="Mo")


@pytest.fixture
def open_category(db):
    return CategoryFactory(name="Fasteners", slug="fasteners", audience="signed_in")


@pytest.fixture
def partner_category(db):
    return CategoryFactory(
        name="Service & repair", slug="service-repair", audience="partners"
    )


@pytest.fixture
def gold_category(db):
    return CategoryFactory(name="Gold lounge", slug="gold-lounge", audience="gold")
