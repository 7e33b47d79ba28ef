"""What /api/v1/webhooks/ reads and writes. The signing secret is in the
answer to the create request only."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.models import WebhookDelivery, WebhookEndpoint
from api.serializers import StrictSerializer
from api.webhooks.urls_guard import UnsafeUrl, check_url
from partner_portal.events import Event


class WebhookEndpointSerializer(serializers.ModelSerializer):
    events = serializers.ListField(child=serializers.ChoiceField(Event.choices))
    secret = serializers.CharField(
        source="masked_secret",
        help_text=_(
            "Only its last characters; the whole secret is in the answer "
            "to the create request."
        ),
    )

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "url",
            "events",
            "description",
            "is_active",
            "secret",
            "created_at",
        ]


class WebhookEndpointCreatedSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(
        help_text=_("The signing secret, shown this once."),
    )


class WebhookEndpointCreateSerializer(StrictSerializer):
    url = serializers.URLField(max_length=500)
    events = serializers.ListField(
        child=serializers.ChoiceField(Event.choices), min_length=1, max_length=10
    )
    description = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )

    def validate_url(self, value):
        try:
            check_url(value)
        except UnsafeUrl as refused:
            raise serializers.ValidationError(str(refused)) from refused
        return value


class WebhookDeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "event_id",
            "status",
            "attempts",
            "next_attempt_at",
            "response_status",
            "response_body",
            "error",
            "created_at",
            "last_attempt_at",
            "delivered_at",
        ]
