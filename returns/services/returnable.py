"""What may be returned: shipped quantities less those already returned,
within the return window of each line."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from orders.selectors import order_delivered_at, order_shipped_quantities
from returns.models import (
    ReturnLine,
    ReturnPolicy,
    ReturnRequest,
)
from returns.services.workflow import _date

Status = ReturnRequest.Status


# Returnable quantities and the return window.


@dataclass(frozen=True)
class ReturnableLine:
    line: object
    shipped: int
    already_returned: int
    returnable: int
    deadline: object  # the last day a return may be requested, or None
    # Why nothing of the line can be returned ("" when something can).
    refusal: str


def _windows(lines) -> dict[int | None, int]:
    class_ids = {
        line.product.product_class_id for line in lines if line.product is not None
    }
    return dict(
        ReturnPolicy.objects.filter(product_class_id__in=class_ids).values_list(
            "product_class_id", "window_days"
        )
    )


def returned_quantities(order, *, exclude_return=None) -> dict[int, int]:
    """Per order line: quantity in returns that are not rejected."""
    lines = ReturnLine.objects.filter(return_request__order=order).exclude(
        return_request__status=Status.REJECTED
    )
    if exclude_return is not None:
        lines = lines.exclude(return_request=exclude_return)
    return dict(
        lines.values("order_line_id")
        .annotate(total=Sum("quantity"))
        .values_list("order_line_id", "total")
    )


def returnable_lines(*, order, today=None) -> list[ReturnableLine]:
    """Every line of the order with how much of it may still be returned
    and, if nothing, why."""
    today = today or timezone.localdate()
    lines = list(order.lines.all())
    shipped = order_shipped_quantities(order=order)
    returned = returned_quantities(order)
    windows = _windows(lines)
    arrived = order_delivered_at(order=order)
    result = []
    for line in lines:
        class_id = line.product.product_class_id if line.product else None
        window = windows.get(class_id, settings.PORTAL_RETURN_WINDOW_DAYS)
        deadline = (
            timezone.localtime(arrived).date() + timedelta(days=window)
            if arrived
            else None
        )
        line_shipped = shipped.get(line.pk, 0)
        line_returned = returned.get(line.pk, 0)
        returnable = max(line_shipped - line_returned, 0)
        refusal = ""
        if not arrived or line_shipped == 0:
            refusal = _("Not shipped yet.")
        elif window == 0:
            refusal = _("This product cannot be returned.")
        elif today > deadline:
            refusal = ngettext(
                "The return window of %(days)s day ended on %(date)s.",
                "The return window of %(days)s days ended on %(date)s.",
                window,
            ) % {
                "days": window,
                "date": _date(deadline),
            }
        elif returnable == 0:
            refusal = _("Everything shipped of this line is already in a return.")
        result.append(
            ReturnableLine(
                line=line,
                shipped=line_shipped,
                already_returned=line_returned,
                returnable=0 if refusal else returnable,
                deadline=deadline,
                refusal=refusal,
            )
        )
    return result
