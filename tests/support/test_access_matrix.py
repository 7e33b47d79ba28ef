"""Who may open which service desk URL: every named URL in the `support`
namespace, for a visitor, a member of another company, a member or staff
user missing what it needs, and someone allowed. Another company's request,
its files and its conversation JSON answer 404; denials change nothing.

The world's company does not share requests: a colleague sees only their own,
so the buyer's requests answer the colleague 404."""

from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from partner_portal.audience import Audience
from partner_portal.permissions import Role, StaffGroup
from support.models import (
    Attachment,
    Deflection,
    Department,
    Event,
    Message,
    Service,
    ServiceField,
    Status,
    SupportRequest,
    SupportSettings,
)
from support.services import request_create
from tests.factories import (
    CompanyFactory,
    MembershipFactory,
    StaffUserFactory,
    UserFactory,
)
from tests.helpers import snapshot
from tests.matrix import (
    FORBIDDEN,
    GO_NO_COMPANY,
    LOGIN,
    NOT_FOUND,
    OK,
    Expect,
    Row,
    matrix_tests,
)
from tests.support.desk_world import sla_targets, team

CHANGED = Expect(302, changes=True)


def _service(world):
    return {"slug": world.service.slug}


def _partner_service(world):
    return {"slug": world.partner_service.slug}


def _open(world):
    return {"number": world.open_request.number}


def _pending(world):
    return {"number": world.pending_request.number}


def _resolved(world):
    return {"number": world.resolved_request.number}


def _attachment(world):
    return {"number": world.open_request.number, "pk": world.attachment.pk}


def _service_form(world):
    return {
        "subject": "Laptop",
        "submission_key": "matrix",
        f"field_{world.field.pk}": "Standard",
    }


def _service_editor_form(world, *, name, slug="laptop"):
    """The editor's form for a service of the world's team, without fields."""
    return {
        "department": world.service.department_id,
        "team": world.desk_team.pk,
        "name": name,
        "slug": slug,
        "audience": Audience.SIGNED_IN,
        "default_priority": "normal",
        "is_active": "on",
        "order": "0",
        "fields-TOTAL_FORMS": "0",
        "fields-INITIAL_FORMS": "0",
    }


def _member_row(name, method="get", allowed=OK, **extra):
    """A page every member may use, the same for every company."""
    return Row(
        name,
        method=method,
        anonymous=LOGIN,
        other_company=OK if method == "get" else None,
        missing_capability=("no_company", GO_NO_COMPANY),
        allowed=("buyer", allowed),
        **extra,
    )


def _request_row(name, kwargs, method="get", allowed=OK, **extra):
    """A page of one request: the requester may, a colleague (no sharing)
    and another company get 404."""
    return Row(
        name,
        method=method,
        kwargs=kwargs,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("colleague", NOT_FOUND),
        allowed=("buyer", allowed),
        **extra,
    )


