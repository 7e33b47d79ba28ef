"""/api/v1/returns/: the company's returns as the member who made the key sees
them on "Returns", and requesting one as on an order's return form: the same
returnable quantities, return windows, RMA numbers and mails (the one
service, `return_request_create`)."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from api.idempotency import IDEMPOTENCY_PARAMETER, idempotent
from api.schema import COMMON_PROBLEMS, problem_responses
from api.serializers_returns import (
    ReturnCreateSerializer,
    ReturnDetailSerializer,
    ReturnListSerializer,
)
from api.views.base import ApiDetailView, ApiListView
from api.views.service_helpers import (
    form_errors,
    number_parameter,
    ordered,
    ordering_parameter,
    submission_key,
    validated,
)
from orders.selectors import order_get
from partner_portal.permissions import ApiResource, Capability
from partner_portal.policy import Member
from partner_portal.policy_api import ApiScope, ReadWrite
from returns.forms import ReturnFilterForm
from returns.models import ReturnRequest
from returns.selectors import return_get, return_list
from returns.services import ReturnError, return_request_create

RETURNS_READ = Member(Capability.ORDER_VIEW_OWN) & ApiScope(ApiResource.RETURNS)
RETURNS_CREATE = Member(Capability.RETURN_CREATE) & ApiScope(ApiResource.RETURNS)
ORDERING = ("created_at", "number", "status")

FILTERS = [
    OpenApiParameter(
        "q", str, description=gettext_lazy("RMA, order or PO number (part of)")
    ),
    OpenApiParameter("status", str, enum=ReturnRequest.Status.values),
    OpenApiParameter("reason", str, enum=ReturnRequest.Reason.values),
    OpenApiParameter(
        "date_from",
        OpenApiTypes.DATE,
        description=gettext_lazy("Requested on or after"),
    ),
    OpenApiParameter(
        "date_to", OpenApiTypes.DATE, description=gettext_lazy("Requested on or before")
    ),
    ordering_parameter(ORDERING),
]


def _order_lines(order, lines: list[dict]) -> dict[int, int]:
    """order line id -> quantity for the request's lines, named by SKU or by
    order line id; a 400 naming the line that matches nothing."""
    by_id = {line.pk: line for line in order.lines.all()}
    errors, quantities = [], {}
    for item in lines:
        error, line = {}, None
        if "order_line_id" in item:
            line = by_id.get(item["order_line_id"])
            if line is None:
                error["order_line_id"] = [_("This line is not part of the order.")]
        else:
            matches = [x for x in by_id.values() if x.partner_sku == item["sku"]]
            if not matches:
                error["sku"] = [_("The order has no line with this SKU.")]
            elif len(matches) > 1:
                error["sku"] = [
                    _(
                        "The order has several lines with this SKU; name the line "
                        "by its order_line_id."
                    )
                ]
            else:
                line = matches[0]
        if line is not None and line.pk in quantities:
            error["quantity"] = [_("This line is named twice.")]
        elif line is not None:
            quantities[line.pk] = item["quantity"]
        errors.append(error)
    if any(errors):
        raise exceptions.ValidationError({"lines": errors})
    return quantities


class ReturnListCreateView(ApiListView):
    """The returns the key's member sees on "Returns"; POST requests one."""

    policy = ReadWrite(read=RETURNS_READ, write=RETURNS_CREATE)
    serializer_class = ReturnListSerializer

    def get_queryset(self):
        form = ReturnFilterForm(self.request.query_params)
        if not form.is_valid():
            raise exceptions.ValidationError(form_errors(form))
        return return_list(
            company=self.company,
            user=self.request.user,
            membership=self.membership,
            filters=form.cleaned_data,
        )

    def filter_queryset(self, queryset):
        return ordered(queryset, self.request, ORDERING)

    @extend_schema(
        operation_id="returns_list",
        parameters=FILTERS,
        responses={
            200: ReturnListSerializer(many=True),
            **problem_responses(400, 404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="returns_create",
        request=ReturnCreateSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={
            201: ReturnDetailSerializer,
            **problem_responses(400, 409, 422, *COMMON_PROBLEMS),
        },
    )
    @idempotent
    def post(self, request):
        data = validated(ReturnCreateSerializer, request.data)
        try:
            order = order_get(
                company=self.company,
                user=request.user,
                membership=self.membership,
                number=data["order"],
            )
        except Http404:
            raise exceptions.ValidationError(
                {"order": [_("There is no order with this number.")]}
            ) from None
        quantities = _order_lines(order, data["lines"])
        try:
            created = return_request_create(
                company=self.company,
                user=request.user,
                order=order,
                quantities=quantities,
                reason=data["reason"],
                comment=data["comment"],
                photos=[],
                submission_key=submission_key(request),
            )
        except ReturnError as error:
            raise exceptions.ValidationError({"lines": [str(error)]}) from None
        return_request = return_get(
            company=self.company,
            user=request.user,
            membership=self.membership,
            number=created.number,
        )
        return Response(
            ReturnDetailSerializer(return_request).data,
            status=201,
            headers={"Location": reverse("api:returns-detail", args=[created.number])},
        )


class ReturnDetailView(ApiDetailView):
    """One return with its lines, its timeline and its documents."""

    policy = RETURNS_READ
    serializer_class = ReturnDetailSerializer

    def get_object(self):
        return return_get(
            company=self.company,
            user=self.request.user,
            membership=self.membership,
            number=self.kwargs["number"],
        )

    @extend_schema(
        operation_id="returns_retrieve",
        parameters=[number_parameter(gettext_lazy("RMA number"))],
        responses={
            200: ReturnDetailSerializer,
            **problem_responses(404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
