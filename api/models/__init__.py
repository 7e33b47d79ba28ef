from api.models.idempotency import IdempotencyRecord
from api.models.keys import ApiKey

__all__ = ["ApiKey", "IdempotencyRecord"]