MATRIX = [
    _member_row("support:catalogue"),
    _member_row("support:service_request", kwargs=_service),
    _member_row(
        "support:service_request",
        method="post",
        kwargs=_service,
        data=_service_form,
        allowed=CHANGED,
    ),
    # A partners-only service is not there for a customer's buyer.
    Row(
        "support:service_request",
        kwargs=_partner_service,
        missing_capability=("buyer", NOT_FOUND),
        allowed=("partner", OK),
        label="-partners-only",
    ),
    _member_row("support:report"),
    _member_row(
        "support:report",
        method="post",
        data=lambda w: {
            "subject": "Printer",
            "description": "Jam",
            "submission_key": "matrix",
        },
        allowed=CHANGED,
    ),
    _member_row("support:suggest"),
    _member_row(
        "support:deflected",
        method="post",
        data=lambda w: {
            "query": "printer",
            "target_url": "/portal/forums/",
            "target_title": "Forums",
        },
        allowed=Expect(302, "/portal/support/", changes=True),
    ),
    _member_row("support:list"),
    Row(
        "support:sharing",
        method="post",
        data=lambda w: {"share": "1"},
        anonymous=LOGIN,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("admin", Expect(302, "/portal/support/requests/", changes=True)),
    ),
    _request_row("support:detail", _open),
    # Approvers see the company's requests also without sharing.
    Row(
        "support:detail",
        kwargs=_pending,
        allowed=("approver", OK),
        label="-approver",
    ),
    _request_row("support:messages", _open),
    Row(
        "support:messages",
        kwargs=_open,
        # Staff of another group have no company: the page saying whom to ask.
        missing_capability=("sales", GO_NO_COMPANY),
        allowed=("agent", OK),
        label="-agent",
    ),
    _request_row(
        "support:reply",
        _open,
        method="post",
        data=lambda w: {"body": "More details"},
        allowed=CHANGED,
    ),
    _request_row(
        "support:rate",
        _resolved,
        method="post",
        data=lambda w: {"rating": "4"},
        allowed=CHANGED,
    ),
    _request_row("support:reopen", _resolved, method="post", allowed=CHANGED),
    Row(
        "support:approve",
        method="post",
        kwargs=_pending,
        data=lambda w: {"decision": "approve"},
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("colleague", FORBIDDEN),
        allowed=("approver", CHANGED),
    ),
    _request_row("support:attachment", _attachment),
    Row(
        "support:attachment",
        kwargs=_attachment,
        # Staff of another group have no company: the page saying whom to ask.
        missing_capability=("sales", GO_NO_COMPANY),
        allowed=("agent", OK),
        label="-agent",
    ),
]


def _desk_row(name, kwargs=None, method="get", allowed=OK, **extra):
    """A service desk staff page: agents only; customers of the request's
    own company, other companies and other staff are refused (403)."""
    return Row(
        name,
        method=method,
        **({"kwargs": kwargs} if kwargs else {}),
        anonymous=LOGIN,
        other_company=FORBIDDEN,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("agent", allowed),
        **extra,
    )


MATRIX += [
    # The desk's figures (support.views.kpis): Support staff only.
    _desk_row("support:kpis"),
    _desk_row("support:kpis_export"),
    Row(
        "support:kpis",
        missing_capability=("sales", FORBIDDEN),
        allowed=("admin", FORBIDDEN),
        label="-staff-and-admin",
    ),
    _desk_row("support:queue"),
    Row(
        "support:queue",
        missing_capability=("sales", FORBIDDEN),
        allowed=("admin", FORBIDDEN),
        label="-staff-and-admin",
    ),
    _desk_row("support:desk_detail", _open),
    _desk_row(
        "support:desk_reply",
        _open,
        method="post",
        data=lambda w: {"body": "Try again", "internal": "on"},
        allowed=CHANGED,
    ),
    _desk_row(
        "support:desk_assign",
        _open,
        method="post",
        data=lambda w: {"assignee": w.users["agent"].pk},
        allowed=CHANGED,
    ),
    _desk_row(
        "support:desk_status",
        _open,
        method="post",
        data=lambda w: {"status": "waiting"},
        allowed=CHANGED,
    ),
    _desk_row(
        "support:desk_priority",
        _open,
        method="post",
        data=lambda w: {"priority": "urgent"},
        allowed=CHANGED,
    ),
    _desk_row(
        "support:desk_merge",
        _open,
        method="post",
        data=lambda w: {"target": w.pending_request.number},
        allowed=CHANGED,
    ),
    # The catalogue editor (support.views.desk_services): Support staff only.
    _desk_row("support:desk_services"),
    Row(
        "support:desk_services",
        missing_capability=("sales", FORBIDDEN),
        allowed=("admin", FORBIDDEN),
        label="-staff-and-admin",
    ),
    _desk_row("support:desk_service_create"),
    _desk_row(
        "support:desk_service_create",
        method="post",
        data=lambda w: _service_editor_form(w, name="Monitor", slug=""),
        allowed=CHANGED,
    ),
    _desk_row("support:desk_service_edit", _service),
    _desk_row(
        "support:desk_service_edit",
        _service,
        method="post",
        data=lambda w: _service_editor_form(w, name="Laptop and dock"),
        allowed=CHANGED,
    ),
    Row(
        "support:desk_service_edit",
        method="post",
        kwargs=_service,
        data=lambda w: _service_editor_form(w, name="Laptop and dock"),
        missing_capability=("sales", FORBIDDEN),
        label="-staff",
    ),
    # Without a knowledge-base category the form is refused on the page.
    _desk_row(
        "support:desk_knowledge",
        _resolved,
        method="post",
        data=lambda w: {"category": "1"},
        allowed=Expect(400),
    ),
]


