"""Offer PDFs rendered by a task worker, for installations with one.

With a worker backend (django-tasks-db) sending an offer freezes the version
in one transaction and queues `offer_pdf_render`; until the task has recorded
the file the version is sent but its PDF is "being prepared" (the pages say
so, the download answers 409, acceptance waits). The task renders in memory,
writes the bytes under a temporary name, moves the file into place and records
its name and SHA-256 in one short transaction with the version row locked; a
second render of the same version finds the PDF recorded and throws its own
file away. So a worker killed at any moment leaves either nothing recorded
and no file under a real name (a `.part` file at most, swept later) or the
complete PDF, and the version stays retryable: `offer_pdf_renders_requeue`
(run by the scheduler) queues the render again for versions that waited too
long.

With the immediate backend (no worker) offer_send renders inside its own
transaction, as it always did.
"""

import hashlib
import logging
import os
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.backends.immediate import ImmediateBackend

from contracts import documents
from contracts.models import OfferEvent, OfferVersion
from partner_portal.files import private_storage

logger = logging.getLogger(__name__)

PART_SUFFIX = ".part"
# A render that has not recorded its PDF after this long is taken to have died.
STALE_AFTER = timedelta(minutes=10)


def renders_inline(backend_alias: str = "default") -> bool:
    """True when tasks run at once in the caller (no worker is configured)."""
    return isinstance(task_backends[backend_alias], ImmediateBackend)


def pending_versions():
    """Sent versions whose PDF has not been recorded yet."""
    return OfferVersion.objects.filter(sent_at__isnull=False).filter(
        Q(pdf="") | Q(pdf__isnull=True)
    )


def _final_name(version: OfferVersion) -> str:
    year = timezone.localtime(version.sent_at).year
    return f"offers/{year}/{version.offer.number}-v{version.number}.pdf"


def _write_part(storage, final_name: str, data: bytes) -> str:
    """`data` under a temporary name beside `final_name`: nobody reads it."""
    folder = os.path.dirname(final_name)
    return storage.save(f"{folder}/.{uuid.uuid4().hex}{PART_SUFFIX}", ContentFile(data))


def _publish(storage, part_name: str, final_name: str) -> str:
    """Move the temporary file to a free name next to `final_name` and return
    that name. On a local disk that is one rename, so the real name never
    holds a half-written file; an object store writes an object whole or not
    at all, so there the bytes are copied and the temporary object deleted."""
    name = storage.get_available_name(final_name)
    try:
        source, target = storage.path(part_name), storage.path(name)
    except NotImplementedError:
        with storage.open(part_name, "rb") as handle:
            name = storage.save(name, ContentFile(handle.read()))
        storage.delete(part_name)
        return name
    os.replace(source, target)
    return name


def _test_delay() -> None:
    # Set only by config/settings/test.py (from PORTAL_TEST_PDF_DELAY), so that
    # the worker fault test can kill a worker in the middle of a render.
    delay = getattr(settings, "PORTAL_TEST_PDF_DELAY", 0)
    if delay:
        time.sleep(delay)


def offer_pdf_render(*, version_id: int, on_recorded=None) -> bool:
    """Render the PDF of a sent version and record it (file name and
    SHA-256), once: True when this call recorded it, False when the version
    already has its PDF (another worker was faster) or is a draft.
    `on_recorded` runs inside the recording transaction (queue the mail
    there: with the database backend the task row commits with the PDF). A render
    error is kept on the version and in the timeline and raised again, so
    the task fails and a later requeue tries once more."""
    version = (
        OfferVersion.objects.select_related("offer__company")
        .filter(pk=version_id)
        .first()
    )
    if version is None or version.sent_at is None or version.pdf:
        return False
    lines = list(version.lines.select_related("product"))
    try:
        data = documents.render_offer_pdf(version, lines)
    except Exception as exc:  # WeasyPrint raises many kinds
        _record_failure(version, exc)
        raise
    storage = private_storage()
    final_name = _final_name(version)
    part_name = _write_part(storage, final_name, data)
    _test_delay()
    published = None
    try:
        with transaction.atomic():
            locked = OfferVersion.objects.select_for_update().get(pk=version_id)
            if locked.pdf:
                storage.delete(part_name)
                return False
            published = _publish(storage, part_name, final_name)
            locked.pdf.name = published
            locked.sha256 = hashlib.sha256(data).hexdigest()
            locked.render_error = ""
            locked.save(update_fields=["pdf", "sha256", "render_error"])
            if on_recorded is not None:
                on_recorded()
    except BaseException:
        # Nothing was recorded: leave no file behind under any name.
        for name in (published, part_name):
            if name and storage.exists(name):
                storage.delete(name)
        raise
    logger.info("Offer version %s: PDF recorded as %s", version_id, published)
    return True


def _record_failure(version: OfferVersion, exc: Exception) -> None:
    logger.exception("Offer version %s: PDF rendering failed", version.pk)
    failure = str(exc)[:500] or exc.__class__.__name__
    with transaction.atomic():
        OfferVersion.objects.filter(pk=version.pk).update(render_error=failure)
        OfferEvent.objects.create(
            offer=version.offer,
            version=version,
            kind=OfferEvent.Kind.RENDER_FAILED,
            comment=failure,
        )


def stale_part_files_delete(*, older_than: timedelta = STALE_AFTER) -> int:
    """Delete temporary `.part` files of renders that died, older than
    `older_than`. Returns how many were deleted."""
    storage = private_storage()
    cutoff = timezone.now() - older_than
    deleted = 0
    try:
        years, _files = storage.listdir("offers")
    except (FileNotFoundError, NotImplementedError):
        return 0
    for year in years:
        _dirs, files = storage.listdir(f"offers/{year}")
        for filename in files:
            name = f"offers/{year}/{filename}"
            if filename.endswith(PART_SUFFIX) and (
                storage.get_modified_time(name) <= cutoff
            ):
                storage.delete(name)
                deleted += 1
    return deleted
