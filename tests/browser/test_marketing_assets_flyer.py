"""A franchisee finds the spring flyer in the marketing library, puts their
shop's name on their flyer details and downloads the co-branded flyer."""

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser

PARTNER = "franchise@contoso.example"
SHOP = "Contoso Vienna Shop"


def test_partner_downloads_a_co_branded_flyer(page, login):
    # Given Contoso's admin (a silver franchisee) in the partner area
    login(page, PARTNER)
    page.goto("/portal/partner/")
    section = page.locator("#section-marketing_assets")
    expect(section).to_contain_text("Spring sale flyer (co-branded)")

    # When they open the library and search for the spring flyer
    section.get_by_role("link", name="Open the marketing library").click()
    expect(page.locator("#assets")).not_to_contain_text("Gold partner window poster")
    expect(page.locator("#assets")).not_to_contain_text("Winter sale 2025")
    page.get_by_label("Search").fill("spring sale")
    page.get_by_role("button", name="Search").click()
    page.locator("#assets").get_by_role(
        "link", name="Spring sale flyer (co-branded)"
    ).click()

    flyer_url = page.url

    # And put their shop's name on their flyer details
    page.get_by_role("link", name="Your flyer details").click()
    page.get_by_label("Name on flyers").fill(SHOP)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("Your flyer details are saved.")

    # Then the flyer they download carries the shop's name and the campaign text
    page.goto(flyer_url)
    with page.expect_download() as download_info:
        page.locator("#download-flyer").click()
    download = download_info.value
    assert download.suggested_filename == "spring-sale-flyer-co-branded-contoso.pdf"
    text = PdfReader(download.path()).pages[0].extract_text()
    assert SHOP in text
    assert "Spring sale: 20% off all cordless tools." in text
    assert "Northwind" not in text
