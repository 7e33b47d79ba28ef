"""A category moderator cannot approve their own queued post: a second
moderator has to look at it. Approving someone else's post still works."""

import pytest
from django.urls import reverse

from forums.models import ModerationLog, Post
from forums.services import post_create
from partner_portal.permissions import Role
from tests.factories import CompanyFactory, MembershipFactory
from tests.factories.forums import CategoryFactory, TopicFactory, forum_moderator
from tests.helpers import messages_of, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_category():
    return CategoryFactory(name="Service", slug="service", audience="partners")


@pytest.fixture
def category_moderator(partner_category):
    """A distributor's admin whom their company made moderator of a category."""
    membership = MembershipFactory(
        company=CompanyFactory(distributor=True),
        role=Role.COMPANY_ADMIN,
        user__email="nils@northwind.example",
    )
    membership.user.forum_moderations.create(
        category=partner_category, company=membership.company
    )
    return membership.user


@pytest.fixture
def moderator():
    return forum_moderator(email="mo@portal.example")


@pytest.fixture
def own_pending(category_moderator, partner_category, settings):
    # A word on the list queues the post whoever writes it.
    settings.PORTAL_FORUM_BLOCKED_WORDS = ["casino"]
    topic = TopicFactory(category=partner_category, title="Trade fair")
    post = post_create(user=category_moderator, topic=topic, body="Win at the casino")
    assert post.status == Post.Status.PENDING
    return post


def _approve(client, post):
    return client.post(
        reverse("forums:post_moderate", args=[post.pk]),
        {"action": "approve", "reason": ""},
    )


def test_moderator_cannot_approve_own_post(client, category_moderator, own_pending):
    client.force_login(category_moderator)
    before = snapshot(Post, ModerationLog)

    response = _approve(client, own_pending)

    assert response.status_code == 302
    assert messages_of(response) == [
        "You cannot approve your own post: another moderator reviews it."
    ]
    assert snapshot(Post, ModerationLog) == before
    own_pending.refresh_from_db()
    assert own_pending.status == Post.Status.PENDING
    assert own_pending.approved_at is None


def test_service_refuses_self_approval(category_moderator, own_pending):
    from django.core.exceptions import ValidationError

    from forums.services import post_approve

    with pytest.raises(ValidationError) as error:
        post_approve(moderator=category_moderator, post=own_pending)
    assert error.value.code == "own"


def test_another_moderator_approves_it(client, moderator, own_pending):
    client.force_login(moderator)

    response = _approve(client, own_pending)

    assert response.status_code == 302
    own_pending.refresh_from_db()
    assert own_pending.status == Post.Status.VISIBLE
    assert ModerationLog.objects.get(post=own_pending).actor == moderator
