import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_company_admin_invites_a_colleague_and_sees_the_open_invitation(page, login):
    # Given the company admin on the colleagues page
    login(page, "admin@acme.example")
    page.goto("/portal/colleagues/")
    invitations = page.locator("h2:text-is('Open invitations') + ul")
    expect(invitations).not_to_contain_text("carla.colleague@acme.example")

    # When they invite a colleague as a buyer
    form = page.locator("#invite-form")
    expect(page.get_by_role("heading", name="Invite a colleague")).to_be_visible()
    form.get_by_label("Email of your colleague").fill("carla.colleague@acme.example")
    form.get_by_label("Role").select_option(label="Buyer")
    form.get_by_role("button", name="Send invitation").click()

    # Then they are told and the invitation is listed as open
    expect(page.get_by_role("status")).to_have_text(
        "Invitation sent to carla.colleague@acme.example."
    )
    expect(invitations.get_by_role("listitem")).to_contain_text(
        ["carla.colleague@acme.example · Buyer"]
    )


def test_buyer_sees_colleagues_but_cannot_invite(page, login):
    # Given a buyer (not a company admin)
    login(page, "buyer@acme.example")

    # When they open the colleagues page
    page.goto("/portal/colleagues/")

    # Then they see their colleagues, but neither the form nor the invitations
    expect(page.locator("#colleagues")).to_contain_text("admin@acme.example")
    expect(page.locator("#invite-form")).to_have_count(0)
    expect(page.get_by_role("heading", name="Open invitations")).to_have_count(0)
