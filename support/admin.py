"""The Django admin (superusers only, partner_portal/admin_site.py) edits the
catalogue: departments, teams and calendars, SLA targets, services and their
form fields. Requests are worked in the portal's service desk; here they are
read only."""

from django.contrib import admin

from support.models import (
    BusinessCalendar,
    Deflection,
    Department,
    Holiday,
    Service,
    ServiceField,
    SlaTarget,
    SupportRequest,
    SupportSettings,
    Team,
)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "order")
    prepopulated_fields = {"slug": ("name",)}


class HolidayInline(admin.TabularInline):
    model = Holiday
    extra = 1


@admin.register(BusinessCalendar)
class BusinessCalendarAdmin(admin.ModelAdmin):
    list_display = ("name", "time_zone", "work_start", "work_end", "working_days")
    inlines = [HolidayInline]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "calendar")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("members",)


@admin.register(SlaTarget)
class SlaTargetAdmin(admin.ModelAdmin):
    list_display = ("priority", "first_response_minutes", "resolution_minutes")


class ServiceFieldInline(admin.TabularInline):
    model = ServiceField
    extra = 1


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "department",
        "team",
        "audience",
        "requires_approval",
        "is_active",
        "order",
    )
    list_filter = ("department", "team", "is_active", "requires_approval")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [ServiceFieldInline]


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    list_display = ("number", "company", "subject", "status", "priority", "team")
    list_filter = ("status", "priority", "team")
    search_fields = ("number", "subject")
    readonly_fields = [field.name for field in SupportRequest._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Deflection)
class DeflectionAdmin(admin.ModelAdmin):
    list_display = ("created_at", "company", "user", "query", "target_title")
    readonly_fields = [field.name for field in Deflection._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(SupportSettings)
class SupportSettingsAdmin(admin.ModelAdmin):
    list_display = ("company", "share_requests")
