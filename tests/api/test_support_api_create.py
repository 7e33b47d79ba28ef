"""POST /api/v1/support/requests/: a plain problem report, or a request of a
service whose answers are checked by the web's own request form (the same
messages), routed, numbered and mailed by the same service, once per
Idempotency-Key."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from support.models import SupportRequest
from tests.api.conftest import assert_problem
from tests.api.service_world import (  # noqa: F401  fixtures
    fixture_desk_team,
    fixture_laptop_service,
    fixture_other_services,
    fixture_private_files,
)
from tests.helpers import snapshot

LIST = "/api/v1/support/requests/"
TOMORROW = (timezone.localdate() + timedelta(days=1)).isoformat()
YESTERDAY = (timezone.localdate() - timedelta(days=1)).isoformat()


def _answers(**changes):
    answers = {"Model": "Developer", "Needed by": TOMORROW, "Quantity": 2}
    answers.update(changes)
    return {label: value for label, value in answers.items() if value != "-"}


def _laptop(**answers):
    return {
        "service": "new-laptop",
        "subject": "Laptop for Nina",
        "description": "Starts on Monday",
        "answers": _answers(**answers),
    }


def test_a_problem_report_is_routed_and_numbered_like_the_web(
    company_key, buyer, desk_team, django_capture_on_commit_callbacks
):
    client = company_key(buyer, resources=["support"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            LIST,
            {"subject": "  Printer   offline ", "description": "Paper jam"},
            format="json",
        )

    assert response.status_code == 201, response.content
    made = SupportRequest.objects.get()
    year = timezone.localdate().year
    assert made.number == f"REQ-{year}-000001"
    assert response["Location"] == f"{LIST}{made.number}/"
    assert (made.subject, made.team, made.requester, made.service) == (
        "Printer offline",
        desk_team,
        buyer,
        None,
    )
    assert made.resolution_due is not None
    body = response.json()
    assert (body["number"], body["status"], body["messages"]) == (
        made.number,
        "new",
        [],
    )
    assert [(e["kind"], e["value"]) for e in body["history"]] == [("created", "New")]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["buyer@acme.example"], f"[{made.number}] Printer offline")
    ]


def test_a_service_request_keeps_the_answers_as_the_web_form_does(
    company_key, buyer, laptop_service
):
    response = company_key(buyer).post(
        LIST, _laptop(**{"Cost centre": "CC-7", "Quantity": 2.5}), format="json"
    )

    assert response.status_code == 201, response.content
    made = SupportRequest.objects.get()
    assert made.service == laptop_service
    assert made.answers == {
        "Model": "Developer",
        "Needed by": TOMORROW,
        "Quantity": "2.5",
        "Cost centre": "CC-7",
    }
    assert response.json()["answers"] == made.answers
    assert response.json()["service"] == "new-laptop"


@pytest.mark.parametrize(
    ("answers", "web_data"),
    [
        ({"Model": "-"}, {}),
        ({"Model": "Gaming"}, {"Model": "Gaming"}),
        ({"Needed by": YESTERDAY}, {"Needed by": YESTERDAY}),
        ({"Needed by": "next week"}, {"Needed by": "next week"}),
        ({"Quantity": "many"}, {"Quantity": "many"}),
        ({"Cost centre": "x" * 301}, {"Cost centre": "x" * 301}),
    ],
    ids=["missing", "choice", "past", "date", "number", "too-long"],
)
def test_answers_get_the_web_forms_messages(
    company_key, client, buyer, laptop_service, answers, web_data
):
    """The API's message for an answer is the one the web form shows for the
    same input."""
    response = company_key(buyer).post(LIST, _laptop(**answers), format="json")
    client.force_login(buyer)
    defaults = {"Model": "Developer", "Needed by": TOMORROW, "Quantity": "2"}
    fields = {f.label: f"field_{f.pk}" for f in laptop_service.fields.all()}
    web_answers = {**defaults, **web_data}
    if answers.get("Model") == "-":
        web_answers.pop("Model")
    page = client.post(
        reverse("support:service_request", args=[laptop_service.slug]),
        {
            "subject": "Laptop",
            "submission_key": "web-1",
            **{fields[label]: value for label, value in web_answers.items()},
        },
    )

    label = next(iter(answers))
    body = assert_problem(response, 400, field=f"answers.{label}")
    assert body["errors"] == {
        f"answers.{label}": page.context["form"].errors[fields[label]]
    }
    assert SupportRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            _laptop(Colour="red"),
            "answers.Colour",
            "The service's form has no field with this label.",
        ),
        (
            _laptop(Model=["Standard"]),
            "answers.Model",
            "Enter text, a number or a date (YYYY-MM-DD).",
        ),
        ({**_laptop(), "priority": "urgent"}, "priority", "Unknown field."),
        ({**_laptop(), "subject": ""}, "subject", "This field may not be blank."),
        (
            {**_laptop(), "service": "no-such-service"},
            "service",
            "There is no service with this name that you may request.",
        ),
        (
            {"subject": "Printer", "description": ""},
            "description",
            "This field is required.",
        ),
        (
            {"subject": "Printer", "description": "Jam", "answers": {"Model": "x"}},
            "answers",
            "Answers belong to a service's form: name the service.",
        ),
        (
            {"subject": "Printer", "description": "Jam", "answers": "Model"},
            "answers",
            'Expected a dictionary of items but got type "str".',
        ),
    ],
)
def test_wrong_input_is_a_400_naming_the_field_and_saves_nothing(
    company_key, buyer, laptop_service, data, field, message
):
    before = snapshot(SupportRequest)

    response = company_key(buyer).post(LIST, data, format="json")

    body = assert_problem(response, 400, field=field)
    assert body["errors"][field] == [message]
    assert snapshot(SupportRequest) == before
    assert mail.outbox == []


def test_a_service_whose_form_needs_a_file_is_requested_in_the_portal(
    company_key, buyer, other_services
):
    response = company_key(buyer).post(
        LIST,
        {"service": "scan", "subject": "Scan", "answers": {"Scan": "x.pdf"}},
        format="json",
    )

    body = assert_problem(response, 400, field="answers.Scan")
    assert body["errors"]["answers.Scan"] == [
        "Files are attached in the portal, not through the API."
    ]
    without = company_key(buyer).post(
        LIST, {"service": "scan", "subject": "Scan"}, format="json"
    )
    assert "request it in the portal" in without.json()["errors"]["answers.Scan"][0]
    assert SupportRequest.objects.count() == 0


def test_a_partner_only_service_is_not_for_a_customer(
    company_key, buyer, partner_admin, other_services
):
    data = {"service": "co-marketing", "subject": "Fair stand"}

    customer = company_key(buyer).post(LIST, data, format="json")
    partner = company_key(partner_admin).post(LIST, data, format="json")

    assert_problem(customer, 400, field="service")
    assert partner.status_code == 201, partner.content
    assert SupportRequest.objects.get().company.slug == "northwind"


def test_a_service_needing_approval_waits_for_the_companys_approver(
    company_key, buyer, approver, other_services, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = company_key(buyer).post(
            LIST, {"service": "licence", "subject": "CAD licence"}, format="json"
        )

    assert response.status_code == 201, response.content
    assert response.json()["approval"] == "pending"
    assert approver.email in [address for m in mail.outbox for address in m.to]


def test_a_retried_create_with_the_same_idempotency_key_opens_one_request(
    company_key, buyer, laptop_service
):
    client = company_key(buyer)

    first = client.post(LIST, _laptop(), format="json", HTTP_IDEMPOTENCY_KEY="req-1")
    retry = client.post(LIST, _laptop(), format="json", HTTP_IDEMPOTENCY_KEY="req-1")
    reused = client.post(
        LIST, _laptop(Model="Standard"), format="json", HTTP_IDEMPOTENCY_KEY="req-1"
    )

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json()["number"] == first.json()["number"]
    assert_problem(reused, 422)
    assert SupportRequest.objects.count() == 1


def test_a_retry_whose_idempotency_record_is_gone_still_opens_one_request(
    company_key, buyer, laptop_service
):
    from api.models import IdempotencyRecord

    client = company_key(buyer)
    first = client.post(LIST, _laptop(), format="json", HTTP_IDEMPOTENCY_KEY="req-9")
    IdempotencyRecord.objects.all().delete()

    again = client.post(LIST, _laptop(), format="json", HTTP_IDEMPOTENCY_KEY="req-9")

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["number"] == first.json()["number"]
    assert SupportRequest.objects.count() == 1
