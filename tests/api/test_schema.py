"""The OpenAPI schema at /api/schema/ is valid OpenAPI 3 without a single
warning and describes only /api/v1/, with the API key as its security; the
docs at /api/docs/ load Swagger UI from the portal's own static files and run
no inline script, so the portal's Content-Security-Policy holds."""

import re
from io import StringIO

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yml"
    errors = StringIO()

    # --fail-on-warn: a warning (an unresolvable serializer, a colliding enum
    # name, an untyped field) fails the command.
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(target),
        stderr=errors,
    )

    assert errors.getvalue() == ""
    assert yaml.safe_load(target.read_text())["openapi"].startswith("3.")


def test_the_schema_is_valid_openapi_3(schema):
    validate_schema(schema)

    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Partner Portal API"


def test_the_schema_covers_the_api_only(schema):
    paths = list(schema["paths"])

    assert paths
    assert [path for path in paths if not path.startswith("/api/v1/")] == []
    assert "/api/v1/key/" in paths


def test_every_operation_needs_the_api_key(schema):
    assert schema["components"]["securitySchemes"]["apiKey"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "pp_<prefix>_<secret>",
        "description": (
            "An API key created by a company admin under API & integrations."
        ),
    }
    unsecured = [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if operation.get("security") != [{"apiKey": []}]
    ]
    assert unsecured == []


def test_every_operation_has_a_unique_id(schema):
    ids = [
        operation["operationId"]
        for operations in schema["paths"].values()
        for operation in operations.values()
    ]

    assert len(ids) == len(set(ids))


def test_the_schema_is_served_without_a_key(client, db):
    response = client.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert response.json()["info"]["title"] == "Partner Portal API"


def test_the_docs_load_swagger_ui_from_own_static_files(client, db):
    response = client.get("/api/docs/")

    page = response.content.decode()
    assert response.status_code == 200
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert sources == [
        "/static/drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/"
        "swagger-ui-standalone-preset.js",
        "/api/docs/?script=",
    ]
    for source in sources[:-1]:
        assert finders.find(source.removeprefix("/static/")), source


def test_the_docs_run_no_inline_script_and_keep_the_csp(client, db):
    response = client.get("/api/docs/")

    page = response.content.decode()
    # Every <script> has a src and no body.
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    assert re.findall(r"<script[^>]*>\s*[^<\s]", page) == []
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in f"{policy};"
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";")[0]


def test_the_docs_script_is_served_as_javascript(client, db):
    response = client.get("/api/docs/", {"script": ""})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in response.content
    assert b"/api/schema/" in response.content
