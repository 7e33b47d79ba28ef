from django import forms
from django.utils.translation import gettext_lazy as _

from audit.actions import Action
from partner_portal.models import Company

PORTAL_CHAIN_CHOICE = "portal"


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("All actions")), *Action.choices],
    )
    actor = forms.CharField(label=_("Actor (email)"), required=False, max_length=254)
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def filters(self) -> dict:
        """The cleaned filters, or none for an invalid form."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "action": data["action"],
            "actor": data["actor"].strip(),
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }


class StaffAuditFilterForm(AuditFilterForm):
    company = forms.ChoiceField(label=_("Company"), required=False)

    field_order = ["company", "action", "actor", "date_from", "date_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].choices = [
            ("", _("All companies")),
            (PORTAL_CHAIN_CHOICE, _("Portal (no company)")),
            *Company.objects.order_by("name").values_list("pk", "name"),
        ]

    def filters(self) -> dict:
        filters = super().filters()
        if filters and self.cleaned_data["company"]:
            filters["company"] = self.cleaned_data["company"]
        return filters
