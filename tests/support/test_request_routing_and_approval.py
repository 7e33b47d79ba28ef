"""Routing: a service's request goes to its team, a problem report to the
first-level team. A service that needs approval waits for the company's
approver; approving starts the team's work, rejecting closes the request."""

import pytest
from django.core import mail
from django.urls import reverse

from support.models import Approval, Event, Status, SupportRequest
from support.services import SupportError, request_approve
from tests.support.helpers import new_request


def test_a_problem_report_goes_to_the_first_level_team(client, buyer, desk_team):
    client.force_login(buyer)

    response = client.post(
        reverse("support:report"),
        {
            "subject": "Printer offline",
            "description": "Paper jam",
            "submission_key": "k",
        },
    )

    support_request = SupportRequest.objects.get()
    assert response.status_code == 302
    assert support_request.team == desk_team
    assert support_request.service is None
    assert support_request.first_response_due is not None


def test_a_problem_report_needs_a_description(client, buyer, desk_team):
    client.force_login(buyer)

    response = client.post(
        reverse("support:report"), {"subject": "Printer", "submission_key": "k"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "description": ["This field is required."]
    }
    assert 'value="Printer"' in response.content.decode()
    assert SupportRequest.objects.count() == 0


def test_a_service_needing_approval_waits_and_asks_the_approvers(
    company,
    buyer,
    approver,
    company_admin,
    approval_service,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        support_request = new_request(
            company=company, user=buyer, service=approval_service
        )

    assert support_request.approval == Approval.PENDING
    assert support_request.status == Status.NEW
    assert support_request.resolution_due is None
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == [
        "admin@acme.example",
        "approver@acme.example",
        "buyer@acme.example",
    ]


def test_the_approver_approves_on_the_request_page_and_the_clock_starts(
    client, company, buyer, approver, approval_service
):
    support_request = new_request(company=company, user=buyer, service=approval_service)
    client.force_login(approver)
    page = client.get(reverse("support:detail", args=[support_request.number]))
    assert page.context["may_approve"] is True

    response = client.post(
        reverse("support:approve", args=[support_request.number]),
        {"decision": "approve"},
    )

    support_request.refresh_from_db()
    assert response.status_code == 302
    assert support_request.approval == Approval.APPROVED
    assert support_request.approved_by == approver
    assert support_request.resolution_due is not None
    assert support_request.status == Status.NEW
    assert list(support_request.events.values_list("kind", "new")) == [
        ("created", "new"),
        ("approval", "approved"),
    ]


def test_rejecting_needs_a_reason_and_closes_the_request(
    company, buyer, approver, approval_service
):
    support_request = new_request(company=company, user=buyer, service=approval_service)
    with pytest.raises(SupportError):
        request_approve(
            support_request=support_request, user=approver, approve=False, reason=""
        )
    support_request.refresh_from_db()
    assert support_request.approval == Approval.PENDING

    request_approve(
        support_request=support_request,
        user=approver,
        approve=False,
        reason="Use the shared licence",
    )

    support_request.refresh_from_db()
    assert (support_request.approval, support_request.status) == (
        Approval.REJECTED,
        Status.CLOSED,
    )
    assert support_request.messages.get().body == "Use the shared licence"


def test_the_requester_cannot_approve_their_own_request(
    client, company, company_admin, approval_service
):
    support_request = new_request(
        company=company, user=company_admin, service=approval_service
    )
    client.force_login(company_admin)

    client.post(
        reverse("support:approve", args=[support_request.number]),
        {"decision": "approve"},
    )

    support_request.refresh_from_db()
    assert support_request.approval == Approval.PENDING
    assert not Event.objects.filter(kind="approval").exists()


def test_a_buyer_may_not_approve(client, company, buyer, procurement, approval_service):
    support_request = new_request(
        company=company, user=procurement, service=approval_service
    )
    client.force_login(buyer)

    response = client.post(
        reverse("support:approve", args=[support_request.number]),
        {"decision": "approve"},
    )

    support_request.refresh_from_db()
    assert response.status_code == 403
    assert support_request.approval == Approval.PENDING
