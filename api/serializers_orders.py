"""Products, orders and invoices as the API shows them, and what it accepts to
place an order or (staff ERP keys) to move one on. Output serializers read
what the views prepared; inputs refuse unknown fields."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.serializers import StrictSerializer
from orders.services import MAX_QUANTITY, MAX_QUICK_ORDER_LINES
from orders.services.fulfilment import SHIPMENT_EVENT_TYPES

MONEY = {"max_digits": 12, "decimal_places": 2}
STATUSES = list(settings.OSCAR_ORDER_STATUS_PIPELINE)


# Products


class PriceSerializer(serializers.Serializer):
    currency = serializers.CharField()
    net = serializers.DecimalField(**MONEY, help_text=_("The company's unit price."))
    vat_rate = serializers.DecimalField(max_digits=5, decimal_places=2)
    vat = serializers.DecimalField(**MONEY, help_text=_("VAT of one unit."))
    gross = serializers.DecimalField(**MONEY)
    list_net = serializers.DecimalField(
        **MONEY, help_text=_("The list price the company price replaces.")
    )
    is_company_price = serializers.BooleanField()


class AvailabilitySerializer(serializers.Serializer):
    orderable = serializers.BooleanField()
    in_stock = serializers.IntegerField(allow_null=True)
    message = serializers.CharField()


class CategorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()


class ProductSerializer(serializers.Serializer):
    sku = serializers.CharField()
    title = serializers.CharField(source="product.title")
    upc = serializers.CharField(source="product.upc", allow_blank=True, allow_null=True)
    description = serializers.CharField(source="product.description", allow_blank=True)
    categories = CategorySerializer(source="product.categories.all", many=True)
    price = PriceSerializer(allow_null=True, help_text=_("Null: no price yet."))
    availability = AvailabilitySerializer()


# Orders


class OrderLineSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    sku = serializers.CharField(source="partner_sku")
    title = serializers.CharField()
    quantity = serializers.IntegerField()
    unit_price_net = serializers.DecimalField(source="unit_price_excl_tax", **MONEY)
    line_net = serializers.DecimalField(source="line_price_excl_tax", **MONEY)
    vat_rate = serializers.CharField(source="tax_code", allow_null=True)
    line_gross = serializers.DecimalField(source="line_price_incl_tax", **MONEY)


class ShipmentLineSerializer(serializers.Serializer):
    sku = serializers.CharField(source="line.partner_sku")
    quantity = serializers.IntegerField()


class ShipmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    event_type = serializers.CharField(source="event_type.code")
    reference = serializers.CharField(source="notes", allow_blank=True)
    created_at = serializers.DateTimeField(source="date_created")
    lines = ShipmentLineSerializer(source="line_quantities.all", many=True)


class StatusChangeSerializer(serializers.Serializer):
    old_status = serializers.CharField()
    new_status = serializers.CharField()
    changed_at = serializers.DateTimeField(source="date_created")


class DeliveryAddressSerializer(serializers.Serializer):
    name = serializers.CharField()
    line1 = serializers.CharField()
    line2 = serializers.CharField(allow_blank=True)
    city = serializers.CharField(source="line4")
    postcode = serializers.CharField(allow_blank=True)
    country = serializers.CharField(source="country_id")


class BuyerSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    email = serializers.EmailField()
    name = serializers.CharField(source="get_full_name")


class OrderSerializer(serializers.Serializer):
    number = serializers.CharField()
    placed_at = serializers.DateTimeField(source="date_placed")
    status = serializers.ChoiceField(choices=STATUSES)
    buyer = BuyerSerializer(source="user", allow_null=True)
    po_number = serializers.CharField(source="purchase_order_number", allow_blank=True)
    cost_centre = serializers.CharField(allow_blank=True)
    payment_method = serializers.CharField(allow_blank=True)
    paid_at = serializers.DateTimeField(allow_null=True)
    currency = serializers.CharField()
    total_net = serializers.DecimalField(source="total_excl_tax", **MONEY)
    total_gross = serializers.DecimalField(source="total_incl_tax", **MONEY)


class OrderDetailSerializer(OrderSerializer):
    lines = OrderLineSerializer(source="lines.all", many=True)
    delivery_address = DeliveryAddressSerializer(
        source="shipping_address", allow_null=True
    )
    status_history = StatusChangeSerializer(source="status_changes.all", many=True)
    shipments = ShipmentSerializer(source="shipping_events.all", many=True)
    invoice_number = serializers.CharField(
        allow_null=True, help_text=_("Null while no invoice is issued.")
    )


class LineInputSerializer(StrictSerializer):
    sku = serializers.CharField(max_length=64)
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_QUANTITY)


class OrderCreateSerializer(StrictSerializer):
    lines = serializers.ListField(
        child=LineInputSerializer(),
        allow_empty=False,
        max_length=MAX_QUICK_ORDER_LINES,
    )
    po_number = serializers.CharField(
        max_length=35, required=False, allow_blank=True, default=""
    )
    cost_centre = serializers.CharField(
        max_length=35, required=False, allow_blank=True, default=""
    )
    delivery_address = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text=_(
            "Id of one of the company's delivery addresses; the default one "
            "when left out."
        ),
    )


class ApprovalSerializer(serializers.Serializer):
    """An order that exceeds the buyer's budget and waits for an approver."""

    id = serializers.IntegerField(source="pk")
    status = serializers.CharField()
    total_gross = serializers.DecimalField(source="total", **MONEY)
    currency = serializers.CharField()
    budget_left = serializers.DecimalField(**MONEY)
    po_number = serializers.CharField(source="purchase_order_number", allow_blank=True)
    cost_centre = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField(
        help_text=_("The approval's page in the portal.")
    )

    def get_url(self, approval) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("orders:approval_detail", args=[approval.pk])
        )


# Invoices


class InvoiceSerializer(serializers.Serializer):
    number = serializers.CharField()
    order_number = serializers.CharField(source="order.number")
    issued_at = serializers.DateTimeField(source="created_at")
    currency = serializers.CharField(source="order.currency")
    total_gross = serializers.DecimalField(source="order.total_incl_tax", **MONEY)
    sha256 = serializers.CharField()
    pdf_url = serializers.SerializerMethodField()

    def get_pdf_url(self, invoice) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("api:invoices-pdf", args=[invoice.number])
        )


# Staff (ERP)


class CompanyRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class ErpOrderSerializer(OrderSerializer):
    company = CompanyRefSerializer(allow_null=True)


class ErpOrderDetailSerializer(OrderDetailSerializer):
    company = CompanyRefSerializer(allow_null=True)


class ErpStatusSerializer(StrictSerializer):
    status = serializers.ChoiceField(choices=STATUSES)
    note = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )


class ErpShipmentLineSerializer(StrictSerializer):
    sku = serializers.CharField(max_length=64)
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_QUANTITY)


class ErpShipmentSerializer(StrictSerializer):
    event_type = serializers.ChoiceField(
        choices=list(SHIPMENT_EVENT_TYPES), default="shipped"
    )
    reference = serializers.CharField(
        max_length=500, required=False, allow_blank=True, default=""
    )
    lines = serializers.ListField(
        child=ErpShipmentLineSerializer(),
        required=False,
        max_length=MAX_QUICK_ORDER_LINES,
        help_text=_("Left out or empty: what is left of every line."),
    )
