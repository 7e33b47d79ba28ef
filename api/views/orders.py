"""/api/v1/orders/ and /api/v1/invoices/: the orders the key's member sees on
the order history (a buyer their own, procurement the company's), with the
history page's filters; placing an order from SKU lines through the web's
checkout (budgets, approvals, credit limit); the invoices of those orders and
their private PDFs."""

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from api.idempotency import IDEMPOTENCY_PARAMETER, idempotent
from api.schema import COMMON_PROBLEMS, problem_responses
from api.serializers_orders import (
    ApprovalSerializer,
    InvoiceSerializer,
    OrderCreateSerializer,
    OrderDetailSerializer,
    OrderSerializer,
)
from api.views.base import ApiDetailView, ApiListView, ApiView
from orders.forms import OrderFilterForm
from orders.invoices import invoice_number
from orders.models import Invoice
from orders.selectors import order_get, order_list
from orders.services import CheckoutError
from orders.services.line_orders import OrderLinesError, order_place_from_lines
from partner_portal.files import ATTACHMENT, PDF, private_file_response
from partner_portal.permissions import ApiResource, Capability, capabilities_for
from partner_portal.policy import Member
from partner_portal.policy_api import ApiScope, ReadWrite
from partner_portal.scoping import get_for_company_or_404
from partner_portal.selectors import membership_list

ORDERS_READ = Member(Capability.ORDER_VIEW_OWN) & ApiScope(ApiResource.ORDERS)
ORDERS_CREATE = Member(Capability.ORDER_PLACE) & ApiScope(ApiResource.ORDERS)
INVOICES_READ = Member(Capability.ORDER_VIEW_OWN) & ApiScope(ApiResource.INVOICES)
STATUSES = list(settings.OSCAR_ORDER_STATUS_PIPELINE)
# `?ordering=` values and the history page's sort they stand for.
ORDERING = {
    "placed_at": "date_placed",
    "total_gross": "total_incl_tax",
    "number": "number",
}
ORDERING_VALUES = [*ORDERING, *(f"-{name}" for name in ORDERING)]
ORDER_FILTERS = [
    OpenApiParameter(
        "q", str, description=gettext_lazy("Order, PO number or cost centre (part)")
    ),
    OpenApiParameter(
        "date_from", OpenApiTypes.DATE, description=gettext_lazy("Placed on or after")
    ),
    OpenApiParameter(
        "date_to", OpenApiTypes.DATE, description=gettext_lazy("Placed on or before")
    ),
    OpenApiParameter("status", str, enum=STATUSES),
    OpenApiParameter(
        "buyer",
        int,
        description=gettext_lazy(
            "User id of the buyer (keys of members who see all orders)"
        ),
    ),
    OpenApiParameter("po_number", str, description=gettext_lazy("PO number (part)")),
    OpenApiParameter(
        "product", str, description=gettext_lazy("Product title (part) or exact SKU")
    ),
    OpenApiParameter("ordering", str, enum=ORDERING_VALUES),
]
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class NoNullCharacters:
    """A NUL in the path is a 404 before any lookup: PostgreSQL refuses such
    strings with an error, not an answer. (The middleware already takes NULs
    out of the query string.)"""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if any("\x00" in str(value) for value in kwargs.values()):
            raise exceptions.NotFound()


def ordering_sort(request) -> str:
    """The history page's sort for `?ordering=`, or a 400."""
    value = request.query_params.get("ordering", "")
    if not value:
        return ""
    if value not in ORDERING_VALUES:
        raise exceptions.ValidationError(
            {
                "ordering": [
                    _("Choose one of: %(values)s.")
                    % {"values": ", ".join(ORDERING_VALUES)}
                ]
            }
        )
    field = ORDERING[value.lstrip("-")]
    return f"-{field}" if value.startswith("-") else field


def history_filters(request, *, company, membership) -> dict:
    """The order history page's filter form over the query string: its
    rules, its messages; a 400 naming the parameter."""
    sees_all = Capability.ORDER_VIEW_ALL in capabilities_for(membership)
    buyers = [m.user for m in membership_list(company=company)] if sees_all else None
    params = request.query_params.copy()
    params.pop("sort", None)
    form = OrderFilterForm(params, statuses=STATUSES, buyers=buyers)
    if not form.is_valid():
        errors = {}
        for name, messages in form.errors.items():
            errors["non_field_errors" if name == "__all__" else name] = messages
        raise exceptions.ValidationError(errors)
    filters = dict(form.cleaned_data)
    filters["sort"] = ordering_sort(request)
    return filters


