"""Every /api/ URL name has a row: the API's rows (checked with keys, see
tests/api/api_matrix.py) come from each area's `tests/api/matrix_<area>.py`
(`ROWS`); the portal pages under /portal/api/ keep their session-based matrix
in tests/api/test_portal_access_matrix.py, whose rows are listed here too so
that the URL walk finds them."""

import importlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.urls import get_resolver

from partner_portal.models import Branding
from partner_portal.permissions import Role
from tests.api.api_matrix import ApiRow, api_cases, check_api_access
from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tests.helpers import named_urls, snapshot

HERE = Path(__file__).parent
CORE_ROWS = [
    ApiRow("api:schema", public=True),
    ApiRow("api:docs", public=True),
    ApiRow("api:key", other_company=None),
]


def _area_rows():
    for path in sorted(HERE.glob("matrix_*.py")):
        module = importlib.import_module(f"tests.api.{path.stem}")
        yield from getattr(module, "ROWS", [])


API_ROWS = CORE_ROWS + list(_area_rows())


def _portal_rows():
    try:
        module = importlib.import_module("tests.api.test_portal_access_matrix")
    except ModuleNotFoundError:
        return []
    return list(module.MATRIX)


MATRIX = API_ROWS + _portal_rows()

# The models a denied request must leave alone.
WATCHED_APPS = ("order", "returns", "support", "contracts", "partner_portal")


def _watched_models():
    for label in WATCHED_APPS:
        for model in apps.get_app_config(label).get_models():
            if not model._meta.proxy:
                yield model


@pytest.fixture
def world(db):
    company = CompanyFactory(name="Acme")
    other = CompanyFactory(name="Globex", distributor=True)
    users = {
        role: MembershipFactory(company=company, role=role).user
        for role in (Role.COMPANY_ADMIN, Role.BUYER, Role.PROCUREMENT, Role.APPROVER)
    }
    users["other_admin"] = MembershipFactory(
        company=other, role=Role.COMPANY_ADMIN
    ).user
    users["superuser"] = UserFactory(is_superuser=True, is_staff=True)
    # The branding settings row is made on first read (any HTML page): not a
    # change a request makes.
    Branding.load()
    models = list(_watched_models())
    return SimpleNamespace(
        company=company,
        other_company=other,
        users=users,
        snapshot=lambda: snapshot(*models),
    )


@pytest.mark.parametrize(("row", "column"), list(api_cases(API_ROWS)))
def test_api_access(world, row, column):
    check_api_access(world, row, column)


def test_every_api_url_name_has_a_row():
    _prefix, resolver = get_resolver().namespace_dict["api"]
    named = named_urls(resolver, "api")
    listed = {row.name for row in API_ROWS}

    assert named - listed == set(), "API URL names without a row"
    assert listed - named == set(), "rows for API URLs that do not exist"
