"""Every main page at phone, laptop and wide-screen width, in English and
Persian, against the layout rules in `layout.py`: no word or number across two
lines, no sideways scrolling, one row of navigation from 1024 px, readable
contrast.

One browser context per person and language, one tab each, reused: a page is
loaded once per language and measured at the three widths by resizing. Set
PORTAL_SCREENS_DIR to also write a full-page screenshot of every case there
(`make screens`); a failing case always leaves one in test-results/browser/.
"""

import os
import re
from pathlib import Path

import pytest

from tests.browser.conftest import ACTION_TIMEOUT_MS, _login
from tests.browser.layout import measure, problems

pytestmark = pytest.mark.browser

WIDTHS = [390, 1280, 1920]
LANGUAGES = {"en": "ltr", "fa": "rtl"}
HEIGHT = 900
NAVIGATION_TIMEOUT_MS = 30_000

# The people whose pages are checked; each gets a start page.
PEOPLE = {
    "admin": "admin@acme.example",
    "buyer": "buyer@acme.example",
    "approver": "approver@acme.example",
    "procurement": "procurement@acme.example",
    "partner": "partner@northwind.example",
    "franchisee": "franchise@contoso.example",
    "sales": "sales@portal.example",
    "support": "support@portal.example",
    "returns": "returns@portal.example",
    "editor": "editor@portal.example",
    "moderator": "moderator@portal.example",
}
# Northwind's partner fills the basket (quick order) for the basket and
# checkout pages: no other browser test uses Northwind's basket.
SHOPPER = "partner"
BASKET_LINES = "BOLT-M8-100, 2\nDRILL-500, 1\nGLOVE-L-10, 3"

# name: (person, path, then links to follow: each the first link in <main>
# whose href matches the pattern).
PAGES = {
    **{f"start-{person}": (person, "/portal/", ()) for person in PEOPLE},
    "catalogue": (SHOPPER, "/shop/", ()),
    "product": (SHOPPER, "/shop/", (r"^/shop/catalogue/[\w-]+_\d+/$",)),
    "quick-order": (SHOPPER, "/portal/orders/quick-order/", ()),
    "basket": (SHOPPER, "/shop/basket/", ()),
    "checkout": (SHOPPER, "/portal/orders/checkout/", ()),
    "order-history": ("admin", "/portal/orders/", ()),
    "order-detail": ("admin", "/portal/orders/", (r"^/portal/orders/\d+/$",)),
    "approvals": ("approver", "/portal/orders/approvals/", ()),
    "budgets": ("admin", "/portal/orders/budgets/", ()),
    "company-figures": ("admin", "/portal/figures/", ()),
    "support-kpis": ("support", "/portal/support/kpis/", ()),
    "returns": ("admin", "/portal/returns/", ()),
    "return-detail": ("admin", "/portal/returns/", (r"^/portal/returns/RMA-[\w-]+/$",)),
    "credit-notes": ("admin", "/portal/returns/credit-notes/", ()),
    "returns-desk": ("returns", "/portal/returns/desk/", ()),
    "returns-desk-detail": (
        "returns",
        "/portal/returns/desk/",
        (r"^/portal/returns/desk/RMA-[\w-]+/$",),
    ),
    "offers": ("admin", "/portal/contracts/offers/", ()),
    "offer-detail": (
        "admin",
        "/portal/contracts/offers/",
        (r"^/portal/contracts/offers/\d+/$",),
    ),
    "contracts": ("admin", "/portal/contracts/", ()),
    "contract-detail": ("admin", "/portal/contracts/", (r"^/portal/contracts/\d+/$",)),
    "partner-agreements": ("partner", "/portal/contracts/", ()),
    "colleagues": ("admin", "/portal/colleagues/", ()),
    "company": ("admin", "/portal/company/", ()),
    "tasks": ("admin", "/portal/tasks/", ()),
    "tasks-staff": ("returns", "/portal/tasks/", ()),
    "partner-area": ("partner", "/portal/partner/", ()),
    "marketing-library": ("partner", "/portal/assets/", ()),
    "forums": ("partner", "/portal/forums/", ()),
    "forum-topic": (
        "partner",
        "/portal/forums/",
        (r"^/portal/forums/c/[\w-]+/$", r"^/portal/forums/t/\d+/$"),
    ),
    "forum-queue": ("moderator", "/portal/forums/moderation/", ()),
    "moderation-log": ("moderator", "/portal/forums/moderation/log/", ()),
    "knowledge-article": ("partner", "/knowledge/ordering/quick-order/", ()),
    "knowledge-search": ("partner", "/knowledge/?q=order", ()),
    "training-course": ("partner", "/trainings/partner-programme/", ()),
    "news": ("partner", "/news/", ()),
    "news-article": ("partner", "/news/", (r"^/news/[\w-]+/$",)),
    "staff-offers": ("sales", "/portal/contracts/staff/offers/", ()),
    "feedback": ("buyer", "/feedback/?from=/portal/orders/", ()),
    "feedback-queue": ("support", "/portal/feedback/", ()),
    "support-catalogue": ("buyer", "/portal/support/", ()),
    "support-service-form": ("buyer", "/portal/support/services/new-laptop/", ()),
    "support-desk-services": ("support", "/portal/support/desk/services/", ()),
    "support-desk-service-form": (
        "support",
        "/portal/support/desk/services/",
        (r"^/portal/support/desk/services/(?!new/)[\w-]+/$",),
    ),
    "support-desk-queue": ("support", "/portal/support/desk/", ()),
    "support-desk-detail": (
        "support",
        "/portal/support/desk/",
        (r"^/portal/support/desk/REQ-[\w-]+/$",),
    ),
    "api-index": ("admin", "/portal/api/", ()),
    "api-keys": ("admin", "/portal/api/keys/", ()),
    "api-key-create": ("admin", "/portal/api/keys/new/", ()),
    "api-webhooks": ("admin", "/portal/api/webhooks/", ()),
    "api-webhook-create": ("admin", "/portal/api/webhooks/new/", ()),
    "audit-trail": ("admin", "/portal/audit/", ()),
    "support-requests": ("admin", "/portal/support/requests/", ()),
    "support-request-detail": (
        "admin",
        "/portal/support/requests/",
        (r"^/portal/support/requests/REQ-[\w-]+/$",),
    ),
}

