"""Mail of the forums, through Django's tasks API (queued after the commit)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from forums.models import Post, Subscription


def _mail(template, context, recipient):
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"forums/email/{template}_subject.txt", context)
        send_mail(
            subject=" ".join(subject.split()),
            message=render_to_string(f"forums/email/{template}.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[recipient],
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
    url = settings.WAGTAILADMIN_BASE_URL + reverse("forums:topic", args=[post.topic_id])
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
            user.email,
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
        post.author.email,
    )
