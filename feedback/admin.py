from django.contrib import admin

from feedback.models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("pk", "kind", "status", "company", "language", "created_at")
    list_filter = ("kind", "status")
    readonly_fields = [field.name for field in Feedback._meta.fields]

    def has_add_permission(self, request):
        return False
