"""API keys in the superuser-only Django admin (partner_portal/admin_site.py).

Staff (ERP) keys are issued here: they reach every company, so only a
superuser creates one, and the key acts as that superuser. The add form issues
the key through `ApiKey.issue` and the page after it shows the plaintext once;
it is rendered there and then (no message cookie, no session keeps it). Company
keys are listed too, for support; their admins issue and revoke them in the
portal. Keys are revoked, never deleted: the record says who used what."""

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from api.models import ApiKey
from partner_portal.permissions import ApiResource


class StaffApiKeyAddForm(forms.ModelForm):
    resources = forms.MultipleChoiceField(
        label=_("Resources"),
        choices=ApiResource.choices,
        initial=list(ApiResource.values),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ApiKey
        fields = ["name", "access", "resources", "rate_per_minute"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "masked",
        "company",
        "access",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["access", ("company", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "company__name"]
    list_select_related = ["company", "created_by"]
    actions = ["revoke"]
    readonly_fields = [
        "company",
        "masked",
        "access",
        "resources",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]

    def get_fields(self, request, obj=None):
        if obj is None:
            return StaffApiKeyAddForm.Meta.fields
        return ["name", "rate_per_minute", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = StaffApiKeyAddForm
        return super().get_form(request, obj, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("key"))
    def masked(self, obj):
        return obj.masked

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        key, plaintext = ApiKey.issue(
            company=None,
            name=obj.name,
            access=obj.access,
            resources=obj.resources,
            created_by=request.user,
            rate_per_minute=obj.rate_per_minute,
        )
        # The admin goes on with `obj` (its log entry, the next page).
        for field in ApiKey._meta.concrete_fields:
            setattr(obj, field.attname, getattr(key, field.attname))
        obj._state.adding = False
        obj._state.db = key._state.db
        request.api_key_plaintext = plaintext

    @method_decorator(never_cache)
    def add_view(self, request, form_url="", extra_context=None):
        return super().add_view(request, form_url, extra_context)

    def response_add(self, request, obj, post_url_continue=None):
        plaintext = getattr(request, "api_key_plaintext", None)
        if plaintext is None:
            return super().response_add(request, obj, post_url_continue)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "key": obj,
            "plaintext": plaintext,
            "title": _("Staff API key issued"),
        }
        return TemplateResponse(request, "admin/api/apikey/issued.html", context)

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request, queryset):
        keys = list(queryset.filter(revoked_at__isnull=True))
        for key in keys:
            key.revoke(by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d key revoked.", "%(count)d keys revoked.", len(keys))
            % {"count": len(keys)},
            messages.SUCCESS,
        )
