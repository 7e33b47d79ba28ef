"""Who may open which feedback URL: the form and its thank-you page are open to
everyone (the footer link is on every page); the queue, its export and its
status changes belong to the Support and Sales staff. Denials change nothing."""

from types import SimpleNamespace

import pytest

from feedback.models import Feedback
from partner_portal.permissions import Role, StaffGroup
from tests.factories import (
    CompanyFactory,
    MembershipFactory,
    StaffUserFactory,
    UserFactory,
)
from tests.feedback.conftest import entry
from tests.helpers import snapshot
from tests.matrix import FORBIDDEN, LOGIN, NOT_FOUND, OK, Expect, Row, matrix_tests

THANKS = "/feedback/thanks/?from=%2Fportal%2Forders%2F"


def _entry(world):
    return {"pk": world.entry.pk}


def _form(world):
    return {
        "kind": "praise",
        "message": "Matrix says thanks",
        "page_url": "/portal/orders/",
        "submission_key": "matrix",
    }


def _queue_rows(name, **extra):
    return [
        Row(
            name,
            anonymous=LOGIN,
            other_company=FORBIDDEN,
            missing_capability=("returns", FORBIDDEN),
            allowed=("support", OK),
            **extra,
        ),
        Row(
            name,
            missing_capability=("buyer", FORBIDDEN),
            allowed=("sales", OK),
            label="-sales",
            **extra,
        ),
    ]


MATRIX = [
    Row(
        "feedback:send",
        anonymous=OK,
        other_company=OK,
        missing_capability=("no_company", OK),
        allowed=("buyer", OK),
    ),
    Row(
        "feedback:send",
        method="post",
        data=_form,
        anonymous=Expect(302, THANKS, changes=True),
        other_company=Expect(302, THANKS, changes=True),
        allowed=("buyer", Expect(302, THANKS, changes=True)),
    ),
    Row(
        "feedback:thanks",
        anonymous=OK,
        other_company=OK,
        allowed=("buyer", OK),
    ),
    *_queue_rows("feedback:queue"),
    *_queue_rows("feedback:export"),
    Row(
        "feedback:handle",
        method="post",
        kwargs=_entry,
        data=lambda w: {"status": "done", "note": "matrix"},
        anonymous=LOGIN,
        other_company=FORBIDDEN,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("support", Expect(302, "/portal/feedback/?status=open", changes=True)),
    ),
    Row(
        "feedback:handle",
        method="post",
        kwargs=_entry,
        data=lambda w: {"status": "in_review"},
        missing_capability=("returns", FORBIDDEN),
        allowed=("sales", Expect(302, "/portal/feedback/?status=open", changes=True)),
        label="-sales",
    ),
    Row(
        "feedback:handle",
        method="post",
        kwargs=lambda w: {"pk": w.entry.pk + 1000},
        data=lambda w: {"status": "done"},
        allowed=("support", NOT_FOUND),
        label="-unknown",
    ),
]


@pytest.fixture
def world(db):
    company = CompanyFactory(name="Acme Industrial GmbH")
    buyer = MembershipFactory(company=company, role=Role.BUYER).user
    users = {
        "anonymous": None,
        "buyer": buyer,
        "other_admin": MembershipFactory(
            company=CompanyFactory(name="Globex"), role=Role.COMPANY_ADMIN
        ).user,
        "no_company": UserFactory(),
        "support": StaffUserFactory(staff_groups=[StaffGroup.SUPPORT]),
        "sales": StaffUserFactory(staff_groups=[StaffGroup.SALES]),
        "returns": StaffUserFactory(staff_groups=[StaffGroup.RETURNS_DESK]),
    }
    return SimpleNamespace(
        entry=entry("world", user=buyer, company=company), users=users
    )


def _database(world):
    return snapshot(Feedback)


(
    test_access,
    test_every_named_url_is_in_the_matrix,
    test_every_row_has_an_expectation,
) = matrix_tests(MATRIX, "feedback", database=_database)
