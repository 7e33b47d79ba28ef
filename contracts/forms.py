from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from contracts.models import Contract
from contracts.services import (
    MAX_DOCUMENT_BYTES,
    LineInput,
    default_tax_rate,
    typed_name_matches,
)
from contracts.services.acceptance import nameless_account_message
from partner_portal.models import Company
from partner_portal.permissions import StaffGroup
from partner_portal.uploads import upload_check

StockRecord = get_model("partner", "StockRecord")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _staff_people():
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_staff=True) | Q(groups__name=StaffGroup.SALES.value))
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


class OfferRequestForm(forms.Form):
    message = forms.CharField(
        label=_("What do you need?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        required=False,
    )
    from_basket = forms.BooleanField(
        label=_("Include the lines of my basket"), required=False
    )


class AcceptForm(forms.Form):
    typed_name = forms.CharField(label=_("Your full name"), max_length=200)
    terms = forms.BooleanField(
        label=_(
            "I have read the offer and accept it with its terms on behalf of my "
            "company."
        ),
        error_messages={"required": _("Please tick that you accept the terms.")},
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_typed_name(self):
        name = " ".join(self.cleaned_data["typed_name"].split())
        if self.user is not None and not self.user.get_full_name().strip():
            raise ValidationError(nameless_account_message(), code="nameless")
        if self.user is not None and not typed_name_matches(name, self.user):
            raise ValidationError(
                _("Please type your name as it is in your account: %(name)s")
                % {"name": self.user.get_full_name()}
            )
        return name


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you decline?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class OfferCreateForm(forms.Form):
    company = forms.ModelChoiceField(
        label=_("Company"), queryset=Company.objects.filter(is_active=True)
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.ChoiceField(label=_("Language of the offer"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES


class OfferHeaderForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.ChoiceField(label=_("Language of the offer"), choices=())
    contact_person = forms.ModelChoiceField(
        label=_("Contact person at our side"), queryset=None, required=False
    )
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE)
    cover_note = forms.CharField(
        label=_("Cover note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )
    payment_terms = forms.CharField(
        label=_("Payment terms"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    delivery_terms = forms.CharField(
        label=_("Delivery terms"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    contract_months = forms.IntegerField(
        label=_("Contract term (months)"), min_value=1, max_value=120
    )
    notice_days = forms.IntegerField(
        label=_("Notice period (days)"), min_value=0, max_value=730
    )
    renewal_terms = forms.CharField(
        label=_("Renewal terms"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES
        self.fields["contact_person"].queryset = _staff_people()


class OfferLineForm(forms.Form):
    sku = forms.CharField(label=_("Article number"), max_length=128, required=False)
    description = forms.CharField(
        label=_("Description"), max_length=500, required=False
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=999_999)
    unit_price = forms.DecimalField(
        label=_("Unit price (net)"),
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        required=False,
        error_messages={"min_value": _("The price cannot be negative.")},
    )
    discount_percent = forms.DecimalField(
        label=_("Discount %"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
        required=False,
        error_messages={
            # Django formats these with the limit: a literal percent sign is doubled.
            "min_value": _("The discount must be between 0 and 100 %%."),
            "max_value": _("The discount must be between 0 and 100 %%."),
        },
    )
    tax_rate = forms.DecimalField(
        label=_("VAT %"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
        required=False,
    )

    def __init__(self, *args, strategy=None, **kwargs):
        self.strategy = strategy
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        sku = (data.get("sku") or "").strip()
        data["product"] = None
        if sku:
            record = (
                StockRecord.objects.filter(partner_sku__iexact=sku)
                .select_related("product")
                .first()
            )
            if record is None:
                self.add_error("sku", _("Unknown article number."))
                return data
            product = record.product
            data["product"], data["sku"] = product, record.partner_sku
            if not data.get("description"):
                data["description"] = product.get_title()
            if data.get("unit_price") is None and self.strategy is not None:
                info = self.strategy.fetch_for_product(product)
                if info.price.exists:
                    data["unit_price"] = info.price.excl_tax
        if not data.get("description"):
            self.add_error(
                "description", _("Enter an article number or a description.")
            )
        if data.get("unit_price") is None and "unit_price" not in self.errors:
            self.add_error("unit_price", _("Enter a unit price."))
        return data

    def line_input(self) -> LineInput:
        data = self.cleaned_data
        tax_rate = data.get("tax_rate")
        return LineInput(
            description=data["description"],
            quantity=data["quantity"],
            unit_price=data["unit_price"],
            discount_percent=data.get("discount_percent") or Decimal("0"),
            tax_rate=default_tax_rate() if tax_rate is None else tax_rate,
            sku=data.get("sku", ""),
            product=data.get("product"),
        )


class BaseOfferLineFormSet(forms.BaseFormSet):
    def __init__(self, *args, strategy=None, **kwargs):
        self.strategy = strategy
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "strategy": self.strategy}

    def clean(self):
        if any(self.errors):
            return
        if not self.line_inputs():
            raise ValidationError(_("An offer needs at least one line."))

    def line_inputs(self) -> list[LineInput]:
        return [
            form.line_input()
            for index, form in enumerate(self.forms)
            if (index < self.initial_form_count() or form.has_changed())
            and not (self.can_delete and self._should_delete_form(form))
        ]


OfferLineFormSet = forms.formset_factory(
    OfferLineForm, formset=BaseOfferLineFormSet, extra=3, can_delete=True
)


class ContractForm(forms.Form):
    company = forms.ModelChoiceField(
        label=_("Company"), queryset=Company.objects.filter(is_active=True)
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Contract.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    start_date = forms.DateField(label=_("Start"), widget=DATE)
    end_date = forms.DateField(label=_("End"), widget=DATE)
    notice_days = forms.IntegerField(
        label=_("Notice period (days)"), min_value=0, max_value=730, initial=90
    )
    renewal_terms = forms.CharField(
        label=_("Renewal terms"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    contact_person = forms.ModelChoiceField(
        label=_("Contact person at our side"), queryset=None, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = _staff_people()

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end must not be before the start."))
        return data


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("PDF file (at most 10 MB)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        upload_check(upload, pdf=True, max_mb=MAX_DOCUMENT_BYTES // (1024 * 1024))
        return upload
