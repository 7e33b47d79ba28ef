"""Outbound webhooks: a company's endpoints and what was sent to them.

An endpoint is a URL a company admin registered with the business events it
wants (partner_portal.events.Event). Each event of the company becomes one
delivery per subscribed active endpoint; a delivery is tried until the
receiver answers 2xx, with backoff, and then kept with the last answer so the
admin can see what happened (api.webhooks.delivery).
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partner_portal.events import Event
from partner_portal.models import CompanyOwnedModel
from partner_portal.scoping import CompanyOwnedQuerySet

SECRET_PREFIX = "whsec_"
# A test delivery from the endpoint's page: not an event anyone subscribes to.
TEST_EVENT = "webhook.test"


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


class WebhookEndpoint(CompanyOwnedModel):
    url = models.URLField(_("URL"), max_length=500)
    events = models.JSONField(_("events"), default=list)
    # Kept in plain text: the portal signs every delivery with it.
    secret = models.CharField(_("signing secret"), max_length=100, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    secret_rotated_at = models.DateTimeField(_("secret changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.url

    @property
    def masked_secret(self) -> str:
        return f"{SECRET_PREFIX}…{self.secret[-4:]}"

    def event_labels(self) -> list[str]:
        return [Event(e).label for e in self.events if e in Event.values]

    def wants(self, event: str) -> bool:
        return self.is_active and event in self.events


class WebhookDeliveryQuerySet(CompanyOwnedQuerySet):
    company_path = "endpoint__company"


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Delivered")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        verbose_name=_("endpoint"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField(_("event"), max_length=50)
    # The event's id: the same in every delivery and retry of one event.
    event_id = models.UUIDField(_("event id"), default=uuid.uuid4)
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # When a pending delivery is due; while one attempt runs, a little later
    # (a lease), so that a second sender leaves it alone.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True)
    response_body = models.TextField(_("response"), blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True)

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event_id"], name="webhook_delivery_once"
            )
        ]
        indexes = [
            models.Index(
                fields=["status", "next_attempt_at"], name="webhook_delivery_due"
            ),
            models.Index(
                fields=["endpoint", "-created_at"], name="webhook_delivery_recent"
            ),
        ]

    def __str__(self):
        return f"{self.event} → {self.endpoint_id} ({self.status})"

    @property
    def event_label(self) -> str:
        if self.event == TEST_EVENT:
            return str(_("Test event"))
        return Event(self.event).label if self.event in Event.values else self.event
