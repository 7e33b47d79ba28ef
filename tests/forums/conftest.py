"""Forum fixtures: the shared customer buyer and the gold and silver partner
admins with a posting history (they are trusted, not new members), a
newcomer, a forum moderator of our staff, and categories for each audience."""

import pytest

from partner_portal.permissions import Role
from tests.factories import MembershipFactory
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
def member(buyer):
    """Bruno, a buyer at the customer Acme, with a history of posts."""
    return make_trusted(buyer)


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
def gold_partner(partner_admin):
    """Nils, the admin of the gold distributor Northwind, with a history of
    posts."""
    return make_trusted(partner_admin)


@pytest.fixture
def silver_partner(silver_partner):
    """Clara, the admin of the silver franchisee Contoso, with a history of
    posts (the shared persona, trusted)."""
    return make_trusted(silver_partner)


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
