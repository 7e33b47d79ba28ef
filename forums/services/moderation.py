"""Flags and moderator actions on posts, topics and members, each logged;
category moderators nominated by their company admin."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.actions import Action as AuditAction
from audit.services import record_for_user as audit_record_for_user
from forums.models import (
    Category,
    CategoryModerator,
    Flag,
    ModerationLog,
    Post,
    Suspension,
    Topic,
)
from forums.selectors import Viewer
from forums.services.common import _log, _notify_subscribers
from partner_portal.models import Membership
from partner_portal.permissions import is_portal_staff


def _require_moderator(viewer: Viewer, category: Category) -> None:
    if not viewer.moderates(category.pk):
        raise PermissionDenied


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
            post.status_reason = ngettext(
                "Hidden after %(count)s flag, until reviewed.",
                "Hidden after %(count)s flags, until reviewed.",
                open_flags,
            ) % {"count": open_flags}
            post.save(update_fields=["status", "status_reason"])
            _log(
                actor=None,
                action=ModerationLog.Action.AUTO_HIDE,
                post=post,
                reason=post.status_reason,
            )
    return flag


def _review_flags(post: Post) -> None:
    Flag.objects.filter(post=post, reviewed_at__isnull=True).update(
        reviewed_at=timezone.now()
    )
    post.flag_count = 0


def post_approve(*, moderator, post: Post, reason: str = "") -> Post:
    """Make a waiting, flagged or hidden post visible; its open flags count as
    reviewed. Approving a topic's opening post shows the topic. Nobody
    approves their own post (a category moderator's queued post waits for
    another moderator): ValidationError with code "own"."""
    viewer = Viewer.of_user(moderator)
    _require_moderator(viewer, post.topic.category)
    if post.author_id == moderator.pk:
        raise ValidationError(
            _("You cannot approve your own post: another moderator reviews it."),
            code="own",
        )
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
        audit_record_for_user(
            AuditAction.FORUM_POST_REJECTED,
            user=post.author,
            actor=moderator,
            obj=post,
            data={"reason": reason[:255]},
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
        audit_record_for_user(
            AuditAction.FORUM_POST_HIDDEN,
            user=post.author,
            actor=moderator,
            obj=post,
            data={"reason": reason[:255]},
        )
    return post


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


def member_suspend(
    *, moderator, user, days: int, reason: str, category: Category | None = None
) -> Suspension:
    """Suspend a member from posting for `days` days, in one category or
    (category None) in every category. Only forum moderators of our staff
    may suspend, and never our own staff."""
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
            category=category,
            until=timezone.now() + timedelta(days=days),
            reason=reason[:500],
            by=moderator,
        )
        _log(
            actor=moderator,
            action=ModerationLog.Action.SUSPEND,
            category=category,
            user=user,
            reason=ngettext(
                "%(days)s day: %(reason)s", "%(days)s days: %(reason)s", days
            )
            % {"days": days, "reason": reason},
        )
        audit_record_for_user(
            AuditAction.FORUM_MEMBER_SUSPENDED,
            user=user,
            actor=moderator,
            obj=suspension,
            data={
                "days": days,
                "category": category.name if category else None,
                "reason": reason[:255],
            },
        )
    return suspension


def suspension_lift(*, moderator, suspension: Suspension) -> Suspension:
    """End an active suspension now (logged; the member is told by mail).
    A category moderator lifts only suspensions in a category they moderate,
    a suspension from every category only our forum moderators
    (PermissionDenied). One that has ended already: ValidationError."""
    viewer = Viewer.of_user(moderator)
    if suspension.category_id is None:
        if not viewer.is_global_moderator:
            raise PermissionDenied
    else:
        _require_moderator(viewer, suspension.category)
    with transaction.atomic():
        suspension = Suspension.objects.select_for_update().get(pk=suspension.pk)
        if not suspension.is_active:
            raise ValidationError(_("This suspension has ended already."), code="ended")
        suspension.lifted_at = timezone.now()
        suspension.lifted_by = moderator
        suspension.save(update_fields=["lifted_at", "lifted_by"])
        _log(
            actor=moderator,
            action=ModerationLog.Action.LIFT,
            category=suspension.category,
            user=suspension.user,
            reason=suspension.reason,
        )
        audit_record_for_user(
            AuditAction.FORUM_SUSPENSION_LIFTED,
            user=suspension.user,
            actor=moderator,
            obj=suspension,
        )
        suspension_id = suspension.pk
        transaction.on_commit(lambda: _enqueue_lifted_mail(suspension_id))
    return suspension


def _enqueue_lifted_mail(suspension_id: int) -> None:
    from forums.tasks import suspension_lifted_task

    suspension_lifted_task.enqueue(suspension_id=suspension_id)


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
