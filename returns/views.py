import csv

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from oscar.core.loading import get_model

from orders.selectors import order_get
from partner_portal.access import CompanyMemberRequiredMixin, StaffRequiredMixin
from partner_portal.exports import csv_safe
from partner_portal.permissions import Capability, StaffGroup
from returns import services
from returns.forms import (
    DeskFilterForm,
    NoteForm,
    ReceiveForm,
    RejectForm,
    ReplaceForm,
    ReturnFilterForm,
    ReturnRequestForm,
)
from returns.models import ReturnPolicy
from returns.selectors import (
    WAITING,
    credit_note_list,
    desk_return_get,
    desk_return_list,
    is_returns_desk,
    return_get,
    return_list,
)
from returns.services import ReturnError

ProductClass = get_model("catalogue", "ProductClass")
EXPORT_LIMIT = 50_000


class ReturnCreateView(CompanyMemberRequiredMixin, View):
    """Request a return of lines of one order."""

    required_capability = Capability.RETURN_CREATE
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


class ReturnListMixin(CompanyMemberRequiredMixin):
    required_capability = Capability.ORDER_VIEW_OWN

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
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="returns-{stamp}.csv"'
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


# Files: for the company's members who may see the return, and the desk.


class ReturnFileMixin(CompanyMemberRequiredMixin):
    """Opens a return for its company's members (through the scoping helper;
    another company's return answers 404) or for the returns desk."""

    required_capability = Capability.ORDER_VIEW_OWN

    def dispatch(self, request, *args, **kwargs):
        if is_returns_desk(request.user):
            self.desk = True
            return View.dispatch(self, request, *args, **kwargs)
        self.desk = False
        return super().dispatch(request, *args, **kwargs)

    def return_request(self, request, number):
        if self.desk:
            return desk_return_get(number=number)
        return return_get(
            company=self.company,
            user=request.user,
            membership=request.membership,
            number=number,
        )


