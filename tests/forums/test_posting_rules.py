"""Anti-spam and the moderation queue rules when posting: a member's first
posts, links from new members and the word list go to the queue; rate limits,
duplicates, double submits, suspension, locked topics and bad text are
refused with a clear message and nothing is created."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from forums.models import Post, Suspension, Topic
from forums.services import post_create, topic_create
from tests.factories.forums import PostFactory, TopicFactory
from tests.helpers import snapshot


@pytest.fixture
def topic(open_category, member):
    return TopicFactory(category=open_category, title="Torque")


def _reply(client, topic, body, **extra):
    return client.post(
        reverse("forums:reply", args=[topic.pk]), {"body": body, **extra}
    )


def test_a_new_members_first_three_posts_wait_for_moderation(newcomer, topic):
    statuses = []
    for number in range(4):
        post = post_create(user=newcomer, topic=topic, body=f"Answer {number}")
        statuses.append(post.status)
        if post.status == Post.Status.PENDING:
            # Approved by a moderator; moved back in time past the rate limit.
            Post.objects.filter(pk=post.pk).update(
                status=Post.Status.VISIBLE,
                approved_at=timezone.now(),
                created_at=timezone.now() - timedelta(hours=1),
            )

    assert statuses == ["pending", "pending", "pending", "visible"]


def test_a_new_members_first_topic_waits_and_is_hidden_from_others(
    newcomer, open_category
):
    topic = topic_create(
        user=newcomer, category=open_category, title="Hello", body="First post"
    )

    assert topic.awaiting_approval is True
    assert topic.posts.get().status == Post.Status.PENDING
    assert topic.posts.get().status_reason == "One of the member's first posts."


@pytest.mark.parametrize(
    "body", ["See https://cheap.example", "www.cheap.example", "[x](http://a.b)"]
)
def test_links_from_new_members_wait_for_moderation(newcomer, topic, body):
    for _ in range(3):
        PostFactory(
            author=newcomer,
            topic=topic,
            created_at=timezone.now() - timedelta(days=2),
        )

    post = post_create(user=newcomer, topic=topic, body=body)

    assert (post.status, post.status_reason) == ("pending", "A link from a new member.")


def test_links_from_established_members_are_published(member, topic):
    post = post_create(user=member, topic=topic, body="See https://docs.example")

    assert post.status == Post.Status.VISIBLE


def test_a_word_on_the_word_list_sends_the_post_to_the_queue(member, topic):
    post = post_create(user=member, topic=topic, body="Visit my CASINO tonight")

    assert (post.status, post.status_reason) == (
        "pending",
        "Contains a word on the word list.",
    )


def test_a_word_inside_another_word_does_not_count(member, topic):
    post = post_create(user=member, topic=topic, body="Casinos are not a topic here")

    assert post.status == Post.Status.VISIBLE


def test_new_member_may_post_once_a_minute(client, newcomer, topic):
    client.force_login(newcomer)
    assert _reply(client, topic, "First").status_code == 302

    response = _reply(client, topic, "Second, too fast")

    assert response.status_code == 400
    assert (
        "You are posting too fast. Please wait a minute and send it again."
        in response.content.decode()
    )
    assert "Second, too fast" in response.content.decode()
    assert Post.objects.filter(author=newcomer).count() == 1


def test_new_member_may_post_ten_times_a_day(newcomer, topic):
    for minutes in range(10):
        PostFactory(
            author=newcomer,
            topic=topic,
            status=Post.Status.PENDING,
            approved_at=None,
            created_at=timezone.now() - timedelta(minutes=10 + minutes * 30),
        )

    with pytest.raises(ValidationError) as error:
        post_create(user=newcomer, topic=topic, body="Eleventh")

    assert error.value.code == "rate_day"
    assert Post.objects.filter(author=newcomer).count() == 10


def test_established_members_have_a_looser_limit(member, topic, settings):
    settings.PORTAL_FORUM_MEMBER_RATE = (3, 200)

    bodies = ["one", "two", "three"]
    for body in bodies:
        post_create(user=member, topic=topic, body=body)
    with pytest.raises(ValidationError) as error:
        post_create(user=member, topic=topic, body="four")

    assert error.value.code == "rate_minute"


def test_the_same_text_twice_within_ten_minutes_is_refused(client, member, topic):
    client.force_login(member)
    _reply(client, topic, "Use 25 Nm.")
    before = snapshot(Post)

    response = _reply(client, topic, "  Use 25 Nm.  ")

    assert response.status_code == 400
    assert "You have just posted the same text. It is not posted twice." in (
        response.content.decode()
    )
    assert snapshot(Post) == before


def test_a_double_submit_creates_one_post(client, member, topic):
    client.force_login(member)

    first = _reply(client, topic, "Only once", token="tok-1")
    second = _reply(client, topic, "Only once", token="tok-1")

    assert Post.objects.filter(author=member, body="Only once").count() == 1
    assert first.status_code == second.status_code == 302
    assert first.url == second.url


def test_a_double_submitted_topic_is_created_once(client, member, open_category):
    client.force_login(member)
    data = {"title": "Once", "body": "Only one topic", "token": "tok-2"}
    url = reverse("forums:topic_create", args=[open_category.slug])

    first = client.post(url, data)
    second = client.post(url, data)

    assert Topic.objects.filter(title="Once").count() == 1
    assert first.url == second.url


def test_suspended_member_cannot_post_and_keeps_the_text(
    client, member, moderator, topic
):
    Suspension.objects.create(
        user=member,
        until=timezone.now() + timedelta(days=3),
        reason="Repeated spam",
        by=moderator,
    )
    client.force_login(member)
    before = snapshot(Post, Topic)

    response = _reply(client, topic, "My typed answer")

    assert response.status_code == 400
    page = response.content.decode()
    assert "You are suspended from posting until" in page
    assert "Reason: Repeated spam" in page
    assert "My typed answer" in page
    assert snapshot(Post, Topic) == before


def test_an_expired_suspension_no_longer_stops_posting(member, moderator, topic):
    Suspension.objects.create(
        user=member,
        until=timezone.now() - timedelta(minutes=1),
        reason="Over",
        by=moderator,
    )

    assert post_create(user=member, topic=topic, body="Back").status == "visible"


def test_posting_in_a_locked_topic_is_refused_with_the_text_kept(client, member, topic):
    Topic.objects.filter(pk=topic.pk).update(is_locked=True)
    client.force_login(member)
    before = snapshot(Post)

    response = _reply(client, topic, "Late answer")

    assert response.status_code == 400
    page = response.content.decode()
    assert "This topic is locked: no new replies." in page
    assert "Late answer" in page
    assert snapshot(Post) == before


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Write something first."),
        ("   \n  ", "Write something first."),
        (
            "x" * 100_000,
            "Your text has 100000 characters; a post may have at most 20000. "
            "Shorten it or split it into two posts.",
        ),
    ],
    ids=["empty", "blank", "100-kb"],
)
def test_empty_or_huge_posts_are_refused(client, member, topic, body, message):
    client.force_login(member)
    before = snapshot(Post)

    response = _reply(client, topic, body)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot(Post) == before


def test_a_huge_new_topic_keeps_title_and_text(client, member, open_category):
    client.force_login(member)
    body = "y" * 20_001

    response = client.post(
        reverse("forums:topic_create", args=[open_category.slug]),
        {"title": "My long story", "body": body},
    )

    assert response.status_code == 400
    assert response.context["form"]["title"].value() == "My long story"
    assert response.context["form"]["body"].value() == body
    assert not Topic.objects.filter(title="My long story").exists()


def test_a_locked_category_takes_no_new_topics(client, member, open_category):
    open_category.is_locked = True
    open_category.save()
    client.force_login(member)

    response = client.post(
        reverse("forums:topic_create", args=[open_category.slug]),
        {"title": "New", "body": "Text"},
    )

    assert response.status_code == 400
    assert "This category is locked: no new topics or replies." in (
        response.content.decode()
    )
    assert not Topic.objects.filter(title="New").exists()
