from django import forms
from django.utils.translation import gettext_lazy as _

from partner_portal.company_staff import staff_people
from partner_portal.models import Company


class CompanyStaffForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Company.Kind.choices)
    partner_tier = forms.ChoiceField(
        label=_("Partner tier"), choices=Company.Tier.choices, required=False
    )
    is_active = forms.BooleanField(label=_("Active"), required=False)
    contact_person = forms.ModelChoiceField(
        label=_("Contact person at our side"),
        queryset=staff_people(),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Evaluated per form: staff join and leave.
        self.fields["contact_person"].queryset = staff_people()
        self.fields["contact_person"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.email} <{user.email}>"
        )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter the company's name."))
        return name

    def clean(self):
        data = super().clean()
        if data.get("kind") == Company.Kind.CUSTOMER and data.get("partner_tier"):
            self.add_error(
                "partner_tier",
                _("Only distributors and franchisees have a partner tier."),
            )
        return data
