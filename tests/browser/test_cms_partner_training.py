"""A partner works through a course: marks lessons done, passes the quiz and
downloads the certificate; the lesson material downloads too."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

COURSE = "/trainings/partner-programme/"


def test_partner_completes_a_course_and_gets_the_certificate(new_context, login):
    # Tall enough that nothing scrolls: headless Chromium sometimes sends a
    # click made right after scrolling to the video frame above the button.
    page = new_context(viewport={"width": 1280, "height": 1400}).new_page()
    login(page, "franchise@contoso.example")
    page.goto(COURSE)
    expect(page.locator("#progress-text")).to_have_text("0 of 3 lessons done")

    page.get_by_role("link", name="Welcome to the programme").click()
    expect(page.locator("iframe")).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    for _ in range(3):
        page.get_by_role("button", name="Mark as done").click()
        expect(page.locator(".alert").first).to_contain_text("is marked as done")
    # After the last lesson the course page shows the quiz.
    expect(page.locator("#progress-text")).to_have_text("3 of 3 lessons done")

    page.get_by_role("link", name="Campaign material").click()
    with page.expect_download() as download:
        page.locator(".download-link").click()
    assert download.value.suggested_filename.endswith(".pdf")

    page.goto(COURSE)
    page.get_by_role("link", name="Take the quiz").click()
    page.get_by_label("Three").check()
    page.get_by_label("In the partner area").check()
    page.get_by_label("Gold partners").check()
    page.get_by_role("button", name="Submit answers").click()
    expect(page.locator(".alert").first).to_contain_text(
        "Passed: 3 of 3 answers correct (100%)."
    )

    with page.expect_download() as download:
        page.get_by_role("link", name="Download your certificate (PDF)").click()
    assert re.fullmatch(
        r"certificate-partner-programme-\d+\.pdf", download.value.suggested_filename
    )
