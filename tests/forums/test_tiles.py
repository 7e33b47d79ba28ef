"""Start-page tiles: new replies in my topics, and the queue for moderators."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from forums.models import Post
from forums.services import topic_mark_read
from tests.factories.forums import PostFactory, TopicFactory


def _tiles(client):
    response = client.get(reverse("partner_portal:start"))
    assert response.status_code == 200
    return {tile.key: context for tile, context in response.context["tiles"]}


def test_new_replies_in_my_topics(client, member, gold_partner, open_category):
    mine = TopicFactory(category=open_category, author=member, title="Mine")
    TopicFactory(category=open_category, author=gold_partner, title="Not mine")
    topic_mark_read(user=member, topic=mine)
    Post.objects.filter(topic=mine).update(
        created_at=timezone.now() - timedelta(hours=1)
    )
    PostFactory(topic=mine, author=gold_partner)
    client.force_login(member)

    tile = _tiles(client)["forums.replies"]

    assert tile["count"] == 1
    assert tile["links"] == [("Mine", reverse("forums:topic", args=[mine.pk]))]


def test_queue_tile_for_moderators_only(client, member, moderator, open_category):
    topic = TopicFactory(category=open_category)
    PostFactory(topic=topic, status=Post.Status.PENDING, approved_at=None)

    client.force_login(moderator)
    assert _tiles(client)["forums.queue"]["count"] == 1
    client.force_login(member)
    assert "forums.queue" not in _tiles(client)
