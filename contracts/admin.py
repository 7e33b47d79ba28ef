from django.contrib import admin

from contracts.models import Acceptance, Contract, Offer, OfferRequest


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["number", "company", "title", "status"]
    list_filter = ["status"]
    search_fields = ["number", "title", "company__name"]
    readonly_fields = ["latest_sent"]


@admin.register(OfferRequest)
class OfferRequestAdmin(admin.ModelAdmin):
    list_display = ["pk", "company", "requested_by", "status", "created_at"]
    list_filter = ["status"]


@admin.register(Acceptance)
class AcceptanceAdmin(admin.ModelAdmin):
    list_display = ["version", "company", "user", "accepted_at", "sha256"]

    def has_change_permission(self, request, obj=None):
        return False  # the audit trail is never edited


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ["number", "company", "kind", "start_date", "end_date"]
    list_filter = ["kind"]
    search_fields = ["number", "title", "company__name"]
