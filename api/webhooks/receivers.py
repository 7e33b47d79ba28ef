"""Every business event of a company becomes deliveries to its endpoints."""

from django.dispatch import receiver

from api.webhooks.delivery import deliveries_create
from partner_portal.events import business_event


@receiver(business_event, dispatch_uid="api-webhooks-deliveries")
def deliveries_for_event(sender, *, event, company, data, event_id, occurred_at, **kw):
    deliveries_create(
        company=company,
        event=event,
        event_id=event_id,
        occurred_at=occurred_at,
        data=data,
    )
