from api.models.idempotency import IdempotencyRecord
from api.models.keys import ApiKey
from api.models.webhooks import WebhookDelivery, WebhookEndpoint

__all__ = ["ApiKey", "IdempotencyRecord", "WebhookDelivery", "WebhookEndpoint"]
