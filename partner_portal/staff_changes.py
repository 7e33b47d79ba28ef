"""The record of what staff changed on a company, and through which page:
one row per changed field, with who, when, and the old and new value.

Services that let staff (or a contract) change a company's master data,
prices or credit write it with `staff_changes_record` inside their own
transaction; the company's staff page shows it with `staff_change_list`.
Values are stored as text as shown to people (a Decimal as "12.50")."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partner_portal.models import CompanyOwnedModel

# object type -> (label, {field: label}), registered by the apps that write
# changes, so that the history reads in the viewer's language.
_TYPES: dict[str, tuple] = {}


def register_change_type(key: str, *, label, fields: dict) -> None:
    _TYPES[key] = (label, fields)


class StaffChange(CompanyOwnedModel):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    object_type = models.CharField(_("what"), max_length=50)
    object_id = models.CharField(max_length=50, blank=True)
    object_label = models.CharField(_("item"), max_length=255, blank=True)
    field = models.CharField(_("field"), max_length=50)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)
    # Why, when no person did it (e.g. "contract CT-2026-00004").
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("staff change")
        verbose_name_plural = _("staff changes")
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["company", "-changed_at"])]

    def __str__(self):
        return f"{self.company_id} {self.object_type} {self.field}"

    @property
    def type_label(self):
        return _TYPES.get(self.object_type, (self.object_type, {}))[0]

    @property
    def field_label(self):
        fields = _TYPES.get(self.object_type, ("", {}))[1]
        return fields.get(self.field, self.field)


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
    return StaffChange.objects.bulk_create(rows)


def staff_change_list(*, company, limit: int = 100):
    """The company's latest changes, newest first (staff only)."""
    return list(
        StaffChange.objects.for_company(company).select_related("actor")[:limit]
    )
