from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from oscar.core.loading import get_model

from orders.forms import CheckoutForm
from orders.services import CheckoutError, checkout_place, payment_methods
from partner_portal.access import PolicyRequiredMixin
from partner_portal.models import CompanyAddress
from partner_portal.permissions import Capability
from partner_portal.policy import Member

Basket = get_model("basket", "Basket")


class CheckoutView(PolicyRequiredMixin, View):
    """One page: delivery address of the company, PO number, cost centre,
    payment; then the order is placed, or waits for approval."""

    policy = Member(Capability.ORDER_PLACE)
    template_name = "orders/checkout.html"

    def _form(self, data=None):
        # The company's default delivery address comes first and is chosen.
        addresses = list(
            CompanyAddress.objects.for_company(self.company)
            .filter(kind=CompanyAddress.Kind.DELIVERY)
            .order_by("-is_default_delivery", "label", "pk")
        )
        return CheckoutForm(
            data,
            addresses=addresses,
            payment_methods=payment_methods(),
            initial={"address": addresses[0].pk} if addresses else None,
        )

    def _render(self, request, form, status=200):
        return render(
            request,
            self.template_name,
            {"form": form, "basket": request.basket},
            status=status,
        )

    def get(self, request):
        if request.basket.is_empty:
            messages.info(request, _("Your basket is empty."))
            return redirect("basket:summary")
        return self._render(request, self._form())

    def post(self, request):
        form = self._form(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        # The page names its basket: a second click on "Place order" then finds
        # the submitted basket and shows the order it became, not an empty one.
        basket_id = request.POST.get("basket", "")
        named = (
            Basket.objects.filter(pk=basket_id, owner=request.user).first()
            if basket_id.isdigit()
            else None
        )
        basket = named or request.basket
        if basket.pk is None:
            messages.info(request, _("Your basket is empty."))
            return redirect("basket:summary")
        try:
            result = checkout_place(
                basket=basket,
                user=request.user,
                company=self.company,
                address_id=form.cleaned_data["address"],
                po_number=form.cleaned_data["purchase_order_number"],
                cost_centre=form.cleaned_data["cost_centre"],
                payment_method=form.cleaned_data["payment_method"],
            )
        except CheckoutError as error:
            form.add_error(None, str(error))
            return self._render(request, form, status=400)
        if result.approval is not None:
            if not result.repeated:
                messages.warning(
                    request,
                    _(
                        "This order exceeds your monthly budget, so it was sent to "
                        "your approvers. You will get a mail when they decide."
                    ),
                )
            return redirect("orders:approval_detail", pk=result.approval.pk)
        if not result.repeated:
            messages.success(
                request,
                _("Thank you! Order %(number)s is placed.")
                % {"number": result.order.number},
            )
        if result.order.payment_method == "card" and not result.order.paid_at:
            return redirect("orders:pay", number=result.order.number)
        return redirect("orders:detail", number=result.order.number)
