"""Writes of the forums: posting with its anti-spam and moderation rules,
editing, flagging, moderator actions (each logged), solutions, subscriptions
with mail on replies, read markers and moderator nominations.

Services raise ValidationError with a message for the member (the view shows
it and keeps the typed text) and PermissionDenied for actions the user may
not take at all. Callers have already checked that the user may see the
category (selectors answer 404 otherwise).
"""

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
    CategoryModerator,
    Flag,
    ModerationLog,
    Post,
    PostImage,
    PostRevision,
    Subscription,
    Suspension,
    Topic,
    TopicRead,
)
from forums.selectors import Viewer, suspension_active
from partner_portal.models import Membership
from partner_portal.permissions import is_portal_staff

MAX_BODY = 20_000


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


def _require_moderator(viewer: Viewer, category: Category) -> None:
    if not viewer.moderates(category.pk):
        raise PermissionDenied


# Posting rules.


def _check_not_suspended(user) -> None:
    suspension = suspension_active(user=user)
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
    _check_not_suspended(user)
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
    _check_rate(user)
    _check_duplicate(user, body)
    try:
        with transaction.atomic():
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
    _check_rate(user)
    _check_duplicate(user, body)
    try:
        with transaction.atomic():
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


def _notify_subscribers(post: Post) -> None:
    post_id = post.pk
    transaction.on_commit(lambda: _enqueue_reply_mail(post_id))


def _enqueue_reply_mail(post_id: int) -> None:
    from forums.tasks import reply_notification_task

    reply_notification_task.enqueue(post_id=post_id)


def post_edit(*, user, post: Post, body: str, reason: str = "") -> Post:
    """The author edits their own post within PORTAL_FORUM_EDIT_MINUTES;
    moderators of the category edit any post (logged). The previous text is
    kept as a revision. Raises PermissionDenied outside these rules and
    ValidationError for bad text or while suspended."""
    viewer = Viewer.of_user(user)
    is_moderator = viewer.moderates(post.topic.category_id)
    if not is_moderator:
        if post.author_id != user.pk or not post_editable(post=post):
            raise PermissionDenied
        _check_not_suspended(user)
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
        post.full_clean(exclude=["topic"])
        post.save(update_fields=["body", "html", "edited_at", "edited_by"])
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


# Flags.


def post_flag(*, user, post: Post, reason: str, comment: str = "") -> Flag:
    """One flag per member and post; at PORTAL_FORUM_FLAGS_TO_HIDE open flags
    a visible post is hidden until a moderator reviews it. Flagging one's own
    post, a post that is not visible, or flagging twice is refused
    (ValidationError)."""
    if post.author_id == user.pk:
        raise ValidationError(_("You cannot flag your own post."), code="own")
    if post.status != Post.Status.VISIBLE:
        raise ValidationError(
            _("This post is already with the moderators."), code="not_visible"
        )
    if reason not in Flag.Reason.values:
        raise ValidationError(_("Choose a reason."), code="reason")
    try:
        with transaction.atomic():
            flag = Flag.objects.create(
                post=post, user=user, reason=reason, comment=comment.strip()[:500]
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("You have already flagged this post."), code="twice"
        ) from exc
    with transaction.atomic():
        open_flags = Flag.objects.filter(post=post, reviewed_at__isnull=True).count()
        Post.objects.filter(pk=post.pk).update(flag_count=open_flags)
        post.flag_count = open_flags
        if (
            open_flags >= settings.PORTAL_FORUM_FLAGS_TO_HIDE
            and post.status == Post.Status.VISIBLE
        ):
            post.status = Post.Status.HIDDEN
            post.status_reason = _("Hidden after %(count)s flags, until reviewed.") % {
                "count": open_flags
            }
            post.save(update_fields=["status", "status_reason"])
            _log(
                actor=None,
                action=ModerationLog.Action.AUTO_HIDE,
                post=post,
                reason=post.status_reason,
            )
    return flag


# Moderator actions on posts.


def _review_flags(post: Post) -> None:
    Flag.objects.filter(post=post, reviewed_at__isnull=True).update(
        reviewed_at=timezone.now()
    )
    post.flag_count = 0


def post_approve(*, moderator, post: Post, reason: str = "") -> Post:
    """Make a waiting, flagged or hidden post visible; its open flags count as
    reviewed. Approving a topic's opening post shows the topic."""
    viewer = Viewer.of_user(moderator)
    _require_moderator(viewer, post.topic.category)
    with transaction.atomic():
        was_visible = post.approved_at is not None
        _review_flags(post)
        post.status = Post.Status.VISIBLE
        post.status_reason = ""
        post.approved_at = post.approved_at or timezone.now()
        post.save(
            update_fields=["status", "status_reason", "approved_at", "flag_count"]
        )
        topic = post.topic
        if topic.awaiting_approval:
            topic.awaiting_approval = False
            topic.save(update_fields=["awaiting_approval"])
        Topic.objects.filter(pk=topic.pk, last_post_at__lt=post.created_at).update(
            last_post_at=post.created_at
        )
        _log(
            actor=moderator,
            action=ModerationLog.Action.APPROVE,
            post=post,
            reason=reason,
        )
    if not was_visible and topic.posts.order_by("created_at", "pk").first() != post:
        _notify_subscribers(post)
    return post


