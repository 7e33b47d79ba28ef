"""A forum post's body and a topic's title keep their own direction (dir="auto")."""

import re

from django.urls import reverse

from tests.factories.forums import PostFactory, TopicFactory


def test_post_body_and_topic_title_carry_dir_auto(client, open_category, member):
    topic = TopicFactory(category=open_category, title="پیچ و مهره")
    PostFactory(topic=topic, author=member, body="سلام دنیا")
    client.force_login(member)

    html = client.get(reverse("forums:topic", args=[topic.pk])).text

    bodies = re.findall(r'<div class="post-body user-content" dir="auto">', html)
    assert len(bodies) == 2  # the opening post and the reply
    assert "سلام دنیا" in html
    assert re.search(r'aria-current="page" dir="auto">پیچ و مهره</li>', html)


def test_author_names_are_isolated(client, open_category, member):
    topic = TopicFactory(category=open_category, title="Bolts")
    PostFactory(topic=topic, author=member, body="Hello")
    client.force_login(member)

    html = client.get(reverse("forums:topic", args=[topic.pk])).text

    name = member.get_full_name() or member.email
    assert f'<bdi dir="auto">{name}</bdi>' in html
