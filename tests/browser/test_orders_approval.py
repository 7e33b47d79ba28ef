import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# The demo's order PO-ACME-0100 by Bruno Buyer is over his monthly budget and
# waits for approval. This is the only test that decides it; the buyer's look
# comes first, so the test does not depend on which tests ran before.
BUYER = "buyer@acme.example"
APPROVER = "approver@acme.example"
PO_NUMBER = "PO-ACME-0100"
COMMENT = "Fine: the drills replace the broken ones in hall 2."


def _open_approval(page, po_number):
    row = page.locator("#approvals tbody tr").filter(has_text=po_number)
    expect(row).to_have_count(1)
    row.get_by_role("link", name="Open").click()
    expect(page).to_have_url(re.compile(r"/portal/orders/approvals/\d+/$"))
    expect(page.get_by_role("heading", name="Order by Bruno Buyer")).to_be_visible()


def test_approver_approves_a_buyers_order_over_budget(new_context, login):
    buyer = new_context().new_page()
    approver = new_context().new_page()

    # Given the buyer's order waiting for approval, which they cannot approve
    login(buyer, BUYER)
    buyer.goto("/portal/orders/approvals/")
    _open_approval(buyer, PO_NUMBER)
    expect(buyer.locator("#approval-status")).to_have_text("Awaiting approval")
    expect(buyer.locator("#decision-form")).to_have_count(0)
    expect(buyer.locator("#approve")).to_have_count(0)
    approval_url = buyer.url

    # ... and an approver who sees it waiting on the start page
    login(approver, APPROVER)
    tile = approver.get_by_role("region", name="Awaiting my approval")
    expect(tile.locator(".tile-count")).to_have_text(re.compile(r"^[1-9]\d*$"))

    # When the approver opens it from "Approvals" and approves it with a comment
    navbar = approver.get_by_role("navigation", name="Main navigation")
    navbar.get_by_role("button", name="Orders", exact=True).click()
    navbar.get_by_role("link", name="Approvals").click()
    _open_approval(approver, PO_NUMBER)
    expect(approver.locator("#approval-status")).to_have_text("Awaiting approval")
    expect(approver.locator("main dl")).to_contain_text(PO_NUMBER)
    form = approver.locator("#decision-form")
    form.get_by_label("Comment").fill(COMMENT)
    form.locator("#approve").click()

    # Then they are told the number of the order now placed
    message = approver.get_by_role("status")
    expect(message).to_have_text(re.compile(r"^Approved: order \d+ is placed\.$"))
    number = re.search(r"\d+", message.inner_text()).group()

    # ... and the approval shows as approved, with the comment and a link to
    # the order, and can no longer be decided
    approver.get_by_role("link", name="Approved", exact=True).click()
    _open_approval(approver, PO_NUMBER)
    expect(approver.locator("#approval-status")).to_have_text("Approved")
    order_link = approver.get_by_role("link", name=f"Order {number}", exact=True)
    expect(order_link).to_have_attribute("href", f"/portal/orders/{number}/")
    expect(approver.locator("main")).to_contain_text(f"Alma Approver: “{COMMENT}”")
    expect(approver.locator("#decision-form")).to_have_count(0)

    # ... and the buyer finds the approval approved and their order placed
    buyer.goto(approval_url)
    expect(buyer.locator("#approval-status")).to_have_text("Approved")
    expect(buyer.locator("#approve")).to_have_count(0)
    buyer.get_by_role("link", name=f"Order {number}", exact=True).click()
    expect(buyer).to_have_url(re.compile(rf"/portal/orders/{number}/$"))
    expect(buyer.locator("main dl")).to_contain_text(PO_NUMBER)