def post_reject(*, moderator, post: Post, reason: str) -> Post:
    """Reject a post with a reason, which is mailed to the author. Rejecting
    a topic's opening post hides the topic."""
    viewer = Viewer.of_user(moderator)
    _require_moderator(viewer, post.topic.category)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            _("Give a reason: it is sent to the author."), code="reason"
        )
    with transaction.atomic():
        _review_flags(post)
        post.status = Post.Status.REJECTED
        post.status_reason = reason[:255]
        post.save(update_fields=["status", "status_reason", "flag_count"])
        topic = post.topic
        if topic.posts.order_by("created_at", "pk").first() == post:
            topic.is_hidden = True
            topic.save(update_fields=["is_hidden"])
        if topic.solution_id == post.pk:
            Topic.objects.filter(pk=topic.pk).update(solution=None)
        _log(
            actor=moderator,
            action=ModerationLog.Action.REJECT,
            post=post,
            reason=reason,
        )
        post_id = post.pk
        transaction.on_commit(lambda: _enqueue_rejection_mail(post_id))
    return post


def _enqueue_rejection_mail(post_id: int) -> None:
    from forums.tasks import post_rejected_task

    post_rejected_task.enqueue(post_id=post_id)


def post_hide(*, moderator, post: Post, reason: str = "") -> Post:
    viewer = Viewer.of_user(moderator)
    _require_moderator(viewer, post.topic.category)
    with transaction.atomic():
        _review_flags(post)
        post.status = Post.Status.HIDDEN
        post.status_reason = reason.strip()[:255] or _("Hidden by a moderator.")
        post.save(update_fields=["status", "status_reason", "flag_count"])
        _log(
            actor=moderator, action=ModerationLog.Action.HIDE, post=post, reason=reason
        )
    return post


# Moderator actions on topics.

TOPIC_ACTIONS = {
    "lock": ("is_locked", True, ModerationLog.Action.LOCK),
    "unlock": ("is_locked", False, ModerationLog.Action.UNLOCK),
    "pin": ("is_pinned", True, ModerationLog.Action.PIN),
    "unpin": ("is_pinned", False, ModerationLog.Action.UNPIN),
    "hide": ("is_hidden", True, ModerationLog.Action.HIDE_TOPIC),
    "show": ("is_hidden", False, ModerationLog.Action.SHOW_TOPIC),
}


def topic_moderate(*, moderator, topic: Topic, action: str, reason: str = "") -> Topic:
    """Lock, unlock, pin, unpin, hide or show a topic (logged)."""
    viewer = Viewer.of_user(moderator)
    _require_moderator(viewer, topic.category)
    if action not in TOPIC_ACTIONS:
        raise ValidationError(_("Unknown action."), code="action")
    field, value, log_action = TOPIC_ACTIONS[action]
    with transaction.atomic():
        setattr(topic, field, value)
        topic.save(update_fields=[field])
        _log(actor=moderator, action=log_action, topic=topic, reason=reason)
    return topic


def topic_move(
    *, moderator, topic: Topic, category: Category, reason: str = ""
) -> Topic:
    """Move a topic to another category; the moderator must moderate both."""
    viewer = Viewer.of_user(moderator)
    _require_moderator(viewer, topic.category)
    _require_moderator(viewer, category)
    if category.pk == topic.category_id:
        raise ValidationError(
            _("The topic is already in %(category)s.") % {"category": category.name},
            code="same",
        )
    source = topic.category
    with transaction.atomic():
        topic.category = category
        topic.save(update_fields=["category"])
        _log(
            actor=moderator,
            action=ModerationLog.Action.MOVE,
            topic=topic,
            category=category,
            reason=_("From %(source)s to %(target)s. %(reason)s")
            % {"source": source.name, "target": category.name, "reason": reason},
        )
    return topic


def member_suspend(*, moderator, user, days: int, reason: str) -> Suspension:
    """Suspend a member from posting for `days` days. Only forum moderators
    of our staff may suspend (a suspension holds in every category), and
    never our own staff."""
    viewer = Viewer.of_user(moderator)
    if not viewer.is_global_moderator:
        raise PermissionDenied
    if is_portal_staff(user):
        raise ValidationError(_("Our own staff cannot be suspended."), code="staff")
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason."), code="reason")
    if not 1 <= days <= 365:
        raise ValidationError(_("Suspend for 1 to 365 days."), code="days")
    with transaction.atomic():
        suspension = Suspension.objects.create(
            user=user,
            until=timezone.now() + timedelta(days=days),
            reason=reason[:500],
            by=moderator,
        )
        _log(
            actor=moderator,
            action=ModerationLog.Action.SUSPEND,
            user=user,
            reason=_("%(days)s days: %(reason)s") % {"days": days, "reason": reason},
        )
    return suspension


# Solutions, subscriptions, read markers.


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
    TopicRead.objects.update_or_create(
        user=user, topic=topic, defaults={"last_read_at": timezone.now()}
    )


# Category moderators nominated by company admins.


def category_moderator_nominate(
    *, company, admin, user, category: Category
) -> CategoryModerator:
    """A company admin nominates an active colleague as moderator of a
    category that colleague's company may see (logged)."""
    if (
        not Membership.objects.for_company(company)
        .filter(user=user, is_active=True)
        .exists()
    ):
        raise ValidationError(_("Choose an active colleague."), code="member")
    if category.audience not in Viewer.of_user(user).audiences:
        raise ValidationError(
            _("Your colleague cannot see this category."), code="audience"
        )
    with transaction.atomic():
        nomination, created = CategoryModerator.objects.get_or_create(
            category=category,
            user=user,
            defaults={"company": company, "nominated_by": admin},
        )
        if not created:
            raise ValidationError(
                _("%(name)s already moderates %(category)s.")
                % {"name": user.get_full_name() or user.email, "category": category},
                code="twice",
            )
        _log(
            actor=admin,
            action=ModerationLog.Action.NOMINATE,
            category=category,
            user=user,
        )
    return nomination


def category_moderator_remove(*, admin, nomination: CategoryModerator) -> None:
    with transaction.atomic():
        _log(
            actor=admin,
            action=ModerationLog.Action.REVOKE,
            category=nomination.category,
            user=nomination.user,
        )
        nomination.delete()
