"""The personas every app's tests share, defined once: Acme (the customer,
`company`) with its admin, buyer, procurement and approver; Globex
(`other_company`) with an admin and a buyer; Northwind (a gold distributor,
`partner_company`) and Contoso (a silver franchisee, `silver_company`) with
their admins; our staff; a user without a company; and the two products most
tests order (bolts with an Acme company price, gloves).

App conftests add only what is their own (the returns desk, sales, forum
moderators) or wrap a persona (a forum member with a posting history).

Log users in with `client.force_login(user)`: `client.login()` cannot pass the
request that django-axes insists on.
"""

from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from partner_portal.permissions import Role
from tests.factories import (
    CompanyFactory,
    MembershipFactory,
    StaffUserFactory,
    UserFactory,
)
from tests.factories.orders import CompanyPriceFactory, product_create


@pytest.fixture(autouse=True)
def _default_language():
    # LocaleMiddleware activates the request's language for the whole thread;
    # without this a test that switches to Persian leaks it into the next one.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    # The cache outlives each test's rolled-back database: cached sessions,
    # page frames (partner_portal.frame_cache) and rate limits go with it.
    yield
    cache.clear()


@pytest.fixture
def page_cache_off(settings):
    """For tests that count what rendering a page costs: the page cache
    (partner_portal/page_cache.py) would answer a second view without it."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def company(db):
    return CompanyFactory(name="Acme Industrial GmbH", slug="acme")


@pytest.fixture
def other_company(db):
    return CompanyFactory(name="Globex Corporation", slug="globex")


@pytest.fixture
def partner_company(db):
    return CompanyFactory(name="Northwind Traders", slug="northwind", distributor=True)


@pytest.fixture
def company_admin(company):
    return MembershipFactory(
        company=company,
        role=Role.COMPANY_ADMIN,
        user__email="admin@acme.example",
        user__first_name="Ada",
        user__last_name="Admin",
    ).user


@pytest.fixture
def buyer(company):
    return MembershipFactory(
        company=company,
        role=Role.BUYER,
        user__email="buyer@acme.example",
        user__first_name="Bruno",
        user__last_name="Buyer",
    ).user


@pytest.fixture
def other_admin(other_company):
    return MembershipFactory(
        company=other_company,
        role=Role.COMPANY_ADMIN,
        user__email="admin@globex.example",
    ).user


@pytest.fixture
def partner_admin(partner_company):
    return MembershipFactory(
        company=partner_company,
        role=Role.COMPANY_ADMIN,
        user__email="partner@northwind.example",
        user__first_name="Nils",
        user__last_name="Northwind",
    ).user


@pytest.fixture
def silver_company(db):
    return CompanyFactory(name="Contoso Franchise", slug="contoso", franchisee=True)


@pytest.fixture
def silver_partner(silver_company):
    return MembershipFactory(
        company=silver_company,
        role=Role.COMPANY_ADMIN,
        user__email="clara@contoso.example",
        user__first_name="Clara",
        user__last_name="Contoso",
    ).user


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
def staff_user(db):
    return StaffUserFactory(email="sales@portal.example")


@pytest.fixture
def user_without_company(db):
    return UserFactory(email="nobody@example.com")


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
def private_files_on_disk(settings):
    """Private files on this server's disk for one test, also when the suite
    runs against an object store (scripts/with-services.sh): paths,
    X-Accel-Redirect and X-Sendfile concern local files only."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {
                "location": str(settings.PORTAL_PRIVATE_MEDIA_ROOT),
                "base_url": None,
            },
        },
    }
