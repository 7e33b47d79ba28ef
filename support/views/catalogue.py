"""The catalogue, a service's request form, the problem report with its
suggestions, and "this solved my problem"."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from partner_portal.access import PolicyRequiredMixin
from partner_portal.permissions import Capability
from partner_portal.policy import Member
from support import services
from support.forms import ProblemReportForm, ServiceRequestForm
from support.selectors import catalogue, service_get, suggestions
from support.services import SupportError

SUPPORT_MEMBER = Member(Capability.SUPPORT_REQUEST)


class CatalogueView(PolicyRequiredMixin, View):
    policy = SUPPORT_MEMBER

    def get(self, request):
        return render(
            request,
            "support/catalogue.html",
            {"groups": catalogue(request=request)},
        )


def _created(request, support_request):
    if support_request.approval == support_request.Approval.PENDING:
        text = _(
            "Request %(number)s is sent to your company's approver; the team "
            "starts once it is approved."
        )
    else:
        text = _("Request %(number)s is sent; we will answer by mail and here.")
    messages.success(request, text % {"number": support_request.number})
    return redirect("support:detail", number=support_request.number)


class ServiceRequestView(PolicyRequiredMixin, View):
    """A service's form; the fields come from the service's ServiceFields."""

    policy = SUPPORT_MEMBER
    template_name = "support/service_request_form.html"

    def _render(self, request, service, form):
        return render(request, self.template_name, {"service": service, "form": form})

    def get(self, request, slug):
        service = service_get(request=request, slug=slug)
        return self._render(request, service, ServiceRequestForm(service=service))

    def post(self, request, slug):
        service = service_get(request=request, slug=slug)
        form = ServiceRequestForm(request.POST, request.FILES, service=service)
        if not form.is_valid():
            return self._render(request, service, form)
        try:
            support_request = services.request_create(
                company=self.company,
                user=request.user,
                service=service,
                subject=form.cleaned_data["subject"],
                description=form.cleaned_data["description"],
                answers=form.answers(),
                files=form.files_checked(),
                submission_key=form.cleaned_data["submission_key"],
            )
        except SupportError as error:
            form.add_error(None, str(error))
            return self._render(request, service, form)
        return _created(request, support_request)


class ReportView(PolicyRequiredMixin, View):
    """A problem without a service. Suggestions for the subject are shown as
    the member types (support.js asks support:suggest); without scripts, the
    "Look for answers" button shows them on this page."""

    policy = SUPPORT_MEMBER
    template_name = "support/report_form.html"

    def _render(self, request, form, query=""):
        found = suggestions(request=request, query=query) if query else []
        return render(
            request,
            self.template_name,
            {"form": form, "suggestions": found, "query": query},
        )

    def get(self, request):
        query = request.GET.get("subject", "")[:200]
        initial = {"subject": query, "description": request.GET.get("description", "")}
        form = ProblemReportForm(initial=initial if query else None)
        return self._render(request, form, query)

    def post(self, request):
        form = ProblemReportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form, request.POST.get("subject", "")[:200])
        attachment = form.cleaned_data.get("attachment")
        try:
            support_request = services.request_create(
                company=self.company,
                user=request.user,
                subject=form.cleaned_data["subject"],
                description=form.cleaned_data["description"],
                files=[attachment] if attachment else [],
                submission_key=form.cleaned_data["submission_key"],
            )
        except SupportError as error:
            form.add_error(None, str(error))
            return self._render(request, form)
        return _created(request, support_request)


class SuggestView(PolicyRequiredMixin, View):
    """JSON: articles and solved topics for the subject being typed."""

    policy = SUPPORT_MEMBER

    def get(self, request):
        query = request.GET.get("q", "")[:200]
        found = suggestions(request=request, query=query)
        return JsonResponse(
            {
                "query": query,
                "results": [
                    {
                        "kind": item.kind,
                        "kind_label": _("Article")
                        if item.kind == "article"
                        else _("Solved forum topic"),
                        "title": item.title,
                        "url": item.url,
                    }
                    for item in found
                ],
            }
        )


class DeflectedView(PolicyRequiredMixin, View):
    """ "This solved my problem": counted, and no request is made."""

    policy = SUPPORT_MEMBER

    def post(self, request):
        try:
            services.deflection_record(
                company=self.company,
                user=request.user,
                query=request.POST.get("query", ""),
                target_url=request.POST.get("target_url", ""),
                target_title=request.POST.get("target_title", ""),
            )
        except ValidationError:
            messages.error(request, _("That answer could not be recorded."))
            return redirect("support:report")
        messages.success(request, _("Glad it is solved. No request was sent."))
        return redirect("support:catalogue")
