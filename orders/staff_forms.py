from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from partner_portal.money import default_currency

StockRecord = get_model("partner", "StockRecord")
MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": Decimal("0.00")}


class CompanyPriceForm(forms.Form):
    """A price by SKU (adding) or for a known product (editing)."""

    sku = forms.CharField(label=_("SKU"), max_length=128)
    price = forms.DecimalField(label=_("Price (net)"), **MONEY)

    def __init__(self, *args, product=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product
        self.fields["price"].help_text = _("Net, in %(currency)s.") % {
            "currency": default_currency()
        }
        if product is not None:
            del self.fields["sku"]

    def clean_sku(self):
        sku = self.cleaned_data["sku"].strip()
        record = (
            StockRecord.objects.filter(partner_sku__iexact=sku)
            .select_related("product")
            .first()
        )
        if record is None:
            raise forms.ValidationError(
                _("No product has the SKU %(sku)s.") % {"sku": sku}
            )
        self.product = record.product
        return sku


class CompanyAccountForm(forms.Form):
    credit_limit = forms.DecimalField(label=_("Credit limit"), **MONEY)
    payment_terms_days = forms.IntegerField(
        label=_("Payment terms (days)"), min_value=0, max_value=365
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["credit_limit"].help_text = _(
            "In %(currency)s; 0 means no orders on account."
        ) % {"currency": default_currency()}
