"""What the returns, support and users API tests share: Acme's delivered
order and its returns, the service desk's catalogue, and a helper that counts
the queries of a request. Import the fixtures a module uses (fixture_<name>)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partner_portal.permissions import StaffGroup
from returns.models import ReturnPhoto, ReturnRequest
from returns.services import return_request_create
from support.models import Attachment
from tests.factories import StaffUserFactory
from tests.factories.orders import order_place
from tests.returns.conftest import deliver, line_of


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
    """How many queries `call()` runs; it must answer 200."""
    with CaptureQueriesContext(connection) as captured:
        response = call()
    assert response.status_code == 200, response.content
    return len(captured.captured_queries)
