import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Ada, Acme's company admin, accepts the demo's open offer; no other browser
# test touches Acme's offers.
ADMIN = "admin@acme.example"
OFFER = "Safety equipment for 2027"


def _tick_terms_and_accept(page):
    # By keyboard: headless Chromium sometimes sends a mouse click made right
    # after scrolling past the embedded PDF viewer to the viewer instead.
    terms = page.get_by_label(re.compile("I have read the offer"))
    if not terms.is_checked():  # a re-shown form keeps the tick
        terms.focus()
        page.keyboard.press("Space")
    expect(terms).to_be_checked()
    page.locator("#accept").focus()
    page.keyboard.press("Enter")


def test_company_admin_accepts_an_offer_and_gets_the_certificate(page, login):
    # Given Ada on the open offer, its PDF shown in the page
    login(page, ADMIN)
    page.goto("/portal/contracts/offers/")
    page.locator("#offers tbody tr").filter(has_text=OFFER).get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/portal/contracts/offers/\d+/$"))
    expect(page.locator("#offer-status")).to_have_text("Sent")
    expect(page.locator("iframe#offer-pdf")).to_have_count(1)
    pdf_sha = page.locator("#pdf-sha256").inner_text()
    assert re.fullmatch(r"[0-9a-f]{64}", pdf_sha)

    # When she signs with a name that is not hers
    page.get_by_label("Your full name").fill("Somebody Else")
    _tick_terms_and_accept(page)

    # Then she is told, and what she typed is still there
    expect(page.locator("#accept-form")).to_contain_text(
        "Please type your name as it is in your account: Ada Admin"
    )
    expect(page.get_by_label("Your full name")).to_have_value("Somebody Else")

    # When she types her name, ticks the terms and accepts
    page.get_by_label("Your full name").fill("Ada Admin")
    _tick_terms_and_accept(page)

    # Then the certificate shows who accepted which exact PDF
    expect(page).to_have_url(re.compile(r"/portal/contracts/offers/\d+/certificate/$"))
    expect(page.get_by_role("status").first).to_contain_text(
        "The contract is now in place."
    )
    expect(page.locator("#certificate")).to_contain_text("Ada Admin")
    expect(page.locator("#accepted-sha256")).to_have_text(pdf_sha)

    # And the new contract is on the contracts page
    page.get_by_role("link", name=re.compile(r"^Contract CT-")).click()
    expect(page.locator("#contract-state")).to_have_text("Active")
    expect(page.locator("#documents")).to_contain_text("Accepted offer")
    expect(page.locator("#contact-person")).to_contain_text("sales@portal.example")

    # And the offer cannot be accepted a second time
    page.goto("/portal/contracts/offers/")
    page.locator("#offers tbody tr").filter(has_text=OFFER).get_by_role("link").click()
    expect(page.locator("#offer-status")).to_have_text("Accepted")
    expect(page.locator("#accept")).to_have_count(0)
