"""/api/v1/support/: the catalogue's services with their forms, the requests
the key's member sees on "Support", opening one (a service's form, validated
by the web's own form, or a plain problem report) and replying as the
customer. The conversation comes from the customer selectors, which leave
internal notes and internal history out."""

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from api.idempotency import IDEMPOTENCY_PARAMETER, idempotent
from api.schema import COMMON_PROBLEMS, problem_responses
from api.serializers_support import (
    MessageSerializer,
    ReplyCreateSerializer,
    ServiceSerializer,
    SupportRequestCreateSerializer,
    SupportRequestDetailSerializer,
    SupportRequestListSerializer,
)
from api.views.base import ApiDetailView, ApiListView, ApiView
from api.views.service_helpers import (
    number_parameter,
    ordered,
    ordering_parameter,
    submission_key,
    validated,
)
from partner_portal.permissions import ApiResource
from partner_portal.policy_api import ApiScope
from support import services
from support.forms import ProblemReportForm, ServiceRequestForm
from support.models import ServiceField
from support.selectors import catalogue as service_catalogue
from support.selectors import (
    conversation,
    history,
    request_attachments,
    request_get,
    request_list,
    service_get,
)
from support.services import SupportError
from support.views.catalogue import SUPPORT_MEMBER
from support.views.customer import STATUS_FILTERS

SUPPORT = SUPPORT_MEMBER & ApiScope(ApiResource.SUPPORT)
ORDERING = ("created_at", "updated_at", "number", "status", "priority")
NUMBER = number_parameter(gettext_lazy("Request number"))
FIELD_ORDER = ServiceField.objects.order_by("order", "pk")
SCALARS = (str, int, float)


def service_form_data(service, data: dict, key: str) -> dict:
    """The web form's data for a service request: the answers, named by their
    field's label, under the form's own field names. A label the service's
    form does not have, a file (the API takes no uploads) or a value that is
    not text, a number or a date is a 400 naming the answer."""
    fields = {field.label: field for field in service.fields.all()}
    form_data = {
        "subject": data["subject"],
        "description": data["description"],
        "submission_key": key,
    }
    errors = {}
    for label, value in data["answers"].items():
        field = fields.get(label)
        if field is None:
            errors[label] = [_("The service's form has no field with this label.")]
        elif field.kind == ServiceField.Kind.FILE:
            errors[label] = [
                _("Files are attached in the portal, not through the API.")
            ]
        elif value is None:
            continue
        elif isinstance(value, bool) or not isinstance(value, SCALARS):
            errors[label] = [_("Enter text, a number or a date (YYYY-MM-DD).")]
        else:
            form_data[f"field_{field.pk}"] = str(value)
    for label, field in fields.items():
        if (
            field.kind == ServiceField.Kind.FILE
            and field.required
            and label not in errors
        ):
            errors[label] = [
                _(
                    "This service needs a file; request it in the portal, where "
                    "files can be attached."
                )
            ]
    if errors:
        raise exceptions.ValidationError({"answers": errors})
    return form_data


