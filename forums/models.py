"""Community forums: categories by audience, topics, posts with their edit
history, images, flags, subscriptions, read markers, suspensions and the
moderation log.

Forum data is community data, not company-owned: who may read a category is
decided by the one audience rule (`partner_portal.audience`). Only the
nomination of category moderators belongs to a company (the company admin
who nominated a colleague manages it), so `CategoryModerator` is company-owned.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partner_portal.audience import audience_field
from partner_portal.files import private_storage
from partner_portal.models import CompanyOwnedModel

User = settings.AUTH_USER_MODEL


class Category(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(**audience_field())
    position = models.PositiveIntegerField(_("position"), default=0)
    is_locked = models.BooleanField(
        _("locked"), default=False, help_text=_("No new topics or replies.")
    )

    class Meta:
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class CategoryModerator(CompanyOwnedModel):
    """A partner user nominated by a company admin of their company to
    moderate one category."""

    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="moderators"
    )
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="forum_moderations"
    )
    nominated_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("category moderator")
        verbose_name_plural = _("category moderators")
        ordering = ["category__position", "category__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "user"], name="forum_moderator_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.category}"


class Topic(models.Model):
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="topics"
    )
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now, db_index=True)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    # The opening post waits in the moderation queue: only its author and
    # moderators see the topic until it is approved.
    awaiting_approval = models.BooleanField(default=False)
    solution = models.ForeignKey(
        "Post",
        verbose_name=_("solution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["-is_pinned", "-last_post_at", "-pk"]
        indexes = [models.Index(fields=["category", "-is_pinned", "-last_post_at"])]

    def __str__(self):
        return self.title

    @property
    def is_solved(self) -> bool:
        return self.solution_id is not None


class Post(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        PENDING = "pending", _("Waiting for moderation")
        REJECTED = "rejected", _("Rejected")
        HIDDEN = "hidden", _("Hidden")

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("text"))
    # The Markdown rendered and sanitised when saved (see forums.markup).
    html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    edited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VISIBLE
    )
    # Why the post waits or is hidden, for the moderators and the author.
    status_reason = models.CharField(max_length=255, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    flag_count = models.PositiveIntegerField(default=0)
    # The form's one-time token: a double submit finds the first post.
    submission_token = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["topic", "status", "created_at"]),
            models.Index(fields=["author", "created_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_token"],
                condition=~models.Q(submission_token=""),
                name="forum_post_unique_submission",
            )
        ]

    def __str__(self):
        return f"{self.topic} #{self.pk}"


class PostRevision(models.Model):
    """The text of a post before an edit: the edit history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    edited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]


class PostImage(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images")
    image = models.FileField(storage=private_storage, upload_to="forums/%Y/%m/")
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]


class Flag(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam")
        OFFENSIVE = "offensive", _("Offensive")
        OFF_TOPIC = "off_topic", _("Off-topic")
        OTHER = "other", _("Other")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when a moderator reviewed the post; reviewed flags no longer count.
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="forum_flag_unique")
        ]


class Subscription(models.Model):
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="subscriptions"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "user"], name="forum_subscription_unique"
            )
        ]


class TopicRead(models.Model):
    """When a user last read a topic: newer posts are unread."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "user"], name="forum_read_unique")
        ]


class Suspension(models.Model):
    """A member may read but not post until `until`: in one category, or in
    every category when `category` is empty. A moderator may lift it early
    (`lifted_at`); the row stays as the record."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="forum_suspensions"
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    until = models.DateTimeField(_("suspended until"))
    reason = models.CharField(_("reason"), max_length=500)
    by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-until"]

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None and self.until > timezone.now()


class ModerationLog(models.Model):
    class Action(models.TextChoices):
        APPROVE = "approve", _("Approved")
        REJECT = "reject", _("Rejected")
        HIDE = "hide", _("Hidden")
        AUTO_HIDE = "auto_hide", _("Hidden by flags")
        EDIT = "edit", _("Edited")
        MOVE = "move", _("Moved")
        LOCK = "lock", _("Locked")
        UNLOCK = "unlock", _("Unlocked")
        PIN = "pin", _("Pinned")
        UNPIN = "unpin", _("Unpinned")
        HIDE_TOPIC = "hide_topic", _("Topic hidden")
        SHOW_TOPIC = "show_topic", _("Topic shown")
        SUSPEND = "suspend", _("Suspended")
        LIFT = "lift", _("Suspension lifted")
        SOLUTION = "solution", _("Solution marked")
        NOMINATE = "nominate", _("Moderator nominated")
        REVOKE = "revoke", _("Moderator removed")
        KNOWLEDGE = "knowledge", _("Knowledge article draft")

    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    category = models.ForeignKey(
        Category, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    post = models.ForeignKey(
        Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
