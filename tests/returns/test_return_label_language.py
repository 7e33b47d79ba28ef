"""The return label is printed by the customer who asked for the return, so
it speaks their language, whatever language the desk works in."""

import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from partner_portal.language import preferred_language_set
from returns.models import ReturnRequest
from returns.services import return_approve, return_request_create
from tests.returns.conftest import line_of


@pytest.fixture
def requested(company, buyer, delivered_order):
    return return_request_create(
        company=company,
        user=buyer,
        order=delivered_order,
        quantities={line_of(delivered_order, "BOLT-M8-100").pk: 2},
        reason="damaged",
        comment="",
        photos=[],
        submission_key="label-language",
    )


def _label(requested, desk, capture, *, desk_language):
    with translation.override(desk_language), capture(execute=True):
        return_approve(return_request=requested, actor=desk)
    return_request = ReturnRequest.objects.get(pk=requested.pk)
    with return_request.label_pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader.metadata.title, text


def test_the_label_is_in_the_language_of_the_customer(
    buyer, desk, requested, django_capture_on_commit_callbacks
):
    preferred_language_set(user=buyer, language="de")

    title, text = _label(
        requested, desk, django_capture_on_commit_callbacks, desk_language="fa"
    )

    assert title == f"Rücksendeetikett {requested.number}"
    assert "RÜCKSENDUNG" in text
    assert "Packliste – legen Sie diese Seite in das Paket" in text
    assert "مرجوعی" not in text
    assert translation.get_language() == "en"


def test_without_a_chosen_language_the_label_is_in_the_default_language(
    desk, requested, django_capture_on_commit_callbacks
):
    title, text = _label(
        requested, desk, django_capture_on_commit_callbacks, desk_language="de"
    )

    assert title == f"Return label {requested.number}"
    assert "Packing list — put this page into the parcel" in text
    assert "Damaged on arrival" in text
    assert "RÜCKSENDUNG" not in text
