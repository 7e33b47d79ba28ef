"""A company admin registers a webhook endpoint, copies the signing secret
(shown once), sends a test event and sees its delivery; the receiver (a
real HTTP server on 127.0.0.1 in this process) got a request whose signature
checks out with that secret. The pages keep the layout rules at phone,
laptop and wide-screen width, in English and Persian."""

import hashlib
import hmac
import json

import pytest
from playwright.sync_api import expect

from tests.api.webhook_receiver import start_receiver
from tests.browser.layout import measure, problems

pytestmark = pytest.mark.browser

WIDTHS = [390, 1280, 1920]


@pytest.fixture
def receiver():
    receiver = start_receiver()
    receiver.answer(200, b'{"ok": true}')
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


def _check_layout(page, name, screenshot_dir, portal_url):
    found = {}
    for language in ("en", "fa"):
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": portal_url}]
        )
        page.reload()
        expect(page.locator("html")).to_have_attribute("lang", language)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(
                path=screenshot_dir / f"webhooks-{name}-{width}-{language}.png",
                full_page=True,
            )
            if broken := problems(measure(page)):
                found[f"{name} {width} {language}"] = broken
    page.context.add_cookies(
        [{"name": "django_language", "value": "en", "url": portal_url}]
    )
    page.reload()
    page.set_viewport_size({"width": 1280, "height": 900})
    return found


def test_admin_adds_an_endpoint_and_sends_a_test_event(
    page, login, receiver, screenshot_dir, portal_url
):
    layout = {}
    # Given the company admin on the webhook page
    login(page, "admin@acme.example")
    page.goto("/portal/api/webhooks/")
    layout |= _check_layout(page, "list", screenshot_dir, portal_url)

    # When they add an endpoint for order status changes
    page.get_by_role("link", name="Add an endpoint").click()
    layout |= _check_layout(page, "form", screenshot_dir, portal_url)
    page.get_by_label("URL").fill(receiver.url)
    page.get_by_label("Order status changed").check()
    page.get_by_label("Description").fill("ERP test system")
    page.get_by_role("button", name="Add endpoint").click()

    # Then the signing secret is shown once
    expect(page.locator("#secret-warning")).to_contain_text("shown only this once")
    secret = page.locator("#webhook-secret").input_value()
    assert secret.startswith("whsec_")
    page.get_by_role("link", name="Done: to the endpoint").click()
    expect(page.locator("#endpoint-facts")).to_contain_text("ERP test system")
    assert secret not in page.content()

    # When they send a test event
    page.get_by_role("button", name="Send test event").click()

    # Then the delivery is listed as delivered with the receiver's answer
    expect(page.get_by_role("status")).to_contain_text("A test event is on its way")
    delivery = page.locator("#deliveries tbody tr").first
    expect(delivery).to_contain_text("Test event")
    expect(delivery).to_contain_text("Delivered")
    expect(delivery).to_contain_text("HTTP 200")
    layout |= _check_layout(page, "detail", screenshot_dir, portal_url)

    # And the receiver got one request signed with the secret shown
    [request] = receiver.requests
    timestamp = request.headers["Webhook-Timestamp"]
    expected = hmac.new(
        secret.encode(), timestamp.encode() + b"." + request.body, hashlib.sha256
    ).hexdigest()
    assert request.headers["Webhook-Signature"] == f"v1={expected}"
    assert json.loads(request.body)["type"] == "webhook.test"

    assert layout == {}
