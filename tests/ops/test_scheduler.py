"""The scheduler queues each periodic job once per period: run twice (or by
a second scheduler, or cron beside the loop) nothing is queued again; each
job does its work, and a second run of a job finds nothing left to do."""

import io
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from api.models import ApiKey, IdempotencyRecord, WebhookDelivery
from api.webhooks.services import endpoint_create
from contracts.models import OfferVersion
from ops import jobs
from ops.models import ScheduledRun
from ops.scheduler import JOBS, JOBS_BY_NAME, run_due
from partner_portal.permissions import ApiResource
from support.models import SlaAlert
from tests.api.webhook_receiver import start_receiver
from tests.factories.contracts import sales_user_create
from tests.inbox_data import sent_offers
from tests.support.desk_world import agent, make_request, sla_targets, team

BERLIN = ZoneInfo("Europe/Berlin")
EVERY_JOB = sorted(job.name for job in JOBS)
EVERY_JOB_ORDER = [job.name for job in JOBS]


@pytest.fixture(autouse=True)
def _berlin(settings):
    settings.TIME_ZONE = "Europe/Berlin"
    settings.PORTAL_SCHEDULER_DAILY_AT = "06:15"


@pytest.fixture
def quiet_jobs(monkeypatch):
    """The jobs' work replaced by a counter: these tests are about when."""
    calls = []
    for job in JOBS:
        monkeypatch.setitem(
            JOBS_BY_NAME,
            job.name,
            replace(job, run=lambda name=job.name: calls.append(name) or {}),
        )
    return calls


