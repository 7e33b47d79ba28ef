from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from api.schema import COMMON_PROBLEMS, problem_responses
from api.views.base import ApiView
from partner_portal.policy_api import AnyApiKey


class KeySerializer(serializers.Serializer):
    name = serializers.CharField()
    prefix = serializers.CharField()
    company = serializers.CharField(allow_null=True)
    access = serializers.ChoiceField(choices=["read", "write"])
    resources = serializers.ListField(child=serializers.CharField())
    acts_as = serializers.EmailField()
    rate_per_minute = serializers.IntegerField()


class MeView(ApiView):
    """The key that made the request: its company, access and resources."""

    policy = AnyApiKey()

    @extend_schema(
        operation_id="key_retrieve",
        responses={200: KeySerializer, **problem_responses(*COMMON_PROBLEMS)},
    )
    def get(self, request):
        from django.conf import settings

        key = self.api_key
        return Response(
            KeySerializer(
                {
                    "name": key.name,
                    "prefix": key.masked,
                    "company": key.company.name if key.company else None,
                    "access": key.access,
                    "resources": key.resources,
                    "acts_as": request.user.email,
                    "rate_per_minute": key.rate_per_minute
                    or settings.PORTAL_API_RATE_PER_MINUTE,
                }
            ).data
        )
