"""Moderator actions: approve, reject with a reason mailed to the author,
hide, edit, move, lock, pin and suspend; each logged with who, when and
why. Category moderators act only in their own categories."""

import pytest
from django.core import mail
from django.urls import reverse

from forums.models import ModerationLog, Post, Suspension, Topic
from forums.services import post_create, topic_create
from tests.factories.forums import CategoryFactory, PostFactory, TopicFactory
from tests.helpers import messages_of, snapshot


@pytest.fixture
def pending(newcomer, open_category):
    topic = TopicFactory(category=open_category, title="Torque values")
    return post_create(user=newcomer, topic=topic, body="Try 25 Nm")


def _moderate(client, post, action, reason=""):
    return client.post(
        reverse("forums:post_moderate", args=[post.pk]),
        {"action": action, "reason": reason},
    )


def _log(post=None, topic=None):
    entries = ModerationLog.objects.all()
    if post:
        entries = entries.filter(post=post)
    if topic:
        entries = entries.filter(topic=topic)
    return [(e.actor.email if e.actor else None, e.action, e.reason) for e in entries]


def test_queue_lists_pending_and_flagged_posts(
    client, moderator, pending, open_category
):
    flagged = PostFactory(topic=pending.topic, flag_count=1)
    flagged.flags.create(user=pending.author, reason="spam")
    PostFactory(topic=pending.topic, body="Fine post")
    client.force_login(moderator)

    response = client.get(reverse("forums:queue"))

    assert [post.pk for post in response.context["posts"]] == [pending.pk, flagged.pk]


def test_approving_publishes_the_post_and_logs_it(client, moderator, pending):
    client.force_login(moderator)

    response = _moderate(client, pending, "approve")

    assert response.status_code == 302
    assert response.url == reverse("forums:queue")
    pending.refresh_from_db()
    assert pending.status == Post.Status.VISIBLE
    assert pending.approved_at is not None
    assert _log(post=pending) == [("mo@portal.example", "approve", "")]


def test_approving_a_waiting_topic_shows_it_to_everyone(
    client, moderator, member, newcomer, open_category
):
    topic = topic_create(
        user=newcomer, category=open_category, title="New here", body="Hello"
    )
    client.force_login(moderator)

    _moderate(client, topic.posts.get(), "approve")

    client.force_login(member)
    assert client.get(reverse("forums:topic", args=[topic.pk])).status_code == 200


def test_rejecting_needs_a_reason(client, moderator, pending):
    client.force_login(moderator)
    before = snapshot(Post, ModerationLog)

    response = _moderate(client, pending, "reject", "")

    assert messages_of(response) == ["Give a reason: it is sent to the author."]
    assert snapshot(Post, ModerationLog) == before
    assert mail.outbox == []


