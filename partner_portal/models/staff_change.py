"""What staff changed on a company: one row per changed field, with who,
when, and the old and new value (written by partner_portal.staff_changes)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partner_portal.models.core import CompanyOwnedModel

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