@pytest.fixture
def due(django_capture_on_commit_callbacks):
    """run_due as the scheduler calls it: the jobs it queued run after its
    commit (immediate backend)."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return run_due(**kwargs)

    return run


def _at(hour, minute=0, day=30):
    return datetime(2026, 11, day, hour, minute, 20, tzinfo=BERLIN)


def test_every_job_is_queued_once_per_period(db, quiet_jobs, due):
    queued = due(now=_at(7, 3))
    assert sorted(name for name, _period in queued) == EVERY_JOB
    assert dict(queued) == {
        "webhooks": "2026-11-30T06:03Z",
        "recover": "2026-11-30T06:00Z",
        "sla": "2026-11-30T06:00Z",
        "contract_reminders": "2026-11-30",
        "cleanup": "2026-11-30",
    }
    assert sorted(quiet_jobs) == EVERY_JOB  # immediate backend: run at once

    # A second pass in the same minute (or a second scheduler) does nothing.
    assert due(now=_at(7, 3)) == []
    assert ScheduledRun.objects.count() == len(EVERY_JOB)
    assert sorted(quiet_jobs) == EVERY_JOB

    # A minute later only the one-minute job is due again; five minutes
    # later the recovery and the SLA check too; the daily jobs the next day.
    assert due(now=_at(7, 4)) == [("webhooks", "2026-11-30T06:04Z")]
    five = due(now=_at(7, 5))
    assert [name for name, _ in five] == ["webhooks", "recover", "sla"]
    next_day = datetime(2026, 12, 1, 7, 0, 20, tzinfo=BERLIN)
    assert [name for name, _ in due(now=next_day)] == EVERY_JOB_ORDER


def test_daily_jobs_wait_for_their_time_of_day(db, quiet_jobs, settings, due):
    settings.PORTAL_SCHEDULER_DAILY_AT = "06:12"
    early = due(now=_at(6, 11))
    assert [name for name, _ in early] == ["webhooks", "recover", "sla"]
    later = due(now=_at(6, 13))
    assert [name for name, _ in later] == [
        "webhooks",
        "contract_reminders",
        "cleanup",
    ]


def test_only_runs_the_named_jobs(db, quiet_jobs, due):
    assert due(now=_at(9), only=["cleanup"]) == [("cleanup", "2026-11-30")]
    assert quiet_jobs == ["cleanup"]


def test_run_scheduler_once_prints_what_it_queued(
    db, quiet_jobs, django_capture_on_commit_callbacks
):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduler", "--once", "--job", "webhooks", stdout=out)
    assert out.getvalue().startswith("Queued webhooks (")
    again = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduler", "--once", "--job", "webhooks", stdout=again)
    assert again.getvalue() in ("", out.getvalue())  # a new minute may start
    assert quiet_jobs in (["webhooks"], ["webhooks", "webhooks"])


# The jobs themselves


def test_contract_reminders_job_expires_old_offers_once(company):
    sales = sales_user_create(email="sales@portal.example")
    [offer] = sent_offers(company=company, sales=sales, count=1, valid_days=-1)
    assert jobs.contract_reminders()["expired_versions"] == 1
    assert offer.versions.get().status == OfferVersion.Status.EXPIRED
    assert jobs.contract_reminders()["expired_versions"] == 0


@pytest.fixture
def receiver(settings):
    settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE_URLS = True
    receiver = start_receiver()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


def test_webhooks_job_sends_a_due_delivery_once(company, company_admin, receiver):
    endpoint = endpoint_create(
        company=company,
        user=company_admin,
        url=receiver.url,
        events=["order.status_changed"],
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event="order.status_changed",
        payload={"id": "x"},
        next_attempt_at=timezone.now() - timedelta(seconds=1),
    )
    assert jobs.webhooks_deliver()["succeeded"] == 1
    assert jobs.webhooks_deliver()["succeeded"] == 0
    assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED


def test_cleanup_forgets_old_things_and_keeps_recent_ones(
    company, company_admin, receiver
):
    now = timezone.now()
    endpoint = endpoint_create(
        company=company,
        user=company_admin,
        url=receiver.url,
        events=["order.status_changed"],
    )

    def delivery(status, age_days):
        made = WebhookDelivery.objects.create(
            endpoint=endpoint, event="order.status_changed", payload={}, status=status
        )
        WebhookDelivery.objects.filter(pk=made.pk).update(
            created_at=now - timedelta(days=age_days)
        )
        return made.pk

    Status = WebhookDelivery.Status
    old_done = delivery(Status.SUCCEEDED, 91)
    old_failed = delivery(Status.FAILED, 120)
    old_pending = delivery(Status.PENDING, 120)
    recent = delivery(Status.SUCCEEDED, 10)
    key, _plaintext = ApiKey.issue(
        company=company,
        name="ERP",
        access="write",
        resources=list(ApiResource.values),
        created_by=company_admin,
    )
    stale_key = IdempotencyRecord.objects.create(api_key=key, key="a", fingerprint="")
    fresh_key = IdempotencyRecord.objects.create(api_key=key, key="b", fingerprint="")
    IdempotencyRecord.objects.filter(pk=stale_key.pk).update(
        created_at=now - timedelta(hours=25)
    )
    Session.objects.create(
        session_key=uuid.uuid4().hex, session_data="", expire_date=now
    )
    old_run = ScheduledRun.objects.create(job="webhooks", period="old")
    ScheduledRun.objects.filter(pk=old_run.pk).update(
        enqueued_at=now - timedelta(days=31)
    )

    result = jobs.cleanup()

    assert result["webhook_deliveries"] == 2
    assert result["idempotency_keys"] == 1
    assert result["scheduled_runs"] == 1
    assert set(WebhookDelivery.objects.values_list("pk", flat=True)) == {
        old_pending,
        recent,
    }
    assert old_done not in WebhookDelivery.objects.values_list("pk", flat=True)
    assert old_failed not in WebhookDelivery.objects.values_list("pk", flat=True)
    assert list(IdempotencyRecord.objects.values_list("pk", flat=True)) == [
        fresh_key.pk
    ]
    assert not Session.objects.filter(expire_date__lte=now).exists()
    # Twice is harmless: nothing else goes.
    assert jobs.cleanup()["webhook_deliveries"] == 0
    assert WebhookDelivery.objects.count() == 2


def test_sla_job_mails_the_desk_about_a_missed_deadline_once(company, buyer):
    sla_targets()
    staff = agent()
    desk_team = team(members=[staff])
    make_request(
        company=company,
        requester=buyer,
        desk_team=desk_team,
        created_at=timezone.now() - timedelta(days=30),
    )
    assert jobs.sla_alerts() == {"alerts": 2}  # first response and resolution
    assert SlaAlert.objects.count() == 2
    assert jobs.sla_alerts() == {"alerts": 0}


def test_recover_does_nothing_with_the_immediate_backend(db):
    assert jobs.work_recover() == {
        "tasks_failed": 0,
        "renders_queued": 0,
        "part_files_deleted": 0,
    }


@pytest.mark.concurrency
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers; concurrency proves something on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_queue_each_job_once(quiet_jobs):
    now = _at(7, 3)
    start = threading.Barrier(2)

    def scheduler(_index):
        try:
            start.wait(timeout=10)
            return run_due(now=now)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        first, second = pool.map(scheduler, range(2))

    assert sorted(name for name, _ in first + second) == EVERY_JOB
    assert ScheduledRun.objects.count() == len(EVERY_JOB)
    assert sorted(quiet_jobs) == EVERY_JOB