class SupportRequestListCreateView(ApiListView):
    """The requests the key's member sees on "Support"; POST opens one."""

    policy = SUPPORT
    serializer_class = SupportRequestListSerializer

    def get_queryset(self):
        status = self.request.query_params.get("status", "")
        if status and status not in STATUS_FILTERS:
            raise exceptions.ValidationError(
                {
                    "status": [
                        _("Choose one of: %(values)s.")
                        % {"values": ", ".join(STATUS_FILTERS)}
                    ]
                }
            )
        return request_list(
            company=self.company,
            user=self.request.user,
            membership=self.membership,
            status=status or None,
        ).order_by("-created_at", "-pk")

    def filter_queryset(self, queryset):
        return ordered(queryset, self.request, ORDERING)

    @extend_schema(
        operation_id="support_requests_list",
        parameters=[
            OpenApiParameter("status", str, enum=list(STATUS_FILTERS)),
            ordering_parameter(ORDERING),
        ],
        responses={
            200: SupportRequestListSerializer(many=True),
            **problem_responses(400, 404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="support_requests_create",
        request=SupportRequestCreateSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={
            201: SupportRequestDetailSerializer,
            **problem_responses(400, 409, 422, *COMMON_PROBLEMS),
        },
    )
    @idempotent
    def post(self, request):
        data = validated(SupportRequestCreateSerializer, request.data)
        key = submission_key(request)
        if data["service"]:
            try:
                service = service_get(request=request, slug=data["service"])
            except Http404:
                raise exceptions.ValidationError(
                    {
                        "service": [
                            _(
                                "There is no service with this name that you may "
                                "request."
                            )
                        ]
                    }
                ) from None
            form = ServiceRequestForm(
                service_form_data(service, data, key), {}, service=service
            )
        else:
            if data["answers"]:
                raise exceptions.ValidationError(
                    {
                        "answers": [
                            _("Answers belong to a service's form: name the service.")
                        ]
                    }
                )
            service = None
            form = ProblemReportForm(
                {
                    "subject": data["subject"],
                    "description": data["description"],
                    "submission_key": key,
                },
                {},
            )
        if not form.is_valid():
            raise exceptions.ValidationError(_errors(form, service))
        try:
            created = services.request_create(
                company=self.company,
                user=request.user,
                service=service,
                subject=form.cleaned_data["subject"],
                description=form.cleaned_data["description"],
                answers=form.answers() if service else {},
                submission_key=key,
            )
        except SupportError as error:
            raise exceptions.ValidationError(
                {"non_field_errors": [str(error)]}
            ) from None
        support_request = request_get(
            company=self.company,
            user=request.user,
            membership=self.membership,
            number=created.number,
        )
        return Response(
            _detail(support_request),
            status=201,
            headers={
                "Location": reverse(
                    "api:support-requests-detail", args=[created.number]
                )
            },
        )


def _errors(form, service) -> dict:
    labels = {}
    if service is not None:
        labels = {name: field.label for name, field in form.custom}
    errors = {}
    for name, messages in form.errors.items():
        if name in labels:
            errors.setdefault("answers", {})[labels[name]] = list(messages)
        else:
            key = "non_field_errors" if name == "__all__" else name
            errors[key] = list(messages)
    return errors


def _detail(support_request) -> dict:
    return SupportRequestDetailSerializer(
        support_request, context={"parts": _public_parts(support_request)}
    ).data


def _public_parts(support_request) -> dict:
    return {
        "messages": list(conversation(support_request=support_request)),
        "history": list(history(support_request=support_request)),
        "attachments": [
            attachment
            for attachment in request_attachments(support_request=support_request)
            if attachment.message_id is None
        ],
    }


class SupportRequestDetailView(ApiDetailView):
    """One request with its answers, public conversation and history."""

    policy = SUPPORT
    serializer_class = SupportRequestDetailSerializer

    def get_object(self):
        return request_get(
            company=self.company,
            user=self.request.user,
            membership=self.membership,
            number=self.kwargs["number"],
        )

    @extend_schema(
        operation_id="support_requests_retrieve",
        parameters=[NUMBER],
        responses={
            200: SupportRequestDetailSerializer,
            **problem_responses(404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, number):
        return Response(_detail(self.get_object()))


class SupportReplyCreateView(ApiView):
    """A public reply of the customer (never an internal note)."""

    policy = SUPPORT

    @extend_schema(
        operation_id="support_requests_replies_create",
        request=ReplyCreateSerializer,
        parameters=[NUMBER, IDEMPOTENCY_PARAMETER],
        responses={
            201: MessageSerializer,
            **problem_responses(400, 404, 409, 422, *COMMON_PROBLEMS),
        },
    )
    @idempotent
    def post(self, request, number):
        support_request = request_get(
            company=self.company,
            user=request.user,
            membership=self.membership,
            number=number,
        )
        data = validated(ReplyCreateSerializer, request.data)
        try:
            message = services.customer_reply(
                support_request=support_request, user=request.user, body=data["body"]
            )
        except SupportError as error:
            raise exceptions.ValidationError(
                {"non_field_errors": [str(error)]}
            ) from None
        return Response(
            MessageSerializer(message).data,
            status=201,
            headers={"Location": reverse("api:support-requests-detail", args=[number])},
        )


class ServiceListView(ApiView):
    """The services the key's member may request, with their form fields:
    what `answers` of a new request are checked against."""

    policy = SUPPORT

    @extend_schema(
        operation_id="support_services_list",
        responses={
            200: ServiceSerializer(many=True),
            **problem_responses(*COMMON_PROBLEMS),
        },
    )
    def get(self, request):
        found = [
            service
            for group in service_catalogue(request=request)
            for service in group.services
        ]
        prefetch_related_objects(found, Prefetch("fields", queryset=FIELD_ORDER))
        return Response(ServiceSerializer(found, many=True).data)
