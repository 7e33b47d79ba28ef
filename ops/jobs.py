"""The periodic jobs: what each does, through the services of the app it
belongs to. The scheduler (ops/scheduler.py) decides when; every job is safe
to run twice, so a run that a scheduler queued twice, or a job run by hand
from its own command, does no harm.

The SLA job mails the service desk (the assignee, else the request's team)
when a deadline of a running request is close or missed, once per request,
deadline and stage (support/services/sla_alerts.py); the deadlines themselves
are stored when the request changes (support/sla.py).
"""

import logging
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from api.idempotency import IDEMPOTENCY_TTL
from api.models import IdempotencyRecord, WebhookDelivery
from api.webhooks.delivery import deliveries_due, delivery_attempt
from contracts import rendering
from contracts.services import contract_reminders_send
from contracts.tasks import offer_pdf_renders_requeue
from ops.models import ScheduledRun
from support.services.sla_alerts import sla_alerts_send

logger = logging.getLogger(__name__)

# How long finished things are kept.
WEBHOOK_DELIVERY_DAYS = 90
TASK_RESULT_DAYS = 14
SCHEDULED_RUN_DAYS = 30

WORKER_LOST = "ops.jobs.WorkerLost"


def _database_backend():
    backend = task_backends["default"]
    return backend if isinstance(backend, DatabaseBackend) else None


def stale_after() -> timedelta:
    return timedelta(minutes=settings.PORTAL_TASKS_STALE_MINUTES)


def contract_reminders() -> dict:
    """Contract reminders, expired offers, prices of ended contracts."""
    result = contract_reminders_send()
    return {
        "reminders": len(result.reminders),
        "expired_versions": result.expired_versions,
        "contracts_released": result.contracts_released,
    }


def sla_alerts() -> dict:
    """Mail the desk about SLA deadlines that are close or missed."""
    return {"alerts": sla_alerts_send()}


def webhooks_deliver() -> dict:
    """Send every webhook delivery that is due (new ones a task did not send,
    retries whose time has come). Each attempt claims its row first."""
    outcomes = dict.fromkeys(WebhookDelivery.Status.values, 0)
    for delivery_id in deliveries_due():
        delivery = delivery_attempt(delivery_id=delivery_id)
        if delivery is not None:
            outcomes[delivery.status] += 1
    return outcomes


def tasks_stale_fail(*, older_than: timedelta | None = None, now=None) -> int:
    """Mark as failed the tasks that have been running longer than
    `older_than`: their worker was killed or its machine went away, and
    django-tasks-db would show them as running for ever. Returns how many.
    Nothing with the immediate backend (no task outlives its caller)."""
    backend = _database_backend()
    if backend is None:
        return 0
    now = now or timezone.now()
    cutoff = now - (older_than if older_than is not None else stale_after())
    return DBTaskResult.objects.filter(
        backend_name=backend.alias,
        status=TaskResultStatus.RUNNING,
        started_at__lt=cutoff,
    ).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path=WORKER_LOST,
        traceback="The worker stopped while running this task (no result after "
        f"{int((now - cutoff).total_seconds() // 60)} minutes).",
    )


def work_recover(*, older_than: timedelta | None = None) -> dict:
    """Tasks whose worker died: fail them, then queue again what is safe to
    run again (offer PDFs still being prepared) and delete the temporary
    files of renders that died."""
    older_than = older_than if older_than is not None else stale_after()
    return {
        "tasks_failed": tasks_stale_fail(older_than=older_than),
        "renders_queued": len(offer_pdf_renders_requeue(stale_after=older_than)),
        "part_files_deleted": rendering.stale_part_files_delete(older_than=older_than),
    }


def _sessions_clear() -> bool:
    engine = import_module(settings.SESSION_ENGINE)
    try:
        engine.SessionStore.clear_expired()
    except NotImplementedError:
        return False
    return True


def cleanup(*, now=None) -> dict:
    """Forget what is no longer needed: finished webhook deliveries after
    WEBHOOK_DELIVERY_DAYS, idempotency keys after their 24 hours, expired
    sessions, finished task results after TASK_RESULT_DAYS and the
    scheduler's own rows after SCHEDULED_RUN_DAYS."""
    now = now or timezone.now()
    deliveries, _ = WebhookDelivery.objects.filter(
        status__in=[WebhookDelivery.Status.SUCCEEDED, WebhookDelivery.Status.FAILED],
        created_at__lt=now - timedelta(days=WEBHOOK_DELIVERY_DAYS),
    ).delete()
    keys, _ = IdempotencyRecord.objects.filter(
        created_at__lt=now - IDEMPOTENCY_TTL
    ).delete()
    results = 0
    backend = _database_backend()
    if backend is not None:
        results, _ = (
            DBTaskResult.objects.finished()
            .filter(
                backend_name=backend.alias,
                finished_at__lt=now - timedelta(days=TASK_RESULT_DAYS),
            )
            .delete()
        )
    runs, _ = ScheduledRun.objects.filter(
        enqueued_at__lt=now - timedelta(days=SCHEDULED_RUN_DAYS)
    ).delete()
    return {
        "webhook_deliveries": deliveries,
        "idempotency_keys": keys,
        "sessions_cleared": _sessions_clear(),
        "task_results": results,
        "scheduled_runs": runs,
    }
