"""/api/v1/products/: the shop's catalogue with the key's company's price,
VAT and availability, as the shop shows them to its members."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from oscar.core.loading import get_model
from rest_framework import exceptions
from rest_framework.response import Response

from api.schema import COMMON_PROBLEMS, problem_responses
from api.serializers_orders import ProductSerializer
from api.views.base import ApiListView, ApiView
from api.views.orders import NoNullCharacters
from orders.product_selectors import (
    company_products,
    product_filter,
    product_get_by_sku,
    product_queryset,
)
from partner_portal.permissions import ApiResource
from partner_portal.policy import Member
from partner_portal.policy_api import ApiScope

Category = get_model("catalogue", "Category")

PRODUCTS_READ = Member() & ApiScope(ApiResource.PRODUCTS)
ORDERING = {"title": "title", "created_at": "date_created"}
ORDERING_VALUES = [*ORDERING, *(f"-{name}" for name in ORDERING)]


class ProductListView(NoNullCharacters, ApiListView):
    """Products with the company's price; `q`, `category` and `sku` filter."""

    policy = PRODUCTS_READ
    serializer_class = ProductSerializer

    def get_queryset(self):
        params = self.request.query_params
        category = None
        if raw := params.get("category", "").strip():
            if raw.isdigit() and len(raw) < 10:
                category = Category.objects.browsable().filter(pk=int(raw)).first()
            if category is None:
                raise exceptions.ValidationError(
                    {"category": [_("There is no category with this id.")]}
                )
        products = product_filter(
            product_queryset(),
            q=params.get("q", "")[:200],
            category=category,
            sku=params.get("sku", "").strip()[:64],
        )
        ordering = params.get("ordering", "") or "title"
        if ordering not in ORDERING_VALUES:
            raise exceptions.ValidationError(
                {
                    "ordering": [
                        _("Choose one of: %(values)s.")
                        % {"values": ", ".join(ORDERING_VALUES)}
                    ]
                }
            )
        field = ORDERING[ordering.lstrip("-")]
        return products.order_by(f"-{field}" if ordering[0] == "-" else field, "pk")

    def get_serializer(self, page, many=False):
        rows = company_products(page, company=self.company, user=self.request.user)
        return ProductSerializer(rows, many=many)

    @extend_schema(
        operation_id="products_list",
        parameters=[
            OpenApiParameter(
                "q",
                str,
                description=gettext_lazy("Words in the title, the UPC or a SKU"),
            ),
            OpenApiParameter(
                "category",
                int,
                description=gettext_lazy("Category id (with its subcategories)"),
            ),
            OpenApiParameter("sku", str, description=gettext_lazy("Exact SKU")),
            OpenApiParameter("ordering", str, enum=ORDERING_VALUES),
        ],
        responses={
            200: ProductSerializer(many=True),
            **problem_responses(400, 404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ProductDetailView(NoNullCharacters, ApiView):
    """One product by its SKU."""

    policy = PRODUCTS_READ

    @extend_schema(
        operation_id="products_retrieve",
        parameters=[OpenApiParameter("sku", str, OpenApiParameter.PATH)],
        responses={
            200: ProductSerializer,
            **problem_responses(404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, sku):
        product = product_get_by_sku(sku=sku)
        if product is None:
            raise exceptions.NotFound(_("There is no product with this SKU."))
        [row] = company_products([product], company=self.company, user=request.user)
        return Response(ProductSerializer(row).data)
