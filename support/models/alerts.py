"""The SLA alerts sent to the service desk: one row per request, deadline,
stage and due time, so that each alert is mailed once however often the job
runs, and again when the deadline moved (a wait for the customer, a new
priority) and the new time comes close or passes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from support.models.requests import SupportRequest


class SlaAlert(models.Model):
    """An SLA alert mailed to the desk. The unique constraint is the lock:
    of two runs that find the same deadline close or missed, one inserts the
    row (and queues the mail in the same transaction); the other gets an
    IntegrityError and sends nothing. The due time is part of the key: a
    deadline that moved is a new deadline to warn about."""

    class Deadline(models.TextChoices):
        FIRST_RESPONSE = "first_response", _("First response")
        RESOLUTION = "resolution", _("Resolution")

    class Stage(models.TextChoices):
        WARNING = "warning", _("Due soon")
        BREACHED = "breached", _("Overdue")

    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="sla_alerts"
    )
    deadline = models.CharField(_("deadline"), max_length=20, choices=Deadline.choices)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    due = models.DateTimeField(_("due"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("SLA alert")
        verbose_name_plural = _("SLA alerts")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "deadline", "stage", "due"],
                name="support_sla_alert_once_per_due",
            )
        ]

    def __str__(self):
        return f"{self.request_id} {self.deadline} {self.stage}"
