"""Every operation of the OpenAPI schema, fuzzed with schemathesis through the
portal's WSGI application, with a key of each kind: a read-only and a
read-write key of Acme (every resource), a read-write key of another company,
and a staff (ERP) key. Valid and invalid requests alike must never answer a
5xx, and every answer must match the schema (status code, content type,
body).

The test is generic over the schema: a new endpoint is fuzzed as soon as it is
in /api/schema/. Path parameters are drawn half of the time from the
identifiers of Acme's objects (orders, returns, offers...), found by the path
segment before them (`/orders/{number}/` -> Acme's order numbers), so that
detail pages answer 200 for Acme's keys and 404 for the other company's.

Bounded for CI: a fixed number of examples per operation and key, derandomized
(the same requests on every run), no deadline. The host names of webhook URLs
are never looked up (no network in a test): every lookup fails."""

import socket
from types import SimpleNamespace

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.models import ApiKey
from partner_portal.permissions import ApiResource
from tests.api.fuzz_world import fuzz_world, fuzz_world_files_delete

pytestmark = pytest.mark.fuzz

EXAMPLES = {GenerationMode.POSITIVE: 8, GenerationMode.NEGATIVE: 4}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
KEYS = ["read", "write", "other_company", "staff"]
UNLIMITED = 10**6

RAW_SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
SCHEMA = schemathesis.openapi.from_dict(RAW_SCHEMA)
SCHEMA.app = WSGIHandler()
OPERATIONS = [
    (method.upper(), path)
    for path, operations in RAW_SCHEMA["paths"].items()
    for method in operations
]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Acme's objects and the keys, made once for the module and rolled back
    after it; each test runs in a savepoint inside."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = fuzz_world()
        world.keys = _keys(world)
        try:
            yield world
        finally:
            fuzz_world_files_delete()
            transaction.set_rollback(True)


def _keys(world):
    every = list(ApiResource.values)

    def issue(company, user, access):
        _key, plaintext = ApiKey.issue(
            company=company,
            name=f"fuzz {access}",
            access=access,
            resources=every,
            created_by=user,
            rate_per_minute=UNLIMITED,
        )
        return plaintext

    return {
        "read": issue(world.company, world.admin, "read"),
        "write": issue(world.company, world.admin, "write"),
        "other_company": issue(world.other_company, world.other_admin, "write"),
        "staff": issue(None, world.superuser, "write"),
    }


LOOPBACK = ("127.0.0.1", "::1", "localhost")


@pytest.fixture
def wsgi_requests(monkeypatch):
    """Requests sent through the WSGI handler inside the test's transaction:
    Django would close the connection at the end of each (as its test client
    prevents too), and no host name is looked up."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)

    lookup = socket.getaddrinfo

    def no_lookup(host, *args, **kwargs):
        # Loopback stays reachable: the object store of a run with
        # scripts/with-services.sh (moto's S3 server) listens there.
        if host in LOOPBACK:
            return lookup(host, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, "no lookups in the fuzz test")

    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _identifier_pool(path, name, world):
    """Acme's identifiers for the path parameter `name`: by the path segment
    before it (`/orders/{number}/` -> orders)."""
    segments = path.strip("/").split("/")
    where = segments.index(f"{{{name}}}")
    return world.identifiers.get(segments[where - 1], []) if where else []


def _fuzz(world, method, path, key, mode):
    operation = SCHEMA[path][method]
    strategy = operation.as_strategy(generation_mode=mode)
    headers = {"Authorization": f"Bearer {world.keys[key]}"}

    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def run(data):
        case = data.draw(strategy)
        for name in list(case.path_parameters or {}):
            pool = _identifier_pool(path, name, world)
            if pool and data.draw(st.booleans()):
                case.path_parameters[name] = data.draw(st.sampled_from(pool))
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize(
    ("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS]
)
def test_fuzz_operation(world, db, wsgi_requests, method, path, key):
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        _fuzz(world, method, path, key, mode)


def test_the_fuzz_test_covers_every_operation_of_the_schema():
    assert len(OPERATIONS) == sum(
        len(operations) for operations in RAW_SCHEMA["paths"].values()
    )
    assert ("GET", "/api/v1/orders/") in OPERATIONS
    assert ("POST", "/api/v1/orders/") in OPERATIONS


def test_path_parameters_draw_from_the_objects_of_their_resource():
    world = SimpleNamespace(identifiers={"orders": ["100001"], "offers": ["OF-1"]})

    assert _identifier_pool("/api/v1/orders/{number}/", "number", world) == ["100001"]
    assert _identifier_pool("/api/v1/erp/orders/{number}/status/", "number", world)
    assert _identifier_pool("/api/v1/widgets/{id}/", "id", world) == []
