import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from partner_portal.models import Company
from returns.models import ReturnLine, ReturnRequest
from returns.photos import photo_check
from returns.selectors import WAITING
from returns.services import MAX_PHOTOS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Up to MAX_PHOTOS images, each checked by its content."""

    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        files = (
            [f for f in (data or []) if f]
            if isinstance(data, list | tuple)
            else ([data] if data else [])
        )
        if len(files) > MAX_PHOTOS:
            raise ValidationError(
                ngettext(
                    "Attach at most %(max)s photo; you chose %(count)s.",
                    "Attach at most %(max)s photos; you chose %(count)s.",
                    MAX_PHOTOS,
                )
                % {"max": MAX_PHOTOS, "count": len(files)}
            )
        errors, checked = [], []
        for upload in files:
            try:
                checked.append(photo_check(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return checked


class ReturnRequestForm(forms.Form):
    """One quantity field per returnable order line, plus reason, comment and
    photos. The returnable maximum is shown and checked here for a quick
    answer; the service checks it again under a lock."""

    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", _("Choose a reason"))] + ReturnRequest.Reason.choices,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What is wrong, and anything the returns desk should know."),
    )
    photos = MultiplePhotoField(
        label=_("Photos"),
        required=False,
        help_text=_("Up to 5 photos, JPEG, PNG or WebP, at most 10 MB each."),
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4().hex)
        for row in rows:
            if row.returnable:
                self.fields[f"qty_{row.line.pk}"] = forms.IntegerField(
                    label=row.line.title,
                    required=False,
                    min_value=0,
                    max_value=row.returnable,
                    initial=0,
                    widget=forms.NumberInput(
                        attrs={"class": "form-control text-end", "style": "width:7em"}
                    ),
                )

    def line_fields(self):
        """(row, bound quantity field or None) for the template's table."""
        return [
            (row, self[f"qty_{row.line.pk}"] if row.returnable else None)
            for row in self.rows
        ]

    def clean(self):
        cleaned = super().clean()
        if not self.quantities() and not self.errors:
            raise ValidationError(_("Enter a quantity for at least one line."))
        return cleaned

    def quantities(self) -> dict[int, int]:
        return {
            row.line.pk: self.cleaned_data.get(f"qty_{row.line.pk}") or 0
            for row in self.rows
            if row.returnable and self.cleaned_data.get(f"qty_{row.line.pk}")
        }


class ReturnFilterForm(forms.Form):
    q = forms.CharField(label=_("RMA, order or PO number"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses"))] + ReturnRequest.Status.choices,
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        required=False,
        choices=[("", _("All reasons"))] + ReturnRequest.Reason.choices,
    )
    date_from = forms.DateField(
        label=_("Requested from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=_("Requested until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class DeskFilterForm(forms.Form):
    q = forms.CharField(label=_("RMA, order or PO number"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (WAITING, _("Waiting for the desk")),
            ("", _("All statuses")),
            *ReturnRequest.Status.choices,
        ],
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        required=False,
        choices=[("", _("All reasons"))] + ReturnRequest.Reason.choices,
    )
    company = forms.ModelChoiceField(
        label=_("Company"),
        required=False,
        queryset=Company.objects.order_by("name"),
        empty_label=_("All companies"),
    )
    older_than_days = forms.IntegerField(
        label=_("Waiting at least (days)"), required=False, min_value=0, max_value=3650
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection (the customer reads it)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReplaceForm(forms.Form):
    note = forms.CharField(
        label=_("How it is replaced (e.g. delivery number)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReceiveForm(forms.Form):
    """Received quantity and condition for every line of the return."""

    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            self.fields[f"received_{line.pk}"] = forms.IntegerField(
                label=_("Received"),
                min_value=0,
                max_value=line.quantity,
                initial=line.quantity,
            )
            self.fields[f"condition_{line.pk}"] = forms.ChoiceField(
                label=_("Condition"),
                required=False,
                choices=[("", "—")] + ReturnLine.Condition.choices,
                initial=ReturnLine.Condition.AS_NEW,
            )

    def line_fields(self):
        return [
            (line, self[f"received_{line.pk}"], self[f"condition_{line.pk}"])
            for line in self.lines
        ]

    def clean(self):
        cleaned = super().clean()
        for line in self.lines:
            if cleaned.get(f"received_{line.pk}") and not cleaned.get(
                f"condition_{line.pk}"
            ):
                self.add_error(
                    f"condition_{line.pk}", _("Choose the condition of the goods.")
                )
        return cleaned

    def received(self) -> dict[int, tuple[int, str]]:
        return {
            line.pk: (
                self.cleaned_data[f"received_{line.pk}"],
                self.cleaned_data.get(f"condition_{line.pk}", ""),
            )
            for line in self.lines
        }
