from django import forms
from django.utils.translation import gettext_lazy as _

MAX_CSV_BYTES = 1024 * 1024


class CheckoutForm(forms.Form):
    address = forms.TypedChoiceField(label=_("Delivery address"), coerce=int)
    purchase_order_number = forms.CharField(
        label=_("Your purchase order number"), max_length=35, required=False
    )
    cost_centre = forms.CharField(label=_("Cost centre"), max_length=35, required=False)
    payment_method = forms.ChoiceField(label=_("Payment"), widget=forms.RadioSelect)

    def __init__(self, *args, addresses, payment_methods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["address"].choices = [(a.pk, str(a)) for a in addresses]
        self.fields["payment_method"].choices = payment_methods
        if len(payment_methods) == 1:
            self.fields["payment_method"].initial = payment_methods[0][0]


class QuickOrderForm(forms.Form):
    lines = forms.CharField(
        label=_("Article number and quantity, one line each"),
        widget=forms.Textarea(
            attrs={"rows": 8, "placeholder": "BOLT-M8-100, 5\nNUT-M8-100; 10"}
        ),
        required=False,
        max_length=50_000,
    )
    file = forms.FileField(
        label=_("… or upload a CSV file (sku, quantity)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv,text/plain"}),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Please upload a .csv or .txt file."))
        data = upload.read()
        if b"\x00" in data:
            raise forms.ValidationError(_("This is not a text (CSV) file."))
        return data

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("lines", "").strip() and not cleaned.get("file"):
            if not self.errors:
                raise forms.ValidationError(
                    _("Type at least one line, or choose a CSV file.")
                )
        return cleaned


class OrderFilterForm(forms.Form):
    SORTS = {
        "-date_placed": _("Newest first"),
        "date_placed": _("Oldest first"),
        "-total_incl_tax": _("Highest total"),
        "total_incl_tax": _("Lowest total"),
        "number": _("Order number"),
    }
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    buyer = forms.TypedChoiceField(
        label=_("Buyer"), required=False, coerce=int, empty_value=None
    )
    po_number = forms.CharField(label=_("PO number"), required=False, max_length=35)
    product = forms.CharField(label=_("Product or SKU"), required=False, max_length=100)
    sort = forms.ChoiceField(
        label=_("Sort"), required=False, choices=list(SORTS.items())
    )

    def __init__(self, *args, statuses, buyers, **kwargs):
        super().__init__(*args, **kwargs)
        from orders.templatetags.orders_tags import STATUS_LABELS

        self.fields["status"].choices = [("", _("All"))] + [
            (s, STATUS_LABELS.get(s, s)) for s in statuses
        ]
        if buyers is None:
            del self.fields["buyer"]
        else:
            self.fields["buyer"].choices = [("", _("All"))] + [
                (user.pk, user.get_full_name() or user.email) for user in buyers
            ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned


class ApprovalDecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BudgetForm(forms.Form):
    buyer = forms.TypedChoiceField(label=_("Buyer"), coerce=int)
    cost_centre = forms.CharField(
        label=_("Cost centre (empty: all)"), required=False, max_length=35
    )
    monthly_amount = forms.DecimalField(
        label=_("Monthly budget (gross)"), min_value=0, max_digits=12, decimal_places=2
    )

    def __init__(self, *args, buyers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer"].choices = [
            (user.pk, user.get_full_name() or user.email) for user in buyers
        ]
