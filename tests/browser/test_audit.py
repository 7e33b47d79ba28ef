"""A company admin finds the audit trail under Company, sees their own
sign-in with their address, filters the trail by action and exports it as
CSV; a buyer has no such entry and is refused the page."""

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ADMIN = "admin@acme.example"


def test_company_admin_reads_filters_and_exports_the_trail(page, login):
    # Given the company admin, signed in
    login(page, ADMIN)

    # When they open the audit trail from the Company menu
    navbar = page.get_by_role("navigation", name="Main navigation")
    navbar.get_by_role("button", name="Company", exact=True).click()
    navbar.get_by_role("link", name="Audit trail").click()

    # Then their sign-in is there, with who and from where
    expect(page.get_by_role("heading", name="Audit trail", level=1)).to_be_visible()
    rows = page.locator("#audit-entries tbody tr")
    signed_in = rows.filter(has_text="Signed in").first
    expect(signed_in).to_contain_text(ADMIN)
    expect(signed_in).to_contain_text("127.0.0.1")

    # When they keep only sign-ins
    page.locator("summary", has_text="Filter").click()
    page.get_by_label("Action").select_option(label="Signed in")
    page.get_by_role("button", name="Apply").click()

    # Then every row is a sign-in
    expect(page).to_have_url(re.compile(r"action=auth\.login"))
    actions = rows.locator("td:nth-child(2)").all_inner_texts()
    assert actions
    assert set(actions) == {"Signed in"}

    # When they export the filtered trail
    with page.expect_download() as download:
        page.locator("#export-csv").click()

    # Then the file has the same entries, with their hashes
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    header, *lines = list(csv.reader(io.StringIO(text)))
    assert header[:5] == ["Number", "Time (UTC)", "Actor", "IP address", "Action"]
    assert header[-1] == "Hash"
    assert lines
    assert {line[4] for line in lines} == {"auth.login"}
    assert all(len(line[-1]) == 64 for line in lines)


def test_a_buyer_has_no_audit_trail(page, login):
    login(page, "buyer@acme.example")
    navbar = page.get_by_role("navigation", name="Main navigation")
    navbar.get_by_role("button", name="Company", exact=True).click()

    expect(navbar.get_by_role("link", name="Colleagues")).to_be_visible()
    expect(navbar.get_by_role("link", name="Audit trail")).to_have_count(0)
    response = page.goto("/portal/audit/")
    assert response.status == 403
