"""An order from article numbers and quantities, without a basket page: what
a partner's ERP sends through the API. The lines go into a basket of their
own by the quick order's rules and the basket through the checkout, so
budgets, approvals, the credit limit and stock apply exactly as on the web."""

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from orders.services.checkout import CheckoutResult, checkout_place
from orders.services.payment import PAYMENT_ACCOUNT
from orders.services.quick_order import QuickOrderLine, quick_order_add
from partner_portal.models import CompanyAddress

Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")


class OrderLinesError(Exception):
    """Some lines cannot be ordered: the reason per line, by its position,
    and what is wrong with the other fields, by field name."""

    def __init__(self, *, lines: dict[int, str], fields: dict[str, str]):
        super().__init__(lines, fields)
        self.lines = lines
        self.fields = fields


def delivery_address_default(*, company):
    """The address the checkout page picks first: the company's default
    delivery address, else its first by label."""
    return (
        CompanyAddress.objects.for_company(company)
        .filter(kind=CompanyAddress.Kind.DELIVERY)
        .order_by("-is_default_delivery", "label", "pk")
        .first()
    )


def order_place_from_lines(
    *,
    user,
    company,
    lines: list[tuple[str, int]],
    po_number: str = "",
    cost_centre: str = "",
    address_id: int | None = None,
) -> CheckoutResult:
    """Place an order on account from (SKU, quantity) lines, or hold it for
    approval when it exceeds the buyer's budget (CheckoutResult.approval).

    Nothing is kept when anything is refused: an unknown or unorderable SKU
    or a bad delivery address raises OrderLinesError; what the checkout
    refuses (credit limit, stock) raises CheckoutError."""
    fields = {}
    if address_id is None:
        address = delivery_address_default(company=company)
        if address is None:
            fields["delivery_address"] = _(
                "Your company has no delivery address yet; ask your company admin "
                "to add one."
            )
    else:
        address = (
            CompanyAddress.objects.for_company(company)
            .filter(pk=address_id, kind=CompanyAddress.Kind.DELIVERY)
            .first()
        )
        if address is None:
            fields["delivery_address"] = _(
                "Please choose one of your company's delivery addresses."
            )
    with transaction.atomic():
        # A basket of its own, not the person's shop basket: the web basket
        # stays as it is, and a refused order leaves nothing behind.
        basket = Basket.objects.create(owner=user, status=Basket.OPEN)
        strategy = Selector().strategy(user=user, company=company)
        basket.strategy = strategy
        wanted = [
            QuickOrderLine(raw=sku, sku=sku, quantity=quantity)
            for sku, quantity in lines
        ]
        quick_order_add(basket=basket, lines=wanted, strategy=strategy)
        errors = {index: line.error for index, line in enumerate(wanted) if line.error}
        if errors or fields:
            raise OrderLinesError(lines=errors, fields=fields)
        # CheckoutError (credit, stock) leaves the block too: the basket goes.
        return checkout_place(
            basket=basket,
            user=user,
            company=company,
            address_id=address.pk,
            po_number=po_number,
            cost_centre=cost_centre,
            payment_method=PAYMENT_ACCOUNT,
        )
