"""The access matrix shared by every app: one row per named URL and method, with
what a visitor, a member of another company, a member missing the capability
and someone allowed get back. Each app's `test_access_matrix.py` lists its rows
and calls `check_access` from a parametrised test (see tests/orders/)."""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import get_resolver, resolve, reverse

from partner_portal.policy import Outcome, policy_of
from tests.downloads import assert_private_download
from tests.helpers import named_urls

LOGIN_URL = "/accounts/login/"
TO_LOGIN = "to-login-with-next"  # the login page, with ?next= the requested URL
NO_COMPANY = "/portal/no-company/"


@dataclass(frozen=True)
class Expect:
    status: int
    # A path, or a function of the world that gives it.
    location: str | Callable | None = None
    # Only allowed writes may change the database; every other request must not.
    changes: bool = False


OK = Expect(200)
LOGIN = Expect(302, TO_LOGIN)
GO_NO_COMPANY = Expect(302, NO_COMPANY)
FORBIDDEN = Expect(403)
NOT_FOUND = Expect(404)


def _no_args(world):
    return {}


@dataclass(frozen=True)
class Row:
    name: str
    method: str = "get"
    kwargs: Callable = _no_args
    data: Callable = _no_args
    # None: the column does not apply to this URL.
    anonymous: Expect | None = None
    # As the company admin of another company.
    other_company: Expect | None = None
    # (persona, expectation): a logged-in user lacking what the URL needs.
    missing_capability: tuple[str, Expect] | None = None
    # (persona, expectation): someone who may use it.
    allowed: tuple[str, Expect] | None = None
    label: str = field(default="", compare=False)
    # Settings for the request, e.g. the Stripe keys.
    settings: dict = field(default_factory=dict, compare=False)
    # A raw JSON body and headers instead of form data: (world) -> (bytes, dict).
    raw: Callable | None = None

    @property
    def id(self):
        return f"{self.name}:{self.method}{self.label}"


def matrix_cases(matrix):
    """pytest params: one case per filled-in column of each row."""
    for row in matrix:
        if row.anonymous:
            yield pytest.param(
                row, "anonymous", row.anonymous, id=f"{row.id}-anonymous"
            )
        if row.other_company:
            yield pytest.param(
                row, "other_admin", row.other_company, id=f"{row.id}-other-company"
            )
        for column in ("missing_capability", "allowed"):
            if entry := getattr(row, column):
                persona, expect = entry
                yield pytest.param(
                    row, persona, expect, id=f"{row.id}-{column.replace('_', '-')}"
                )


def check_access(client, settings, world, row, persona, expect, *, database):
    """Request the row's URL as `persona` (a key of `world.users`; None there
    means anonymous) and assert the expected answer; `database()` snapshots
    the rows a denial must leave alone."""
    for name, value in row.settings.items():
        setattr(settings, name, value)
    user = world.users[persona]
    if user is not None:
        client.force_login(user)
    url = reverse(row.name, kwargs=row.kwargs(world))
    before = database()

    if row.raw:
        body, headers = row.raw(world)
        response = client.post(
            url, body, content_type="application/json", headers=headers
        )
    else:
        response = getattr(client, row.method)(url, row.data(world))

    assert response.status_code == expect.status, (
        f"{row.method.upper()} {url} as {persona}"
    )
    assert_private_download(row.name, response)
    assert_agrees_with_policy(url, response)
    if expect.location == TO_LOGIN:
        assert response.url == f"{LOGIN_URL}?next={url}"
    elif callable(expect.location):
        assert response.url == expect.location(world)
    elif expect.location is not None:
        assert response.url == expect.location
    if expect.changes:
        assert database() != before
    else:
        assert database() == before
    return response


def assert_agrees_with_policy(url, response):
    """A refusal the view's declared policy gives must be the answer: the
    matrix row and the declaration can't disagree. (An allowed request may
    still be refused by the view for one object, e.g. someone else's post.)"""
    policy = policy_of(resolve(url).func)
    if policy is None:
        return
    outcome = policy.decide(response.wsgi_request)
    where = f"{url}: the policy {policy!r} says {outcome.value}"
    if outcome is Outcome.LOGIN:
        assert response.status_code == 302, where
        assert response.url.startswith(LOGIN_URL), where
    elif outcome is Outcome.NO_COMPANY:
        assert (response.status_code, response.url) == (302, NO_COMPANY), where
    elif outcome is Outcome.DENY:
        assert response.status_code == 403, where


def unlisted_urls(matrix, namespace, *, extra=frozenset()):
    """(named URLs without a row, rows for URLs that do not exist)."""
    _prefix, resolver = get_resolver().namespace_dict[namespace]
    named = named_urls(resolver, namespace) | set(extra)
    in_matrix = {row.name for row in matrix}
    return named - in_matrix, in_matrix - named


def rows_without_expectation(matrix):
    return [
        row.id
        for row in matrix
        if not (
            row.anonymous or row.other_company or row.missing_capability or row.allowed
        )
    ]


def matrix_tests(matrix, namespace, *, database, extra=frozenset()):
    """The three tests every app's access matrix runs, for its module to
    assign to module-level names (see tests/returns/test_access_matrix.py).

    `database(world)` snapshots the rows a denial must leave alone; the
    module provides the `world` fixture (personas in `world.users`)."""

    @pytest.mark.parametrize(("row", "persona", "expect"), list(matrix_cases(matrix)))
    def test_access(client, settings, world, row, persona, expect):
        check_access(
            client,
            settings,
            world,
            row,
            persona,
            expect,
            database=lambda: database(world),
        )

    def test_every_named_url_is_in_the_matrix():
        unlisted, unknown = unlisted_urls(matrix, namespace, extra=extra)

        assert unlisted == set(), "named URLs without a row in MATRIX"
        assert unknown == set(), "rows in MATRIX for URLs that do not exist"

    def test_every_row_has_an_expectation():
        assert rows_without_expectation(matrix) == []

    return (
        test_access,
        test_every_named_url_is_in_the_matrix,
        test_every_row_has_an_expectation,
    )
