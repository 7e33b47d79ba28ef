"""The topic starter or a moderator marks a reply as the solution; solved
topics show it right after the question, highlighted, and are found with the
"solved" filter."""

import pytest
from django.urls import reverse

from forums.models import ModerationLog, Topic
from tests.factories.forums import PostFactory, TopicFactory
from tests.helpers import snapshot


@pytest.fixture
def topic(member, open_category):
    return TopicFactory(
        category=open_category, author=member, title="Charger", body="It blinks"
    )


def test_starter_marks_a_reply_and_it_follows_the_question(client, member, topic):
    PostFactory(topic=topic, body="Try another socket")
    answer = PostFactory(topic=topic, body="Clean the contacts")
    client.force_login(member)

    client.post(reverse("forums:solution", args=[answer.pk]))

    topic.refresh_from_db()
    assert topic.solution == answer
    response = client.get(reverse("forums:topic", args=[topic.pk]))
    assert [p.body for p in response.context["posts"]] == [
        "It blinks",
        "Clean the contacts",
        "Try another socket",
    ]
    assert f'id="post-{answer.pk}"' in response.content.decode()
    assert "border-success border-2 bg-success-subtle solution" in (
        response.content.decode()
    )


def test_solved_filter_lists_solved_topics_only(client, member, topic, open_category):
    TopicFactory(category=open_category, title="Open question")
    Topic.objects.filter(pk=topic.pk).update(
        solution=PostFactory(topic=topic, body="Answer")
    )
    client.force_login(member)

    response = client.get(
        reverse("forums:category", args=[open_category.slug]), {"solved": "1"}
    )

    assert [t.title for t in response.context["topics"]] == ["Charger"]


def test_other_members_cannot_mark_a_solution(client, newcomer, topic):
    answer = PostFactory(topic=topic)
    client.force_login(newcomer)
    before = snapshot(Topic)

    response = client.post(reverse("forums:solution", args=[answer.pk]))

    assert response.status_code == 403
    assert snapshot(Topic) == before


def test_a_moderator_marks_a_solution_and_it_is_logged(client, moderator, topic):
    answer = PostFactory(topic=topic)
    client.force_login(moderator)

    client.post(reverse("forums:solution", args=[answer.pk]))

    topic.refresh_from_db()
    assert topic.solution == answer
    assert ModerationLog.objects.get().action == "solution"
