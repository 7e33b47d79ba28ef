"""Returns in the API: what a return looks like (list row, detail) and what
a client sends to request one or, with a staff key, to book what arrived.
Output and input are separate serializers; inputs reject unknown fields."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.serializers import StrictSerializer
from returns.models import ReturnEvent, ReturnLine, ReturnRequest


def _person(user) -> str:
    return user.get_full_name() or user.email


class ReturnListSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    reason_label = serializers.CharField(source="get_reason_display")
    order = serializers.CharField(source="order.number", help_text=_("Order number"))
    purchase_order_number = serializers.CharField(source="order.purchase_order_number")
    requested_by = serializers.SerializerMethodField()

    class Meta:
        model = ReturnRequest
        fields = [
            "number",
            "status",
            "status_label",
            "reason",
            "reason_label",
            "order",
            "purchase_order_number",
            "requested_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_requested_by(self, obj) -> str:
        return _person(obj.requested_by)


class ReturnLineSerializer(serializers.ModelSerializer):
    order_line_id = serializers.IntegerField()
    sku = serializers.CharField(source="order_line.partner_sku")
    title = serializers.CharField(source="order_line.title")
    # Empty until the returns desk has received the goods.
    condition = serializers.ChoiceField(
        choices=ReturnLine._meta.get_field("condition").choices, allow_blank=True
    )

    class Meta:
        model = ReturnLine
        fields = [
            "id",
            "order_line_id",
            "sku",
            "title",
            "quantity",
            "received_quantity",
            "condition",
        ]
        read_only_fields = fields


class ReturnEventSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    by = serializers.SerializerMethodField(
        help_text=_("Who took the step; our own staff show as the returns desk.")
    )

    class Meta:
        model = ReturnEvent
        fields = ["status", "status_label", "note", "by", "created_at"]
        read_only_fields = fields

    def get_by(self, obj) -> str:
        # The customer's timeline names colleagues, never our own staff.
        if obj.actor is None:
            return ""
        if obj.actor.is_staff:
            return str(_("Returns desk"))
        return _person(obj.actor)


class CreditNoteSummarySerializer(serializers.Serializer):
    number = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()


class ReturnDetailSerializer(ReturnListSerializer):
    lines = ReturnLineSerializer(many=True)
    events = ReturnEventSerializer(many=True)
    photo_count = serializers.SerializerMethodField()
    has_label = serializers.SerializerMethodField()
    credit_note = CreditNoteSummarySerializer(allow_null=True)

    class Meta(ReturnListSerializer.Meta):
        fields = [
            *ReturnListSerializer.Meta.fields,
            "comment",
            "rejection_reason",
            "refund_amount",
            "lines",
            "events",
            "photo_count",
            "has_label",
            "credit_note",
        ]
        read_only_fields = fields

    def get_photo_count(self, obj) -> int:
        return len(obj.photos.all())

    def get_has_label(self, obj) -> bool:
        return bool(obj.label_pdf)


class ErpReturnSerializer(ReturnDetailSerializer):
    """The staff view of a return also names the company."""

    company = serializers.CharField(source="company.slug")
    company_name = serializers.CharField(source="company.name")

    class Meta(ReturnDetailSerializer.Meta):
        fields = ["company", "company_name", *ReturnDetailSerializer.Meta.fields]
        read_only_fields = fields


# Inputs.

MAX_LINES = 500


def _some_lines(lines):
    # A list's own length errors would be named "lines.non_field_errors".
    if not lines:
        raise serializers.ValidationError(_("Name at least one line."))
    if len(lines) > MAX_LINES:
        raise serializers.ValidationError(
            _("Name at most %(max)s lines.") % {"max": MAX_LINES}
        )
    return lines


class ReturnLineInputSerializer(StrictSerializer):
    sku = serializers.CharField(required=False, max_length=128)
    order_line_id = serializers.IntegerField(required=False, min_value=1)
    quantity = serializers.IntegerField(min_value=1, max_value=1_000_000)

    def validate(self, attrs):
        if ("sku" in attrs) == ("order_line_id" in attrs):
            raise serializers.ValidationError(
                {"sku": [_("Give either the SKU or the order line id.")]}
            )
        return attrs


class ReturnCreateSerializer(StrictSerializer):
    order = serializers.CharField(max_length=128, help_text=_("Order number"))
    reason = serializers.ChoiceField(choices=ReturnRequest.Reason.choices)
    comment = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, default=""
    )
    lines = ReturnLineInputSerializer(many=True)

    def validate_lines(self, lines):
        return _some_lines(lines)


class ReceivedLineInputSerializer(StrictSerializer):
    return_line_id = serializers.IntegerField(required=False, min_value=1)
    sku = serializers.CharField(required=False, max_length=128)
    quantity = serializers.IntegerField(min_value=0, max_value=1_000_000)
    condition = serializers.ChoiceField(
        choices=ReturnLine.Condition.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Required when the quantity is more than 0."),
    )

    def validate(self, attrs):
        if ("sku" in attrs) == ("return_line_id" in attrs):
            raise serializers.ValidationError(
                {"sku": [_("Give either the SKU or the return line id.")]}
            )
        if attrs["quantity"] and not attrs.get("condition"):
            raise serializers.ValidationError(
                {"condition": [_("Choose the condition of the goods.")]}
            )
        return attrs


class ReturnReceivedSerializer(StrictSerializer):
    lines = ReceivedLineInputSerializer(many=True)

    def validate_lines(self, lines):
        return _some_lines(lines)

    note = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, default=""
    )
