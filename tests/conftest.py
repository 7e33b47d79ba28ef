"""Shared fixtures: a customer company with an admin and a buyer, a second
customer company, a distributor, our staff and a user without a company.

Log users in with `client.force_login(user)`: `client.login()` cannot pass the
request that django-axes insists on.
"""

import pytest
from django.conf import settings
from django.utils import translation

from partner_portal.permissions import Role
from tests.factories import (
    CompanyFactory,
    MembershipFactory,
    StaffUserFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _default_language():
    # LocaleMiddleware activates the request's language for the whole thread;
    # without this a test that switches to Persian leaks it into the next one.
    yield
    translation.activate(settings.LANGUAGE_CODE)


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
    ).user


@pytest.fixture
def staff_user(db):
    return StaffUserFactory(email="sales@portal.example")


@pytest.fixture
def user_without_company(db):
    return UserFactory(email="nobody@example.com")
