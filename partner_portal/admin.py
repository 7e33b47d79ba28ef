"""For superusers only (partner_portal/admin_site.py): they create companies
and their addresses here; sales staff edit companies on the portal's staff
pages, and company admins manage their colleagues in the portal itself."""

from django.contrib import admin

from partner_portal.models import Company, CompanyAddress, Membership


class CompanyAddressInline(admin.TabularInline):
    model = CompanyAddress
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "customer_number",
        "kind",
        "partner_tier",
        "contact_person",
        "is_active",
    ]
    list_filter = ["kind", "partner_tier", "is_active"]
    search_fields = ["name", "customer_number"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CompanyAddressInline, MembershipInline]