def _private_file(field, *, filename, content_type, inline=True):
    if not field:
        raise Http404
    response = FileResponse(
        field.open("rb"),
        content_type=content_type,
        as_attachment=not inline,
        filename=filename,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class ReturnLabelView(ReturnFileMixin, View):
    def get(self, request, number):
        return_request = self.return_request(request, number)
        return _private_file(
            return_request.label_pdf,
            filename=f"{return_request.number}-label.pdf",
            content_type="application/pdf",
            inline=False,
        )


class ReturnPhotoView(ReturnFileMixin, View):
    def get(self, request, number, pk):
        return_request = self.return_request(request, number)
        photo = get_object_or_404(return_request.photos.all(), pk=pk)
        extension = photo.content_type.split("/")[-1].replace("jpeg", "jpg")
        return _private_file(
            photo.image,
            filename=f"{return_request.number}-{photo.pk}.{extension}",
            content_type=photo.content_type,
        )


class CreditNoteView(ReturnFileMixin, View):
    def get(self, request, number):
        return_request = self.return_request(request, number)
        note = getattr(return_request, "credit_note", None)
        if note is None:
            raise Http404
        return _private_file(
            note.pdf,
            filename=f"{note.number}.pdf",
            content_type="application/pdf",
            inline=False,
        )


# The returns desk.


class DeskMixin(StaffRequiredMixin, LoginRequiredMixin):
    staff_groups = (StaffGroup.RETURNS_DESK,)


class DeskQueueView(DeskMixin, View):
    def get(self, request):
        form = DeskFilterForm(request.GET or {"status": WAITING})
        filters = form.cleaned_data if form.is_valid() else {"status": WAITING}
        returns = desk_return_list(filters=filters)
        page = Paginator(returns, 30).get_page(request.GET.get("page"))
        return render(
            request,
            "returns/desk_list.html",
            {
                "form": form,
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
                "returns": page.object_list,
                "now": timezone.now(),
            },
        )


class DeskDetailView(DeskMixin, View):
    """Everything about one return, and the one next step, on one page."""

    ACTIONS = ("approve", "reject", "label", "receive", "refund", "credit", "replace")

    def _context(self, return_request, **forms):
        order = return_request.order
        context = {
            "return_request": return_request,
            "order": order,
            "reject_form": RejectForm(),
            "receive_form": ReceiveForm(lines=return_request.lines.all()),
            "replace_form": ReplaceForm(),
            "close_form": NoteForm(),
            "amount": services.refund_amount(return_request),
            "pays_by_card": order.payment_method == "card"
            and bool(order.stripe_payment_intent),
        }
        context.update(forms)
        return context

    def get(self, request, number):
        return_request = desk_return_get(number=number)
        return render(
            request, "returns/desk_detail.html", self._context(return_request)
        )

    def post(self, request, number):
        return_request = desk_return_get(number=number)
        action = request.POST.get("action")
        forms = {}
        try:
            if action == "approve":
                services.return_approve(
                    return_request=return_request, actor=request.user
                )
                done = _("Return approved; the label is issued.")
            elif action == "reject":
                form = forms["reject_form"] = RejectForm(request.POST)
                if not form.is_valid():
                    raise _FormInvalid
                services.return_reject(
                    return_request=return_request,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
                done = _("Return rejected; the customer is told why.")
            elif action == "label":
                services.return_label_issue(
                    return_request=return_request, actor=request.user
                )
                done = _("Label issued.")
            elif action == "receive":
                form = forms["receive_form"] = ReceiveForm(
                    request.POST, lines=return_request.lines.all()
                )
                if not form.is_valid():
                    raise _FormInvalid
                services.return_receive(
                    return_request=return_request,
                    actor=request.user,
                    received=form.received(),
                    note=form.cleaned_data["note"],
                )
                done = _("Goods received.")
            elif action == "refund":
                services.return_refund(
                    return_request=return_request, actor=request.user
                )
                done = _("Refunded to the card.")
            elif action == "credit":
                services.return_credit(
                    return_request=return_request, actor=request.user
                )
                done = _("Credit note issued.")
            elif action == "replace":
                form = forms["replace_form"] = ReplaceForm(request.POST)
                if not form.is_valid():
                    raise _FormInvalid
                services.return_replace(
                    return_request=return_request,
                    actor=request.user,
                    note=form.cleaned_data["note"],
                )
                done = _("Marked as replaced.")
            elif action == "close":
                form = forms["close_form"] = NoteForm(request.POST)
                if not form.is_valid():
                    raise _FormInvalid
                services.return_close(
                    return_request=return_request,
                    actor=request.user,
                    note=form.cleaned_data["note"],
                )
                done = _("Return closed.")
            else:
                raise Http404
        except _FormInvalid:
            messages.error(request, _("Please correct the fields below."))
            return render(
                request,
                "returns/desk_detail.html",
                self._context(return_request, **forms),
                status=200,
            )
        except ReturnError as error:
            messages.error(request, str(error))
            return_request = desk_return_get(number=number)
            return render(
                request,
                "returns/desk_detail.html",
                self._context(return_request, **forms),
            )
        messages.success(request, done)
        return redirect("returns:desk_detail", number=number)


class _FormInvalid(Exception):
    pass


class DeskPolicyView(DeskMixin, View):
    """Return windows per product class; empty means the default."""

    def _rows(self, data=None):
        policies = dict(
            ReturnPolicy.objects.values_list("product_class_id", "window_days")
        )
        rows, errors = [], False
        for product_class in ProductClass.objects.order_by("name"):
            key = f"window_{product_class.pk}"
            value = (
                data.get(key, "").strip()
                if data is not None
                else policies.get(product_class.pk, "")
            )
            error = ""
            if data is not None and value != "":
                if not str(value).isdigit() or int(value) > 3650:
                    error = _("Enter a number of days from 0 to 3650, or nothing.")
                    errors = True
            rows.append(
                {
                    "product_class": product_class,
                    "key": key,
                    "value": value,
                    "error": error,
                }
            )
        return rows, errors

    def get(self, request):
        rows, _errors = self._rows()
        return render(request, "returns/desk_policy.html", self._context(rows))

    def _context(self, rows):
        from django.conf import settings

        return {"rows": rows, "default_days": settings.PORTAL_RETURN_WINDOW_DAYS}

    def post(self, request):
        rows, errors = self._rows(request.POST)
        if errors:
            messages.error(request, _("Please correct the fields below."))
            return render(request, "returns/desk_policy.html", self._context(rows))
        services.return_policy_set(
            windows={
                row["product_class"].pk: None
                if row["value"] == ""
                else int(row["value"])
                for row in rows
            }
        )
        messages.success(request, _("Return windows saved."))
        return redirect("returns:desk_policy")
