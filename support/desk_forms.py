"""Forms of the service desk's staff pages: the queue's filters and the
actions on one request. Validation and cleaning only."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from support.forms import CheckedFileField
from support.models import Priority, Status, Team
from support.selectors.desk import OPEN, agent_list


class DeskFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Number, subject or company"), required=False, max_length=100
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[(OPEN, _("Open")), ("", _("All statuses")), *Status.choices],
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        required=False,
        queryset=Team.objects.order_by("name"),
        empty_label=_("All teams"),
    )
    priority = forms.ChoiceField(
        label=_("Priority"),
        required=False,
        choices=[("", _("All priorities")), *Priority.choices],
    )
    assignee = forms.ModelChoiceField(
        label=_("Assignee"),
        required=False,
        queryset=agent_list(),
        empty_label=pgettext_lazy("assignee", "Anyone"),
    )
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    unassigned = forms.BooleanField(label=_("Unassigned"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].label_from_instance = _user_label


def _user_label(user):
    return user.get_full_name() or user.email


class AgentReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    internal = forms.BooleanField(
        label=_("Internal note (the customer never sees it)"), required=False
    )
    attachment = CheckedFileField(label=_("Attachment"), required=False)
    then_status = forms.ChoiceField(
        label=_("Then set the status to"),
        required=False,
        choices=[
            ("", _("Leave as it is")),
            (Status.WAITING, Status.WAITING.label),
            (Status.RESOLVED, Status.RESOLVED.label),
        ],
    )

    def clean(self):
        data = super().clean()
        if not (data.get("body") or "").strip() and not data.get("attachment"):
            raise forms.ValidationError(_("Write a message or attach a file."))
        return data


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assignee"),
        required=False,
        queryset=agent_list(),
        empty_label=_("Nobody"),
    )

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = agent_list(team=team)
        self.fields["assignee"].label_from_instance = _user_label


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)


class PriorityForm(forms.Form):
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)


class MergeForm(forms.Form):
    target = forms.CharField(
        label=_("Merge into request number"),
        max_length=20,
        help_text=_("A request of the same company; this one is closed."),
    )


class KnowledgeDraftForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Knowledge-base category"), queryset=None, empty_label=None
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
