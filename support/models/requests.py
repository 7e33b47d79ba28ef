"""Support requests, their conversation, attachments and history, the
deflections ("this solved my problem") and a company's sharing setting."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partner_portal.files import private_storage
from partner_portal.models import Company, CompanyOwnedModel
from partner_portal.scoping import CompanyOwnedQuerySet
from support.models.catalogue import Priority, Service, Team


class Status(models.TextChoices):
    NEW = "new", pgettext_lazy("support status", "New")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting for customer")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", pgettext_lazy("support status", "Closed")


OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS, Status.WAITING)


class Approval(models.TextChoices):
    NOT_NEEDED = "not_needed", _("Not needed")
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", pgettext_lazy("support approval", "Approved")
    REJECTED = "rejected", pgettext_lazy("support approval", "Rejected")


class SupportRequestQuerySet(CompanyOwnedQuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class SupportRequest(CompanyOwnedModel):
    Status = Status
    Priority = Priority
    Approval = Approval

    number = models.CharField(_("number"), max_length=20, unique=True)
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=10000)
    # The answers of the service's own form fields: label -> value as shown.
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_support_requests",
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requester"),
        on_delete=models.PROTECT,
        related_name="support_requests",
    )
    approval = models.CharField(
        _("approval"),
        max_length=20,
        choices=Approval.choices,
        default=Approval.NOT_NEEDED,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    first_response_at = models.DateTimeField(
        _("first response at"), null=True, blank=True
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    # Business minutes spent waiting for the customer: the SLA clock stops.
    paused_minutes = models.PositiveIntegerField(_("paused minutes"), default=0)
    first_response_due = models.DateTimeField(
        _("first response due"), null=True, blank=True
    )
    resolution_due = models.DateTimeField(_("resolution due"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    rating_comment = models.TextField(_("rating comment"), blank=True, max_length=2000)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_requests",
    )
    # The hidden token of the request form: a second submit of the same form
    # finds the request the first one made instead of making another.
    submission_key = models.CharField(max_length=64, blank=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "submission_key"],
                condition=~models.Q(submission_key=""),
                name="support_request_submission_once",
            )
        ]
        indexes = [
            models.Index(fields=["company", "-created_at"], name="support_company_new"),
            models.Index(
                fields=["requester", "-created_at"], name="support_requester_new"
            ),
            models.Index(fields=["status", "resolution_due"], name="support_queue"),
            models.Index(fields=["team", "status"], name="support_team_status"),
            models.Index(fields=["assignee", "status"], name="support_assignee"),
        ]

    def __str__(self):
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class RequestPartQuerySet(CompanyOwnedQuerySet):
    company_path = "request__company"

    def public(self):
        return self.filter(internal=False)


class Message(models.Model):
    """A public reply or an internal note; customers never see internal notes."""

    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("message"), max_length=10000)
    internal = models.BooleanField(_("internal note"), default=False)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    objects = RequestPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["request", "id"], name="support_msg_after")]


class AttachmentQuerySet(CompanyOwnedQuerySet):
    company_path = "request__company"

    def public(self):
        return self.filter(
            models.Q(message__isnull=True) | models.Q(message__internal=False)
        )


class Attachment(models.Model):
    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    message = models.ForeignKey(
        Message,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    file = models.FileField(storage=private_storage, upload_to="support/%Y/")
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.filename


class EventQuerySet(CompanyOwnedQuerySet):
    company_path = "request__company"

    def public(self):
        return self.exclude(kind__in=Event.INTERNAL_KINDS)


class Event(models.Model):
    """One change of a request: its history on the page and the audit trail."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Request created")
        APPROVAL = "approval", _("Approval")
        STATUS = "status", _("Status changed")
        PRIORITY = "priority", _("Priority changed")
        TEAM = "team", _("Team changed")
        ASSIGNEE = "assignee", _("Assigned")
        REPLY = "reply", _("Reply")
        NOTE = "note", _("Internal note")
        RATED = "rated", _("Rated")
        REOPENED = "reopened", _("Reopened")
        MERGED = "merged", _("Merged")
        KNOWLEDGE = "knowledge", _("Knowledge draft")

    # Kinds only agents see in the history.
    INTERNAL_KINDS = (Kind.NOTE, Kind.ASSIGNEE, Kind.KNOWLEDGE)

    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    old = models.CharField(_("before"), max_length=200, blank=True)
    new = models.CharField(_("after"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["created_at", "pk"]

    @property
    def new_label(self) -> str:
        """The new value as people read it (a status's name, not its code)."""
        choices = {
            self.Kind.STATUS: Status,
            self.Kind.CREATED: Status,
            self.Kind.APPROVAL: Approval,
            self.Kind.PRIORITY: Priority,
        }.get(self.kind)
        if choices is not None and self.new in choices.values:
            return choices(self.new).label
        return self.new


class Deflection(CompanyOwnedModel):
    """A member found the answer in a suggested article or topic: no request."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    query = models.CharField(_("searched for"), max_length=200)
    target_url = models.CharField(_("address"), max_length=500)
    target_title = models.CharField(_("title"), max_length=300)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deflection")
        verbose_name_plural = _("deflections")
        ordering = ["-created_at", "-pk"]


class SupportSettings(models.Model):
    company = models.OneToOneField(
        Company,
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="support_settings",
    )
    # Like Jira Service Management's organisations: shared by default.
    share_requests = models.BooleanField(
        _("colleagues see the company's requests"), default=True
    )

    class Meta:
        verbose_name = _("support settings")
        verbose_name_plural = _("support settings")

    def __str__(self):
        return str(self.company)
