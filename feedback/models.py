from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from feedback.paths import local_path
from partner_portal.models import Company
from partner_portal.scoping import CompanyOwnedQuerySet

MESSAGE_MAX_LENGTH = 4000
NOTE_MAX_LENGTH = 2000


def validate_local_path(value):
    if value and local_path(value) != value:
        raise ValidationError(_("Enter a path on this site."), code="not_local")


class FeedbackQuerySet(CompanyOwnedQuerySet):
    """`for_company` gives a company's own entries; visitors' entries have no
    company and belong to none. Staff read across companies through the
    staff selectors only."""


class Feedback(models.Model):
    """A suggestion, praise or complaint sent from the footer link of a page."""

    class Kind(models.TextChoices):
        SUGGESTION = "suggestion", _("Suggestion")
        PRAISE = "praise", _("Praise")
        COMPLAINT = "complaint", _("Complaint")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_REVIEW = "in_review", _("In review")
        DONE = "done", _("Done")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    message = models.TextField(
        _("message"),
        max_length=MESSAGE_MAX_LENGTH,
        validators=[MaxLengthValidator(MESSAGE_MAX_LENGTH)],
    )
    page_url = models.CharField(
        _("sent from page"),
        max_length=500,
        blank=True,
        validators=[validate_local_path],
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sender"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_sent",
    )
    # Visitors may leave an address for an answer; members have theirs.
    email = models.EmailField(_("email"), blank=True)
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    staff_note = models.TextField(
        _("staff note"),
        blank=True,
        max_length=NOTE_MAX_LENGTH,
        validators=[MaxLengthValidator(NOTE_MAX_LENGTH)],
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    # The form's one-time token: a double click sends one entry.
    submission_key = models.CharField(max_length=64, unique=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "kind", "-created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def sender_email(self) -> str:
        return self.user.email if self.user_id else self.email
