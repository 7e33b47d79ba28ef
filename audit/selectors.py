"""Reading the audit trail: a company's own entries, and every chain for our
staff."""

import datetime

from django.utils import timezone

from audit.forms import PORTAL_CHAIN_CHOICE
from audit.models import AuditEntry

# The most rows one export writes.
EXPORT_LIMIT = 50_000


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _filtered(entries, *, action="", actor="", date_from=None, date_to=None):
    if action:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(actor_email__icontains=actor)
    if date_from:
        entries = entries.filter(created_at__gte=_start_of(date_from))
    if date_to:
        day_after = date_to + datetime.timedelta(days=1)
        entries = entries.filter(created_at__lt=_start_of(day_after))
    # Newest first; the sequence number breaks ties within a chain.
    return entries.order_by("-created_at", "-seq", "-pk")


def audit_entry_list(*, company, **filters):
    """`company`'s entries, newest first, filtered by action, actor email
    (part of it), and a date range (days in the portal's time zone)."""
    return _filtered(AuditEntry.objects.for_company(company), **filters)


def staff_audit_entry_list(*, company: str = "", **filters):
    """Every company's entries for our staff; `company` a company's id or
    "portal" for the portal's own chain."""
    entries = AuditEntry.objects.select_related("company")
    if company == PORTAL_CHAIN_CHOICE:
        entries = entries.filter(company__isnull=True)
    elif company:
        entries = entries.filter(company_id=int(company))
    return _filtered(entries, **filters)
