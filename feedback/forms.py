import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.models import MESSAGE_MAX_LENGTH, NOTE_MAX_LENGTH, Feedback
from feedback.paths import local_path
from feedback.selectors import ALL, OPEN
from feedback.services import HANDLING_STATUSES


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What would you like to tell us?"),
        choices=Feedback.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose suggestion, praise or complaint.")},
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        error_messages={"required": _("Write a few words for us.")},
    )
    email = forms.EmailField(
        label=_("Your email (optional)"),
        required=False,
        help_text=_("Only if you would like an answer."),
    )
    page_url = forms.CharField(widget=forms.HiddenInput, required=False)
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, signed_in: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if signed_in:
            # A member's own address stands for them.
            del self.fields["email"]
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4().hex)

    def clean_page_url(self):
        # A hidden field the user cannot correct: a foreign URL is dropped,
        # not reported.
        return local_path(self.cleaned_data.get("page_url"))


class FeedbackFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *Feedback.Kind.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (OPEN, _("Open (new and in review)")),
            *Feedback.Status.choices,
            (ALL, _("All")),
        ],
    )

    def filters(self) -> dict:
        """The valid filters; the queue's default for anything else."""
        if not self.is_valid():
            return {"kind": "", "status": OPEN}
        return {
            "kind": self.cleaned_data["kind"],
            "status": self.cleaned_data["status"] or OPEN,
        }


class FeedbackHandleForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (value, label)
            for value, label in Feedback.Status.choices
            if value in HANDLING_STATUSES
        ]
    )
    note = forms.CharField(
        label=_("Note for colleagues"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )
