"""The returns desk: the queue, one return with its next step, one view per
step of the workflow, and the return windows. Every view's policy is
RETURNS_DESK (partner_portal.policy)."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from oscar.core.loading import get_model

from partner_portal.access import PolicyRequiredMixin
from partner_portal.policy import RETURNS_DESK
from returns import services
from returns.forms import (
    DeskFilterForm,
    NoteForm,
    ReceiveForm,
    RejectForm,
    ReplaceForm,
)
from returns.models import ReturnPolicy
from returns.selectors import WAITING, desk_return_get, desk_return_list
from returns.services import ReturnError
from returns.services.settlement import return_card_refundable

ProductClass = get_model("catalogue", "ProductClass")


class DeskMixin(PolicyRequiredMixin):
    policy = RETURNS_DESK


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


def _desk_context(return_request, **forms):
    order = return_request.order
    context = {
        "return_request": return_request,
        "order": order,
        "reject_form": RejectForm(),
        "receive_form": ReceiveForm(lines=return_request.lines.all()),
        "replace_form": ReplaceForm(),
        "close_form": NoteForm(),
        "amount": services.refund_amount(return_request),
        "pays_by_card": return_card_refundable(order),
        "card_without_stripe": order.payment_method == "card"
        and not return_card_refundable(order),
    }
    context.update(forms)
    return context


class DeskDetailView(DeskMixin, View):
    """Everything about one return, and the one next step, on one page."""

    def get(self, request, number):
        return_request = desk_return_get(number=number)
        return render(
            request, "returns/desk_detail.html", _desk_context(return_request)
        )


class DeskActionView(DeskMixin, View):
    """One step of the workflow, posted from the return's desk page. A form
    error or a refused step shows the page again with the message."""

    http_method_names = ["post"]
    # The step's form, and its name in the page's context.
    form_class = None
    form_name = ""
    done = ""

    def get_form(self, request, return_request):
        return self.form_class(request.POST)

    def act(self, return_request, actor, form):
        raise NotImplementedError

    def _page(self, request, return_request, forms):
        return render(
            request, "returns/desk_detail.html", _desk_context(return_request, **forms)
        )

    def post(self, request, number):
        return_request = desk_return_get(number=number)
        form, forms = None, {}
        if self.form_class is not None:
            form = forms[self.form_name] = self.get_form(request, return_request)
            if not form.is_valid():
                messages.error(request, _("Please correct the fields below."))
                return self._page(request, return_request, forms)
        try:
            self.act(return_request, request.user, form)
        except ReturnError as error:
            messages.error(request, str(error))
            return self._page(request, desk_return_get(number=number), forms)
        messages.success(request, self.done)
        return redirect("returns:desk_detail", number=number)


class DeskApproveView(DeskActionView):
    done = gettext_lazy("Return approved; the label is issued.")

    def act(self, return_request, actor, form):
        services.return_approve(return_request=return_request, actor=actor)


class DeskRejectView(DeskActionView):
    form_class, form_name = RejectForm, "reject_form"
    done = gettext_lazy("Return rejected; the customer is told why.")

    def act(self, return_request, actor, form):
        services.return_reject(
            return_request=return_request,
            actor=actor,
            reason=form.cleaned_data["reason"],
        )


class DeskLabelView(DeskActionView):
    done = gettext_lazy("Label issued.")

    def act(self, return_request, actor, form):
        services.return_label_issue(return_request=return_request, actor=actor)


class DeskReceiveView(DeskActionView):
    form_class, form_name = ReceiveForm, "receive_form"
    done = gettext_lazy("Goods received.")

    def get_form(self, request, return_request):
        return ReceiveForm(request.POST, lines=return_request.lines.all())

    def act(self, return_request, actor, form):
        services.return_receive(
            return_request=return_request,
            actor=actor,
            received=form.received(),
            note=form.cleaned_data["note"],
        )


class DeskRefundView(DeskActionView):
    done = gettext_lazy("Refunded to the card.")

    def act(self, return_request, actor, form):
        services.return_refund(return_request=return_request, actor=actor)


class DeskCreditView(DeskActionView):
    done = gettext_lazy("Credit note issued.")

    def act(self, return_request, actor, form):
        services.return_credit(return_request=return_request, actor=actor)


class DeskReplaceView(DeskActionView):
    form_class, form_name = ReplaceForm, "replace_form"
    done = gettext_lazy("Marked as replaced.")

    def act(self, return_request, actor, form):
        services.return_replace(
            return_request=return_request,
            actor=actor,
            note=form.cleaned_data["note"],
        )


class DeskCloseView(DeskActionView):
    form_class, form_name = NoteForm, "close_form"
    done = gettext_lazy("Return closed.")

    def act(self, return_request, actor, form):
        services.return_close(
            return_request=return_request,
            actor=actor,
            note=form.cleaned_data["note"],
        )


# The steps by the name in their URL (returns:desk_<step>).
DESK_STEPS = {
    "approve": DeskApproveView,
    "reject": DeskRejectView,
    "label": DeskLabelView,
    "receive": DeskReceiveView,
    "refund": DeskRefundView,
    "credit": DeskCreditView,
    "replace": DeskReplaceView,
    "close": DeskCloseView,
}


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
