"""A member is not offered Flag again on a post they flagged, and moderators
are offered Lock or Unlock (Pin or Unpin, Hide or Show) by the topic's state."""

from django.urls import reverse

from forums.models import Flag, Topic
from tests.factories.forums import PostFactory, TopicFactory


def test_a_post_i_flagged_is_not_offered_for_flagging_again(
    client, member, newcomer, open_category
):
    topic = TopicFactory(category=open_category, author=newcomer, title="Q")
    reply = PostFactory(topic=topic, author=newcomer, body="Buy cheap watches")
    other = PostFactory(topic=topic, author=newcomer, body="Fine reply")
    Flag.objects.create(post=reply, user=member, reason="spam")
    client.force_login(member)

    response = client.get(reverse("forums:topic", args=[topic.pk]))

    posts = {post.pk: post for post in response.context["posts"]}
    assert posts[reply.pk].may_flag is False
    assert posts[reply.pk].flagged_by_me is True
    assert posts[other.pk].may_flag is True
    assert response.content.decode().count("You flagged this post.") == 1


def _actions(client, moderator, topic):
    client.force_login(moderator)
    response = client.get(reverse("forums:topic", args=[topic.pk]))
    return [
        value
        for value, _label in response.context["topic_form"]["action"].field.choices
    ]


def test_a_locked_topic_offers_unlock_and_an_open_one_lock(
    client, moderator, member, open_category
):
    topic = TopicFactory(category=open_category, author=member, title="Q")

    open_actions = _actions(client, moderator, topic)
    Topic.objects.filter(pk=topic.pk).update(is_locked=True, is_pinned=True)
    locked_actions = _actions(client, moderator, topic)

    assert "lock" in open_actions
    assert "unlock" not in open_actions
    assert "pin" in open_actions
    assert "unpin" not in open_actions
    assert "unlock" in locked_actions
    assert "lock" not in locked_actions
    assert "unpin" in locked_actions
    assert "pin" not in locked_actions