def test_rejecting_mails_the_reason_to_the_author(
    client, moderator, pending, django_capture_on_commit_callbacks
):
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        _moderate(client, pending, "reject", "Please ask in Power tools.")

    pending.refresh_from_db()
    assert (pending.status, pending.status_reason) == (
        "rejected",
        "Please ask in Power tools.",
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["newbie@acme.example"]
    assert message.subject == "Your post in “Torque values” was not published"
    assert "Reason: Please ask in Power tools." in message.body
    assert "Try 25 Nm" in message.body
    assert _log(post=pending) == [
        ("mo@portal.example", "reject", "Please ask in Power tools.")
    ]


def test_hiding_a_post_takes_it_out_of_sight(client, moderator, member, pending):
    post = PostFactory(topic=pending.topic, body="Rude words")
    client.force_login(moderator)

    _moderate(client, post, "hide", "Rude")

    client.force_login(member)
    response = client.get(reverse("forums:topic", args=[post.topic_id]))
    assert "Rude words" not in response.content.decode()
    assert _log(post=post) == [("mo@portal.example", "hide", "Rude")]


def test_moderator_edits_a_post_with_a_logged_reason(
    client, moderator, member, pending
):
    post = PostFactory(topic=pending.topic, author=member, body="Call 0170 1234")
    client.force_login(moderator)

    client.post(
        reverse("forums:post_edit", args=[post.pk]),
        {"body": "Call [removed]", "reason": "No phone numbers"},
    )

    post.refresh_from_db()
    assert post.body == "Call [removed]"
    assert list(post.revisions.values_list("body", flat=True)) == ["Call 0170 1234"]
    assert _log(post=post) == [("mo@portal.example", "edit", "No phone numbers")]


@pytest.mark.parametrize(
    ("action", "field", "value", "logged"),
    [
        ("lock", "is_locked", True, "lock"),
        ("pin", "is_pinned", True, "pin"),
        ("hide", "is_hidden", True, "hide_topic"),
    ],
)
def test_topic_actions(client, moderator, pending, action, field, value, logged):
    topic = pending.topic
    client.force_login(moderator)

    client.post(
        reverse("forums:topic_moderate", args=[topic.pk]),
        {"action": action, "reason": "Because"},
    )

    topic.refresh_from_db()
    assert getattr(topic, field) is value
    assert _log(topic=topic) == [("mo@portal.example", logged, "Because")]


def test_moving_a_topic(client, moderator, pending):
    target = CategoryFactory(name="Power tools", slug="power-tools")
    client.force_login(moderator)

    client.post(
        reverse("forums:topic_moderate", args=[pending.topic_id]),
        {"action": "move", "category": target.pk, "reason": "Drills"},
    )

    topic = Topic.objects.get(pk=pending.topic_id)
    assert topic.category == target
    assert _log(topic=topic) == [
        ("mo@portal.example", "move", "From Fasteners to Power tools. Drills")
    ]


def test_pinned_topics_come_first(client, member, open_category):
    TopicFactory(category=open_category, title="Older, pinned", is_pinned=True)
    TopicFactory(category=open_category, title="Newest")
    client.force_login(member)

    response = client.get(reverse("forums:category", args=[open_category.slug]))

    assert [t.title for t in response.context["topics"]] == ["Older, pinned", "Newest"]


def test_suspending_a_member(client, moderator, member, pending):
    PostFactory(topic=pending.topic, author=member)
    client.force_login(moderator)

    response = client.post(
        reverse("forums:suspend", args=[member.pk]),
        {"days": 7, "reason": "Spam links"},
    )

    assert response.status_code == 302
    suspension = Suspension.objects.get(user=member)
    assert (suspension.reason, suspension.by) == ("Spam links", moderator)
    assert 6.9 < (suspension.until - suspension.created_at).total_seconds() / 86400
    assert ModerationLog.objects.get(action="suspend").reason == "7 days: Spam links"


def test_moderation_log_is_shown_to_moderators_only(client, moderator, member, pending):
    client.force_login(moderator)
    _moderate(client, pending, "approve", "Looks fine")

    response = client.get(reverse("forums:log"))
    assert [e.reason for e in response.context["entries"]] == ["Looks fine"]
    client.force_login(member)
    assert client.get(reverse("forums:log")).status_code == 403


def test_a_member_cannot_moderate(client, member, pending):
    client.force_login(member)
    before = snapshot(Post, ModerationLog)

    response = _moderate(client, pending, "approve")

    assert response.status_code == 403
    assert snapshot(Post, ModerationLog) == before


def test_category_moderator_acts_only_in_their_category(
    client, gold_partner, newcomer, open_category, partner_category
):
    gold_partner.forum_moderations.create(
        category=partner_category,
        company=gold_partner.memberships.get().company,
    )
    own = post_create(
        user=newcomer,
        topic=TopicFactory(category=partner_category),
        body="In my category",
    )
    other = post_create(
        user=gold_partner,
        topic=TopicFactory(category=open_category),
        body="Elsewhere",
    )
    PostFactory(topic=other.topic, status=Post.Status.PENDING, approved_at=None)
    client.force_login(gold_partner)

    queue = client.get(reverse("forums:queue")).context["posts"]
    allowed = _moderate(client, own, "approve")
    before = snapshot(Post)
    refused = _moderate(client, other, "hide")

    assert [post.pk for post in queue] == [own.pk]
    assert allowed.status_code == 302
    assert refused.status_code == 403
    assert snapshot(Post) == before
    assert client.get(reverse("forums:suspend", args=[newcomer.pk])).status_code == 403
