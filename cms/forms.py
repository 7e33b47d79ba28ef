from django import forms
from django.utils.translation import gettext_lazy as _


class QuizForm(forms.Form):
    """One radio group per question, named by the question's block id."""

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = [b for b in course.quiz if b.block_type == "question"]
        for block in self.questions:
            self.fields[f"q-{block.id}"] = forms.TypedChoiceField(
                label=block.value["question"],
                choices=[
                    (str(index), answer["text"])
                    for index, answer in enumerate(block.value["answers"])
                ],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose an answer.")},
            )

    def answers(self) -> dict[str, int]:
        return {
            block.id: self.cleaned_data[f"q-{block.id}"] for block in self.questions
        }


class ArticleFeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label=_("Was this helpful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Please answer yes or no.")},
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
