"""The record of what staff changed on a company, and through which page:
one row per changed field, with who, when, and the old and new value.

Services that let staff (or a contract) change a company's master data,
prices or credit write it with `staff_changes_record` inside their own
transaction; the company's staff page shows it with `staff_change_list`.
Values are stored as text as shown to people (a Decimal as "12.50")."""

from audit.actions import Action
from audit.services import ObjectRef
from audit.services import record as audit_record
from partner_portal.models.staff_change import StaffChange, register_change_type

__all__ = [
    "StaffChange",
    "register_change_type",
    "staff_change_list",
    "staff_changes_record",
]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def staff_changes_record(
    *,
    actor,
    company,
    object_type: str,
    object_id="",
    object_label: str = "",
    changes: dict,
    note: str = "",
) -> list[StaffChange]:
    """One StaffChange per field in `changes` ({field: (old, new)}) whose
    value really changed; nothing for unchanged fields. Call it inside the
    transaction that makes the change."""
    rows = [
        StaffChange(
            company=company,
            actor=actor,
            object_type=object_type,
            object_id=_text(object_id),
            object_label=object_label[:255],
            field=field,
            old_value=_text(old),
            new_value=_text(new),
            note=note[:200],
        )
        for field, (old, new) in changes.items()
        if _text(old) != _text(new)
    ]
    if rows:
        _audit(actor, company, object_type, object_id, object_label, rows, note)
    return StaffChange.objects.bulk_create(rows)


def _audit(actor, company, object_type, object_id, object_label, rows, note):
    # Company prices are the changes procurement asks about most: their own
    # action, so that the trail filters them.
    price = object_type == "company price"
    audit_record(
        Action.PRICE_CHANGED if price else Action.COMPANY_CHANGED_BY_STAFF,
        company=company,
        actor=actor,
        obj=ObjectRef(object_type, _text(object_id), object_label),
        data={
            "changes": {row.field: [row.old_value, row.new_value] for row in rows},
            "note": note[:200],
        },
    )


def staff_change_list(*, company, limit: int = 100):
    """The company's latest changes, newest first (staff only)."""
    return list(
        StaffChange.objects.for_company(company).select_related("actor")[:limit]
    )
