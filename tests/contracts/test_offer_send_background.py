"""Sending an offer with a task worker (django-tasks-db): the version is sent
at once and its PDF is "being prepared" until the render task has recorded
it (file and SHA-256, once); the customer cannot accept before, the download
answers 409; the mail goes out with the PDF; a failed or lost render is
queued again by the recovery job."""

import hashlib
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from contracts import documents, rendering, services
from contracts.models import Acceptance, OfferEvent, OfferVersion
from contracts.tasks import offer_pdf_render_task, offer_pdf_renders_requeue
from partner_portal.files import private_storage
from tests.factories.contracts import offer_draft_create
from tests.helpers import snapshot

RENDER_TASK = "contracts.tasks.offer_pdf_render_task"


@pytest.fixture(autouse=True)
def worker_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def run_queued_tasks(django_capture_on_commit_callbacks):
    """What a `db_worker` does, in this process and transaction: claim each
    ready task and run it (with what it queues after its commit), until none
    is left. Returns the task paths in the order they ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )

    def run() -> list[str]:
        ran = []
        while (result := DBTaskResult.objects.ready().first()) is not None:
            result.claim(worker.worker_id)
            with django_capture_on_commit_callbacks(execute=True):
                worker.run_task(result)
            ran.append(result.task_path)
        return ran

    return run


def offer_files(version) -> list[str]:
    """Files in the folder where the version's PDF goes."""
    folder = rendering._final_name(version).rsplit("/", 1)[0]
    try:
        return sorted(private_storage().listdir(folder)[1])
    except FileNotFoundError:
        return []


@pytest.fixture
def sent(company, sales, company_admin, buyer, django_capture_on_commit_callbacks):
    offer = offer_draft_create(company=company, sales=sales)
    with django_capture_on_commit_callbacks(execute=True):
        version = services.offer_send(version=offer.versions.get(), user=sales)
    version.refresh_from_db()
    return version


def test_sending_freezes_the_version_and_queues_its_render(sent):
    assert sent.status == OfferVersion.Status.SENT
    assert sent.sent_at is not None
    assert not sent.pdf
    assert sent.sha256 == ""
    assert sent.pdf_pending
    assert sent.content_sha256 == documents.content_sha256(sent, list(sent.lines.all()))
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == RENDER_TASK
    assert queued.status == TaskResultStatus.READY
    assert queued.args_kwargs == {"args": [], "kwargs": {"version_id": sent.pk}}
    # The customer hears of it once the PDF is there.
    assert mail.outbox == []
    assert list(sent.offer.events.values_list("kind", flat=True)) == [
        "created",
        "saved",
        "sent",
    ]


def test_being_prepared_pages_and_no_acceptance(client, sent, company_admin, sales):
    client.force_login(company_admin)
    page = client.get(reverse("contracts:offer_detail", args=[sent.offer_id]))
    assert page.status_code == 200
    assert "The PDF of this offer is being prepared." in page.text
    assert 'id="offer-pdf"' not in page.text
    assert 'id="accept-form"' not in page.text

    download = client.get(reverse("contracts:offer_pdf", args=[sent.offer_id, 1]))
    assert download.status_code == 409
    assert "being prepared" in download.text
    assert download["Content-Type"].startswith("text/html")

    before = snapshot(Acceptance, OfferVersion, OfferEvent)
    with pytest.raises(services.OfferError, match="still being prepared"):
        services.offer_accept(
            company=sent.offer.company,
            offer_id=sent.offer_id,
            version_number=1,
            user=company_admin,
            typed_name="Ada Admin",
            terms_accepted=True,
            ip_address=None,
            user_agent="",
        )
    assert snapshot(Acceptance, OfferVersion, OfferEvent) == before

    client.force_login(sales)
    staff = client.get(reverse("contracts:staff_offer_pdf", args=[sent.offer_id, 1]))
    assert staff.status_code == 409


def test_the_worker_records_one_pdf_and_then_the_mail_goes_out(
    client, sent, company_admin, run_queued_tasks
):
    ran = run_queued_tasks()
    # The render, then the offer mail it queued, then one mail per person.
    assert ran[:2] == [RENDER_TASK, "contracts.tasks.offer_sent_mail_task"]

    sent.refresh_from_db()
    data = sent.pdf.read()
    assert data.startswith(b"%PDF-")
    assert sent.sha256 == hashlib.sha256(data).hexdigest()
    assert not sent.pdf_pending
    assert sorted(m.to for m in mail.outbox) == [
        ["admin@acme.example"],
        ["buyer@acme.example"],
    ]
    assert not [name for name in offer_files(sent) if name.endswith(".part")]
    client.force_login(company_admin)
    response = client.get(reverse("contracts:offer_pdf", args=[sent.offer_id, 1]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data

    # A second render of the same version (a requeue beside a slow worker)
    # throws its own file away: one PDF, one SHA-256, no second mail.
    files = offer_files(sent)
    assert rendering.offer_pdf_render(version_id=sent.pk) is False
    offer_pdf_render_task.enqueue(version_id=sent.pk)
    run_queued_tasks()
    sent.refresh_from_db()
    assert sent.sha256 == hashlib.sha256(data).hexdigest()
    assert offer_files(sent) == files
    assert len(mail.outbox) == 2


def test_a_failed_render_is_kept_and_queued_again(sent, monkeypatch, run_queued_tasks):
    def broken(version, lines, **kwargs):
        raise ValueError("font missing")

    monkeypatch.setattr(documents, "render_offer_pdf", broken)
    files = offer_files(sent)
    assert run_queued_tasks() == [RENDER_TASK]

    sent.refresh_from_db()
    assert sent.pdf_pending
    assert sent.render_error == "font missing"
    assert sent.offer.events.filter(kind=OfferEvent.Kind.RENDER_FAILED).count() == 1
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED
    assert DBTaskResult.objects.get().exception_class_path == "builtins.ValueError"
    assert offer_files(sent) == files
    assert mail.outbox == []

    monkeypatch.undo()
    assert offer_pdf_renders_requeue(stale_after=timedelta(0)) == [sent.pk]
    run_queued_tasks()
    sent.refresh_from_db()
    assert sent.pdf
    assert sent.render_error == ""
    assert len(mail.outbox) == 2


def test_requeue_leaves_queued_and_running_renders_alone(sent):
    # Sent a moment ago: not waiting long enough to be looked at.
    assert offer_pdf_renders_requeue(stale_after=timedelta(minutes=5)) == []
    OfferVersion.objects.filter(pk=sent.pk).update(
        sent_at=timezone.now() - timedelta(minutes=30)
    )
    # Queued and not run yet (workers are busy): nothing to do.
    assert offer_pdf_renders_requeue(stale_after=timedelta(minutes=5)) == []
    # Running on a live worker (started within the limit): nothing to do.
    task = DBTaskResult.objects.get()
    task.claim("worker-a")
    assert offer_pdf_renders_requeue(stale_after=timedelta(minutes=5)) == []
    # Running for longer than the limit: its worker is taken to be gone.
    DBTaskResult.objects.filter(pk=task.pk).update(
        started_at=timezone.now() - timedelta(minutes=30)
    )
    assert offer_pdf_renders_requeue(stale_after=timedelta(minutes=5)) == [sent.pk]
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
