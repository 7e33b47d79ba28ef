"""The load: buyers, procurement users, partners, support agents and editors,
each signed in once with a seeded account (loadtest.seed), clicking through
the portal as a browser would (forms read from the page, CSRF token and all).

What they create (orders, returns, support requests, replies, forum posts)
goes into LOADTEST_CREATED, one JSON line each, for loadtest.check.
Requests whose status is not what the page should answer are failures; every
5xx is counted apart (LOADTEST_SERVER_ERRORS) as the run's verdict needs.
"""

import itertools
import json
import os
import random
import re
import time
import uuid
from collections import defaultdict

from locust import HttpUser, between, events, task

from loadtest import accounts, html

CREATED_PATH = os.environ.get("LOADTEST_CREATED", "var/loadtest/created.jsonl")
SERVER_ERRORS_PATH = os.environ.get(
    "LOADTEST_SERVER_ERRORS", "var/loadtest/server-errors.json"
)
# Generous: the machine is shared, and a slow page is not a broken one.
TIMEOUT = float(os.environ.get("LOADTEST_TIMEOUT", "180"))
# Forum anti-spam: a new member may post once a minute.
POST_EVERY_SECONDS = 65

_next_index = defaultdict(itertools.count)
_server_errors: list[dict] = []


@events.request.add_listener
def _count_server_errors(name, response, **_kwargs):
    if response is not None and getattr(response, "status_code", 0) >= 500:
        _server_errors.append({"name": name, "status": response.status_code})


@events.quitting.add_listener
def _write_server_errors(**_kwargs):
    with open(SERVER_ERRORS_PATH, "w") as out:
        json.dump(_server_errors, out)


def record(kind: str, **values) -> None:
    with open(CREATED_PATH, "a") as out:
        out.write(json.dumps({"kind": kind, **values}) + "\n")


def token() -> str:
    return "lt" + uuid.uuid4().hex[:16]


