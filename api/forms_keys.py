"""The form a company admin (or a superuser, for a staff key) issues an API key
with: a name, read or read-write access, and the resources it reaches."""

from django import forms
from django.utils.translation import gettext_lazy as _

from api.models import ApiKey
from partner_portal.permissions import ApiResource


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Where the key is used, e.g. “ERP production”."),
    )
    # The weaker access is preselected: an admin grants writes on purpose.
    access = forms.ChoiceField(
        label=_("Access"),
        choices=ApiKey.Access.choices,
        initial=ApiKey.Access.READ,
        widget=forms.RadioSelect,
    )
    resources = forms.MultipleChoiceField(
        label=_("Resources"),
        choices=ApiResource.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one resource.")},
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the key a name."))
        return name
