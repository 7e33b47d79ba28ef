"""Members flag posts; at three open flags a post is hidden until reviewed."""

import pytest
from django.urls import reverse

from forums.models import Flag, ModerationLog, Post
from tests.factories import MembershipFactory
from tests.factories.forums import PostFactory, TopicFactory
from tests.helpers import messages_of, snapshot


@pytest.fixture
def post(open_category, member):
    topic = TopicFactory(category=open_category, title="Bolts")
    return PostFactory(topic=topic, author=member, body="Cheap bolts here!!!")


def _flag(client, user, post, reason="spam"):
    client.force_login(user)
    return client.post(
        reverse("forums:post_flag", args=[post.pk]),
        {"reason": reason, "comment": "Advert"},
    )


def test_flagging_records_the_flag(client, newcomer, post):
    response = _flag(client, newcomer, post)

    assert messages_of(response) == ["Thank you. A moderator will look at the post."]
    assert list(Flag.objects.values_list("user__email", "reason", "comment")) == [
        ("newbie@acme.example", "spam", "Advert")
    ]
    post.refresh_from_db()
    assert (post.flag_count, post.status) == (1, "visible")


def test_a_post_with_three_flags_is_hidden_until_reviewed(
    client, company, post, moderator
):
    flaggers = [MembershipFactory(company=company).user for _ in range(3)]

    for user in flaggers:
        _flag(client, user, post)

    post.refresh_from_db()
    assert (post.status, post.flag_count) == ("hidden", 3)
    assert ModerationLog.objects.get().action == "auto_hide"
    client.force_login(flaggers[0])
    page = client.get(reverse("forums:topic", args=[post.topic_id]))
    assert "Cheap bolts here" not in page.content.decode()

    client.force_login(moderator)
    client.post(reverse("forums:post_moderate", args=[post.pk]), {"action": "approve"})
    post.refresh_from_db()
    assert (post.status, post.flag_count) == ("visible", 0)
    assert Flag.objects.filter(reviewed_at__isnull=True).count() == 0


def test_flagging_twice_is_refused(client, newcomer, post):
    _flag(client, newcomer, post)
    before = snapshot(Flag, Post)

    response = _flag(client, newcomer, post, reason="offensive")

    assert messages_of(response)[-1] == "You have already flagged this post."
    assert snapshot(Flag, Post) == before


def test_flagging_ones_own_post_is_refused(client, member, post):
    response = _flag(client, member, post)

    assert messages_of(response) == ["You cannot flag your own post."]
    assert not Flag.objects.exists()


def test_a_flag_without_reason_is_refused(client, newcomer, post):
    response = _flag(client, newcomer, post, reason="")

    assert messages_of(response) == ["Choose why you flag the post."]
    assert not Flag.objects.exists()


def test_a_post_already_hidden_cannot_be_flagged(client, newcomer, post):
    Post.objects.filter(pk=post.pk).update(status=Post.Status.HIDDEN)
    PostFactory(topic=post.topic, author=newcomer)

    response = _flag(client, newcomer, post)

    assert response.status_code == 404
    assert not Flag.objects.exists()


def test_a_moderator_is_told_a_hidden_post_is_with_the_moderators(
    client, moderator, post
):
    Post.objects.filter(pk=post.pk).update(status=Post.Status.HIDDEN)

    response = _flag(client, moderator, post)

    assert messages_of(response) == ["This post is already with the moderators."]
    assert not Flag.objects.exists()
