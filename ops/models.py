from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """One run of a periodic job for one period (a minute slot, a day).

    The unique constraint is the scheduler's lock: of two schedulers (or a
    scheduler and a cron line) that find the same job due in the same period,
    exactly one inserts the row and queues the job; the other gets an
    IntegrityError and does nothing."""

    job = models.CharField(_("job"), max_length=64)
    period = models.CharField(_("period"), max_length=32)
    enqueued_at = models.DateTimeField(_("queued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        ordering = ["-enqueued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "period"], name="scheduled_run_once_per_period"
            )
        ]
        indexes = [models.Index(fields=["enqueued_at"])]

    def __str__(self):
        return f"{self.job} {self.period}"
