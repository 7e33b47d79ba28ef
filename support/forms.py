"""Forms of the customer's side: a service's request form built from its
ServiceFields, the problem report, replies and ratings. Validation and
cleaning only; uploads are checked by content (partner_portal.uploads)."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partner_portal.uploads import upload_check
from support.models import ServiceField

MAX_FILE_MB = 10
FILE_ACCEPT = "image/jpeg,image/png,application/pdf"


def checked_file(upload):
    """An image (JPEG, PNG) or PDF of at most MAX_FILE_MB megabytes."""
    return upload_check(upload, images=("JPEG", "PNG"), pdf=True, max_mb=MAX_FILE_MB)


class CheckedFileField(forms.FileField):
    widget = forms.ClearableFileInput(attrs={"accept": FILE_ACCEPT})

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        return checked_file(upload) if upload else None


class FutureDateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, *, future_only=False, **kwargs):
        self.future_only = future_only
        super().__init__(**kwargs)

    def clean(self, value):
        day = super().clean(value)
        if day and self.future_only and day <= timezone.localdate():
            raise ValidationError(_("Choose a date after today."), code="past")
        return day


def _field_for(service_field: ServiceField) -> forms.Field:
    common = {
        "label": service_field.label,
        "required": service_field.required,
        "help_text": service_field.help_text,
    }
    kind = service_field.kind
    if kind == ServiceField.Kind.LONG_TEXT:
        return forms.CharField(max_length=5000, widget=forms.Textarea(), **common)
    if kind == ServiceField.Kind.CHOICE:
        options = [(choice, choice) for choice in service_field.choice_list]
        return forms.ChoiceField(choices=[("", _("Choose …")), *options], **common)
    if kind == ServiceField.Kind.DATE:
        return FutureDateField(future_only=service_field.future_only, **common)
    if kind == ServiceField.Kind.NUMBER:
        return forms.DecimalField(max_digits=14, decimal_places=2, **common)
    if kind == ServiceField.Kind.FILE:
        return CheckedFileField(**common)
    return forms.CharField(max_length=300, **common)


def _submission_key():
    return uuid.uuid4().hex


class RequestBaseForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    # The double-click guard: one key per rendered form, sent back unchanged
    # when the form comes back with errors.
    submission_key = forms.CharField(
        widget=forms.HiddenInput, initial=_submission_key, max_length=64
    )


class ServiceRequestForm(RequestBaseForm):
    """The subject and description, then the service's own fields in order."""

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        self.fields["subject"].initial = service.name
        self.custom = []
        for service_field in service.fields.all():
            name = f"field_{service_field.pk}"
            self.fields[name] = _field_for(service_field)
            self.custom.append((name, service_field))

    def custom_fields(self):
        return [self[name] for name, _field in self.custom]

    def answers(self) -> dict:
        """label -> the answer as text; a file's answer is its name."""
        answers = {}
        for name, service_field in self.custom:
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if service_field.kind == ServiceField.Kind.FILE:
                value = getattr(value.upload, "name", "")
            elif service_field.kind == ServiceField.Kind.DATE:
                value = value.isoformat()
            answers[service_field.label] = str(value)
        return answers

    def files_checked(self) -> list:
        return [
            self.cleaned_data[name]
            for name, service_field in self.custom
            if service_field.kind == ServiceField.Kind.FILE
            and self.cleaned_data.get(name)
        ]


class ProblemReportForm(RequestBaseForm):
    description = forms.CharField(
        label=_("What happened?"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    attachment = CheckedFileField(label=_("Attachment"), required=False)


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachment = CheckedFileField(label=_("Attachment"), required=False)

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("body") or "").strip() and not cleaned.get("attachment"):
            if not self.errors:
                raise ValidationError(_("Write a message or attach a file."))
        return cleaned


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
