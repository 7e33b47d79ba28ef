"""Support requests in the API: list rows, the detail with its public
conversation and history (internal notes never: the selectors leave them out
before anything reaches these serializers), and what a client sends to open a
request or reply."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers import StrictSerializer
from support.models import (
    Attachment,
    Event,
    Message,
    Service,
    ServiceField,
    SupportRequest,
)


def _person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.email


class SupportRequestListSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    priority_label = serializers.CharField(source="get_priority_display")
    approval_label = serializers.CharField(source="get_approval_display")
    service = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    service_name = serializers.SerializerMethodField()
    requester = serializers.SerializerMethodField()

    class Meta:
        model = SupportRequest
        fields = [
            "number",
            "subject",
            "status",
            "status_label",
            "priority",
            "priority_label",
            "approval",
            "approval_label",
            "service",
            "service_name",
            "requester",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_service_name(self, obj) -> str:
        return obj.service.name if obj.service else ""

    def get_requester(self, obj) -> str:
        return _person(obj.requester)


class AttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="filename")

    class Meta:
        model = Attachment
        fields = ["id", "name", "content_type", "size", "created_at"]
        read_only_fields = fields


class MessageSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    attachments = AttachmentSerializer(many=True)

    class Meta:
        model = Message
        fields = ["id", "author", "body", "created_at", "attachments"]
        read_only_fields = fields

    def get_author(self, obj) -> str:
        return _person(obj.author)


class HistorySerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    value = serializers.CharField(
        source="new_label", help_text=_("The new status, approval or priority.")
    )
    by = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = ["kind", "kind_label", "value", "by", "created_at"]
        read_only_fields = fields

    def get_by(self, obj) -> str:
        return _person(obj.actor)


class SupportRequestDetailSerializer(SupportRequestListSerializer):
    answers = serializers.DictField(
        child=serializers.CharField(),
        help_text=_("The answers of the service's form: label to value."),
    )
    team = serializers.SerializerMethodField()
    assignee = serializers.SerializerMethodField()
    approved_by = serializers.SerializerMethodField()
    merged_into = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()
    messages = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()

    class Meta(SupportRequestListSerializer.Meta):
        fields = [
            *SupportRequestListSerializer.Meta.fields,
            "description",
            "answers",
            "team",
            "assignee",
            "approved_by",
            "approved_at",
            "resolved_at",
            "closed_at",
            "merged_into",
            "rating",
            "rating_comment",
            "attachments",
            "messages",
            "history",
        ]
        read_only_fields = fields

    def get_team(self, obj) -> str:
        return obj.team.name if obj.team else ""

    def get_assignee(self, obj) -> str:
        return _person(obj.assignee)

    def get_approved_by(self, obj) -> str:
        return _person(obj.approved_by)

    def get_merged_into(self, obj) -> str:
        return obj.merged_into.number if obj.merged_into else ""

    # The view passes the public parts, read through the selectors.

    def _part(self, name):
        return self.context["parts"][name]

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, obj):
        return AttachmentSerializer(self._part("attachments"), many=True).data

    @extend_schema_field(MessageSerializer(many=True))
    def get_messages(self, obj):
        return MessageSerializer(self._part("messages"), many=True).data

    @extend_schema_field(HistorySerializer(many=True))
    def get_history(self, obj):
        return HistorySerializer(self._part("history"), many=True).data


class ServiceFieldSerializer(serializers.ModelSerializer):
    choices = serializers.ListField(source="choice_list", child=serializers.CharField())

    class Meta:
        model = ServiceField
        fields = ["label", "kind", "required", "help_text", "choices", "future_only"]
        read_only_fields = fields


class ServiceSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.name")
    form_fields = ServiceFieldSerializer(many=True, source="fields")

    class Meta:
        model = Service
        fields = [
            "slug",
            "name",
            "description",
            "department",
            "requires_approval",
            "default_priority",
            "form_fields",
        ]
        read_only_fields = fields


# Inputs.

ANSWER_HELP = _(
    "The answers of the service's form, by the field's label: text, a number, "
    "or a date as YYYY-MM-DD. File fields are answered in the portal."
)


class SupportRequestCreateSerializer(StrictSerializer):
    service = serializers.SlugField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("The service's slug; leave out for a plain problem report."),
    )
    subject = serializers.CharField(max_length=200)
    description = serializers.CharField(
        required=False, allow_blank=True, max_length=10000, default=""
    )
    answers = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        default=dict,
        help_text=ANSWER_HELP,
    )


class ReplyCreateSerializer(StrictSerializer):
    body = serializers.CharField(max_length=10000)
