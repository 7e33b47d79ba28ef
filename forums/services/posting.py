"""Posting: topics and replies under the anti-spam and moderation-queue
rules, and editing within the edit window."""

import re
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from forums import markup
from forums.models import (
    Category,
    ModerationLog,
    Post,
    PostImage,
    PostRevision,
    Subscription,
    Topic,
)
from forums.selectors import Viewer, suspension_active
from forums.services.common import _log, _notify_subscribers
from partner_portal.permissions import is_portal_staff

MAX_BODY = 20_000


def _check_not_suspended(user, category: Category) -> None:
    suspension = suspension_active(user=user, category=category)
    if suspension:
        raise ValidationError(
            _("You are suspended from posting until %(until)s. Reason: %(reason)s")
            % {
                "until": formats.date_format(
                    timezone.localtime(suspension.until), "DATETIME_FORMAT"
                ),
                "reason": suspension.reason,
            },
            code="suspended",
        )


def _check_may_post(*, user, topic: Topic | None, category: Category) -> None:
    _check_not_suspended(user, category)
    if category.is_locked:
        raise ValidationError(
            _("This category is locked: no new topics or replies."), code="locked"
        )
    if topic is not None and topic.is_locked:
        raise ValidationError(_("This topic is locked: no new replies."), code="locked")


def _check_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError(_("Write something first."), code="empty")
    if len(body) > MAX_BODY:
        raise ValidationError(
            _(
                "Your text has %(length)s characters; a post may have at most "
                "%(max)s. Shorten it or split it into two posts."
            )
            % {"length": len(body), "max": MAX_BODY},
            code="too_long",
        )
    return body


def _approved_count(user) -> int:
    return Post.objects.filter(author=user, approved_at__isnull=False).count()


def _check_rate(user) -> None:
    """New members: at most PORTAL_FORUM_NEW_MEMBER_RATE posts a minute and a
    day; others PORTAL_FORUM_MEMBER_RATE. Our own staff have no limit."""
    if is_portal_staff(user):
        return
    is_new = _approved_count(user) < settings.PORTAL_FORUM_NEW_MEMBER_POSTS
    per_minute, per_day = (
        settings.PORTAL_FORUM_NEW_MEMBER_RATE
        if is_new
        else settings.PORTAL_FORUM_MEMBER_RATE
    )
    now = timezone.now()
    recent = Post.objects.filter(author=user, created_at__gte=now - timedelta(days=1))
    if recent.count() >= per_day:
        raise ValidationError(
            _(
                "You have written %(count)s posts in the last 24 hours, the most "
                "allowed. Please try again later."
            )
            % {"count": per_day},
            code="rate_day",
        )
    if recent.filter(created_at__gte=now - timedelta(minutes=1)).count() >= per_minute:
        raise ValidationError(
            _("You are posting too fast. Please wait a minute and send it again."),
            code="rate_minute",
        )


def _check_duplicate(user, body: str) -> None:
    since = timezone.now() - timedelta(minutes=settings.PORTAL_FORUM_DUPLICATE_MINUTES)
    if (
        Post.objects.filter(author=user, created_at__gte=since, body=body)
        .exclude(status=Post.Status.REJECTED)
        .exists()
    ):
        raise ValidationError(
            _("You have just posted the same text. It is not posted twice."),
            code="duplicate",
        )


def blocked_words_in(text: str) -> list[str]:
    words = [w.strip() for w in settings.PORTAL_FORUM_BLOCKED_WORDS if w.strip()]
    return [
        word
        for word in words
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
    ]


def _moderation_status(user, text: str) -> tuple[str, str]:
    """A member's first PORTAL_FORUM_QUEUE_FIRST_POSTS posts, posts with links
    from new members and posts hitting the word list wait for a moderator."""
    if is_portal_staff(user):
        return Post.Status.VISIBLE, ""
    if blocked_words_in(text):
        return Post.Status.PENDING, _("Contains a word on the word list.")
    approved = _approved_count(user)
    if approved < settings.PORTAL_FORUM_QUEUE_FIRST_POSTS:
        return Post.Status.PENDING, _("One of the member's first posts.")
    if approved < settings.PORTAL_FORUM_NEW_MEMBER_POSTS and markup.has_link(text):
        return Post.Status.PENDING, _("A link from a new member.")
    return Post.Status.VISIBLE, ""


def _edit_status(user, text: str) -> tuple[str, str]:
    """The queue rules that also hold for edits: the word list and links
    from new members (a member's first posts were reviewed already)."""
    if is_portal_staff(user):
        return Post.Status.VISIBLE, ""
    if blocked_words_in(text):
        return Post.Status.PENDING, _("Contains a word on the word list.")
    approved = _approved_count(user)
    if approved < settings.PORTAL_FORUM_NEW_MEMBER_POSTS and markup.has_link(text):
        return Post.Status.PENDING, _("A link from a new member.")
    return Post.Status.VISIBLE, ""


def _attach(post: Post, image) -> None:
    if image is None:
        return
    attachment = PostImage(
        post=post,
        content_type=image.content_type,
        width=image.width,
        height=image.height,
        size=image.size,
    )
    attachment.image.save(
        f"{uuid.uuid4().hex}.{image.extension}", File(image.upload), save=False
    )
    attachment.save()


