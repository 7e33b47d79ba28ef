"""Sales staff keep a company's master data here and see what was changed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from partner_portal import company_staff
from partner_portal.access import PolicyRequiredMixin
from partner_portal.policy import SALES
from partner_portal.staff_changes import staff_change_list
from partner_portal.staff_forms import CompanyStaffForm


class StaffCompanyEditView(PolicyRequiredMixin, View):
    policy = SALES
    template_name = "partner_portal/staff/company_edit.html"

    def _render(self, request, company, form, status=200):
        return render(
            request,
            self.template_name,
            {
                "company": company,
                "form": form,
                "sections": company_staff.company_sections(request, company),
                "changes": staff_change_list(company=company),
            },
            status=status,
        )

    def get(self, request, pk):
        company = company_staff.staff_company_get(pk=pk)
        form = CompanyStaffForm(
            initial={
                "name": company.name,
                "kind": company.kind,
                "partner_tier": company.partner_tier,
                "is_active": company.is_active,
                "contact_person": company.contact_person,
            }
        )
        return self._render(request, company, form)

    def post(self, request, pk):
        company = company_staff.staff_company_get(pk=pk)
        form = CompanyStaffForm(request.POST)
        if form.is_valid():
            try:
                company_staff.company_update(
                    actor=request.user, company=company, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("The company is saved."))
                return redirect("partner_portal:staff_company_edit", pk=company.pk)
        return self._render(request, company, form, status=400)
