"""What the other service modules share: the moderation log and the
reply mail queued after the commit."""

from django.db import transaction

from forums.models import (
    ModerationLog,
    Post,
)


def _log(*, actor, action, post=None, topic=None, category=None, user=None, reason=""):
    topic = topic or (post.topic if post else None)
    category = category or (topic.category if topic else None)
    return ModerationLog.objects.create(
        actor=actor,
        action=action,
        post=post,
        topic=topic,
        category=category,
        target_user=user or (post.author if post else None),
        reason=reason[:500],
    )


def _notify_subscribers(post: Post) -> None:
    post_id = post.pk
    transaction.on_commit(lambda: _enqueue_reply_mail(post_id))


def _enqueue_reply_mail(post_id: int) -> None:
    from forums.tasks import reply_notification_task

    reply_notification_task.enqueue(post_id=post_id)
