import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# The demo's order PO-ACME-0002 (gloves and tape, shipped) of Bruno Buyer.
BUYER = "buyer@acme.example"
DESK = "returns@portal.example"
PO_NUMBER = "PO-ACME-0002"
COMMENT = "The seams of one pack came apart on the first day."


def _photo(tmp_path):
    path = tmp_path / "seam.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 40, 40)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def test_buyer_requests_a_return_and_downloads_the_label(new_context, login, tmp_path):
    buyer = new_context().new_page()
    desk = new_context().new_page()

    # Given the buyer on a shipped order of theirs
    login(buyer, BUYER)
    navbar = buyer.get_by_role("navigation", name="Main navigation")
    navbar.get_by_role("button", name="Orders", exact=True).click()
    navbar.get_by_role("link", name="Order history").click()
    buyer.locator("#orders tbody tr").filter(has_text=PO_NUMBER).get_by_role(
        "link"
    ).click()

    # When they request a return of one pack of gloves with a comment and a photo
    buyer.get_by_role("link", name="Request a return").click()
    buyer.get_by_label("Quantity of Work gloves size L, pack of 10 to return").fill("1")
    buyer.get_by_label("Reason").select_option(label="Defective")
    buyer.get_by_label("Comment").fill(COMMENT)
    buyer.get_by_label("Photos").set_input_files(_photo(tmp_path))
    buyer.get_by_role("button", name="Request the return").click()

    # Then the return has an RMA number and waits for the returns desk
    message = buyer.get_by_role("status")
    expect(message).to_contain_text(re.compile(r"Return RMA-\d{4}-\d{6} is requested"))
    number = buyer.locator("#return-number").inner_text()
    expect(buyer.locator("[data-status]")).to_have_text("Requested")
    expect(buyer.locator("#return-photos img")).to_have_count(1)
    expect(buyer.locator("#label-download")).to_have_count(0)

    # When the returns desk finds it in its queue, sees the photo and approves it
    login(desk, DESK)
    desk.goto("/portal/returns/desk/")
    desk.locator("#desk-returns").get_by_role("link", name=number).click()
    expect(desk.locator("main")).to_contain_text(COMMENT)
    expect(desk.locator("#return-photos img")).to_have_count(1)
    desk.get_by_role("button", name="Approve and issue label").click()
    expect(desk.get_by_role("status")).to_have_text(
        "Return approved; the label is issued."
    )
    expect(desk.locator("[data-status]")).to_have_text("Label issued")

    # Then the buyer downloads the return label as a PDF
    buyer.reload()
    expect(buyer.locator("[data-status]")).to_have_text("Label issued")
    with buyer.expect_download() as download_info:
        buyer.get_by_role("link", name="Return label (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"{number}-label.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
