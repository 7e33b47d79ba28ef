"""Access-matrix rows of returns, support requests and the company's users
(see tests/api/api_matrix.py): each row's `kwargs(world)` makes what the
request needs, once per world (the data of a write reads the same objects)."""

from django.db import transaction

from returns.models import ReturnRequest
from returns.services import _move, return_approve
from support import services as support_services
from tests.api.api_matrix import ApiRow
from tests.api.service_world import return_of
from tests.factories.orders import order_place, product_create
from tests.returns.conftest import deliver


def _once(world, name, make):
    if not hasattr(world, name):
        setattr(world, name, make())
    return getattr(world, name)


def _order(world):
    def make():
        product = product_create(title="Hex bolt", sku="BOLT-M8-100", price="20.00")
        buyer = world.users["buyer"]
        return deliver(
            order_place(user=buyer, company=world.company, lines=[(product, 5)])
        )

    return _once(world, "service_order", make)


def _return(world):
    return _once(
        world,
        "service_return",
        lambda: return_of(_order(world), world.users["buyer"], key="m", BOLT_M8_100=1),
    )


def _label_issued(world):
    def make():
        made, desk = _return(world), world.users["superuser"]
        # The label's step without rendering a PDF into the private storage.
        with transaction.atomic():
            return_approve(return_request=made, actor=desk, issue_label=False)
            return _move(made, ReturnRequest.Status.LABEL_ISSUED, actor=desk)

    return _once(world, "service_label_issued", make)


def _request(world):
    return _once(
        world,
        "service_request",
        lambda: support_services.request_create(
            company=world.company,
            user=world.users["buyer"],
            subject="Printer offline",
            description="Paper jam",
        ),
    )


def _leaks(text):
    return lambda world, response: text(world) in response.content.decode()


def _return_number(world):
    return {"number": _return(world).number}


def _request_number(world):
    return {"number": _request(world).number}


def _listed_return(world):
    _return(world)
    return {}


def _listed_request(world):
    _request(world)
    return {}


ROWS = [
    ApiRow(
        "api:returns-list",
        resource="returns",
        persona="buyer",
        kwargs=_listed_return,
        other_company=200,
        absent=_leaks(lambda world: _return(world).number),
    ),
    ApiRow(
        "api:returns-list",
        method="post",
        resource="returns",
        persona="buyer",
        ok=201,
        data=lambda world: {
            "order": str(_order(world).number),
            "reason": "damaged",
            "lines": [{"sku": "BOLT-M8-100", "quantity": 1}],
        },
        # Another company's order is a field error: "There is no order with
        # this number."
        other_company=400,
    ),
    ApiRow(
        "api:returns-detail",
        resource="returns",
        persona="buyer",
        kwargs=_return_number,
    ),
    ApiRow(
        "api:erp-returns-received",
        method="post",
        resource="returns",
        staff=True,
        kwargs=lambda world: {"number": _label_issued(world).number},
        data=lambda world: {
            "lines": [{"sku": "BOLT-M8-100", "quantity": 1, "condition": "as_new"}]
        },
    ),
    ApiRow(
        "api:support-services-list",
        resource="support",
        persona="buyer",
        other_company=200,
    ),
    ApiRow(
        "api:support-requests-list",
        resource="support",
        persona="buyer",
        kwargs=_listed_request,
        other_company=200,
        absent=_leaks(lambda world: _request(world).number),
    ),
    ApiRow(
        "api:support-requests-list",
        method="post",
        resource="support",
        persona="buyer",
        ok=201,
        data=lambda world: {"subject": "Printer offline", "description": "Jam"},
        # Another company's key opens a request of its own company.
        other_company=201,
    ),
    ApiRow(
        "api:support-requests-detail",
        resource="support",
        persona="buyer",
        kwargs=_request_number,
    ),
    ApiRow(
        "api:support-requests-replies",
        method="post",
        resource="support",
        persona="buyer",
        ok=201,
        kwargs=_request_number,
        data=lambda world: {"body": "Still broken"},
    ),
    ApiRow(
        "api:users-list",
        resource="users",
        persona="buyer",
        other_company=200,
        absent=_leaks(lambda world: world.users["buyer"].email),
    ),
    ApiRow(
        "api:users-detail",
        resource="users",
        persona="buyer",
        kwargs=lambda world: {"user_id": world.users["buyer"].pk},
    ),
]
