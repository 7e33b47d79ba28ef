"""Forum pages cost the same number of SQL queries for few as for many
topics and posts: no query per row."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forums.models import PostImage
from tests.factories.forums import CategoryFactory, PostFactory, TopicFactory


def _queries(client, url):
    # The first request fills per-process caches (site, branding, content types).
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _image(post):
    image = PostImage(post=post, content_type="image/png", width=1, height=1, size=1)
    image.image.save("x.png", ContentFile(b"x"), save=True)


@pytest.fixture
def grow_topic(open_category, member):
    topic = TopicFactory(category=open_category, author=member)

    def grow(count):
        for _ in range(count):
            post = PostFactory(topic=topic)
            _image(post)
        return reverse("forums:topic", args=[topic.pk])

    return grow


def test_topic_page_is_flat_in_posts(client, moderator, grow_topic, page_cache_off):
    client.force_login(moderator)
    few = _queries(client, grow_topic(3))

    many = _queries(client, grow_topic(30))

    assert many == few


def test_category_and_index_are_flat_in_topics(client, member, open_category):
    client.force_login(member)
    TopicFactory.create_batch(3, category=open_category)
    CategoryFactory()
    few = (
        _queries(client, reverse("forums:category", args=[open_category.slug])),
        _queries(client, reverse("forums:index")),
    )

    TopicFactory.create_batch(30, category=open_category)
    CategoryFactory.create_batch(5)
    many = (
        _queries(client, reverse("forums:category", args=[open_category.slug])),
        _queries(client, reverse("forums:index")),
    )

    assert many == few


def test_queue_is_flat_in_posts(client, moderator, open_category):
    client.force_login(moderator)
    topic = TopicFactory(category=open_category)
    PostFactory.create_batch(3, topic=topic, status="pending", approved_at=None)
    few = _queries(client, reverse("forums:queue"))

    PostFactory.create_batch(20, topic=topic, status="pending", approved_at=None)
    many = _queries(client, reverse("forums:queue"))

    assert many == few