class OrderListCreateView(NoNullCharacters, ApiListView):
    """The orders the key's member sees; POST places one."""

    policy = ReadWrite(read=ORDERS_READ, write=ORDERS_CREATE)
    serializer_class = OrderSerializer

    def get_queryset(self):
        return order_list(
            company=self.company,
            user=self.request.user,
            membership=self.membership,
            filters=history_filters(
                self.request, company=self.company, membership=self.membership
            ),
        )

    @extend_schema(
        operation_id="orders_list",
        parameters=ORDER_FILTERS,
        responses={
            200: OrderSerializer(many=True),
            **problem_responses(400, 404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="orders_create",
        request=OrderCreateSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={
            201: OpenApiResponse(
                OrderDetailSerializer, description=gettext_lazy("The order placed.")
            ),
            202: OpenApiResponse(
                ApprovalSerializer,
                description=gettext_lazy(
                    "The order exceeds the buyer's budget and waits for an approver."
                ),
            ),
            **problem_responses(400, 409, 422, *COMMON_PROBLEMS),
        },
    )
    @idempotent
    def post(self, request):
        serializer = OrderCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            result = order_place_from_lines(
                user=request.user,
                company=self.company,
                lines=[(line["sku"], line["quantity"]) for line in data["lines"]],
                po_number=data["po_number"],
                cost_centre=data["cost_centre"],
                address_id=data.get("delivery_address"),
            )
        except OrderLinesError as error:
            errors = dict(error.fields)
            if error.lines:
                errors["lines"] = [
                    {"sku": [error.lines[index]]} if index in error.lines else {}
                    for index in range(len(data["lines"]))
                ]
            raise exceptions.ValidationError(errors) from None
        except CheckoutError as error:
            raise exceptions.ValidationError(
                {"non_field_errors": [str(error)]}
            ) from None
        if result.order is None:
            return Response(
                ApprovalSerializer(result.approval, context={"request": request}).data,
                status=202,
            )
        order = self._detail(result.order.number)
        return Response(
            OrderDetailSerializer(order).data,
            status=201,
            headers={"Location": reverse("api:orders-detail", args=[order.number])},
        )

    def _detail(self, number):
        return order_detail(self.request, company=self.company, number=number)


def order_detail(request, *, company, number):
    """The order the member sees, with its lines, history and shipments."""
    order = order_get(
        company=company,
        user=request.user,
        membership=request._request.membership,
        number=number,
    )
    prefetch_related_objects([order], "shipping_events__line_quantities__line")
    order.invoice_number = invoice_number(order) or None
    return order


class OrderDetailView(NoNullCharacters, ApiDetailView):
    """One order with its lines, status history and shipments."""

    policy = ORDERS_READ
    serializer_class = OrderDetailSerializer

    def get_object(self):
        return order_detail(
            self.request, company=self.company, number=self.kwargs["number"]
        )

    @extend_schema(
        operation_id="orders_retrieve",
        parameters=[OpenApiParameter("number", str, OpenApiParameter.PATH)],
        responses={
            200: OrderDetailSerializer,
            **problem_responses(404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


def visible_invoices(request, *, company):
    """The invoices of the orders the member sees."""
    orders = order_list(
        company=company, user=request.user, membership=request._request.membership
    )
    return (
        Invoice.objects.for_company(company)
        .filter(order__in=orders.values("pk"))
        .select_related("order")
    )


class InvoiceListView(NoNullCharacters, ApiListView):
    """The invoices of the orders the key's member sees, newest first."""

    policy = INVOICES_READ
    serializer_class = InvoiceSerializer

    def get_queryset(self):
        invoices = visible_invoices(self.request, company=self.company)
        if order := self.request.query_params.get("order", "").strip():
            invoices = invoices.filter(order__number=order)
        return invoices.order_by("-created_at", "-pk")

    @extend_schema(
        operation_id="invoices_list",
        parameters=[
            OpenApiParameter(
                "order", str, description=gettext_lazy("Only this order's invoice")
            )
        ],
        responses={
            200: InvoiceSerializer(many=True),
            **problem_responses(404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class InvoicePdfView(NoNullCharacters, ApiView):
    """The invoice's PDF as stored when it was issued (private, no-store). It
    answers whatever the client accepts: the PDF, or problem details."""

    policy = INVOICES_READ

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        operation_id="invoices_pdf_retrieve",
        parameters=[OpenApiParameter("number", str, OpenApiParameter.PATH)],
        responses={
            (200, PDF): OpenApiResponse(
                OpenApiTypes.BINARY, description=gettext_lazy("The invoice PDF.")
            ),
            **problem_responses(404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, number):
        invoice = get_for_company_or_404(
            visible_invoices(request, company=self.company),
            company=self.company,
            number=number,
        )
        return private_file_response(
            invoice.pdf,
            filename=f"{invoice.number}.pdf",
            content_type=PDF,
            disposition=ATTACHMENT,
        )
