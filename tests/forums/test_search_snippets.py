"""Forum search results show a plain-text snippet of the post, not its
Markdown source."""

from django.urls import reverse

from tests.factories.forums import PostFactory, TopicFactory


def test_search_snippets_are_plain_text(client, member, open_category):
    topic = TopicFactory(category=open_category, title="Gaskets", body="Hi")
    PostFactory(
        topic=topic, body="Use **graphite** gaskets & [see this](https://x.example)"
    )
    client.force_login(member)

    response = client.get(reverse("forums:search"), {"q": "graphite"})

    page = response.content.decode()
    snippets = [post.snippet for post in response.context["results"]]
    assert snippets == ["Use graphite gaskets & see this"]
    assert "Use graphite gaskets &amp; see this" in page
    assert "**graphite**" not in page
