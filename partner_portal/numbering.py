"""Document numbers from one place: gap-free yearly sequences.

Invoices and credit notes must be numbered without gaps per year (German
and EU invoicing rules); offers, contracts and returns use the same service
so that no number is derived from a primary key. The counter row is locked
(`select_for_update`) until the caller's transaction ends: two requests at
once get two numbers, and a transaction that rolls back gives its number
back, so the next document takes it.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from partner_portal.models import Sequence

DEFAULT_FORMAT = "{name}-{year}-{number:06d}"


def next_number(
    name: str, *, year: int | None = None, format: str = DEFAULT_FORMAT
) -> str:
    """The next number of `name` in `year` (default: this year), formatted
    with `name`, `year` and `number`: INV-2026-000001.

    Call it inside the `transaction.atomic()` block that saves the document;
    outside one it raises TransactionManagementError, since the number would
    be consumed even if the document is never saved."""
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError(
            "next_number() must run inside the transaction that saves the document."
        )
    year = year or timezone.localdate().year
    try:
        with transaction.atomic():
            Sequence.objects.get_or_create(name=name, year=year)
    except IntegrityError:
        pass  # created by another transaction at the same moment
    sequence = Sequence.objects.select_for_update().get(name=name, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return format.format(name=name, year=year, number=sequence.last)
