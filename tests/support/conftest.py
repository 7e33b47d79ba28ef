"""Service desk fixtures: a catalogue (IT with a laptop service whose form
has every kind of field, an approval service, a partner-only service), the
first-level team for problem reports, the demo's SLA targets, and the
clean-up of the private files the tests write."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from partner_portal.audience import Audience
from support.models import Attachment, Department, Service, ServiceField
from tests.support.desk_world import sla_targets, team


@pytest.fixture(autouse=True)
def _private_files(db):
    yield
    for attachment in Attachment.objects.all():
        attachment.file.delete(save=False)


@pytest.fixture
def desk_team(db):
    sla_targets()
    return team()


@pytest.fixture
def it_team(db):
    sla_targets()
    return team(slug="it", name="IT")


@pytest.fixture
def laptop_service(it_team):
    department = Department.objects.create(name="IT", slug="it", order=1)
    service = Service.objects.create(
        department=department,
        team=it_team,
        name="New laptop",
        slug="new-laptop",
        description="A laptop for a new colleague.",
        icon="laptop",
    )
    for order, (label, kind, required, extra) in enumerate(
        [
            ("Model", "choice", True, {"choices": "Standard\nDeveloper\n"}),
            ("Needed by", "date", True, {"future_only": True}),
            ("Quantity", "number", True, {}),
            ("Cost centre", "text", False, {"help_text": "As on your badge"}),
            ("Notes", "long_text", False, {}),
            ("Quote", "file", False, {}),
        ]
    ):
        ServiceField.objects.create(
            service=service,
            label=label,
            kind=kind,
            required=required,
            order=order,
            **extra,
        )
    return service


@pytest.fixture
def approval_service(it_team):
    department = Department.objects.get_or_create(slug="it", defaults={"name": "IT"})[0]
    return Service.objects.create(
        department=department,
        team=it_team,
        name="Software licence",
        slug="software-licence",
        requires_approval=True,
    )


@pytest.fixture
def partner_service(it_team):
    department = Department.objects.create(name="Partner management", slug="partners")
    return Service.objects.create(
        department=department,
        team=it_team,
        name="Co-marketing budget",
        slug="co-marketing",
        audience=Audience.PARTNERS,
    )


def png_upload(name="screen.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf_upload(name="quote.pdf"):
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", content_type="application/pdf"
    )
