"""For superusers only (partner_portal/admin_site.py): sales staff keep
company prices and credit limits on the portal's staff pages, where each
change is recorded."""

from django.contrib import admin

from orders.models import Budget, CompanyAccount, CompanyPrice


@admin.register(CompanyPrice)
class CompanyPriceAdmin(admin.ModelAdmin):
    list_display = ["company", "product", "price"]
    list_filter = ["company"]
    search_fields = [
        "product__title",
        "product__stockrecords__partner_sku",
        "company__name",
    ]
    raw_id_fields = ["product"]


@admin.register(CompanyAccount)
class CompanyAccountAdmin(admin.ModelAdmin):
    list_display = ["company", "credit_limit", "payment_terms_days"]
    search_fields = ["company__name"]


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ["company", "buyer", "cost_centre", "monthly_amount"]
    list_filter = ["company"]