@pytest.fixture
def world(db):
    sla_targets()
    desk_team = team()
    company = CompanyFactory(name="Acme Industrial GmbH")
    SupportSettings.objects.create(company=company, share_requests=False)
    users = {
        persona: MembershipFactory(company=company, role=role).user
        for persona, role in [
            ("buyer", Role.BUYER),
            ("colleague", Role.BUYER),
            ("approver", Role.APPROVER),
            ("admin", Role.COMPANY_ADMIN),
        ]
    }
    department = Department.objects.create(name="IT", slug="it")
    service = Service.objects.create(
        department=department, team=desk_team, name="Laptop", slug="laptop"
    )
    field = ServiceField.objects.create(
        service=service,
        label="Model",
        kind="choice",
        required=True,
        choices="Standard\nDeveloper",
    )
    approval_service = Service.objects.create(
        department=department,
        team=desk_team,
        name="Licence",
        slug="licence",
        requires_approval=True,
    )
    partner_service = Service.objects.create(
        department=department,
        team=desk_team,
        name="Co-marketing",
        slug="co-marketing",
        audience=Audience.PARTNERS,
    )
    buyer = users["buyer"]

    def make(subject, service=None):
        return request_create(
            company=company, user=buyer, subject=subject, service=service
        )

    open_request = make("Printer offline")
    pending_request = make("Licence please", approval_service)
    resolved_request = make("Password reset")
    SupportRequest.objects.filter(pk=resolved_request.pk).update(
        status=Status.RESOLVED, resolved_at=timezone.now()
    )
    attachment = Attachment(
        request=open_request,
        filename="screen.pdf",
        content_type="application/pdf",
        size=8,
        uploaded_by=buyer,
    )
    attachment.file.save("screen.pdf", ContentFile(b"%PDF-1.4"), save=True)
    users |= {
        "anonymous": None,
        "other_admin": MembershipFactory(
            company=CompanyFactory(name="Globex"), role=Role.COMPANY_ADMIN
        ).user,
        "partner": MembershipFactory(
            company=CompanyFactory(name="Northwind", distributor=True),
            role=Role.COMPANY_ADMIN,
        ).user,
        "no_company": UserFactory(),
        "agent": StaffUserFactory(staff_groups=[StaffGroup.SUPPORT]),
        "sales": StaffUserFactory(staff_groups=[StaffGroup.SALES]),
    }
    yield SimpleNamespace(
        company=company,
        service=service,
        field=field,
        partner_service=partner_service,
        open_request=open_request,
        pending_request=pending_request,
        resolved_request=resolved_request,
        attachment=attachment,
        desk_team=desk_team,
        users=users,
    )
    attachment.file.delete(save=False)


def _database(world):
    return snapshot(
        SupportRequest,
        Message,
        Event,
        Attachment,
        Deflection,
        SupportSettings,
        Service,
        ServiceField,
    )


(
    test_access,
    test_every_named_url_is_in_the_matrix,
    test_every_row_has_an_expectation,
) = matrix_tests(
    MATRIX,
    "support",
    database=_database,
)


def test_every_request_url_of_another_company_is_404():
    object_rows = {
        row.name
        for row in MATRIX
        if row.kwargs in (_open, _pending, _resolved, _attachment)
        and row.other_company is not None
        and not row.name.startswith("support:desk")
    }
    not_found = {row.name for row in MATRIX if row.other_company == NOT_FOUND}

    assert object_rows == {
        "support:detail",
        "support:messages",
        "support:reply",
        "support:rate",
        "support:reopen",
        "support:approve",
        "support:attachment",
    }
    assert object_rows <= not_found
