"""The form a company admin registers or changes a webhook endpoint with."""

from django import forms
from django.utils.translation import gettext_lazy as _

from api.webhooks.urls_guard import UnsafeUrl, check_url
from partner_portal.events import Event


class WebhookEndpointForm(forms.Form):
    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "Where the portal sends the events: an https:// address on the "
            "internet that answers with a 2xx status."
        ),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one event.")},
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        required=False,
        help_text=_("What receives the events, e.g. “ERP production”."),
    )
    is_active = forms.BooleanField(
        label=_("Active: send events to this URL"), required=False, initial=True
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        # The same guard runs again before each delivery.
        try:
            check_url(url)
        except UnsafeUrl as refused:
            raise forms.ValidationError(str(refused)) from refused
        return url
