"""/api/v1/webhooks/: a company's webhook endpoints by API key, as on the
portal's webhook pages (list, add, one, delete, its deliveries). A key needs
the "webhooks" resource and acts as its member, who must be a company admin
(Capability.API_MANAGE). Another company's endpoint answers 404."""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from api.idempotency import IDEMPOTENCY_PARAMETER, idempotent
from api.models import WebhookDelivery, WebhookEndpoint
from api.schema import COMMON_PROBLEMS, problem_responses
from api.views.base import ApiDetailView, ApiListView
from api.views.service_helpers import validated
from api.webhooks.serializers import (
    WebhookDeliverySerializer,
    WebhookEndpointCreatedSerializer,
    WebhookEndpointCreateSerializer,
    WebhookEndpointSerializer,
)
from api.webhooks.services import (
    WebhookError,
    endpoint_create,
    endpoint_delete,
    endpoint_list,
)
from partner_portal.permissions import ApiResource, Capability
from partner_portal.policy import Member
from partner_portal.policy_api import ApiScope
from partner_portal.scoping import get_for_company_or_404

WEBHOOKS_API = Member(Capability.API_MANAGE) & ApiScope(ApiResource.WEBHOOKS)
ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description=_("Endpoint id"))


class WebhookEndpointListCreateView(ApiListView):
    """The company's endpoints, newest first; POST adds one."""

    policy = WEBHOOKS_API
    serializer_class = WebhookEndpointSerializer

    def get_queryset(self):
        return endpoint_list(company=self.company).order_by("-created_at", "-pk")

    @extend_schema(
        operation_id="webhooks_list",
        responses={
            200: WebhookEndpointSerializer(many=True),
            **problem_responses(404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="webhooks_create",
        request=WebhookEndpointCreateSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={
            201: WebhookEndpointCreatedSerializer,
            **problem_responses(400, 409, 422, *COMMON_PROBLEMS),
        },
    )
    @idempotent
    def post(self, request):
        data = validated(WebhookEndpointCreateSerializer, request.data)
        try:
            endpoint = endpoint_create(
                company=self.company,
                user=request.user,
                url=data["url"],
                events=data["events"],
                description=data["description"],
            )
        except WebhookError as error:
            raise exceptions.ValidationError(
                {"non_field_errors": [str(error)]}
            ) from None
        return Response(
            WebhookEndpointCreatedSerializer(endpoint).data,
            status=201,
            headers={"Location": reverse("api:webhooks-detail", args=[endpoint.pk])},
        )


class WebhookEndpointDetailView(ApiDetailView):
    """One endpoint; DELETE removes it with its deliveries."""

    policy = WEBHOOKS_API
    serializer_class = WebhookEndpointSerializer

    def get_object(self):
        return get_for_company_or_404(
            WebhookEndpoint, company=self.company, pk=self.kwargs["pk"]
        )

    @extend_schema(
        operation_id="webhooks_retrieve",
        parameters=[ID],
        responses={
            200: WebhookEndpointSerializer,
            **problem_responses(404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="webhooks_destroy",
        parameters=[ID],
        responses={204: None, **problem_responses(404, *COMMON_PROBLEMS)},
    )
    def delete(self, request, *args, **kwargs):
        endpoint_delete(endpoint=self.get_object())
        return Response(status=204)


class WebhookDeliveryListView(ApiListView):
    """The endpoint's deliveries, newest first, with the receiver's answers."""

    policy = WEBHOOKS_API
    serializer_class = WebhookDeliverySerializer

    def get_queryset(self):
        endpoint = get_for_company_or_404(
            WebhookEndpoint, company=self.company, pk=self.kwargs["pk"]
        )
        return (
            WebhookDelivery.objects.for_company(self.company)
            .filter(endpoint=endpoint)
            .order_by("-created_at", "-pk")
        )

    @extend_schema(
        operation_id="webhooks_deliveries_list",
        parameters=[ID],
        responses={
            200: WebhookDeliverySerializer(many=True),
            **problem_responses(404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
