"""The customer's returns: request one, list, export, detail, credit notes."""

import csv

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from orders.selectors import order_get
from partner_portal.access import PolicyRequiredMixin
from partner_portal.exports import csv_safe
from partner_portal.files import ATTACHMENT, CSV, private_content_response
from partner_portal.page_cache import page_cached
from partner_portal.permissions import Capability
from partner_portal.policy import Member
from returns import services
from returns.forms import ReturnFilterForm, ReturnRequestForm
from returns.selectors import credit_note_list, return_get, return_list
from returns.services import ReturnError

EXPORT_LIMIT = 50_000


class ReturnCreateView(PolicyRequiredMixin, View):
    """Request a return of lines of one order."""

    policy = Member(Capability.RETURN_CREATE)
    template_name = "returns/returnrequest_form.html"

    def _order(self, request, number):
        return order_get(
            company=self.company,
            user=request.user,
            membership=request.membership,
            number=number,
        )

    def _render(self, request, order, form, status=200):
        return render(
            request,
            self.template_name,
            {
                "order": order,
                "form": form,
                "any_returnable": any(row.returnable for row in form.rows),
            },
            status=status,
        )

    def get(self, request, number):
        order = self._order(request, number)
        rows = services.returnable_lines(order=order)
        return self._render(request, order, ReturnRequestForm(rows=rows))

    def post(self, request, number):
        order = self._order(request, number)
        rows = services.returnable_lines(order=order)
        form = ReturnRequestForm(request.POST, request.FILES, rows=rows)
        if not form.is_valid():
            return self._render(request, order, form)
        try:
            return_request = services.return_request_create(
                company=self.company,
                user=request.user,
                order=order,
                quantities=form.quantities(),
                reason=form.cleaned_data["reason"],
                comment=form.cleaned_data["comment"],
                photos=form.cleaned_data["photos"],
                submission_key=form.cleaned_data["submission_key"],
            )
        except ReturnError as error:
            form.add_error(None, str(error))
            # Quantities may have changed meanwhile: show the new maximums.
            form.rows = services.returnable_lines(order=order)
            return self._render(request, order, form)
        messages.success(
            request,
            _(
                "Return %(number)s is requested. We will tell you by mail when "
                "the returns desk has looked at it."
            )
            % {"number": return_request.number},
        )
        return redirect("returns:detail", number=return_request.number)


class ReturnListMixin(PolicyRequiredMixin):
    policy = Member(Capability.ORDER_VIEW_OWN)

    def filtered(self, request):
        form = ReturnFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
        returns = return_list(
            company=self.company,
            user=request.user,
            membership=request.membership,
            filters=filters,
        )
        return form, returns


class ReturnListView(ReturnListMixin, View):
    @page_cached
    def get(self, request):
        form, returns = self.filtered(request)
        page = Paginator(returns, 25).get_page(request.GET.get("page"))
        return render(
            request,
            "returns/returnrequest_list.html",
            {
                "form": form,
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "returns": page.object_list,
            },
        )


class ReturnExportView(ReturnListMixin, View):
    """The filtered returns as CSV, one row per returned line."""

    def get(self, request):
        _form, returns = self.filtered(request)
        returns = returns.prefetch_related("lines__order_line")[:EXPORT_LIMIT]
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = private_content_response(
            filename=f"returns-{stamp}.csv", content_type=CSV, disposition=ATTACHMENT
        )
        response.write("\ufeff")  # so that Excel reads UTF-8
        writer = csv.writer(response)
        writer.writerow(
            [
                _("RMA number"),
                _("Requested at"),
                _("Requested by"),
                _("Order"),
                _("PO number"),
                _("Status"),
                _("Reason"),
                _("SKU"),
                _("Article"),
                _("Quantity"),
                _("Received"),
                _("Comment"),
            ]
        )
        for return_request in returns:
            for line in return_request.lines.all():
                writer.writerow(
                    [
                        csv_safe(value)
                        for value in (
                            return_request.number,
                            timezone.localtime(return_request.created_at).strftime(
                                "%Y-%m-%d %H:%M"
                            ),
                            return_request.requested_by.email,
                            return_request.order.number,
                            return_request.order.purchase_order_number,
                            return_request.get_status_display(),
                            return_request.get_reason_display(),
                            line.order_line.partner_sku,
                            line.order_line.title,
                            line.quantity,
                            ""
                            if line.received_quantity is None
                            else line.received_quantity,
                            return_request.comment,
                        )
                    ]
                )
        return response


class ReturnDetailView(ReturnListMixin, View):
    def get(self, request, number):
        return_request = return_get(
            company=self.company,
            user=request.user,
            membership=request.membership,
            number=number,
        )
        return render(
            request,
            "returns/returnrequest_detail.html",
            {"return_request": return_request, "order": return_request.order},
        )


class CreditNoteListView(ReturnListMixin, View):
    def get(self, request):
        notes = credit_note_list(
            company=self.company, user=request.user, membership=request.membership
        )
        page = Paginator(notes, 25).get_page(request.GET.get("page"))
        return render(
            request,
            "returns/creditnote_list.html",
            {
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "notes": page.object_list,
            },
        )
