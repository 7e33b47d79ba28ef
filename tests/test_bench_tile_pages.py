"""`make bench` loads the start page's lazy tiles as pages of their own: each
tile once, as the first role whose start page shows it."""

from types import SimpleNamespace

import pytest
from django.core.management.base import CommandError
from django.urls import reverse

from bench import pages, report

START = """<div class="tile-lazy" data-tile-src="/portal/tiles/{key}/?body=1"></div>"""


class FakeClient:
    def __init__(self, keys, status=200):
        self.body = "".join(START.format(key=key) for key in keys).encode()
        self.status = status
        self.paths = []

    def get(self, path):
        self.paths.append(path)
        return SimpleNamespace(status_code=self.status, content=self.body)


def test_each_lazy_tile_is_a_page_of_the_first_role_that_has_it():
    clients = {
        "buyer": FakeClient(["tasks", "orders.open"]),
        "procurement": FakeClient(["orders.open", "contracts.contracts"]),
    }

    found = pages.tile_pages(clients, ("buyer", "procurement"))

    assert [(page.label, page.who, page.path) for page in found] == [
        ("start page tile tasks", "buyer", "/portal/tiles/tasks/?body=1"),
        ("start page tile orders.open", "buyer", "/portal/tiles/orders.open/?body=1"),
        (
            "start page tile contracts.contracts",
            "procurement",
            "/portal/tiles/contracts.contracts/?body=1",
        ),
    ]
    assert all(page.goals == (report.PAGE,) for page in found)
    assert clients["buyer"].paths == [reverse("partner_portal:start")]


def test_a_start_page_that_does_not_answer_stops_the_bench():
    clients = {"buyer": FakeClient(["tasks"], status=302)}

    with pytest.raises(CommandError, match="302"):
        pages.tile_pages(clients, ("buyer",))
