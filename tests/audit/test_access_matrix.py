"""Who may open the audit trail: a company admin reads and exports their own
company's trail, plain members and our staff groups get 403 (the capability
is the admin's), superusers read every company's. Reading changes nothing."""

from types import SimpleNamespace

import pytest

from audit.actions import Action
from audit.models import AuditEntry
from audit.services import record
from partner_portal.permissions import Role, StaffGroup
from tests.factories import (
    CompanyFactory,
    MembershipFactory,
    StaffUserFactory,
    UserFactory,
)
from tests.helpers import snapshot
from tests.matrix import FORBIDDEN, GO_NO_COMPANY, LOGIN, OK, Row, matrix_tests

MATRIX = [
    *[
        Row(
            name,
            anonymous=LOGIN,
            other_company=OK,
            missing_capability=("buyer", FORBIDDEN),
            allowed=("admin", OK),
        )
        for name in ("audit:list", "audit:export")
    ],
    *[
        Row(
            name,
            missing_capability=("no_company", GO_NO_COMPANY),
            label="-no-company",
        )
        for name in ("audit:list", "audit:export")
    ],
    *[
        Row(
            name,
            anonymous=LOGIN,
            other_company=FORBIDDEN,
            missing_capability=("support", FORBIDDEN),
            allowed=("superuser", OK),
        )
        for name in ("audit:staff_list", "audit:staff_export")
    ],
    *[
        Row(
            name,
            missing_capability=("admin", FORBIDDEN),
            label="-company-admin",
        )
        for name in ("audit:staff_list", "audit:staff_export")
    ],
]


@pytest.fixture
def world(db):
    company = CompanyFactory(name="Acme Industrial GmbH")
    admin = MembershipFactory(company=company, role=Role.COMPANY_ADMIN).user
    record(Action.BUDGET_SET, company=company, actor=admin)
    users = {
        "anonymous": None,
        "admin": admin,
        "buyer": MembershipFactory(company=company, role=Role.BUYER).user,
        "other_admin": MembershipFactory(
            company=CompanyFactory(name="Globex"), role=Role.COMPANY_ADMIN
        ).user,
        "no_company": UserFactory(),
        "support": StaffUserFactory(staff_groups=[StaffGroup.SUPPORT]),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }
    return SimpleNamespace(users=users)


def _database(world):
    # Signing in (force_login) appends to the trail before the snapshot;
    # reading the trail must append nothing.
    return snapshot(AuditEntry)


(
    test_access,
    test_every_named_url_is_in_the_matrix,
    test_every_row_has_an_expectation,
) = matrix_tests(MATRIX, "audit", database=_database)
