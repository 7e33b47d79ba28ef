"""The service catalogue editor for Support staff: the list of services by
department, and one page that creates or edits a service together with the
fields of its request form. Policy: the Support staff group and superusers
(as the queue, support.views.desk)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from partner_portal.access import PolicyRequiredMixin
from partner_portal.permissions import Capability
from support.catalogue_forms import ServiceFieldFormSet, ServiceForm
from support.models import Service
from support.selectors.catalogue import desk_service_get, desk_service_list
from support.services.catalogue import service_save
from support.views.desk import SUPPORT_DESK

FIELDS_PREFIX = "fields"


class DeskServiceListView(PolicyRequiredMixin, View):
    policy = SUPPORT_DESK

    def get(self, request):
        capabilities = dict(Capability.choices)
        services = list(desk_service_list())
        for service in services:
            service.capability_label = capabilities.get(
                service.capability, service.capability
            )
        return render(request, "support/desk_services.html", {"services": services})


class _ServiceFormView(PolicyRequiredMixin, View):
    policy = SUPPORT_DESK

    def _service(self, slug=None) -> Service:
        # A new service on the create address, the named one on its own.
        return Service() if slug is None else desk_service_get(slug=slug)

    def _render(self, request, service, form, formset, status=200):
        return render(
            request,
            "support/desk_service_form.html",
            {"service": service, "form": form, "formset": formset},
            status=status,
        )

    def get(self, request, slug=None):
        service = self._service(slug)
        return self._render(
            request,
            service,
            ServiceForm(instance=service),
            ServiceFieldFormSet(instance=service, prefix=FIELDS_PREFIX),
        )

    def post(self, request, slug=None):
        service = self._service(slug)
        creating = service.pk is None
        form = ServiceForm(request.POST, instance=service)
        formset = ServiceFieldFormSet(
            request.POST, instance=service, prefix=FIELDS_PREFIX
        )
        # Both are validated, so every mistake shows at once.
        if not all([form.is_valid(), formset.is_valid()]):
            return self._render(request, service, form, formset)
        service = form.save(commit=False)
        fields = formset.save(commit=False)
        try:
            service = service_save(
                service=service, fields=fields, removed=formset.deleted_objects
            )
        except ValidationError as error:
            # Only a race gets here (the forms check the same rules first).
            form.add_error(None, list(error.messages))
            return self._render(request, service, form, formset)
        text = (
            _("Service “%(name)s” is created.")
            if creating
            else _("Service “%(name)s” is saved.")
        )
        messages.success(request, text % {"name": service.name})
        return redirect("support:desk_services")


class DeskServiceCreateView(_ServiceFormView):
    """/portal/support/desk/services/new/"""


class DeskServiceEditView(_ServiceFormView):
    """/portal/support/desk/services/<slug>/"""
