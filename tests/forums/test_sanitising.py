"""Stored-XSS attempts are rendered inert: raw HTML is text, links keep only
http, https and mailto, and every link is marked nofollow ugc noopener."""

import pytest
from django.urls import reverse

from forums.markup import render
from forums.models import Post


@pytest.mark.parametrize(
    ("source", "html"),
    [
        (
            "<script>alert(1)</script>",
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n",
        ),
        (
            "<img src=x onerror=alert(1)>",
            "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n",
        ),
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"),
        ("[x](JaVaScRiPt:alert(1))", "<p>[x](JaVaScRiPt:alert(1))</p>\n"),
        (
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "<p>[x](data:text/html;base64,PHNjcmlwdD4=)</p>\n",
        ),
        (
            '<a href="https://evil.example" onclick="x()">hi</a>',
            '<p>&lt;a href="https://evil.example" onclick="x()"&gt;hi&lt;/a&gt;</p>\n',
        ),
        (
            "[docs](https://example.com/a)",
            '<p><a href="https://example.com/a" rel="nofollow ugc noopener">'
            "docs</a></p>\n",
        ),
        (
            "[mail](mailto:help@example.com)",
            '<p><a href="mailto:help@example.com" rel="nofollow ugc noopener">'
            "mail</a></p>\n",
        ),
        ("**bold** and *it*", "<p><strong>bold</strong> and <em>it</em></p>\n"),
        ("# Big", "<h3>Big</h3>\n"),
    ],
    ids=[
        "script",
        "img-onerror",
        "javascript-link",
        "javascript-mixed-case",
        "data-link",
        "raw-anchor",
        "https-link",
        "mailto-link",
        "emphasis",
        "heading-shifted",
    ],
)
def test_markdown_is_rendered_and_sanitised(source, html):
    assert render(source) == html


def test_a_posted_script_is_stored_and_shown_as_text(client, member, open_category):
    client.force_login(member)
    body = "Look: <script>alert('x')</script> <img src=x onerror=alert(1)>"

    response = client.post(
        reverse("forums:topic_create", args=[open_category.slug]),
        {"title": "<b>Title</b>", "body": body},
        follow=True,
    )

    post = Post.objects.get(author=member, topic__title="<b>Title</b>")
    assert post.body == body
    assert "<script" not in post.html
    assert "<img" not in post.html
    page = response.content.decode()
    assert "<script>alert('x')" not in page
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in page
    assert "&lt;b&gt;Title&lt;/b&gt;" in page
