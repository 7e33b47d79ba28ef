"""Access-matrix rows of /api/v1/webhooks/ (see tests/api/api_matrix.py):
a key with the "webhooks" resource of a company admin; another company's
endpoint answers 404 and is not in its list."""

from api.models import WebhookDelivery
from api.webhooks.services import endpoint_create
from partner_portal.events import Event
from tests.api.api_matrix import ApiRow

# A public address as an IP: no DNS lookup needed.
URL = "https://93.184.215.14/hooks/portal"


def _endpoint(world):
    if not hasattr(world, "webhook_endpoint"):
        world.webhook_endpoint = endpoint_create(
            company=world.company,
            user=world.users["company_admin"],
            url=URL,
            events=[Event.ORDER_STATUS_CHANGED],
        )
        WebhookDelivery.objects.create(
            endpoint=world.webhook_endpoint, event="webhook.test", payload={}
        )
    return world.webhook_endpoint


def _pk(world):
    return {"pk": _endpoint(world).pk}


def _listed(world, response):
    return any(item["id"] == _endpoint(world).pk for item in response.json()["results"])


def _new(world):
    return {"url": URL, "events": [Event.RETURN_STATUS_CHANGED]}


ROWS = [
    ApiRow(
        "api:webhooks-list",
        resource="webhooks",
        kwargs=lambda world: (_endpoint(world), {})[1],
        other_company=200,
        absent=_listed,
    ),
    ApiRow(
        "api:webhooks-list",
        method="post",
        resource="webhooks",
        data=_new,
        ok=201,
        other_company=201,
    ),
    ApiRow("api:webhooks-detail", resource="webhooks", kwargs=_pk),
    ApiRow(
        "api:webhooks-detail", method="delete", resource="webhooks", kwargs=_pk, ok=204
    ),
    ApiRow("api:webhooks-deliveries", resource="webhooks", kwargs=_pk),
]
