"""The service desk's demo: at least ten services in four departments, one
needing approval and one for partners only, requests of Acme and Northwind
in every status with breached and met SLAs, an internal note and ratings;
loading it twice changes nothing."""

import io

from support import demo, sla
from support.models import (
    Approval,
    Department,
    Message,
    Service,
    Status,
    SupportRequest,
)
from tests.factories import StaffUserFactory


def _breached(r):
    late_answer = (
        r.first_response_at is not None and r.first_response_at > r.first_response_due
    )
    late_resolution = r.resolved_at is not None and r.resolved_at > r.resolution_due
    return late_answer or late_resolution


def test_the_demo_has_a_catalogue_and_requests_in_every_status(
    company, partner_company, buyer, approver, company_admin, partner_admin
):
    StaffUserFactory(email="support@portal.example")
    companies = {"acme": company, "northwind": partner_company}

    demo.load(stdout=io.StringIO(), companies=companies)
    counts = (Service.objects.count(), SupportRequest.objects.count())
    demo.load(stdout=io.StringIO(), companies=companies)

    assert (Service.objects.count(), SupportRequest.objects.count()) == counts
    assert counts[0] >= 10
    assert Department.objects.filter(services__isnull=False).distinct().count() >= 4
    assert Service.objects.filter(requires_approval=True).exists()
    assert Service.objects.filter(audience="partners").exists()
    for slug in ("acme", "northwind"):
        statuses = set(
            SupportRequest.objects.filter(company__slug=slug).values_list(
                "status", flat=True
            )
        )
        assert statuses == set(Status.values), slug
    assert SupportRequest.objects.filter(approval=Approval.PENDING).count() == 1
    timed = SupportRequest.objects.exclude(resolution_due=None)
    assert any(_breached(r) for r in timed)
    assert any(r.resolved_at is not None and not _breached(r) for r in timed)
    # Every clock starts at the request's (backdated) creation, not at load time
    for r in timed:
        assert sla.deadlines(r, r.created_at) == (
            r.first_response_due,
            r.resolution_due,
        ), r.number
    assert Message.objects.filter(internal=True).exists()
    assert SupportRequest.objects.exclude(rating=None).count() >= 3
