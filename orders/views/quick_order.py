from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views import View

from orders.forms import QuickOrderForm
from orders.services import quick_order_add, quick_order_parse, quick_order_parse_csv
from partner_portal.access import PolicyRequiredMixin
from partner_portal.permissions import Capability
from partner_portal.policy import Member


class QuickOrderView(PolicyRequiredMixin, View):
    """Order by article number: typed or pasted lines, or a CSV file. Valid
    lines go into the basket; the others stay in the form with the reason."""

    policy = Member(Capability.ORDER_PLACE)
    template_name = "orders/quick_order.html"

    def get(self, request):
        return render(request, self.template_name, {"form": QuickOrderForm()})

    def post(self, request):
        form = QuickOrderForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        lines = quick_order_parse(form.cleaned_data["lines"])
        if form.cleaned_data.get("file"):
            lines += quick_order_parse_csv(form.cleaned_data["file"])
        basket = request.basket
        if basket.pk is None:
            basket.save()
        try:
            result = quick_order_add(
                basket=basket, lines=lines, strategy=request.strategy
            )
        except ValidationError as error:
            form.add_error("lines", error)
            return render(request, self.template_name, {"form": form}, status=400)
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
        if not result.invalid:
            return redirect("basket:summary")
        # Keep only the lines that need correcting, with their reasons.
        form = QuickOrderForm(initial={"lines": result.invalid_text})
        return render(
            request,
            self.template_name,
            {"form": form, "invalid": result.invalid},
            status=400,
        )
