"""The webhook pages' rows of the /portal/api/ access matrix
(tests/api/test_portal_access_matrix.py adds ROWS to its MATRIX, calls
`world_extra(world)` and snapshots TABLES): company admins only; another
company's endpoint or delivery answers 404, and a denial changes nothing."""

from api.models import WebhookDelivery, WebhookEndpoint
from api.webhooks.services import endpoint_create
from partner_portal.events import Event
from tests.matrix import FORBIDDEN, GO_NO_COMPANY, LOGIN, NOT_FOUND, OK, Expect, Row

# A public address given as an IP, so that no DNS lookup is needed.
URL = "https://93.184.215.14/hooks/portal"
TABLES = [WebhookEndpoint, WebhookDelivery]
CHANGED = Expect(302, changes=True)
SHOWN_ONCE = Expect(200, changes=True)


def world_extra(world):
    world.endpoint = endpoint_create(
        company=world.company,
        user=world.users["admin"],
        url=URL,
        events=[Event.ORDER_STATUS_CHANGED],
        description="ERP",
    )
    world.delivery = WebhookDelivery.objects.create(
        endpoint=world.endpoint,
        event=Event.ORDER_STATUS_CHANGED,
        payload={"type": "order.status_changed"},
        status=WebhookDelivery.Status.FAILED,
        attempts=6,
        response_status=500,
    )


def _endpoint(world):
    return {"pk": world.endpoint.pk}


def _delivery(world):
    return {"pk": world.endpoint.pk, "delivery_pk": world.delivery.pk}


def _form(world):
    return {
        "url": URL,
        "events": [Event.ORDER_STATUS_CHANGED, Event.RETURN_STATUS_CHANGED],
        "description": "ERP (test)",
        "is_active": "on",
    }


def _to_detail(world):
    return f"/portal/api/webhooks/{world.endpoint.pk}/"


def _row(name, method="get", *, allowed=OK, other_company=NOT_FOUND, **extra):
    return Row(
        name,
        method=method,
        anonymous=LOGIN,
        other_company=other_company,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("admin", allowed),
        **extra,
    )


ROWS = [
    _row("api_portal:webhooks", other_company=OK),
    Row(
        "api_portal:webhooks",
        missing_capability=("no_company", GO_NO_COMPANY),
        label="-no-company",
    ),
    _row("api_portal:webhook_create", other_company=OK),
    # The page showing the new endpoint's secret once; another company's
    # admin adds one to their own company.
    _row(
        "api_portal:webhook_create",
        "post",
        data=_form,
        allowed=SHOWN_ONCE,
        other_company=SHOWN_ONCE,
    ),
    _row("api_portal:webhook_detail", kwargs=_endpoint),
    _row("api_portal:webhook_edit", kwargs=_endpoint),
    _row(
        "api_portal:webhook_edit",
        "post",
        kwargs=_endpoint,
        data=_form,
        allowed=Expect(302, _to_detail, changes=True),
    ),
    _row("api_portal:webhook_delete", kwargs=_endpoint),
    _row(
        "api_portal:webhook_delete",
        "post",
        kwargs=_endpoint,
        allowed=Expect(302, "/portal/api/webhooks/", changes=True),
    ),
    _row("api_portal:webhook_rotate", kwargs=_endpoint),
    _row("api_portal:webhook_rotate", "post", kwargs=_endpoint, allowed=SHOWN_ONCE),
    _row(
        "api_portal:webhook_test",
        "post",
        kwargs=_endpoint,
        allowed=Expect(302, _to_detail, changes=True),
    ),
    _row(
        "api_portal:webhook_retry",
        "post",
        kwargs=_delivery,
        allowed=Expect(302, _to_detail, changes=True),
    ),
    Row(
        "api_portal:webhook_retry",
        method="post",
        kwargs=_delivery,
        missing_capability=("no_company", GO_NO_COMPANY),
        label="-no-company",
    ),
]
