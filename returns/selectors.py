"""Reads of returns: the company's own (through the scoping helper) and the
returns desk's view across companies."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from partner_portal.permissions import (
    Capability,
    StaffGroup,
    capabilities_for,
    is_in_staff_group,
)
from partner_portal.scoping import get_for_company_or_404
from returns.models import CreditNote, ReturnRequest

LIST_RELATED = ("order", "requested_by", "company")
# A filter value of the desk: the returns waiting for the desk's next step.
WAITING = "waiting"
WAITING_STATUSES = (
    ReturnRequest.Status.REQUESTED,
    ReturnRequest.Status.APPROVED,
    ReturnRequest.Status.RECEIVED,
)


def _filtered(returns, filters: dict):
    if filters.get("status") == WAITING:
        returns = returns.filter(status__in=WAITING_STATUSES)
    elif filters.get("status"):
        returns = returns.filter(status=filters["status"])
    if filters.get("reason"):
        returns = returns.filter(reason=filters["reason"])
    if filters.get("company"):
        returns = returns.filter(company=filters["company"])
    if filters.get("older_than_days"):
        returns = returns.filter(
            created_at__lte=timezone.now() - timedelta(days=filters["older_than_days"])
        )
    if filters.get("date_from"):
        returns = returns.filter(created_at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        returns = returns.filter(created_at__date__lte=filters["date_to"])
    if filters.get("q"):
        term = filters["q"]
        returns = returns.filter(
            Q(number__icontains=term)
            | Q(order__number__icontains=term)
            | Q(order__purchase_order_number__icontains=term)
        )
    return returns


def return_list(*, company, user, membership, filters: dict | None = None):
    """The company's returns a member may see: all of them with
    ORDER_VIEW_ALL, else those they asked for or of their own orders."""
    returns = ReturnRequest.objects.for_company(company).select_related(*LIST_RELATED)
    if Capability.ORDER_VIEW_ALL not in capabilities_for(membership):
        returns = returns.filter(Q(requested_by=user) | Q(order__user=user))
    return _filtered(returns, filters or {}).order_by("-created_at", "-pk")


def return_get(*, company, user, membership, number: str) -> ReturnRequest:
    """One return the member may see, with what its page shows, or Http404."""
    return get_for_company_or_404(
        return_list(company=company, user=user, membership=membership)
        .select_related("order__shipping_address")
        .prefetch_related(
            "lines__order_line", "photos", "events__actor", "credit_note"
        ),
        company=company,
        number=number,
    )


# A return is settled once refunded, credited or replaced: nothing is left
# for the customer to wait for, even before the desk closes it.
SETTLED = (
    ReturnRequest.Status.REFUNDED,
    ReturnRequest.Status.CREDITED,
    ReturnRequest.Status.REPLACED,
    ReturnRequest.Status.CLOSED,
    ReturnRequest.Status.REJECTED,
)


def open_returns_for(*, company, user, membership):
    """The member's returns still in progress (not settled, closed or
    rejected)."""
    return return_list(company=company, user=user, membership=membership).exclude(
        status__in=SETTLED
    )


def credit_note_list(*, company, user, membership):
    visible = return_list(company=company, user=user, membership=membership)
    return (
        CreditNote.objects.for_company(company)
        .filter(return_request__in=visible.values("pk"))
        .select_related("return_request")
    )


# The returns desk sees every company: staff selectors, used only behind
# views whose policy is RETURNS_DESK.


def desk_return_list(*, filters: dict | None = None):
    returns = ReturnRequest.objects.select_related(*LIST_RELATED)
    return _filtered(returns, filters or {}).order_by("created_at", "pk")


def desk_return_get(*, number: str) -> ReturnRequest:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        ReturnRequest.objects.select_related(
            *LIST_RELATED, "order__shipping_address"
        ).prefetch_related(
            "lines__order_line", "photos", "events__actor", "credit_note"
        ),
        number=number,
    )


def desk_waiting_count() -> int:
    """Returns waiting for the desk: to decide, to receive, to settle."""
    return ReturnRequest.objects.filter(status__in=WAITING_STATUSES).count()


def returns_desk_emails() -> list[str]:
    return list(
        get_user_model()
        .objects.filter(groups__name=StaffGroup.RETURNS_DESK, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def is_returns_desk(user) -> bool:
    # The one rule (partner_portal.policy.RETURNS_DESK): the group, not is_staff.
    return is_in_staff_group(user, StaffGroup.RETURNS_DESK)
