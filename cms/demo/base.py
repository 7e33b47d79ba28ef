"""Building blocks of the demo pages: stream fields, idempotent child pages,
PDF documents and the content approver."""

import io
import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from cms.models import (
    PortalDocument,
)
from cms.wagtail_hooks import CONTENT_APPROVER
from partner_portal.permissions import StaffGroup

DEMO_PASSWORD = "portal-demo-2026"
PUBLISHER = "publisher@portal.example"


def _stream(*blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def _child(parent, model, slug, **fields):
    """The child page of `parent` with this slug, created (and published) when
    missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    return parent.add_child(instance=model(slug=slug, **fields))


def _pdf(title, lines):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(title)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, 770, title)
    pdf.setFont("Helvetica", 11)
    for number, line in enumerate(lines):
        pdf.drawString(72, 740 - 18 * number, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _document(title, filename, lines, audience):
    document = PortalDocument.objects.filter(title=title).first()
    if document is None:
        document = PortalDocument(title=title, audience=audience)
        document.file.save(filename, ContentFile(_pdf(title, lines)), save=False)
        # What the admin's upload form would fill in: size, type and hash.
        document._set_document_file_metadata()
        document.save()
    return document


def _publisher(stdout):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=PUBLISHER,
        defaults={
            "username": PUBLISHER,
            "first_name": "Paula",
            "last_name": "Publisher",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(
        Group.objects.get_or_create(name=StaffGroup.CONTENT_EDITOR.value)[0],
        Group.objects.get_or_create(name=CONTENT_APPROVER)[0],
    )
    return user
