"""The company admin's webhook pages under /portal/api/webhooks/: the
endpoints, one endpoint with its recent deliveries, add, change, delete,
a new signing secret, a test event and "retry now".

The signing secret is shown once, on the page answering the create or
rotate form (sent with `no-store`), like a new API key. Another company's
endpoint or delivery answers 404 (the company scope)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from api.models import WebhookDelivery, WebhookEndpoint
from api.webhooks.delivery import MAX_ATTEMPTS, delivery_retry, delivery_test_send
from api.webhooks.forms import WebhookEndpointForm
from api.webhooks.services import (
    WebhookError,
    endpoint_create,
    endpoint_delete,
    endpoint_list,
    endpoint_secret_rotate,
    endpoint_update,
)
from partner_portal.access import PolicyRequiredMixin
from partner_portal.permissions import Capability
from partner_portal.policy import Member
from partner_portal.scoping import get_for_company_or_404

WEBHOOKS_ADMIN = Member(Capability.API_MANAGE)
DELIVERIES_PER_PAGE = 25


class _EndpointView(PolicyRequiredMixin, View):
    policy = WEBHOOKS_ADMIN

    def endpoint(self, pk):
        return get_for_company_or_404(WebhookEndpoint, company=self.company, pk=pk)


class WebhookListView(_EndpointView):
    template_name = "api/webhooks/list.html"

    def get(self, request):
        latest = WebhookDelivery.objects.filter(endpoint=OuterRef("pk")).order_by(
            "-created_at", "-pk"
        )
        endpoints = endpoint_list(company=self.company).annotate(
            last_status=Subquery(latest.values("status")[:1]),
            last_at=Subquery(latest.values("created_at")[:1]),
        )
        labels = dict(WebhookDelivery.Status.choices)
        endpoints = list(endpoints)
        for endpoint in endpoints:
            endpoint.last_status_label = labels.get(endpoint.last_status, "")
        return render(request, self.template_name, {"endpoints": endpoints})


@method_decorator(never_cache, name="dispatch")
class WebhookCreateView(_EndpointView):
    template_name = "api/webhooks/form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": WebhookEndpointForm()})

    def post(self, request):
        form = WebhookEndpointForm(request.POST)
        if form.is_valid():
            try:
                endpoint = endpoint_create(
                    company=self.company,
                    user=request.user,
                    url=form.cleaned_data["url"],
                    events=form.cleaned_data["events"],
                    description=form.cleaned_data["description"],
                )
            except WebhookError as error:
                form.add_error(None, str(error))
            else:
                return render(
                    request,
                    "api/webhooks/secret.html",
                    {"endpoint": endpoint, "created": True},
                )
        return render(request, self.template_name, {"form": form}, status=400)


class WebhookDetailView(_EndpointView):
    template_name = "api/webhooks/detail.html"

    def get(self, request, pk):
        endpoint = self.endpoint(pk)
        deliveries = WebhookDelivery.objects.for_company(self.company).filter(
            endpoint=endpoint
        )
        page = Paginator(deliveries, DELIVERIES_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return render(
            request,
            self.template_name,
            {
                "endpoint": endpoint,
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "deliveries": page.object_list,
                "max_attempts": MAX_ATTEMPTS,
            },
        )


class WebhookEditView(_EndpointView):
    template_name = "api/webhooks/form.html"

    def get(self, request, pk):
        endpoint = self.endpoint(pk)
        form = WebhookEndpointForm(
            initial={
                "url": endpoint.url,
                "events": endpoint.events,
                "description": endpoint.description,
                "is_active": endpoint.is_active,
            }
        )
        return render(request, self.template_name, {"form": form, "endpoint": endpoint})

    def post(self, request, pk):
        endpoint = self.endpoint(pk)
        form = WebhookEndpointForm(request.POST)
        if form.is_valid():
            try:
                endpoint_update(endpoint=endpoint, **form.cleaned_data)
            except WebhookError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The webhook endpoint is saved."))
                return redirect("api_portal:webhook_detail", pk=endpoint.pk)
        context = {"form": form, "endpoint": endpoint}
        return render(request, self.template_name, context, status=400)


class WebhookDeleteView(_EndpointView):
    template_name = "api/webhooks/delete.html"

    def get(self, request, pk):
        return render(request, self.template_name, {"endpoint": self.endpoint(pk)})

    def post(self, request, pk):
        endpoint = self.endpoint(pk)
        endpoint_delete(endpoint=endpoint)
        messages.success(request, _("The webhook endpoint is deleted."))
        return redirect("api_portal:webhooks")


@method_decorator(never_cache, name="dispatch")
class WebhookRotateView(_EndpointView):
    """A confirmation page (GET), then the new secret, shown once (POST)."""

    template_name = "api/webhooks/rotate.html"

    def get(self, request, pk):
        return render(request, self.template_name, {"endpoint": self.endpoint(pk)})

    def post(self, request, pk):
        endpoint = endpoint_secret_rotate(endpoint=self.endpoint(pk))
        return render(
            request,
            "api/webhooks/secret.html",
            {"endpoint": endpoint, "created": False},
        )


class WebhookTestView(_EndpointView):
    def post(self, request, pk):
        delivery_test_send(endpoint=self.endpoint(pk))
        messages.info(request, _("A test event is on its way: see its delivery below."))
        return redirect("api_portal:webhook_detail", pk=pk)


class WebhookRetryView(_EndpointView):
    def post(self, request, pk, delivery_pk):
        endpoint = self.endpoint(pk)
        delivery = get_for_company_or_404(
            WebhookDelivery.objects.filter(endpoint=endpoint),
            company=self.company,
            pk=delivery_pk,
        )
        try:
            delivery_retry(delivery=delivery)
        except WebhookError as error:
            messages.error(request, str(error))
        else:
            messages.info(
                request, _("The delivery is sent again: see its status below.")
            )
        return redirect("api_portal:webhook_detail", pk=pk)
