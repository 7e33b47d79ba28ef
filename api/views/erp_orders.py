"""/api/v1/erp/orders/: our ERP (a staff key) reads every company's orders and
moves them on: the status one step of Oscar's pipeline at a time, shipments
of what was ordered. Both go through the fulfilment service that Oscar's
dashboard uses too, so the rules and the webhooks are the same and the
customer's order page shows the change at once."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from oscar.apps.order.exceptions import InvalidOrderStatus, InvalidShippingEvent
from rest_framework import exceptions
from rest_framework.response import Response

from api.idempotency import IDEMPOTENCY_PARAMETER, idempotent
from api.schema import COMMON_PROBLEMS, problem_responses
from api.serializers_orders import (
    STATUSES,
    ErpOrderDetailSerializer,
    ErpOrderSerializer,
    ErpShipmentSerializer,
    ErpStatusSerializer,
    ShipmentSerializer,
)
from api.views.base import ApiListView, ApiView
from api.views.orders import (
    ORDERING_VALUES,
    NoNullCharacters,
    ordering_sort,
)
from orders.forms import OrderFilterForm
from orders.invoices import invoice_number
from orders.services.fulfilment import (
    order_shipment_add,
    order_status_set,
    shipping_event_type,
)
from orders.staff_selectors import staff_order_get, staff_order_list
from partner_portal.models import Company
from partner_portal.permissions import ApiResource
from partner_portal.policy_api import StaffApiKey

ERP_ORDERS = StaffApiKey(ApiResource.ORDERS)
NUMBER = OpenApiParameter("number", str, OpenApiParameter.PATH)


def _filters(request) -> dict:
    params = request.query_params.copy()
    params.pop("sort", None)
    params.pop("buyer", None)
    form = OrderFilterForm(params, statuses=STATUSES, buyers=None)
    if not form.is_valid():
        raise exceptions.ValidationError(
            {
                "non_field_errors" if name == "__all__" else name: messages
                for name, messages in form.errors.items()
            }
        )
    filters = dict(form.cleaned_data)
    filters["sort"] = ordering_sort(request)
    if slug := params.get("company", "").strip():
        filters["company"] = Company.objects.filter(slug=slug[:60]).first()
        if filters["company"] is None:
            raise exceptions.ValidationError(
                {"company": [_("There is no company with this short name.")]}
            )
    return filters


class ErpOrderListView(NoNullCharacters, ApiListView):
    """Every company's orders, newest first; `?company=` one company's."""

    policy = ERP_ORDERS
    serializer_class = ErpOrderSerializer

    def get_queryset(self):
        return staff_order_list(filters=_filters(self.request))

    @extend_schema(
        operation_id="erp_orders_list",
        parameters=[
            OpenApiParameter(
                "company", str, description=gettext_lazy("The company's short name")
            ),
            OpenApiParameter("status", str, enum=STATUSES),
            OpenApiParameter("q", str),
            OpenApiParameter("po_number", str),
            OpenApiParameter("date_from", OpenApiTypes.DATE),
            OpenApiParameter("date_to", OpenApiTypes.DATE),
            OpenApiParameter("ordering", str, enum=ORDERING_VALUES),
        ],
        responses={
            200: ErpOrderSerializer(many=True),
            **problem_responses(400, 404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


def _detail(number):
    order = staff_order_get(number=number)
    order.invoice_number = invoice_number(order) or None
    return order


class ErpOrderStatusView(NoNullCharacters, ApiView):
    """Move an order to its next status (Pending → Processing → Shipped →
    Complete, or Cancelled before it ships)."""

    policy = ERP_ORDERS

    @extend_schema(
        operation_id="erp_orders_status",
        request=ErpStatusSerializer,
        parameters=[NUMBER, IDEMPOTENCY_PARAMETER],
        responses={
            200: ErpOrderDetailSerializer,
            **problem_responses(400, 404, 409, 422, *COMMON_PROBLEMS),
        },
    )
    @idempotent
    def post(self, request, number):
        order = staff_order_get(number=number)
        serializer = ErpStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            order_status_set(
                order=order,
                status=serializer.validated_data["status"],
                user=request.user,
                note=serializer.validated_data["note"],
            )
        except InvalidOrderStatus as error:
            raise exceptions.ValidationError({"status": [str(error)]}) from None
        return Response(ErpOrderDetailSerializer(_detail(number)).data)


def _quantities(order, lines: list[dict]) -> list[tuple]:
    """(order line, quantity) for the lines named by SKU; a 400 naming the
    line that matches nothing or is named twice."""
    by_sku = {}
    for line in order.lines.all():
        by_sku.setdefault(line.partner_sku.lower(), []).append(line)
    errors, pairs, seen = [], [], set()
    for item in lines:
        matches = by_sku.get(item["sku"].lower(), [])
        if len(matches) != 1:
            errors.append({"sku": [_("The order has no line with this SKU.")]})
        elif matches[0].pk in seen:
            errors.append({"sku": [_("This line is named twice.")]})
        else:
            seen.add(matches[0].pk)
            pairs.append((matches[0], item["quantity"]))
            errors.append({})
    if any(errors):
        raise exceptions.ValidationError({"lines": errors})
    return pairs


class ErpOrderShipmentView(NoNullCharacters, ApiView):
    """Record a shipment (or delivery) of some or all of an order's lines."""

    policy = ERP_ORDERS

    @extend_schema(
        operation_id="erp_orders_shipments_create",
        request=ErpShipmentSerializer,
        parameters=[NUMBER, IDEMPOTENCY_PARAMETER],
        responses={
            201: ShipmentSerializer,
            **problem_responses(400, 404, 409, 422, *COMMON_PROBLEMS),
        },
    )
    @idempotent
    def post(self, request, number):
        order = staff_order_get(number=number)
        serializer = ErpShipmentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        quantities = _quantities(order, data.get("lines") or [])
        try:
            event = order_shipment_add(
                order=order,
                event_type=shipping_event_type(data["event_type"]),
                quantities=quantities,
                reference=data["reference"],
                user=request.user,
            )
        except InvalidShippingEvent as error:
            field = "lines" if quantities else "non_field_errors"
            raise exceptions.ValidationError({field: [str(error)]}) from None
        return Response(ShipmentSerializer(event).data, status=201)
