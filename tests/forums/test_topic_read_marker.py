"""Opening a topic moves the reader's marker only when there is something new
to mark read: a reread writes nothing."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forums.models import TopicRead
from tests.factories.forums import PostFactory, TopicFactory


def _writes(queries):
    return [
        query["sql"]
        for query in queries
        if "forums_topicread" in query["sql"]
        and query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]


def test_first_visit_creates_the_marker(client, member, open_category):
    topic = TopicFactory(category=open_category, author=member)
    PostFactory(topic=topic)
    client.force_login(member)

    client.get(reverse("forums:topic", args=[topic.pk]))

    assert TopicRead.objects.filter(user=member, topic=topic).count() == 1


def test_rereading_an_unchanged_topic_writes_nothing(client, member, open_category):
    topic = TopicFactory(category=open_category, author=member)
    PostFactory(topic=topic)
    client.force_login(member)
    url = reverse("forums:topic", args=[topic.pk])
    client.get(url)
    marked = TopicRead.objects.get(user=member, topic=topic).last_read_at

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    assert _writes(queries) == []
    assert TopicRead.objects.get(user=member, topic=topic).last_read_at == marked


def test_a_new_post_moves_the_marker(client, member, open_category):
    topic = TopicFactory(category=open_category, author=member)
    PostFactory(topic=topic)
    client.force_login(member)
    url = reverse("forums:topic", args=[topic.pk])
    client.get(url)
    marked = TopicRead.objects.get(user=member, topic=topic).last_read_at
    topic.last_post_at = timezone.now() + timedelta(seconds=1)
    topic.save(update_fields=["last_post_at"])

    with CaptureQueriesContext(connection) as queries:
        client.get(url)

    assert len(_writes(queries)) == 1
    assert TopicRead.objects.get(user=member, topic=topic).last_read_at > marked
