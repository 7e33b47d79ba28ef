"""Members edit their own posts for PORTAL_FORUM_EDIT_MINUTES; every edit
keeps the previous text in the history."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forums.models import Post, PostRevision
from tests.factories.forums import PostFactory, TopicFactory
from tests.helpers import messages_of, snapshot


@pytest.fixture
def post(open_category, member):
    return PostFactory(
        topic=TopicFactory(category=open_category), author=member, body="Use 52 Nm"
    )


def test_author_edits_within_the_window_and_history_is_kept(client, member, post):
    client.force_login(member)

    response = client.post(
        reverse("forums:post_edit", args=[post.pk]), {"body": "Use **25** Nm"}
    )

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "Use **25** Nm"
    assert post.html == "<p>Use <strong>25</strong> Nm</p>\n"
    assert post.edited_by == member
    history = client.get(reverse("forums:post_history", args=[post.pk]))
    assert [r.body for r in history.context["revisions"]] == ["Use 52 Nm"]


def test_after_the_window_the_author_cannot_edit(client, member, post, settings):
    settings.PORTAL_FORUM_EDIT_MINUTES = 30
    Post.objects.filter(pk=post.pk).update(
        created_at=timezone.now() - timedelta(minutes=31)
    )
    client.force_login(member)
    before = snapshot(Post, PostRevision)

    response = client.post(reverse("forums:post_edit", args=[post.pk]), {"body": "x"})

    assert response.status_code == 404
    assert snapshot(Post, PostRevision) == before


def test_nobody_else_edits_a_members_post(client, newcomer, post):
    client.force_login(newcomer)
    before = snapshot(Post, PostRevision)

    response = client.post(reverse("forums:post_edit", args=[post.pk]), {"body": "x"})

    assert response.status_code == 404
    assert snapshot(Post, PostRevision) == before


def test_an_emptied_edit_is_refused_with_a_message(client, member, post):
    client.force_login(member)

    response = client.post(reverse("forums:post_edit", args=[post.pk]), {"body": ""})

    assert response.status_code == 400
    assert "Write something first." in response.content.decode()
    post.refresh_from_db()
    assert post.body == "Use 52 Nm"


def test_history_is_not_shown_to_other_members(client, newcomer, post):
    client.force_login(newcomer)

    assert client.get(reverse("forums:post_history", args=[post.pk])).status_code == 404


def test_an_edit_adding_a_word_of_the_word_list_goes_back_to_the_queue(
    client, member, post
):
    client.force_login(member)

    response = client.post(
        reverse("forums:post_edit", args=[post.pk]), {"body": "Visit my casino"}
    )

    post.refresh_from_db()
    assert (post.status, post.status_reason) == (
        "pending",
        "Contains a word on the word list.",
    )
    assert messages_of(response) == [
        "Your changes are saved. The post waits for a moderator again."
    ]


def test_a_new_member_editing_in_a_link_goes_back_to_the_queue(
    client, newcomer, open_category
):
    post = PostFactory(
        topic=TopicFactory(category=open_category), author=newcomer, body="Hello"
    )
    client.force_login(newcomer)

    client.post(
        reverse("forums:post_edit", args=[post.pk]),
        {"body": "Cheap bolts at https://spam.example"},
    )

    post.refresh_from_db()
    assert (post.status, post.status_reason) == ("pending", "A link from a new member.")
