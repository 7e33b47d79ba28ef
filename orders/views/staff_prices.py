"""Sales staff keep a company's own prices and its credit for orders on
account here (not in the Django admin); each change is recorded and shown
on the company's staff page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from orders.models import CompanyPrice
from orders.services import company_prices as services
from orders.staff_forms import CompanyAccountForm, CompanyPriceForm
from partner_portal.access import PolicyRequiredMixin
from partner_portal.company_staff import staff_company_get
from partner_portal.money import default_currency
from partner_portal.policy import SALES


class StaffCompanyMixin(PolicyRequiredMixin):
    policy = SALES

    def staff_company(self, company_pk):
        return staff_company_get(pk=company_pk)


def _price_rows(company):
    return (
        CompanyPrice.objects.for_company(company)
        .select_related("product")
        .prefetch_related("product__stockrecords")
        .order_by("product__title")
    )


def _price_get(company, pk):
    return get_object_or_404(
        CompanyPrice.objects.for_company(company).select_related("product"), pk=pk
    )


class StaffCompanyPricesView(StaffCompanyMixin, View):
    template_name = "orders/staff/company_prices.html"

    def _render(self, request, company, form, status=200):
        return render(
            request,
            self.template_name,
            {
                "company": company,
                "prices": _price_rows(company),
                "form": form,
                "currency": default_currency(),
            },
            status=status,
        )

    def get(self, request, company_pk):
        company = self.staff_company(company_pk)
        return self._render(request, company, CompanyPriceForm())

    def post(self, request, company_pk):
        company = self.staff_company(company_pk)
        form = CompanyPriceForm(request.POST)
        if form.is_valid():
            try:
                services.company_price_set(
                    company=company,
                    product=form.product,
                    price=form.cleaned_data["price"],
                    actor=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(
                    request,
                    _("%(company)s now pays %(price)s for %(product)s.")
                    % {
                        "company": company.name,
                        "price": form.cleaned_data["price"],
                        "product": form.product.get_title(),
                    },
                )
                return redirect("orders:staff_company_prices", company_pk=company.pk)
        return self._render(request, company, form, status=400)


class StaffCompanyPriceEditView(StaffCompanyMixin, View):
    template_name = "orders/staff/company_price_edit.html"

    def _render(self, request, company, row, form, status=200):
        return render(
            request,
            self.template_name,
            {"company": company, "row": row, "form": form},
            status=status,
        )

    def get(self, request, company_pk, pk):
        company = self.staff_company(company_pk)
        row = _price_get(company, pk)
        form = CompanyPriceForm(product=row.product, initial={"price": row.price})
        return self._render(request, company, row, form)

    def post(self, request, company_pk, pk):
        company = self.staff_company(company_pk)
        row = _price_get(company, pk)
        form = CompanyPriceForm(request.POST, product=row.product)
        if form.is_valid():
            try:
                services.company_price_set(
                    company=company,
                    product=row.product,
                    price=form.cleaned_data["price"],
                    actor=request.user,
                    # A rate an offer granted stays with the product.
                    vat_rate=row.vat_rate,
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("The price is saved."))
                return redirect("orders:staff_company_prices", company_pk=company.pk)
        return self._render(request, company, row, form, status=400)


class StaffCompanyPriceDeleteView(StaffCompanyMixin, View):
    def post(self, request, company_pk, pk):
        company = self.staff_company(company_pk)
        row = _price_get(company, pk)
        services.company_price_delete(
            company=company, product=row.product, actor=request.user
        )
        messages.success(
            request,
            _("%(product)s is at the list price again for %(company)s.")
            % {"product": row.product.get_title(), "company": company.name},
        )
        return redirect("orders:staff_company_prices", company_pk=company.pk)


class StaffCompanyAccountView(StaffCompanyMixin, View):
    template_name = "orders/staff/company_account.html"

    def _render(self, request, company, form, status=200):
        return render(
            request,
            self.template_name,
            {"company": company, "form": form},
            status=status,
        )

    def get(self, request, company_pk):
        company = self.staff_company(company_pk)
        account = services.company_account_get(company=company)
        initial = (
            {
                "credit_limit": account.credit_limit,
                "payment_terms_days": account.payment_terms_days,
            }
            if account
            else {"credit_limit": "0.00", "payment_terms_days": 30}
        )
        return self._render(request, company, CompanyAccountForm(initial=initial))

    def post(self, request, company_pk):
        company = self.staff_company(company_pk)
        form = CompanyAccountForm(request.POST)
        if form.is_valid():
            try:
                services.company_account_set(
                    company=company, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Orders on account are saved."))
                return redirect("orders:staff_company_account", company_pk=company.pk)
        return self._render(request, company, form, status=400)
