from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from marketing_assets import files, services
from marketing_assets.models import Asset, AssetCollection, PartnerBrand
from marketing_assets.selectors import MAX_QUERY


class AssetFilterForm(forms.Form):
    # No max_length: longer input is cut in clean_q, not refused.
    q = forms.CharField(label=_("Search"), required=False)
    collection = forms.ModelChoiceField(
        label=_("Collection"),
        queryset=AssetCollection.objects.all(),
        required=False,
        empty_label=_("All collections"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All kinds")), *Asset.Kind.choices],
        required=False,
    )
    tag = forms.SlugField(label=_("Tag"), required=False, max_length=100)

    def __init__(self, *args, collections=None, **kwargs):
        super().__init__(*args, **kwargs)
        if collections is not None:
            self.fields["collection"].queryset = collections

    def clean_q(self):
        return self.cleaned_data["q"].strip()[:MAX_QUERY]


class AssetAdminForm(WagtailAdminModelForm):
    """The Wagtail admin's asset form: the file is checked by its content for
    the chosen kind before anything is stored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._stored = (self.instance.file.name, self.instance.thumbnail.name)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        co_brandable = cleaned.get("co_brandable", False)
        upload = self.files.get(self.add_prefix("file"))
        if upload is not None and kind:
            try:
                self._checked = services.asset_file_check(
                    kind=kind, co_brandable=co_brandable, upload=upload
                )
            except ValidationError as error:
                self.add_error("file", error)
        elif self.instance.pk and kind and not self.errors.get("file"):
            # The kind or the co-branding flag changed without a new file: the
            # stored file must still fit.
            if kind != self.instance.kind or (
                co_brandable and not self.instance.co_brandable
            ):
                try:
                    with self.instance.file.open("rb") as stored:
                        self._checked = services.asset_file_check(
                            kind=kind, co_brandable=co_brandable, upload=stored
                        )
                except ValidationError as error:
                    self.add_error("kind", error)
        thumbnail = self.files.get(self.add_prefix("thumbnail"))
        if thumbnail is not None:
            try:
                services.thumbnail_check(upload=thumbnail)
            except ValidationError as error:
                self.add_error("thumbnail", error)
        return cleaned

    def save(self, commit=True):
        checked = getattr(self, "_checked", None)
        if checked is not None:
            services.asset_apply_file_facts(asset=self.instance, checked=checked)
        asset = super().save(commit=commit)
        if commit:
            current = (asset.file.name, asset.thumbnail.name)
            services.asset_files_discard(
                names=[
                    old
                    for old, new in zip(self._stored, current, strict=True)
                    if old and old != new
                ]
            )
        return asset


class PartnerBrandForm(forms.ModelForm):
    logo_upload = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG or JPEG, at most 5 MB."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = PartnerBrand
        fields = ["display_name", "address", "phone", "email", "website"]
        widgets = {
            "display_name": forms.TextInput(attrs={"dir": "auto"}),
            "address": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        }

    def clean_address(self):
        lines = [
            line.strip()
            for line in self.cleaned_data["address"].splitlines()
            if line.strip()
        ]
        if len(lines) > 4:
            raise ValidationError(_("At most four address lines fit on a flyer."))
        return "\n".join(lines)

    def clean_logo_upload(self):
        logo = self.cleaned_data.get("logo_upload")
        if logo:
            files.check_image(logo, max_mb=services.LOGO_MAX_MB)
        return logo
