"""Reads of the feedback queue. Feedback is read by our staff only, across
companies: these are staff selectors; no company member has a view of it."""

from django.db.models import Count
from django.shortcuts import get_object_or_404

from feedback.models import Feedback

# The queue's default: what still needs someone.
OPEN = "open"
ALL = "all"
_OPEN_STATUSES = (Feedback.Status.NEW, Feedback.Status.IN_REVIEW)


def _by_status(queryset, status: str):
    if status == OPEN or not status:
        return queryset.filter(status__in=_OPEN_STATUSES)
    if status == ALL:
        return queryset
    return queryset.filter(status=status)


def staff_feedback_list(*, kind: str = "", status: str = OPEN):
    """Entries of every sender, newest first, with what the queue shows of
    sender, company and handler in the same query."""
    queryset = _by_status(Feedback.objects.all(), status)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.select_related("user", "company", "handled_by")


def staff_feedback_counts(*, status: str = OPEN) -> dict[str, int]:
    """kind -> number of entries with the status filter, every kind listed
    (0 when there is none), in one query."""
    counts = dict.fromkeys(Feedback.Kind.values, 0)
    rows = (
        _by_status(Feedback.objects.all(), status)
        .order_by()
        .values_list("kind")
        .annotate(total=Count("pk"))
    )
    counts.update(dict(rows))
    return counts


def staff_feedback_get(*, pk: int) -> Feedback:
    return get_object_or_404(Feedback.objects.all(), pk=pk)
