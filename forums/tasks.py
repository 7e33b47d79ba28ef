"""Mail of the forums, through Django's tasks API (queued after the commit)."""

from django.conf import settings
from django.urls import reverse
from django_tasks import task

from forums.models import Post, Subscription, Suspension
from partner_portal.mail import send_mail_to


def _mail(template, context, recipient):
    send_mail_to(
        recipient,
        subject_template=f"forums/email/{template}_subject.txt",
        template=f"forums/email/{template}.txt",
        context=context,
    )


@task()
def reply_notification_task(*, post_id: int) -> None:
    """Mail a visible reply to the topic's subscribers, except its author and
    anyone who may no longer see the category or the topic."""
    from forums.selectors import Viewer

    post = Post.objects.select_related("topic", "topic__category", "author").get(
        pk=post_id
    )
    if post.status != Post.Status.VISIBLE or post.topic.is_hidden:
        return
    url = settings.PORTAL_BASE_URL + reverse("forums:topic", args=[post.topic_id])
    subscribers = (
        Subscription.objects.filter(topic=post.topic)
        .exclude(user=post.author)
        .select_related("user")
    )
    for subscription in subscribers:
        user = subscription.user
        if not user.is_active or not user.email:
            continue
        if post.topic.category.audience not in Viewer.of_user(user).audiences:
            continue
        _mail(
            "reply",
            {"post": post, "topic": post.topic, "user": user, "url": url},
            user,
        )


@task()
def post_rejected_task(*, post_id: int) -> None:
    """Tell the author that a moderator rejected their post, and why."""
    post = Post.objects.select_related("topic", "author").get(pk=post_id)
    if post.status != Post.Status.REJECTED or not post.author.email:
        return
    _mail(
        "rejected",
        {"post": post, "topic": post.topic, "user": post.author},
        post.author,
    )


@task()
def suspension_lifted_task(*, suspension_id: int) -> None:
    """Tell the member that a moderator lifted their suspension early."""
    suspension = Suspension.objects.select_related("user", "category").get(
        pk=suspension_id
    )
    if suspension.lifted_at is None or not suspension.user.email:
        return
    _mail(
        "lifted",
        {
            "suspension": suspension,
            "user": suspension.user,
            "url": settings.PORTAL_BASE_URL + reverse("forums:index"),
        },
        suspension.user,
    )
