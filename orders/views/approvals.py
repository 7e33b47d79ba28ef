from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from orders.forms import ApprovalDecisionForm
from orders.models import OrderApproval
from orders.selectors import approval_list_for_user
from orders.services import ApprovalError, approval_decide
from partner_portal.access import PolicyRequiredMixin
from partner_portal.permissions import Capability, capabilities_for
from partner_portal.policy import Member
from partner_portal.scoping import get_for_company_or_404


class ApprovalListView(PolicyRequiredMixin, View):
    """Approvers see the company's approvals; buyers their own requests."""

    policy = Member(Capability.ORDER_VIEW_OWN)

    def get(self, request):
        status = request.GET.get("status", OrderApproval.Status.PENDING)
        if status not in OrderApproval.Status.values and status != "all":
            status = OrderApproval.Status.PENDING
        approvals = approval_list_for_user(
            company=self.company, user=request.user, membership=request.membership
        )
        if status != "all":
            approvals = approvals.filter(status=status)
        return render(
            request,
            "orders/approval_list.html",
            {
                "approvals": approvals[:200],
                "status": status,
                "statuses": OrderApproval.Status.choices,
                "can_approve": Capability.ORDER_APPROVE
                in capabilities_for(request.membership),
            },
        )


class ApprovalDetailView(PolicyRequiredMixin, View):
    policy = Member(Capability.ORDER_VIEW_OWN)
    template_name = "orders/approval_detail.html"

    def _approval(self, request, pk):
        approvals = approval_list_for_user(
            company=self.company, user=request.user, membership=request.membership
        ).prefetch_related("events__user", "basket__lines__product")
        return get_for_company_or_404(approvals, company=self.company, pk=pk)

    def _render(self, request, approval, form, status=200):
        can_decide = (
            Capability.ORDER_APPROVE in capabilities_for(request.membership)
            and approval.requested_by_id != request.user.pk
            and approval.status == OrderApproval.Status.PENDING
        )
        return render(
            request,
            self.template_name,
            {
                "approval": approval,
                "lines": approval.basket.lines.all(),
                "form": form,
                "can_decide": can_decide,
            },
            status=status,
        )

    def get(self, request, pk):
        return self._render(
            request, self._approval(request, pk), ApprovalDecisionForm()
        )

    def post(self, request, pk):
        approval = self._approval(request, pk)
        if Capability.ORDER_APPROVE not in capabilities_for(request.membership):
            return self._render(request, approval, ApprovalDecisionForm(), status=403)
        form = ApprovalDecisionForm(request.POST)
        decision = request.POST.get("decision")
        if form.is_valid() and decision in ("approve", "reject"):
            try:
                approval = approval_decide(
                    approval=approval,
                    user=request.user,
                    membership=request.membership,
                    approve=decision == "approve",
                    comment=form.cleaned_data["comment"],
                )
            except ApprovalError as error:
                form.add_error(None, str(error))
            else:
                if approval.status == OrderApproval.Status.APPROVED:
                    messages.success(
                        request,
                        _("Approved: order %(number)s is placed.")
                        % {"number": approval.order.number},
                    )
                else:
                    messages.success(
                        request, _("Rejected; the buyer has been told why.")
                    )
                return redirect("orders:approvals")
        approval.refresh_from_db()
        return self._render(request, approval, form, status=400)
