"""A service's request form is built from its fields: required flags, kinds,
future-only dates and checked files; on an error everything typed comes back;
a double submit makes one request, routed to the service's team."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from support.models import Attachment, Event, SupportRequest
from tests.support.conftest import pdf_upload


def _url(service):
    return reverse("support:service_request", kwargs={"slug": service.slug})


def _form(**overrides):
    data = {
        "subject": "Laptop for Lena",
        "description": "She starts on Monday.",
        "submission_key": "key-1",
        "field_MODEL": "Developer",
        "field_DATE": (timezone.localdate() + timedelta(days=7)).isoformat(),
        "field_NUMBER": "2",
        "field_TEXT": "CC-4711",
        "field_LONG": "Two screens please",
    }
    data.update(overrides)
    return data


def _named(service, data):
    """Replace the placeholders by the fields' real names (field_<pk>)."""
    fields = {f.label: f"field_{f.pk}" for f in service.fields.all()}
    names = {
        "field_MODEL": fields["Model"],
        "field_DATE": fields["Needed by"],
        "field_NUMBER": fields["Quantity"],
        "field_TEXT": fields["Cost centre"],
        "field_LONG": fields["Notes"],
        "field_FILE": fields["Quote"],
    }
    return {names.get(key, key): value for key, value in data.items()}


def test_the_form_shows_the_services_fields_in_order_with_help_and_required_marks(
    client, buyer, laptop_service
):
    client.force_login(buyer)

    response = client.get(_url(laptop_service))

    html = response.content.decode()
    assert response.status_code == 200
    positions = [
        html.index(f'for="id_field_{f.pk}"') for f in laptop_service.fields.all()
    ]
    assert positions == sorted(positions)
    assert "As on your badge" in html
    assert '<option value="Developer">Developer</option>' in html
    assert 'type="date"' in html


def test_a_valid_request_is_routed_to_the_services_team_with_answers_and_file(
    client, buyer, laptop_service, it_team, django_capture_on_commit_callbacks
):
    client.force_login(buyer)
    data = _named(laptop_service, _form(field_FILE=pdf_upload()))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(laptop_service), data)

    support_request = SupportRequest.objects.get()
    assert response.status_code == 302
    assert response.url == f"/portal/support/requests/{support_request.number}/"
    assert support_request.number.startswith(f"REQ-{timezone.localdate().year}-")
    assert support_request.team == it_team
    assert support_request.service == laptop_service
    assert support_request.status == "new"
    assert support_request.approval == "not_needed"
    assert support_request.resolution_due is not None
    assert support_request.answers == {
        "Model": "Developer",
        "Needed by": data[f"field_{laptop_service.fields.get(label='Needed by').pk}"],
        "Quantity": "2",
        "Cost centre": "CC-4711",
        "Notes": "Two screens please",
        "Quote": "quote.pdf",
    }
    attachment = Attachment.objects.get()
    assert (attachment.filename, attachment.content_type) == (
        "quote.pdf",
        "application/pdf",
    )
    assert list(Event.objects.values_list("kind", flat=True)) == ["created"]
    assert [m.to for m in mail.outbox] == [["buyer@acme.example"]]


@pytest.mark.parametrize(
    ("overrides", "field_label", "message"),
    [
        ({"field_MODEL": ""}, "Model", "This field is required."),
        (
            {"field_DATE": timezone.localdate().isoformat()},
            "Needed by",
            "Choose a date after today.",
        ),
        ({"field_NUMBER": "many"}, "Quantity", "Enter a number."),
    ],
)
def test_bad_input_is_refused_and_everything_typed_comes_back(
    client, buyer, laptop_service, overrides, field_label, message
):
    client.force_login(buyer)

    response = client.post(
        _url(laptop_service), _named(laptop_service, _form(**overrides))
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert SupportRequest.objects.count() == 0
    field = laptop_service.fields.get(label=field_label)
    assert response.context["form"].errors[f"field_{field.pk}"] == [message]
    assert 'value="Laptop for Lena"' in html
    assert "She starts on Monday." in html
    assert 'value="CC-4711"' in html
    assert "Two screens please" in html
    assert 'value="key-1"' in html


def test_a_file_of_the_wrong_type_is_refused(client, buyer, laptop_service):
    client.force_login(buyer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("quote.exe", b"MZ\x90\x00binary", "application/pdf")

    response = client.post(
        _url(laptop_service), _named(laptop_service, _form(field_FILE=bad))
    )

    field = laptop_service.fields.get(label="Quote")
    assert response.status_code == 200
    assert response.context["form"].errors[f"field_{field.pk}"] == [
        "quote.exe is not a file of these types: JPEG, PNG, PDF."
    ]
    assert SupportRequest.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(client, buyer, laptop_service):
    client.force_login(buyer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile(
        "big.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1), "application/pdf"
    )

    response = client.post(
        _url(laptop_service), _named(laptop_service, _form(field_FILE=big))
    )

    field = laptop_service.fields.get(label="Quote")
    assert response.context["form"].errors[f"field_{field.pk}"] == [
        "big.pdf is 10.0 MB; at most 10 MB are accepted."
    ]
    assert SupportRequest.objects.count() == 0


def test_a_double_submit_makes_one_request(client, buyer, laptop_service):
    client.force_login(buyer)
    data = _named(laptop_service, _form())

    first = client.post(_url(laptop_service), data)
    second = client.post(_url(laptop_service), data)

    assert SupportRequest.objects.count() == 1
    assert first.url == second.url


def test_a_new_form_has_a_new_key(client, buyer, laptop_service):
    client.force_login(buyer)

    keys = {
        client.get(_url(laptop_service)).context["form"]["submission_key"].value()
        for _ in range(2)
    }

    assert len(keys) == 2
