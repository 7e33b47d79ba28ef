"""/api/v1/erp/returns/{number}/received/: our ERP books what arrived at the
warehouse, through the returns desk's own step (`return_receive`): the same
checks, event, timeline and mail as the desk's "Received" button, so the
customer's return page shows it at once."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from api.idempotency import IDEMPOTENCY_PARAMETER, idempotent
from api.schema import COMMON_PROBLEMS, problem_responses
from api.serializers_returns import ErpReturnSerializer, ReturnReceivedSerializer
from api.views.base import ApiView
from api.views.service_helpers import number_parameter, validated
from partner_portal.permissions import ApiResource
from partner_portal.policy_api import StaffApiKey
from returns.models import ReturnRequest
from returns.selectors import desk_return_get
from returns.services import TRANSITIONS, ReturnError, return_receive

Status = ReturnRequest.Status


def _received(return_request, lines: list[dict]) -> dict[int, tuple[int, str]]:
    """return line id -> (quantity, condition), the lines named by their id or
    their SKU; a 400 naming the line that matches nothing."""
    by_id = {line.pk: line for line in return_request.lines.all()}
    errors, received = [], {}
    for item in lines:
        error, line = {}, None
        if "return_line_id" in item:
            line = by_id.get(item["return_line_id"])
            if line is None:
                error["return_line_id"] = [_("This line is not part of the return.")]
        else:
            matches = [
                x for x in by_id.values() if x.order_line.partner_sku == item["sku"]
            ]
            if not matches:
                error["sku"] = [_("The return has no line with this SKU.")]
            elif len(matches) > 1:
                error["sku"] = [
                    _(
                        "The return has several lines with this SKU; name the "
                        "line by its return_line_id."
                    )
                ]
            else:
                line = matches[0]
        if line is not None and line.pk in received:
            error["quantity"] = [_("This line is named twice.")]
        elif line is not None:
            received[line.pk] = (item["quantity"], item["condition"])
        errors.append(error)
    if any(errors):
        raise exceptions.ValidationError({"lines": errors})
    return received


class ErpReturnReceivedView(ApiView):
    """Book the received quantity and condition of every line of a return
    whose label is issued; the return moves to "received"."""

    policy = StaffApiKey(ApiResource.RETURNS)

    @extend_schema(
        operation_id="erp_returns_received",
        request=ReturnReceivedSerializer,
        parameters=[
            number_parameter(gettext_lazy("RMA number")),
            IDEMPOTENCY_PARAMETER,
        ],
        responses={
            200: ErpReturnSerializer,
            **problem_responses(400, 404, 409, 422, *COMMON_PROBLEMS),
        },
    )
    @idempotent
    def post(self, request, number):
        return_request = desk_return_get(number=number)
        data = validated(ReturnReceivedSerializer, request.data)
        received = _received(return_request, data["lines"])
        try:
            return_receive(
                return_request=return_request,
                actor=request.user,
                received=received,
                note=data["note"],
            )
        except ReturnError as error:
            # The step itself (label not issued yet, already received) concerns
            # the request as a whole; the quantities concern the lines.
            still_possible = (
                Status.RECEIVED
                in TRANSITIONS[ReturnRequest.objects.get(pk=return_request.pk).status]
            )
            field = "lines" if still_possible else "non_field_errors"
            raise exceptions.ValidationError({field: [str(error)]}) from None
        return Response(ErpReturnSerializer(desk_return_get(number=number)).data)
