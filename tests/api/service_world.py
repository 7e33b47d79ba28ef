"""What the returns, support and users API tests share: Acme's delivered
order and its returns, the service desk's catalogue, and a helper that counts
the queries of a request. Import the fixtures a module uses (fixture_<name>)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partner_portal.audience import Audience
from partner_portal.permissions import StaffGroup
from returns.models import ReturnPhoto, ReturnRequest
from returns.services import return_request_create
from support.models import Attachment, Department, Service, ServiceField
from tests.factories import StaffUserFactory
from tests.factories.orders import order_place
from tests.returns.conftest import deliver, line_of
from tests.support.desk_world import sla_targets, team


@pytest.fixture(name="_private_files", autouse=True)
def fixture_private_files(db):
    yield
    for return_request in ReturnRequest.objects.all():
        return_request.label_pdf.delete(save=False)
    for photo in ReturnPhoto.objects.all():
        photo.image.delete(save=False)
    for attachment in Attachment.objects.all():
        attachment.file.delete(save=False)


@pytest.fixture(name="delivered_order")
def fixture_delivered_order(company, buyer, bolts, gloves):
    """Acme's buyer received 10 bolts and 4 gloves."""
    return deliver(
        order_place(user=buyer, company=company, lines=[(bolts, 10), (gloves, 4)])
    )


@pytest.fixture(name="other_order")
def fixture_other_order(other_company, other_buyer, bolts):
    return deliver(
        order_place(user=other_buyer, company=other_company, lines=[(bolts, 2)])
    )


@pytest.fixture(name="desk")
def fixture_desk(db):
    """Rita of the returns desk."""
    user = StaffUserFactory(email="returns@portal.example", first_name="Rita")
    user.groups.add(Group.objects.get_or_create(name=StaffGroup.RETURNS_DESK)[0])
    return user


@pytest.fixture(name="desk_team")
def fixture_desk_team(db):
    """The first-level team that gets problem reports."""
    sla_targets()
    return team()


@pytest.fixture(name="laptop_service")
def fixture_laptop_service(desk_team):
    """IT's "New laptop": a form with every kind of field but a file."""
    it = Department.objects.create(name="IT", slug="it", order=1)
    service = Service.objects.create(
        department=it, team=desk_team, name="New laptop", slug="new-laptop"
    )
    for order, (label, kind, required, extra) in enumerate(
        [
            ("Model", "choice", True, {"choices": "Standard\nDeveloper\n"}),
            ("Needed by", "date", True, {"future_only": True}),
            ("Quantity", "number", True, {}),
            ("Cost centre", "text", False, {}),
            ("Notes", "long_text", False, {}),
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


@pytest.fixture(name="other_services")
def fixture_other_services(desk_team):
    """A licence needing the company's approval, a service whose form needs a
    file, and one for partners only."""
    it = Department.objects.get_or_create(slug="it", defaults={"name": "IT"})[0]

    def make(slug, **fields):
        return Service.objects.create(
            department=it, team=desk_team, name=slug.title(), slug=slug, **fields
        )

    licence = make("licence", requires_approval=True)
    scan = make("scan")
    ServiceField.objects.create(service=scan, label="Scan", kind="file", required=True)
    partners = make("co-marketing", audience=Audience.PARTNERS)
    return {"licence": licence, "scan": scan, "partners": partners}


def return_of(order, user, *, key, **quantities) -> ReturnRequest:
    """A return of `order` through the service; quantities by SKU with
    dashes as underscores (BOLT_M8_100=2)."""
    return return_request_create(
        company=order.company,
        user=user,
        order=order,
        quantities={
            line_of(order, sku.replace("_", "-")).pk: qty
            for sku, qty in quantities.items()
        },
        reason="damaged",
        comment="Crushed box",
        photos=[],
        submission_key=key,
    )


def queries_of(call) -> int:
    """How many queries `call()` runs; it must answer 200. A first call is
    not counted: it also records the key's use (once a minute)."""
    call()
    with CaptureQueriesContext(connection) as captured:
        response = call()
    assert response.status_code == 200, response.content
    return len(captured.captured_queries)
