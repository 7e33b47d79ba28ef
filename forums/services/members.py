"""Solutions, subscriptions and read markers."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.models import (
    ModerationLog,
    Post,
    Subscription,
    Topic,
    TopicRead,
)
from forums.selectors import Viewer
from forums.services.common import _log


def solution_mark(*, user, topic: Topic, post: Post | None) -> Topic:
    """The topic starter or a moderator marks a visible reply as the solution
    (or clears it with post=None)."""
    viewer = Viewer.of_user(user)
    is_moderator = viewer.moderates(topic.category_id)
    if topic.author_id != user.pk and not is_moderator:
        raise PermissionDenied
    if post is not None and (
        post.topic_id != topic.pk or post.status != Post.Status.VISIBLE
    ):
        raise ValidationError(_("Only a visible reply can be the solution."))
    with transaction.atomic():
        topic.solution = post
        topic.save(update_fields=["solution"])
        if is_moderator and topic.author_id != user.pk:
            _log(
                actor=user,
                action=ModerationLog.Action.SOLUTION,
                topic=topic,
                post=post,
            )
    return topic


def subscription_toggle(*, user, topic: Topic) -> bool:
    """Subscribe or unsubscribe; returns whether the user is now subscribed."""
    deleted, _rows = Subscription.objects.filter(user=user, topic=topic).delete()
    if deleted:
        return False
    Subscription.objects.get_or_create(user=user, topic=topic)
    return True


def topic_mark_read(*, user, topic: Topic) -> None:
    """Remember that the user has read the topic up to now. Writes only when
    the topic has posts the marker does not cover (the rule the unread counts
    follow): reading a topic again takes no write lock."""
    read_at = (
        TopicRead.objects.filter(user=user, topic=topic)
        .values_list("last_read_at", flat=True)
        .first()
    )
    if read_at is not None and read_at >= topic.last_post_at:
        return
    TopicRead.objects.update_or_create(
        user=user, topic=topic, defaults={"last_read_at": timezone.now()}
    )
