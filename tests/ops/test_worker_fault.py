"""A task worker killed (SIGKILL) while it renders an offer PDF leaves nothing
half-written: no PDF recorded, no file under a real name, the offer still
"being prepared" and its render retryable; the recovery job fails the lost
task and queues the render again, and a second worker records exactly one
PDF.

Real `manage.py db_worker` processes on the test database, so PostgreSQL
only (a second process cannot see SQLite's test transaction, and the
database backend's row locks are what several workers rely on). The workers
use config.settings.test with PORTAL_TEST_TASKS_BACKEND=database; the first
one sleeps PORTAL_TEST_PDF_DELAY seconds between writing the temporary file
and recording it, which is where it is killed."""

import hashlib
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from contracts import rendering, services
from contracts.models import OfferVersion
from ops import jobs
from partner_portal.files import private_storage
from tests.factories.contracts import offer_draft_create, sales_user_create

pytestmark = [
    pytest.mark.fault,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="worker processes need a database they can share (PostgreSQL)",
    ),
    pytest.mark.django_db(transaction=True),
]

ROOT = Path(__file__).resolve().parents[2]
RENDER_TASK = "contracts.tasks.offer_pdf_render_task"
MAIL_TASK = "contracts.tasks.offer_sent_mail_task"


def _database_url() -> str:
    """DATABASE_URL with the test database's name, for the worker processes."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


def _worker(worker_id: str, *, delay: float = 0, batch: bool = False):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "PORTAL_TEST_TASKS_BACKEND": "database",
        "PORTAL_TEST_PDF_DELAY": str(delay),
    }
    command = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--queue-name=*",
        "--interval=0.1",
        "--no-startup-delay",
        "--no-reload",
        f"--worker-id={worker_id}",
    ]
    if batch:
        command.append("--batch")
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _wait_for(condition, *, timeout: float, process=None, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if process is not None and process.poll() is not None:
            pytest.fail(f"the worker exited before {what}: {process.stderr.read()}")
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def _folder(version) -> str:
    return rendering._final_name(version).rsplit("/", 1)[0]


def _files(version) -> set[str]:
    try:
        return set(private_storage().listdir(_folder(version))[1])
    except FileNotFoundError:
        return set()


@pytest.fixture
def worker_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def processes():
    started = []
    yield started
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        process.stderr.close()


def test_worker_killed_mid_render_leaves_the_offer_retryable(
    worker_backend, processes, client, company, company_admin, buyer
):
    sales = sales_user_create(email="sales@portal.example")
    offer = offer_draft_create(company=company, sales=sales)
    version = services.offer_send(version=offer.versions.get(), user=sales)
    before = _files(version)

    first = _worker("fault-first", delay=120)
    processes.append(first)

    def part_file_written():
        return any(name.endswith(".part") for name in _files(version) - before)

    _wait_for(part_file_written, timeout=240, process=first, what="the render")
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)

    # Nothing recorded, nothing under a real name, the task left "running".
    version.refresh_from_db()
    assert not version.pdf
    assert version.sha256 == ""
    assert version.pdf_pending
    new = _files(version) - before
    assert len(new) == 1
    assert next(iter(new)).endswith(".part")
    [lost] = DBTaskResult.objects.filter(task_path=RENDER_TASK)
    assert lost.status == TaskResultStatus.RUNNING
    assert lost.worker_ids == ["fault-first"]
    client.force_login(company_admin)
    page = client.get(reverse("contracts:offer_detail", args=[offer.pk]))
    assert "The PDF of this offer is being prepared." in page.text
    pdf = client.get(reverse("contracts:offer_pdf", args=[offer.pk, 1]))
    assert pdf.status_code == 409

    # The scheduler's recovery: the lost task fails, the render is queued
    # again, the dead render's temporary file goes.
    assert jobs.work_recover(older_than=timedelta(0)) == {
        "tasks_failed": 1,
        "renders_queued": 1,
        "part_files_deleted": 1,
    }
    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.FAILED
    assert lost.exception_class_path == jobs.WORKER_LOST

    second = _worker("fault-second", batch=True)
    processes.append(second)
    assert second.wait(timeout=240) == 0, second.stderr.read()

    version.refresh_from_db()
    assert version.pdf
    with version.pdf.open("rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF-")
    assert version.sha256 == hashlib.sha256(data).hexdigest()
    assert _files(version) - before == {version.pdf.name.rsplit("/", 1)[1]}
    renders = DBTaskResult.objects.filter(task_path=RENDER_TASK).order_by("enqueued_at")
    assert [(r.status, r.worker_ids) for r in renders] == [
        (TaskResultStatus.FAILED, ["fault-first"]),
        (TaskResultStatus.SUCCESSFUL, ["fault-second"]),
    ]
    assert DBTaskResult.objects.filter(task_path=MAIL_TASK).count() == 1
    assert OfferVersion.objects.get(pk=version.pk).can_be_accepted
    assert jobs.work_recover(older_than=timedelta(0)) == {
        "tasks_failed": 0,
        "renders_queued": 0,
        "part_files_deleted": 0,
    }
    version.pdf.delete(save=False)
