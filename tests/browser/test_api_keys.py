"""A company admin creates an API key in the portal, copies it from the page
that shows it once, uses it against /api/v1/, revokes it, and the next
request is refused (401). The API docs load Swagger UI from the portal's own
static files without a Content-Security-Policy violation."""

import json
import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ADMIN = "admin@acme.example"
VIOLATION = re.compile(r"Content Security Policy|Refused to (execute|load|apply)")


def _api_get(portal_url, path, key):
    request = urllib.request.Request(
        f"{portal_url}{path}", headers={"Authorization": f"Bearer {key}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_admin_creates_uses_and_revokes_a_key(new_context, login, portal_url):
    # Given the company admin on the API & integrations page
    context = new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    login(page, ADMIN)
    page.goto("/portal/api/")
    page.locator("#link-keys").click()

    # When they create a read-only key for orders
    page.locator("#create-key").click()
    page.get_by_label("Name").fill("Browser test ERP")
    page.get_by_label("Read only").check()
    page.get_by_role("checkbox", name="Orders", exact=True).check()
    page.get_by_role("button", name="Create key").click()

    # Then the key is shown once, with a warning, and can be copied
    expect(page.locator("#key-warning")).to_contain_text("shown only this once")
    key = page.locator("#api-key-plaintext").input_value()
    assert key.startswith("pp_")
    page.locator("#copy-key").click()
    expect(page.locator("#copy-key")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == key

    # ...and it reads the company's orders through the API
    status, body = _api_get(portal_url, "/api/v1/orders/", key)
    assert status == 200
    assert body["count"] > 0

    # When the admin revokes it after confirming
    page.goto("/portal/api/keys/")
    row = page.locator("#api-keys tbody tr", has_text="Browser test ERP")
    expect(row).to_contain_text("Active")
    assert key not in page.content()
    row.get_by_role("link", name="Revoke").click()
    page.get_by_role("button", name="Revoke key").click()

    # Then it is listed as revoked and the API refuses it
    expect(page.get_by_role("status")).to_contain_text("is revoked")
    expect(row).to_contain_text("Revoked")
    status, body = _api_get(portal_url, "/api/v1/orders/", key)
    assert status == 401
    assert body["status"] == 401


def test_api_docs_load_from_own_static_files_without_csp_violation(page, portal_url):
    violations, static, foreign = [], {}, []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if VIOLATION.search(message.text) else None
        ),
    )

    def record(response):
        url = response.url
        if "/static/" in url:
            static[url] = response.status
        elif url.startswith("http") and not url.startswith(portal_url):
            foreign.append(url)

    page.on("response", record)

    response = page.goto("/api/docs/")

    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text(
        "Partner Portal API"
    )
    expect(page.locator(".opblock-tag-section").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert any("swagger-ui-bundle" in url for url in static)
    assert {url: s for url, s in static.items() if s != 200} == {}
    assert foreign == []
    assert violations == []
