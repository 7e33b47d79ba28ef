from django.contrib import admin

from returns.models import CreditNote, ReturnPolicy, ReturnRequest


@admin.register(ReturnPolicy)
class ReturnPolicyAdmin(admin.ModelAdmin):
    list_display = ("product_class", "window_days")


@admin.register(ReturnRequest)
class ReturnRequestAdmin(admin.ModelAdmin):
    list_display = ("number", "company", "order", "status", "reason", "created_at")
    list_filter = ("status", "reason")
    search_fields = ("number", "order__number")
    readonly_fields = [field.name for field in ReturnRequest._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(CreditNote)
class CreditNoteAdmin(admin.ModelAdmin):
    list_display = ("number", "company", "amount", "currency", "created_at")
    readonly_fields = [field.name for field in CreditNote._meta.fields]

    def has_add_permission(self, request):
        return False
