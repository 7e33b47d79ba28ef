from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from orders.forms import BudgetForm
from orders.models import Budget
from orders.selectors import budget_use_list
from orders.services import budget_delete, budget_set
from partner_portal.access import PolicyRequiredMixin
from partner_portal.permissions import Capability
from partner_portal.policy import Member
from partner_portal.scoping import get_for_company_or_404
from partner_portal.selectors import membership_list


class BudgetListView(PolicyRequiredMixin, View):
    policy = Member(Capability.BUDGET_MANAGE)
    template_name = "orders/budget_list.html"

    def _form(self, data=None):
        buyers = [
            m.user
            for m in membership_list(company=self.company, include_inactive=False)
        ]
        return BudgetForm(data, buyers=buyers)

    def _render(self, request, form, status=200):
        return render(
            request,
            self.template_name,
            {"form": form, "uses": budget_use_list(company=self.company)},
            status=status,
        )

    def get(self, request):
        return self._render(request, self._form())

    def post(self, request):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                budget_set(
                    company=self.company,
                    buyer_id=form.cleaned_data["buyer"],
                    cost_centre=form.cleaned_data["cost_centre"],
                    monthly_amount=form.cleaned_data["monthly_amount"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The budget is saved."))
                return redirect("orders:budgets")
        return self._render(request, form, status=400)


class BudgetDeleteView(PolicyRequiredMixin, View):
    policy = Member(Capability.BUDGET_MANAGE)

    def post(self, request, pk):
        budget = get_for_company_or_404(Budget, company=self.company, pk=pk)
        budget_delete(budget=budget)
        messages.success(
            request, _("The budget was removed; the buyer has no limit now.")
        )
        return redirect("orders:budgets")
