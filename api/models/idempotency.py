from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class IdempotencyRecord(models.Model):
    """The first answer to a create request with an `Idempotency-Key`, kept
    so that a retry with the same key gets the same answer instead of a second
    order (api/idempotency.py)."""

    api_key = models.ForeignKey(
        "api.ApiKey", on_delete=models.CASCADE, related_name="idempotency_records"
    )
    key = models.CharField(max_length=255)
    # The operation and its body: the same key for another request is refused.
    fingerprint = models.CharField(max_length=64)
    # Null while the first request is still running.
    status_code = models.PositiveSmallIntegerField(null=True)
    body = models.JSONField(null=True, encoder=DjangoJSONEncoder)
    location = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["api_key", "key"], name="idempotency_one_per_key"
            )
        ]

    def __str__(self):
        return f"{self.key} ({self.status_code or 'running'})"
