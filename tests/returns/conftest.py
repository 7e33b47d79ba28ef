"""Returns fixtures: Acme (the `company` fixture) with a delivered order of
its buyer (10 bolts, 4 gloves) on account, a Globex order, photos of every
kind, and the clean-up of the private files the tests write."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from partner_portal.permissions import Role
from returns.models import CreditNote, ReturnPhoto, ReturnRequest
from tests.factories import MembershipFactory
from tests.factories.orders import order_place


def deliver(order):
    """Walk the order through the pipeline as staff do in the dashboard."""
    for status in ("Processing", "Shipped", "Complete"):
        order.set_status(status)
    return order


@pytest.fixture(autouse=True)
def _private_files(db):
    yield
    for return_request in ReturnRequest.objects.all():
        return_request.label_pdf.delete(save=False)
    for photo in ReturnPhoto.objects.all():
        photo.image.delete(save=False)
    for note in CreditNote.objects.all():
        note.pdf.delete(save=False)


@pytest.fixture
def colleague(company):
    """A second buyer of Acme: sees only their own orders and returns."""
    return MembershipFactory(
        company=company, role=Role.BUYER, user__email="colleague@acme.example"
    ).user


@pytest.fixture
def delivered_order(company, buyer, bolts, gloves):
    return deliver(
        order_place(user=buyer, company=company, lines=[(bolts, 10), (gloves, 4)])
    )


@pytest.fixture
def other_order(other_company, other_buyer, bolts):
    return deliver(
        order_place(user=other_buyer, company=other_company, lines=[(bolts, 2)])
    )


def line_of(order, sku):
    return order.lines.get(partner_sku=sku)


def image_bytes(fmt="PNG", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def photo(name="broken.png", fmt="PNG", content_type="image/png"):
    return SimpleUploadedFile(name, image_bytes(fmt), content_type=content_type)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def image_bomb_bytes(width=10_000, height=10_000) -> bytes:
    """A PNG of a few dozen bytes whose header claims width x height pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + _chunk(b"IEND", b"")
    )


@pytest.fixture
def desk(db):
    """Rita of the returns desk."""
    from django.contrib.auth.models import Group

    from partner_portal.permissions import StaffGroup
    from tests.factories import StaffUserFactory

    user = StaffUserFactory(email="returns@portal.example", first_name="Rita")
    user.groups.add(Group.objects.get_or_create(name=StaffGroup.RETURNS_DESK)[0])
    return user
