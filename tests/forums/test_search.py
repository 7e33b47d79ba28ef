"""Forum search: title and text, visible posts only; odd input answers normally."""

import pytest
from django.urls import reverse

from forums.models import Post
from tests.factories.forums import PostFactory, TopicFactory


@pytest.fixture
def posts(open_category):
    topic = TopicFactory(category=open_category, title="Torque for M8", body="Hi")
    PostFactory(topic=topic, body="Use 25 Nm with 100% cotton gloves")
    PostFactory(
        topic=topic, body="torque secret", status=Post.Status.PENDING, approved_at=None
    )
    return topic


def test_search_finds_titles_and_text(client, member, posts):
    client.force_login(member)

    by_title = client.get(reverse("forums:search"), {"q": "TORQUE"})
    by_text = client.get(reverse("forums:search"), {"q": "100%"})

    assert [p.body for p in by_title.context["results"]] == [
        "Use 25 Nm with 100% cotton gloves",
        "Hi",
    ]
    assert [p.body for p in by_text.context["results"]] == [
        "Use 25 Nm with 100% cotton gloves"
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x", "Type at least two characters."),
        ("a" * 300, "Ensure this value has at most 200 characters (it has 300)."),
        # NUL characters are dropped before any view reads the query.
        ("\x00\x00", "This field is required."),
    ],
    ids=["short", "long", "nul"],
)
def test_odd_queries_answer_normally(client, member, posts, query, message):
    client.force_login(member)

    response = client.get(reverse("forums:search"), {"q": query})

    assert response.status_code == 200
    assert response.context["results"] is None
    assert message in response.content.decode()


@pytest.mark.parametrize("query", ["' OR 1=1 --", "_%_", "<script>"])
def test_special_characters_are_searched_literally(client, member, posts, query):
    client.force_login(member)

    response = client.get(reverse("forums:search"), {"q": query})

    assert response.status_code == 200
    assert list(response.context["results"]) == []
