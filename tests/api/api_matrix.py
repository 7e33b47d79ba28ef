"""The access matrix of /api/v1/: one row per URL name and method, checked
with API keys instead of sessions.

    ApiRow("api:orders-detail", resource="orders",
           kwargs=lambda world: {"number": world.order().number})

For every row the checker sends the request
- with no key: 401;
- with a key of the allowed persona that lacks the row's resource: 403;
- for a write, with a read-only key of that resource: 403;
- with a key of another company's admin (every resource, read-write):
  `other_company` (404 for an object of the world's company; for lists the
  row sets 200 and `absent` says what must not be in the answer);
- with a staff-only row, with a company admin's full key: 403;
- with the allowed persona's key: `ok`.
A denied request changes nothing (`world.snapshot()` before and after).

`world` holds the company (`world.company`), its members
(`world.users["company_admin" | "buyer" | "procurement" | "approver"]`), the
other company's admin (`world.users["other_admin"]`) and a superuser for staff
keys; `kwargs(world)` and `data(world)` create what the row needs.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api.models import ApiKey
from partner_portal.api_request import ApiRequest
from partner_portal.permissions import ApiResource
from partner_portal.policy import Outcome, policy_of

SAFE = {"get", "head", "options"}


def _nothing(world):
    return {}


@dataclass(frozen=True)
class ApiRow:
    name: str
    method: str = "get"
    # The resource the key needs; None: any key.
    resource: str | None = None
    kwargs: Callable = _nothing
    data: Callable = _nothing
    persona: str = "company_admin"
    ok: int = 200
    # What a key of another company gets; None: the column does not apply.
    other_company: int | None = 404
    # For lists: (world, response) -> True when the world's objects leak.
    absent: Callable | None = None
    staff: bool = False
    public: bool = False
    label: str = field(default="", compare=False)

    @property
    def id(self):
        return f"{self.name}:{self.method}{self.label}"


def api_cases(rows):
    for row in rows:
        if row.public:
            yield pytest.param(row, "public", id=f"{row.id}-public")
            continue
        yield pytest.param(row, "no_key", id=f"{row.id}-no-key")
        if row.resource is not None:
            yield pytest.param(row, "no_scope", id=f"{row.id}-no-scope")
        if row.method not in SAFE and row.resource is not None:
            yield pytest.param(row, "read_only", id=f"{row.id}-read-only")
        if row.staff:
            yield pytest.param(row, "company_key", id=f"{row.id}-company-key")
        elif row.other_company is not None:
            yield pytest.param(row, "other_company", id=f"{row.id}-other-company")
        yield pytest.param(row, "allowed", id=f"{row.id}-allowed")


def _client(user, *, company, access, resources):
    _key, plaintext = ApiKey.issue(
        company=company,
        name="matrix",
        access=access,
        resources=resources,
        created_by=user,
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    return client


def _company_of(user):
    return user.memberships.select_related("company").first().company


def check_api_access(world, row, column):
    every = list(ApiResource.values)
    needed = [row.resource] if row.resource else every
    owner = world.users["superuser"] if row.staff else world.users[row.persona]
    owner_company = None if row.staff else _company_of(owner)
    expect = row.ok
    if column in ("public",):
        client = APIClient()
    elif column == "no_key":
        client, expect = APIClient(), 401
    elif column == "no_scope":
        others = [r for r in every if r != row.resource]
        client = _client(owner, company=owner_company, access="write", resources=others)
        expect = 403
    elif column == "read_only":
        client = _client(owner, company=owner_company, access="read", resources=needed)
        expect = 403
    elif column == "company_key":
        admin = world.users["company_admin"]
        client = _client(
            admin, company=_company_of(admin), access="write", resources=every
        )
        expect = 403
    elif column == "other_company":
        other = world.users["other_admin"]
        client = _client(
            other, company=_company_of(other), access="write", resources=every
        )
        expect = row.other_company
    else:
        client = _client(owner, company=owner_company, access="write", resources=needed)
    url = reverse(row.name, kwargs=row.kwargs(world))
    data = row.data(world)
    before = world.snapshot()

    response = getattr(client, row.method)(url, data, format="json")

    assert response.status_code == expect, (
        f"{row.method.upper()} {url} ({column}): {response.status_code} "
        f"{response.content[:300]!r}"
    )
    if column == "other_company" and row.absent is not None:
        assert not row.absent(world, response), f"{url} leaks to another company"
    if expect >= 400 or row.method in SAFE:
        assert world.snapshot() == before, f"{url} ({column}) changed the database"
    if column in ("no_scope", "read_only", "company_key"):
        _assert_policy_denies(url, response)
    return response


def _assert_policy_denies(url, response):
    """The refusal comes from the view's declared policy."""
    from django.urls import resolve

    policy = policy_of(resolve(url).func)
    assert policy is not None, f"{url} declares no policy"
    request = response.renderer_context["request"]
    assert policy.decide(ApiRequest.of(request)) is Outcome.DENY
