"""The page feedback was sent from becomes the thank-you page's back link: only
a path on this site is kept, so the form cannot send anyone elsewhere."""

import re

import pytest
from django.urls import reverse

from feedback.models import Feedback
from feedback.paths import local_path
from tests.feedback.conftest import send

FOREIGN = [
    "https://evil.example/phish",
    "//evil.example/phish",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "http:/evil.example",
    "evil.example/path",
    "/\t/evil.example",
    "/%0a/evil.example".replace("%0a", "\n"),
    "",
]


@pytest.mark.parametrize("value", FOREIGN)
def test_anything_but_a_local_path_is_dropped(value):
    assert local_path(value) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/portal/orders/", "/portal/orders/"),
        ("/portal/orders/?status=open#top", "/portal/orders/"),
        ("/", "/"),
    ],
)
def test_a_local_path_is_kept_without_its_query(value, expected):
    assert local_path(value) == expected


@pytest.mark.parametrize("value", FOREIGN[:-1])
def test_a_foreign_page_is_not_stored_and_not_linked(client, db, value):
    form = client.get(reverse("feedback:send"), {"from": value})
    response = send(client, page_url=value)
    thanks = client.get(reverse("feedback:thanks"), {"from": value})

    assert '<input type="hidden" name="page_url" id="id_page_url">' in (
        form.content.decode()
    )
    assert response.status_code == 302
    assert response.url == "/feedback/thanks/"
    assert Feedback.objects.get().page_url == ""
    page = thanks.content.decode()
    assert '<a class="btn btn-primary" id="feedback-back" href="/">' in page
    # (The language switcher carries the whole address in its own form.)
    assert [
        href for href in re.findall(r'href="([^"]*)"', page) if "evil" in href
    ] == []


def test_the_feedback_pages_are_not_a_page_to_go_back_to(client, db):
    response = send(client, page_url="/feedback/thanks/")

    assert response.url == "/feedback/thanks/"
    assert Feedback.objects.get().page_url == ""
