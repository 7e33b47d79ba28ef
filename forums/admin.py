from django.contrib import admin

from forums.models import Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "audience", "position", "is_locked"]
    list_editable = ["position", "is_locked"]
    prepopulated_fields = {"slug": ["name"]}
