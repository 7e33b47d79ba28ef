import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forums.images import image_check
from forums.models import Category, Flag
from forums.services import MAX_BODY

MARKDOWN_HELP = gettext_lazy(
    "Markdown: **bold**, *italic*, > quote, - list, [text](https://…), "
    "`code`. HTML is shown as text."
)


def new_token() -> str:
    return uuid.uuid4().hex


class BodyField(forms.CharField):
    """The post's text: required, at most MAX_BODY characters, with a message
    that says how long it is. No maxlength in the page, so that a browser
    never cuts off what was pasted."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Text"))
        kwargs.setdefault("help_text", MARKDOWN_HELP)
        super().__init__(
            widget=forms.Textarea(attrs={"rows": 8}),
            error_messages={"required": gettext_lazy("Write something first.")},
            **kwargs,
        )

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_BODY:
            raise ValidationError(
                _(
                    "Your text has %(length)s characters; a post may have at most "
                    "%(max)s. Shorten it or split it into two posts."
                )
                % {"length": len(value), "max": MAX_BODY},
                code="too_long",
            )


class ImageField(forms.FileField):
    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            label=gettext_lazy("Image (optional)"),
            help_text=gettext_lazy("JPEG, PNG, GIF or WebP."),
            widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
            **kwargs,
        )

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        return image_check(upload) if upload else None


class PostingForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", new_token())


class TopicForm(PostingForm):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    body = BodyField()
    image = ImageField()

    field_order = ["title", "body", "image", "token"]


class ReplyForm(PostingForm):
    body = BodyField(label=gettext_lazy("Your reply"))
    image = ImageField()

    field_order = ["body", "image", "token"]


class PostEditForm(forms.Form):
    body = BodyField()
    reason = forms.CharField(
        label=gettext_lazy("Reason for the edit (moderators, logged)"),
        max_length=500,
        required=False,
    )

    def __init__(self, *args, is_moderator=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_moderator:
            del self.fields["reason"]


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Why should a moderator look at this post?"),
        choices=Flag.Reason.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment (optional)"), max_length=500, required=False
    )


class ModeratePostForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("approve", "approve"), ("reject", "reject"), ("hide", "hide")]
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"), max_length=255, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == "reject" and not data.get("reason", "").strip():
            self.add_error("reason", _("Give a reason: it is sent to the author."))
        return data


class TopicModerateForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("Action"),
        choices=[
            ("lock", gettext_lazy("Lock")),
            ("unlock", gettext_lazy("Unlock")),
            ("pin", gettext_lazy("Pin")),
            ("unpin", gettext_lazy("Unpin")),
            ("hide", gettext_lazy("Hide the topic")),
            ("show", gettext_lazy("Show the topic")),
            ("move", gettext_lazy("Move to another category")),
        ],
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("Move to"),
        queryset=Category.objects.none(),
        required=False,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (logged)"), max_length=400, required=False
    )

    def __init__(self, *args, categories, topic=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        if topic is not None:
            # Offer only what changes the topic: Unlock on a locked one, etc.
            pointless = {
                "unlock" if not topic.is_locked else "lock",
                "unpin" if not topic.is_pinned else "pin",
                "show" if not topic.is_hidden else "hide",
            }
            self.fields["action"].choices = [
                choice
                for choice in self.fields["action"].choices
                if choice[0] not in pointless
            ]

    def clean(self):
        data = super().clean()
        if data.get("action") == "move" and not data.get("category"):
            self.add_error("category", _("Choose the category to move the topic to."))
        return data


class SuspendForm(forms.Form):
    category = forms.ModelChoiceField(
        label=gettext_lazy("Where"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("All categories"),
    )
    days = forms.IntegerField(
        label=gettext_lazy("Days"), min_value=1, max_value=365, initial=7
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (shown to the member)"), max_length=500
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class NominationForm(forms.Form):
    user = forms.ModelChoiceField(
        label=gettext_lazy("Colleague"), queryset=None, empty_label=None
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"), queryset=None, empty_label=None
    )

    def __init__(self, *args, users, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["user"].label_from_instance = lambda user: (
            f"{user.get_full_name()} <{user.email}>"
            if user.get_full_name()
            else user.email
        )
        self.fields["category"].queryset = categories


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search the forums"), max_length=200, strip=True
    )

    def clean_q(self):
        # NUL characters cannot be stored or searched in PostgreSQL.
        query = self.cleaned_data["q"].replace("\x00", "").strip()
        if len(query) < 2:
            raise ValidationError(_("Type at least two characters."))
        return query
