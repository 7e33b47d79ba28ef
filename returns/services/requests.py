"""Customers request a return of order lines, with photos."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from returns.models import (
    ReturnLine,
    ReturnPhoto,
    ReturnRequest,
)
from returns.photos import CheckedPhoto
from returns.services.returnable import returnable_lines
from returns.services.workflow import ReturnError, _event, next_number

Order = get_model("order", "Order")
Status = ReturnRequest.Status
MAX_PHOTOS = 5


# Requesting a return.


def return_request_create(
    *,
    company,
    user,
    order,
    quantities: dict[int, int],
    reason: str,
    comment: str,
    photos: list[CheckedPhoto],
    submission_key: str,
) -> ReturnRequest:
    """A return of `quantities` (order line id -> quantity) of `order`.

    Rules: the order belongs to `company`; every line is a line of this order;
    at least one quantity is positive; no line more than its returnable
    quantity (shipped minus what other returns already hold), within its
    return window; a known reason; at most MAX_PHOTOS already checked photos.
    The order row is locked while quantities are checked, so two requests for
    the same line at once cannot both take the last piece. A second submit
    with the same `submission_key` returns the first return unchanged.
    Raises ReturnError (nothing saved) when a rule is broken."""
    if order.company_id != company.pk:
        raise ReturnError(_("This order does not exist."))
    if reason not in ReturnRequest.Reason.values:
        raise ReturnError(_("Choose a reason for the return."))
    if len(photos) > MAX_PHOTOS:
        raise ReturnError(
            _("At most %(max)s photos can be attached.") % {"max": MAX_PHOTOS}
        )
    wanted = {int(line_id): int(qty) for line_id, qty in quantities.items() if qty}
    if any(qty < 0 for qty in wanted.values()):
        raise ReturnError(_("Quantities cannot be negative."))
    if not wanted:
        raise ReturnError(_("Enter a quantity for at least one line."))

    with transaction.atomic():
        existing = (
            ReturnRequest.objects.for_company(company)
            .filter(submission_key=submission_key)
            .first()
        )
        if existing:
            return existing
        # Serialises requests for the same order (PostgreSQL row lock; SQLite
        # runs write transactions one at a time anyway).
        order = Order.objects.select_for_update().get(pk=order.pk)
        available = {row.line.pk: row for row in returnable_lines(order=order)}
        problems = []
        for line_id, qty in wanted.items():
            row = available.get(line_id)
            if row is None:
                raise ReturnError(_("A line is not part of this order."))
            if row.refusal:
                problems.append(f"{row.line.title}: {row.refusal}")
            elif qty > row.returnable:
                problems.append(
                    _("%(title)s: at most %(max)s can be returned, not %(qty)s.")
                    % {"title": row.line.title, "max": row.returnable, "qty": qty}
                )
        if problems:
            raise ReturnError(" ".join(problems))

        return_request = ReturnRequest(
            company=company,
            order=order,
            requested_by=user,
            reason=reason,
            comment=comment.strip(),
            submission_key=submission_key,
            number=next_number("RMA"),
        )
        return_request.full_clean()
        return_request.save()
        ReturnLine.objects.bulk_create(
            ReturnLine(
                return_request=return_request, order_line_id=line_id, quantity=qty
            )
            for line_id, qty in sorted(wanted.items())
        )
        for index, photo in enumerate(photos, start=1):
            stored = ReturnPhoto(
                return_request=return_request,
                content_type=photo.content_type,
                width=photo.width,
                height=photo.height,
                size=photo.size,
                original_name=(getattr(photo.upload, "name", "") or "")[:255],
            )
            photo.upload.seek(0)
            stored.image.save(
                f"{return_request.number}-{index}.{photo.extension}",
                ContentFile(photo.upload.read()),
                save=False,
            )
            stored.save()
        _event(return_request, Status.REQUESTED, actor=user, note=comment.strip())
    return return_request
