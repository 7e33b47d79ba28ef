from django.contrib import admin

from audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: entries are appended by audit.services.record only."""

    list_display = ("created_at", "company", "seq", "action", "actor_email", "ip")
    list_filter = ("action",)
    search_fields = ("actor_email", "object_repr")
    ordering = ("-created_at",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