def _existing_submission(user, token: str) -> Post | None:
    if not token:
        return None
    return Post.objects.filter(author=user, submission_token=token).first()


def _new_post(*, user, topic, body, image, token, title="") -> Post:
    status, reason = _moderation_status(user, f"{title}\n{body}")
    now = timezone.now()
    post = Post(
        topic=topic,
        author=user,
        body=body,
        html=markup.render(body),
        status=status,
        status_reason=reason,
        approved_at=now if status == Post.Status.VISIBLE else None,
        created_at=now,
        submission_token=token[:64],
    )
    post.full_clean(exclude=["topic"])
    post.save()
    _attach(post, image)
    return post


def topic_create(
    *,
    user,
    category: Category,
    title: str,
    body: str,
    image=None,
    token: str = "",
) -> Topic:
    """Start a topic with its opening post. Refused (ValidationError) while
    suspended, in a locked category, above the rate limit, for an empty or
    too long text, or for the same text again within the duplicate window.
    A double submit (same form token) returns the first topic. An opening post
    that waits for moderation keeps the topic out of sight of others."""
    existing = _existing_submission(user, token)
    if existing:
        return existing.topic
    _check_may_post(user=user, topic=None, category=category)
    title = title.strip()
    if not title:
        raise ValidationError(_("Give the topic a title."), code="empty_title")
    body = _check_body(body)
    try:
        with transaction.atomic():
            # Inside the transaction: SQLite's IMMEDIATE transactions take the
            # write lock first, so two quick posts cannot both pass the limit.
            _check_rate(user)
            _check_duplicate(user, body)
            now = timezone.now()
            topic = Topic(
                category=category,
                title=title[:200],
                author=user,
                created_at=now,
                last_post_at=now,
            )
            topic.full_clean()
            topic.save()
            post = _new_post(
                user=user, topic=topic, body=body, image=image, token=token, title=title
            )
            if post.status == Post.Status.PENDING:
                topic.awaiting_approval = True
                topic.save(update_fields=["awaiting_approval"])
            Subscription.objects.get_or_create(topic=topic, user=user)
    except IntegrityError:
        existing = _existing_submission(user, token)
        if existing is None:
            raise
        return existing.topic
    return topic


def post_create(*, user, topic: Topic, body: str, image=None, token: str = "") -> Post:
    """Reply to a topic, under the same rules as `topic_create`. A visible
    reply mails the topic's subscribers (after the commit)."""
    existing = _existing_submission(user, token)
    if existing:
        return existing
    _check_may_post(user=user, topic=topic, category=topic.category)
    body = _check_body(body)
    try:
        with transaction.atomic():
            # Inside the transaction: SQLite's IMMEDIATE transactions take the
            # write lock first, so two quick posts cannot both pass the limit.
            _check_rate(user)
            _check_duplicate(user, body)
            post = _new_post(
                user=user, topic=topic, body=body, image=image, token=token
            )
            if post.status == Post.Status.VISIBLE:
                Topic.objects.filter(pk=topic.pk).update(last_post_at=post.created_at)
    except IntegrityError:
        existing = _existing_submission(user, token)
        if existing is None:
            raise
        return existing
    if post.status == Post.Status.VISIBLE:
        _notify_subscribers(post)
    return post


def post_edit(*, user, post: Post, body: str, reason: str = "") -> Post:
    """The author edits their own post within PORTAL_FORUM_EDIT_MINUTES;
    moderators of the category edit any post (logged). The previous text is
    kept as a revision. An author's edit that adds a word of the word list,
    or a link from a new member, sends the post back to the moderation queue.
    Raises PermissionDenied outside these rules and ValidationError for bad
    text or while suspended."""
    viewer = Viewer.of_user(user)
    is_moderator = viewer.moderates(post.topic.category_id)
    if not is_moderator:
        if post.author_id != user.pk or not post_editable(post=post):
            raise PermissionDenied
        _check_not_suspended(user, post.topic.category)
    body = _check_body(body)
    if body == post.body:
        return post
    with transaction.atomic():
        PostRevision.objects.create(
            post=post, body=post.body, edited_by=user, created_at=timezone.now()
        )
        post.body = body
        post.html = markup.render(body)
        post.edited_at = timezone.now()
        post.edited_by = user
        fields = ["body", "html", "edited_at", "edited_by"]
        if not is_moderator and post.status == Post.Status.VISIBLE:
            status, why = _edit_status(user, body)
            if status == Post.Status.PENDING:
                post.status, post.status_reason = status, why
                fields += ["status", "status_reason"]
        post.full_clean(exclude=["topic"])
        post.save(update_fields=fields)
        if is_moderator and post.author_id != user.pk:
            _log(actor=user, action=ModerationLog.Action.EDIT, post=post, reason=reason)
    return post


def post_editable(*, post: Post) -> bool:
    """Whether the author may still edit: within the edit window, and not
    once a moderator rejected or hid it."""
    window = timedelta(minutes=settings.PORTAL_FORUM_EDIT_MINUTES)
    return (
        post.status in (Post.Status.VISIBLE, Post.Status.PENDING)
        and timezone.now() - post.created_at <= window
    )
