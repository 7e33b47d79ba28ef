"""The company admin's API pages: the "API & integrations" index, and the
company's API keys (list, issue, revoke).

A key's plaintext is never stored: the page answering the create form shows it
once (not a redirect to a page that would have to keep it somewhere) and is
sent with `no-store`, so neither the browser's cache nor a proxy keeps it.
Another company's key answers 404 (the company scope)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from api.forms_keys import ApiKeyForm
from api.models import ApiKey
from partner_portal.access import PolicyRequiredMixin
from partner_portal.permissions import Capability
from partner_portal.policy import Member
from partner_portal.scoping import get_for_company_or_404

API_ADMIN = Member(Capability.API_MANAGE)


def company_keys(*, company):
    """The company's keys, newest first, revoked ones included (they stay
    listed so that an admin sees what was switched off, and when)."""
    return ApiKey.objects.for_company(company).select_related(
        "created_by", "revoked_by"
    )


def _webhooks_url():
    # The webhook pages are their own module (api/portal_urls_webhooks.py).
    try:
        return reverse("api_portal:webhooks")
    except NoReverseMatch:
        return None


class ApiIndexView(PolicyRequiredMixin, View):
    policy = API_ADMIN
    template_name = "api/index.html"

    def get(self, request):
        keys = company_keys(company=self.company)
        return render(
            request,
            self.template_name,
            {
                "active_keys": keys.filter(revoked_at__isnull=True).count(),
                "webhooks_url": _webhooks_url(),
                "docs_url": reverse("api:docs"),
                "base_url": settings.PORTAL_BASE_URL.rstrip("/") + "/api/v1/",
            },
        )


class ApiKeyListView(PolicyRequiredMixin, View):
    policy = API_ADMIN
    template_name = "api/keys/list.html"

    def get(self, request):
        return render(
            request,
            self.template_name,
            {"keys": company_keys(company=self.company)},
        )


@method_decorator(never_cache, name="dispatch")
class ApiKeyCreateView(PolicyRequiredMixin, View):
    policy = API_ADMIN
    template_name = "api/keys/form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ApiKeyForm()})

    def post(self, request):
        form = ApiKeyForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        key, plaintext = ApiKey.issue(
            company=self.company,
            name=form.cleaned_data["name"],
            access=form.cleaned_data["access"],
            resources=form.cleaned_data["resources"],
            created_by=request.user,
        )
        return render(
            request,
            "api/keys/created.html",
            {"key": key, "plaintext": plaintext},
        )


class ApiKeyRevokeView(PolicyRequiredMixin, View):
    """A confirmation page (GET), then the revocation (POST): the key answers
    401 from the next request on."""

    policy = API_ADMIN
    template_name = "api/keys/revoke.html"

    def _key(self, pk):
        return get_for_company_or_404(
            company_keys(company=self.company), company=self.company, pk=pk
        )

    def get(self, request, pk):
        key = self._key(pk)
        if key.is_revoked:
            return redirect("api_portal:keys")
        return render(request, self.template_name, {"key": key})

    def post(self, request, pk):
        key = self._key(pk)
        if key.is_revoked:
            messages.info(
                request,
                _("The key %(name)s was already revoked.") % {"name": key.name},
            )
        else:
            key.revoke(by=request.user)
            messages.success(
                request,
                _("The key %(name)s is revoked; it no longer works.")
                % {"name": key.name},
            )
        return redirect("api_portal:keys")
