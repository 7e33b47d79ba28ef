import csv

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from oscar.core.loading import get_model

from orders.exports import orders_workbook
from orders.forms import OrderFilterForm
from orders.models import Invoice
from orders.selectors import (
    SHIPPED_STATUSES,
    order_get,
    order_list,
    order_statuses,
)
from orders.services import reorder
from partner_portal.access import PolicyRequiredMixin
from partner_portal.exports import csv_safe
from partner_portal.files import (
    ATTACHMENT,
    CSV,
    PDF,
    XLSX,
    private_content_response,
    private_file_response,
)
from partner_portal.page_cache import page_cached
from partner_portal.permissions import Capability, capabilities_for
from partner_portal.policy import Member
from partner_portal.scoping import get_for_company_or_404
from partner_portal.selectors import membership_list

Order = get_model("order", "Order")
EXPORT_LIMIT = 50_000


class OrderFilterMixin(PolicyRequiredMixin):
    policy = Member(Capability.ORDER_VIEW_OWN)

    def filtered(self, request):
        sees_all = Capability.ORDER_VIEW_ALL in capabilities_for(request.membership)
        buyers = (
            [m.user for m in membership_list(company=self.company)]
            if sees_all
            else None
        )
        form = OrderFilterForm(
            request.GET or None,
            statuses=order_statuses(company=self.company),
            buyers=buyers,
        )
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
        orders = order_list(
            company=self.company,
            user=request.user,
            membership=request.membership,
            filters=filters,
        )
        return form, orders, sees_all


class OrderListView(OrderFilterMixin, View):
    template_name = "orders/order_list.html"

    @page_cached
    def get(self, request):
        form, orders, sees_all = self.filtered(request)
        page = Paginator(orders, 25).get_page(request.GET.get("page"))
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "orders": page.object_list,
                "sees_all": sees_all,
            },
        )


def _export_rows(orders):
    yield [
        _("Order number"),
        _("Date"),
        _("Buyer"),
        _("PO number"),
        _("Cost centre"),
        _("Status"),
        _("Payment"),
        _("Total (net)"),
        _("Total (gross)"),
        _("Currency"),
    ]
    for order in orders.iterator(chunk_size=2000):
        yield [
            order.number,
            timezone.localtime(order.date_placed).strftime("%Y-%m-%d %H:%M"),
            order.user.email if order.user else "",
            order.purchase_order_number,
            order.cost_centre,
            order.status,
            order.get_payment_method_display(),
            order.total_excl_tax,
            order.total_incl_tax,
            order.currency,
        ]


class OrderExportView(OrderFilterMixin, View):
    """The filtered history as CSV or Excel (at most 50,000 orders)."""

    def get(self, request, fmt):
        if fmt not in ("csv", "xlsx"):
            raise Http404
        _form, orders, _sees_all = self.filtered(request)
        orders = orders[:EXPORT_LIMIT]
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        if fmt == "csv":
            response = private_content_response(
                filename=f"orders-{stamp}.csv",
                content_type=CSV,
                disposition=ATTACHMENT,
            )
            response.write("\ufeff")  # so that Excel reads UTF-8
            writer = csv.writer(response)
            for row in _export_rows(orders):
                writer.writerow([csv_safe(value) for value in row])
            return response
        workbook = orders_workbook(orders, with_lines=request.GET.get("lines") == "1")
        response = private_content_response(
            filename=f"orders-{stamp}.xlsx",
            content_type=XLSX,
            disposition=ATTACHMENT,
        )
        workbook.save(response)
        return response


class OrderDetailView(PolicyRequiredMixin, View):
    policy = Member(Capability.ORDER_VIEW_OWN)
    template_name = "orders/order_detail.html"

    @page_cached
    def get(self, request, number):
        order = order_get(
            company=self.company,
            user=request.user,
            membership=request.membership,
            number=number,
        )
        invoice = Invoice.objects.for_company(self.company).filter(order=order).first()
        can_reorder = Capability.ORDER_PLACE in capabilities_for(request.membership)
        return render(
            request,
            self.template_name,
            {
                "order": order,
                "invoice": invoice,
                "can_reorder": can_reorder,
                "returnable_statuses": SHIPPED_STATUSES,
            },
        )


class ReorderView(PolicyRequiredMixin, View):
    policy = Member(Capability.ORDER_PLACE)

    def post(self, request, number):
        order = order_get(
            company=self.company,
            user=request.user,
            membership=request.membership,
            number=number,
        )
        line_ids = None
        if request.POST.get("scope") == "selected":
            line_ids = [int(v) for v in request.POST.getlist("line") if v.isdigit()]
            if not line_ids:
                messages.error(request, _("Tick the lines you want to order again."))
                return redirect("orders:detail", number=number)
        basket = request.basket
        if basket.pk is None:
            basket.save()
        result = reorder(
            order=order, basket=basket, strategy=request.strategy, line_ids=line_ids
        )
        if result.added:
            messages.success(
                request,
                ngettext(
                    "%(count)s line was put into your basket.",
                    "%(count)s lines were put into your basket.",
                    len(result.added),
                )
                % {"count": len(result.added)},
            )
        if result.unavailable:
            messages.warning(
                request,
                _("No longer available: %(titles)s")
                % {"titles": "; ".join(result.unavailable)},
            )
        for change in result.price_changes:
            messages.info(
                request,
                _("Price of %(title)s changed: %(old)s → %(new)s (net)")
                % {"title": change.title, "old": change.old, "new": change.new},
            )
        return redirect("basket:summary")


class InvoiceDownloadView(PolicyRequiredMixin, View):
    """The invoice PDF, only for members of the order's company who may see
    the order; never from a public URL."""

    policy = Member(Capability.ORDER_VIEW_OWN)

    def get(self, request, number):
        order = order_get(
            company=self.company,
            user=request.user,
            membership=request.membership,
            number=number,
        )
        invoice = get_for_company_or_404(Invoice, company=self.company, order=order)
        return private_file_response(
            invoice.pdf,
            filename=f"{invoice.number}.pdf",
            content_type=PDF,
            disposition=ATTACHMENT,
        )
