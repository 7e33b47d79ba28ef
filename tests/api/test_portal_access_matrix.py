"""Who may open which page of /portal/api/ (the `api_portal` namespace): the
company's admins only; a visitor logs in, a member without the capability
gets 403, someone without a company learns whom to ask, and another
company's key answers 404. Denials change nothing.

The webhook pages' rows come from their own module
(tests/api/portal_rows_webhooks.py), which may add its objects to the world."""

import importlib
from types import SimpleNamespace

import pytest

from api.models import ApiKey
from partner_portal.permissions import ApiResource, Role
from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tests.helpers import snapshot
from tests.matrix import (
    FORBIDDEN,
    GO_NO_COMPANY,
    LOGIN,
    NOT_FOUND,
    OK,
    Expect,
    Row,
    matrix_tests,
)

CHANGED = Expect(302, changes=True)


def _webhooks():
    # Not named matrix_*.py: those are the API's key-checked rows.
    for name in ("portal_rows_webhooks", "matrix_portal_webhooks"):
        try:
            return importlib.import_module(f"tests.api.{name}")
        except ModuleNotFoundError:
            continue
    return None


def _key(world):
    return {"pk": world.key.pk}


def _new_key(world):
    return {"name": "ERP", "access": "read", "resources": [ApiResource.ORDERS]}


def _admin_row(name, method="get", allowed=OK, other_company=OK, **extra):
    return Row(
        name,
        method=method,
        anonymous=LOGIN,
        other_company=other_company,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("admin", allowed),
        **extra,
    )


MATRIX = [
    _admin_row("api_portal:index"),
    Row(
        "api_portal:index",
        missing_capability=("no_company", GO_NO_COMPANY),
        label="-no-company",
    ),
    _admin_row("api_portal:keys"),
    _admin_row("api_portal:key_create"),
    _admin_row(
        "api_portal:key_create",
        method="post",
        data=_new_key,
        # The page showing the new key once.
        allowed=Expect(200, changes=True),
        other_company=Expect(200, changes=True),
    ),
    _admin_row("api_portal:key_revoke", kwargs=_key, other_company=NOT_FOUND),
    _admin_row(
        "api_portal:key_revoke",
        method="post",
        kwargs=_key,
        allowed=CHANGED,
        other_company=NOT_FOUND,
    ),
    Row(
        "api_portal:key_revoke",
        method="post",
        kwargs=_key,
        missing_capability=("no_company", GO_NO_COMPANY),
        label="-no-company",
    ),
]
if (webhooks := _webhooks()) is not None:
    MATRIX += webhooks.ROWS


@pytest.fixture
def world(db):
    company = CompanyFactory(name="Acme Industrial GmbH")
    users = {
        persona: MembershipFactory(company=company, role=role).user
        for persona, role in [("admin", Role.COMPANY_ADMIN), ("buyer", Role.BUYER)]
    }
    users["anonymous"] = None
    users["no_company"] = UserFactory()
    users["other_admin"] = MembershipFactory(
        company=CompanyFactory(name="Globex Corporation"), role=Role.COMPANY_ADMIN
    ).user
    key, _plaintext = ApiKey.issue(
        company=company,
        name="Shop sync",
        access="write",
        resources=list(ApiResource.values),
        created_by=users["admin"],
    )
    world = SimpleNamespace(company=company, users=users, key=key)
    if webhooks is not None and hasattr(webhooks, "world_extra"):
        webhooks.world_extra(world)
    return world


def _database(world):
    tables = [ApiKey]
    if webhooks is not None:
        tables += getattr(webhooks, "TABLES", [])
    return snapshot(*tables)


(
    test_access,
    test_every_named_url_is_in_the_matrix,
    test_every_row_has_an_expectation,
) = matrix_tests(MATRIX, "api_portal", database=_database)
