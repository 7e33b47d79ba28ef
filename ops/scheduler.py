"""When the periodic jobs run, and the one task that runs them.

`run_due()` (the `run_scheduler` command calls it every half minute, or cron
every minute with `--once`) finds the jobs due now and queues each through
Django's tasks API, so a worker runs it (at once, in the scheduler's process,
with the immediate backend). A job is due once per period: every N minutes
(the period is the N-minute slot) or once a day after
PORTAL_SCHEDULER_DAILY_AT local time (the period is the date). The period is
claimed by inserting a ScheduledRun row with a unique (job, period): run
twice, by two schedulers at once, or by a scheduler and a cron line, each job
is queued once per period.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from contracts.rendering import renders_inline
from ops import jobs
from ops.models import ScheduledRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], dict]
    # Every `minutes` minutes, or once a day (None).
    minutes: int | None = None

    def period(self, now: datetime) -> str | None:
        """The period `now` falls into, or None when the job is not due
        (a daily job before its time of day)."""
        if self.minutes is not None:
            utc = now.astimezone(UTC)
            slot = utc.replace(
                minute=utc.minute - utc.minute % self.minutes, second=0, microsecond=0
            )
            return slot.strftime("%Y-%m-%dT%H:%MZ")
        local = timezone.localtime(now)
        if local.time() < daily_at():
            return None
        return local.date().isoformat()


def daily_at() -> time:
    return time.fromisoformat(settings.PORTAL_SCHEDULER_DAILY_AT)


JOBS = (
    Job("webhooks", jobs.webhooks_deliver, minutes=1),
    Job("recover", jobs.work_recover, minutes=5),
    Job("sla", jobs.sla_alerts, minutes=5),
    Job("contract_reminders", jobs.contract_reminders),
    Job("cleanup", jobs.cleanup),
)
JOBS_BY_NAME = {job.name: job for job in JOBS}


@task()
def run_job_task(*, job: str, period: str) -> dict:
    """Run one periodic job (queued by the scheduler)."""
    result = JOBS_BY_NAME[job].run()
    logger.info("Job %s (%s) done: %s", job, period, result)
    return result


def _claim_and_queue(job: Job, period: str) -> bool:
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job=job.name, period=period)
            if renders_inline():
                # The job runs in this process: not inside this transaction.
                transaction.on_commit(
                    lambda: run_job_task.enqueue(job=job.name, period=period)
                )
            else:
                # The task row commits with the claim, or neither does.
                run_job_task.enqueue(job=job.name, period=period)
    except IntegrityError:
        return False
    return True


def run_due(*, now: datetime | None = None, only: list[str] | None = None) -> list:
    """Queue every job due at `now` whose period nobody has claimed yet;
    returns the (job, period) pairs queued by this call. `only` limits it to
    the jobs of these names."""
    now = now or timezone.now()
    queued = []
    for job in JOBS:
        if only is not None and job.name not in only:
            continue
        period = job.period(now)
        if period is not None and _claim_and_queue(job, period):
            queued.append((job.name, period))
    return queued
