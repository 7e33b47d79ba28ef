"""Forms of the service catalogue editor (Support staff): a service and the
fields of its request form. Validation and cleaning only; the rules a field
must follow are the service module's (support.services.catalogue)."""

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from partner_portal.permissions import Capability
from support.models import Service, ServiceField
from support.models.catalogue import ICONS
from support.services.catalogue import (
    RESERVED_SLUGS,
    duplicate_labels,
    service_field_problems,
)


class ServiceForm(forms.ModelForm):
    icon = forms.ChoiceField(label=_("Icon"), required=False)
    capability = forms.ChoiceField(label=_("Capability needed"), required=False)

    class Meta:
        model = Service
        fields = [
            "department",
            "team",
            "name",
            "slug",
            "description",
            "icon",
            "audience",
            "capability",
            "requires_approval",
            "default_priority",
            "is_active",
            "order",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["icon"].choices = [("", _("Default")), *((i, i) for i in ICONS)]
        self.fields["capability"].choices = [
            ("", _("Every member of the company")),
            *Capability.choices,
        ]
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _(
            "The service's address; left empty, it is made from the name."
        )

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        if not slug:
            if self.instance.pk:
                return self.instance.slug
            slug = slugify(self.cleaned_data.get("name") or "")[:50]
            if not slug:
                raise forms.ValidationError(
                    _("Give an address of letters, digits and hyphens.")
                )
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This address is reserved; choose another."))
        taken = Service.objects.filter(slug=slug).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("The address “%(slug)s” is taken by another service.")
                % {"slug": slug}
            )
        return slug


class ServiceFieldForm(forms.ModelForm):
    class Meta:
        model = ServiceField
        fields = [
            "label",
            "kind",
            "required",
            "help_text",
            "choices",
            "future_only",
            "order",
        ]
        widgets = {"choices": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        cleaned = super().clean()
        problems = service_field_problems(
            kind=cleaned.get("kind") or "",
            choices=cleaned.get("choices") or "",
            future_only=bool(cleaned.get("future_only")),
        )
        for name, message in problems.items():
            self.add_error(name, message)
        return cleaned


class BaseServiceFieldFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        labels = [
            form.cleaned_data["label"]
            for form in self.forms
            if form.cleaned_data.get("label") and not self._should_delete_form(form)
        ]
        if twice := duplicate_labels(labels):
            for form in self.forms:
                label = form.cleaned_data.get("label") or ""
                if " ".join(label.split()).casefold() in twice:
                    form.add_error("label", _("Another field has this label."))
            raise forms.ValidationError(
                _("Each field of a service needs its own label.")
            )


ServiceFieldFormSet = forms.inlineformset_factory(
    Service,
    ServiceField,
    form=ServiceFieldForm,
    formset=BaseServiceFieldFormSet,
    extra=2,
    can_delete=True,
)