CASES = [
    pytest.param(name, width, language, id=f"{name}-{width}-{language}")
    for language in LANGUAGES
    for name in PAGES
    for width in WIDTHS
]


class Tabs:
    """One logged-in tab per person and language; only one language's tabs
    are open at a time. Remembers the resolved path of every page and which
    path each tab shows."""

    def __init__(self, browser, portal_url):
        self.browser = browser
        self.portal_url = portal_url
        self.language = None
        self.tabs = {}
        self.shown = {}
        self.paths = {}
        self.basket_filled = False

    def tab(self, person, language):
        if language != self.language:
            self.close()
            self.language = language
        if person not in self.tabs:
            context = self.browser.new_context(
                base_url=self.portal_url,
                locale="en-GB",
                viewport={"width": WIDTHS[0], "height": HEIGHT},
            )
            context.set_default_timeout(ACTION_TIMEOUT_MS)
            # A cold server under load takes a while for its first pages.
            context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
            page = context.new_page()
            _login(page, PEOPLE[person])
            context.add_cookies(
                [
                    {
                        "name": "django_language",
                        "value": language,
                        "url": self.portal_url,
                    }
                ]
            )
            if person == SHOPPER and not self.basket_filled:
                page.goto("/portal/orders/quick-order/")
                page.locator("textarea").first.fill(BASKET_LINES)
                page.locator("#quick-order-form button").first.click()
                page.wait_for_load_state()
                self.basket_filled = True
            self.tabs[person] = page
        return self.tabs[person]

    def path(self, name, page):
        """The page's path, following its links in the person's tab."""
        if name not in self.paths:
            _person, path, links = PAGES[name]
            for pattern in links:
                page.goto(path)
                hrefs = page.eval_on_selector_all(
                    "main a[href]", "els => els.map(e => e.getAttribute('href'))"
                )
                matching = [href for href in hrefs if re.match(pattern, href)]
                assert matching, f"{name}: no link like {pattern} on {path}"
                path = matching[0]
            self.paths[name] = path
        return self.paths[name]

    def show(self, name, language, width):
        person = PAGES[name][0]
        page = self.tab(person, language)
        path = self.path(name, page)
        page.set_viewport_size({"width": width, "height": HEIGHT})
        if self.shown.get(person) != path:
            response = page.goto(path)
            assert response.status == 200, f"{path} answered {response.status}"
            self.shown[person] = path
        return page

    def close(self):
        for page in self.tabs.values():
            page.context.close()
        self.tabs = {}
        self.shown = {}


@pytest.fixture(scope="module")
def tabs(browser, portal_url):
    tabs = Tabs(browser, portal_url)
    yield tabs
    tabs.close()


@pytest.fixture(scope="module")
def screens_dir():
    folder = os.environ.get("PORTAL_SCREENS_DIR")
    if not folder:
        return None
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize(("name", "width", "language"), CASES)
def test_page_layout_holds_at_every_width_in_both_directions(
    tabs, screens_dir, screenshot_dir, name, width, language
):
    # Given the page, as its person sees it, in the language at this width
    page = tabs.show(name, language, width)

    # When its layout is measured
    result = measure(page)

    # Then it is in the language's direction and breaks no layout rule
    if screens_dir:
        page.screenshot(
            path=screens_dir / f"{name}-{width}-{language}.png", full_page=True
        )
    found = problems(result)
    if result["lang"] != language or result["dir"] != LANGUAGES[language]:
        found.insert(0, f"shown as lang={result['lang']} dir={result['dir']}")
    if found:
        page.screenshot(
            path=screenshot_dir / f"layout-{name}-{width}-{language}.png",
            full_page=True,
        )
    assert not found, f"{name} at {width} px in {language} ({page.url}):\n" + "\n".join(
        found
    )