class PortalUser(HttpUser):
    abstract = True
    role = ""
    wait_time = between(1, 4)

    def on_start(self):
        self.index = next(_next_index[self.role]) + 1
        self.email = accounts.email(self.role, self.index)
        page = self.get("/accounts/login/", name="login")
        self.submit(
            "/accounts/login/",
            page.text,
            r"login",
            {"username": self.email, "password": accounts.PASSWORD},
            name="login",
            expect_redirect=r"^/(?!accounts/login)",
        )

    # Requests ------------------------------------------------------------

    def get(self, path, *, name=None, expect=(200,)):
        with self.client.get(
            path, name=name or path, timeout=TIMEOUT, catch_response=True
        ) as response:
            if response.status_code not in expect:
                response.failure(f"{response.status_code} on {path}")
            elif "/accounts/login/" in response.url and "/accounts/login/" not in path:
                response.failure(f"{path} sent {self.email} to the login page")
            return response

    def submit(self, page_path, page_html, action, overrides, *, name, expect_redirect):
        """Post the page's form whose action matches `action` with the
        browser's values and `overrides`; a success is a redirect to a URL
        matching `expect_redirect`. Returns the redirect's path or None."""
        form = html.form(page_html, action, page_path)
        if form is None:
            self.fail_request(name, f"no form {action!r} on {page_path}")
            return None
        url = form.action or page_path
        with self.client.post(
            url,
            data={**form.fields, **overrides},
            headers={"Referer": self.client.base_url + page_path},
            name=name,
            timeout=TIMEOUT,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            location = location.removeprefix(self.client.base_url)
            if response.status_code != 302 or not re.search(expect_redirect, location):
                response.failure(
                    f"{response.status_code} to {location!r} on {url}: "
                    + _form_errors(response.text)
                )
                return None
            return location

    def fail_request(self, name, message):
        events.request.fire(
            request_type="CHECK",
            name=name,
            response_time=0,
            response_length=0,
            exception=AssertionError(message),
            context={},
            response=None,
        )


def _form_errors(text: str) -> str:
    found = re.findall(
        r'class="[^"]*(?:invalid-feedback|alert-danger)[^"]*"[^>]*>([^<]+)', text
    )
    return "; ".join(part.strip() for part in found)[:300]


ORDER_LINK = r"/portal/orders/(?!export|checkout|quick-order|approvals|budgets)[^/]+/"


class Buyer(PortalUser):
    """Browses the catalogue, orders by quick order or reorder and checks out
    on account, reads the order history, and requests returns."""

    role = "buyer"
    weight = 20

    def on_start(self):
        super().on_start()
        self.orders: list[str] = []
        found = self.get(
            f"/portal/orders/?po_number={accounts.returnable_po_number(self.index)}",
            name="/portal/orders/?po_number=[po]",
        )
        shipped = html.links(found.text, ORDER_LINK)
        self.returnable = shipped[0] if shipped else None

    @task(3)
    def browse(self):
        page = self.get("/shop/", name="/shop/")
        products = html.links(page.text, r"/shop/catalogue/[^/]+_\d+/")
        if products:
            self.get(random.choice(products), name="/shop/catalogue/[product]/")

    @task(3)
    def quick_order_and_checkout(self):
        page = self.get("/portal/orders/quick-order/")
        lines = "\n".join(
            f"{sku}, {random.randint(1, 3)}"
            for sku in random.sample(["BOLT-M8-100", "NUT-M8-100", "TAPE-50"], 2)
        )
        basket = self.submit(
            "/portal/orders/quick-order/",
            page.text,
            r"quick-order",
            {"lines": lines},
            name="/portal/orders/quick-order/ [post]",
            expect_redirect=r"/shop/basket/",
        )
        if basket:
            self.get("/shop/basket/")
            self.checkout()

    @task(1)
    def reorder_and_checkout(self):
        if not self.orders:
            return
        number = random.choice(self.orders)
        page = self.get(f"/portal/orders/{number}/", name="/portal/orders/[number]/")
        basket = self.submit(
            f"/portal/orders/{number}/",
            page.text,
            r"/reorder/$",
            {},
            name="/portal/orders/[number]/reorder/",
            expect_redirect=r"/shop/basket/",
        )
        if basket:
            self.checkout()

    def checkout(self):
        page = self.get("/portal/orders/checkout/")
        placed = self.submit(
            "/portal/orders/checkout/",
            page.text,
            r"checkout",
            {
                "purchase_order_number": f"LT-{token()[:12]}",
                "payment_method": "account",
            },
            name="/portal/orders/checkout/ [post]",
            expect_redirect=ORDER_LINK + "$",
        )
        if placed:
            number = placed.rstrip("/").rsplit("/", 1)[-1]
            record("order", number=number)
            self.orders.append(number)
            self.get(placed, name="/portal/orders/[number]/")

    @task(2)
    def history(self):
        page = self.get("/portal/orders/")
        found = html.links(page.text, ORDER_LINK)
        if found:
            self.get(random.choice(found), name="/portal/orders/[number]/")

    @task(1)
    def request_return(self):
        if not self.returnable:
            self.fail_request("return", f"{self.email} has no shipped order")
            return
        number = self.returnable.rstrip("/").rsplit("/", 1)[-1]
        path = f"/portal/returns/new/{number}/"
        page = self.get(path, name="/portal/returns/new/[number]/")
        form = html.form(page.text, r"/returns/new/", path)
        quantities = [
            name for name in (form.fields if form else {}) if name.startswith("qty_")
        ]
        if not form or not quantities:
            self.fail_request("return", f"no returnable line on {path}")
            return
        created = self.submit(
            path,
            page.text,
            r"/returns/new/",
            {
                quantities[0]: "1",
                "reason": form.choice("reason"),
                "comment": f"Load test {token()}",
            },
            name="/portal/returns/new/[number]/ [post]",
            expect_redirect=r"^/portal/returns/[^/]+/$",
        )
        if created:
            record("return", number=created.rstrip("/").rsplit("/", 1)[-1])
            self.get(created, name="/portal/returns/[number]/")

    @task(1)
    def open_support_request(self):
        open_support_request(self)


def open_support_request(user: PortalUser) -> None:
    page = user.get("/portal/support/report/")
    created = user.submit(
        "/portal/support/report/",
        page.text,
        r"report",
        {
            "subject": f"Delivery question {token()}",
            "description": "Where is my delivery? Asked by the load test.",
        },
        name="/portal/support/report/ [post]",
        expect_redirect=r"^/portal/support/requests/[^/]+/$",
    )
    if created:
        record("support", number=created.rstrip("/").rsplit("/", 1)[-1])
        user.get(created, name="/portal/support/requests/[number]/")


class Procurement(PortalUser):
    """Filters the company's order history and exports it."""

    role = "procurement"
    weight = 6

    @task(3)
    def filtered_history(self):
        status = random.choice(["Pending", "Shipped", ""])
        self.get(f"/portal/orders/?status={status}", name="/portal/orders/?status=[s]")

    @task(1)
    def export(self):
        fmt = random.choice(["csv", "xlsx"])
        self.get(
            f"/portal/orders/export/{fmt}/?status=Shipped",
            name=f"/portal/orders/export/{fmt}/",
        )

    @task(1)
    def returns(self):
        self.get("/portal/returns/")

    @task(1)
    def open_support_request(self):
        open_support_request(self)


class Partner(PortalUser):
    """The partner area, marketing assets, and the forums: reading and,
    once a minute at most, posting."""

    role = "partner"
    weight = 10

    def on_start(self):
        super().on_start()
        self.last_post = 0.0

    @task(2)
    def partner_area(self):
        self.get("/portal/partner/")

    @task(2)
    def assets(self):
        page = self.get("/portal/assets/")
        found = html.links(page.text, r"/portal/assets/\d+/")
        if found:
            self.get(random.choice(found), name="/portal/assets/[id]/")

    @task(3)
    def forum(self):
        page = self.get("/portal/forums/")
        categories = html.links(page.text, r"/portal/forums/c/[^/]+/")
        if not categories:
            return
        category = self.get(random.choice(categories), name="/portal/forums/c/[slug]/")
        topics = html.links(category.text, r"/portal/forums/t/\d+/")
        if not topics:
            return
        topic = random.choice(topics)
        page = self.get(topic, name="/portal/forums/t/[id]/")
        if time.monotonic() - self.last_post < POST_EVERY_SECONDS:
            return
        if html.form(page.text, r"/reply/$", topic) is None:
            return
        self.last_post = time.monotonic()
        mark = token()
        posted = self.submit(
            topic,
            page.text,
            r"/reply/$",
            {"body": f"Thanks, this helped us ({mark})."},
            name="/portal/forums/t/[id]/reply/",
            expect_redirect=r"^/portal/forums/t/\d+/",
        )
        if posted:
            record("post", token=mark)


class SupportAgent(PortalUser):
    """Works the service desk queue and answers requests."""

    role = "agent"
    weight = 6

    @task
    def answer(self):
        page = self.get("/portal/support/desk/")
        found = html.links(page.text, r"/portal/support/desk/(?!services)[^/]+/")
        if not found:
            return
        path = random.choice(found)
        detail = self.get(path, name="/portal/support/desk/[number]/")
        mark = token()
        replied = self.submit(
            path,
            detail.text,
            r"/reply/$",
            {"body": f"We are looking into it ({mark}).", "internal": ""},
            name="/portal/support/desk/[number]/reply/",
            expect_redirect=r"^/portal/support/desk/",
        )
        if replied:
            record("reply", number=path.rstrip("/").rsplit("/", 1)[-1], token=mark)


class Editor(PortalUser):
    """Reads the Wagtail admin: the page tree and a page's edit form."""

    role = "editor"
    weight = 4

    @task
    def pages(self):
        page = self.get("/cms-admin/pages/", name="/cms-admin/pages/")
        found = html.links(page.text, r"/cms-admin/pages/\d+/")
        if found:
            listing = self.get(random.choice(found), name="/cms-admin/pages/[id]/")
            edits = html.links(listing.text, r"/cms-admin/pages/\d+/edit/")
            if edits:
                self.get(random.choice(edits), name="/cms-admin/pages/[id]/edit/")
