"""Sending a draft: render, hash and store its PDF, supersede the version
sent before and tell the customer. With a task worker the PDF is rendered by
the worker after the send (contracts/rendering.py)."""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.actions import Action as AuditAction
from audit.services import record as audit_record
from contracts import documents, rendering, tasks
from contracts.models import (
    Offer,
    OfferEvent,
    OfferVersion,
)
from contracts.services.common import OfferError, OfferRenderError, _event, _queue

logger = logging.getLogger(__name__)


def offer_send(*, version: OfferVersion, user) -> OfferVersion:
    """Send a draft: render its PDF in the offer's language, store it
    privately with its SHA-256 and the content SHA-256, supersede the version
    sent before, and tell the customer.

    All or nothing: without lines, with a validity in the past, or when the
    PDF cannot be rendered, the version stays a draft (the render error is
    kept on it and in the timeline) and nothing is stored or mailed. Raises
    OfferError / OfferRenderError.

    With a worker backend the version is frozen and sent here and its PDF is
    rendered by a task (offer_send_queued)."""
    if not rendering.renders_inline():
        return offer_send_queued(version=version, user=user)
    failure = None
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=version.offer_id)
        version = OfferVersion.objects.select_related("offer__company").get(
            pk=version.pk
        )
        lines = _check_sendable(version)
        try:
            pdf = documents.render_offer_pdf(version, lines)
        except Exception as exc:  # WeasyPrint raises many kinds
            logger.exception("Offer %s v%s: PDF rendering failed", offer.pk, version.pk)
            failure = str(exc)[:500] or exc.__class__.__name__
            version.render_error = failure
            version.save(update_fields=["render_error"])
            _event(
                offer,
                OfferEvent.Kind.RENDER_FAILED,
                user=user,
                version=version,
                comment=failure,
            )
        else:
            now = timezone.now()
            version.total_net, version.total_tax, version.total_gross = (
                documents.version_totals(lines)
            )
            version.content_sha256 = documents.content_sha256(version, lines)
            version.sha256 = hashlib.sha256(pdf).hexdigest()
            version.pdf.save(
                f"{offer.number}-v{version.number}.pdf", ContentFile(pdf), save=False
            )
            _mark_sent(offer, version, user, now)
            version_id = version.pk
            transaction.on_commit(lambda: _queue("offer_sent_mail_task", version_id))
    if failure is not None:
        raise OfferRenderError(
            _("The PDF could not be rendered, the offer was not sent: %(error)s")
            % {"error": failure}
        )
    return version


def _check_sendable(version: OfferVersion) -> list:
    if version.status != OfferVersion.Status.DRAFT:
        raise OfferError(_("This version has already been sent."))
    lines = list(version.lines.select_related("product"))
    if not lines:
        raise OfferError(_("Add at least one line before sending the offer."))
    if version.valid_until < timezone.localdate():
        raise OfferError(_("The validity date is in the past."))
    return lines


def _mark_sent(offer: Offer, version: OfferVersion, user, now) -> None:
    version.status = OfferVersion.Status.SENT
    version.sent_at, version.sent_by, version.render_error = now, user, ""
    version.save()
    for older in offer.versions.filter(status=OfferVersion.Status.SENT).exclude(
        pk=version.pk
    ):
        older.status = OfferVersion.Status.SUPERSEDED
        older.save(update_fields=["status"])
        _event(offer, OfferEvent.Kind.SUPERSEDED, version=older, user=user)
    offer.status, offer.latest_sent = Offer.Status.SENT, version
    offer.save(update_fields=["status", "latest_sent"])
    _event(offer, OfferEvent.Kind.SENT, user=user, version=version)
    audit_record(
        AuditAction.OFFER_SENT,
        company=offer.company,
        actor=user,
        obj=offer,
        data={
            "version": version.number,
            "total_net": version.total_net,
            "total_gross": version.total_gross,
        },
    )


def offer_send_queued(*, version: OfferVersion, user) -> OfferVersion:
    """Send a draft whose PDF a worker renders: in one transaction the
    version gets its totals and content SHA-256 and becomes the sent version
    (no line or term of it changes any more), and the render task is queued.
    Until the task has recorded the PDF the version is sent without a PDF
    ("being prepared"): it cannot be accepted yet, and the customer's mail
    goes out once the PDF is there. Raises OfferError like offer_send."""
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=version.offer_id)
        version = OfferVersion.objects.select_related("offer__company").get(
            pk=version.pk
        )
        lines = _check_sendable(version)
        version.total_net, version.total_tax, version.total_gross = (
            documents.version_totals(lines)
        )
        version.content_sha256 = documents.content_sha256(version, lines)
        version.sha256, version.pdf = "", None
        _mark_sent(offer, version, user, timezone.now())
        # Queued inside the transaction: the database backend's task row
        # commits (or rolls back) with the sent version, so no sent version
        # is left without its render.
        tasks.offer_pdf_render_task.enqueue(version_id=version.pk)
    return version
