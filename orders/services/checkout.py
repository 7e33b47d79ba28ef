"""Placing an order: stock, budgets, credit limit and the approval rule
decide whether the basket becomes an order or waits for an approver."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model
from oscar.core.prices import Price

from orders.models import OrderApproval, OrderApprovalEvent
from orders.selectors import budget_spent, budgets_for, open_credit
from orders.services.approval_mail import _notify_approvers
from orders.services.payment import PAYMENT_ACCOUNT, payment_methods
from partner_portal.models import CompanyAddress
from partner_portal.money import VatBreakdown

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")
OrderCreator = get_class("order.utils", "OrderCreator")
basket_vat = get_class("partner.strategy", "basket_vat")
basket_lines_rate_refresh = get_class("partner.strategy", "basket_lines_rate_refresh")
Free = get_class("shipping.methods", "Free")
Selector = get_class("partner.strategy", "Selector")


class CheckoutError(Exception):
    """The order cannot be placed; the message says why, for the buyer."""


@dataclass
class CheckoutResult:
    order: object | None = None
    approval: OrderApproval | None = None
    repeated: bool = False


def _shipping_address(address: CompanyAddress, user) -> object:
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2=address.country.upper(),
        defaults={
            "printable_name": address.country.upper(),
            "name": address.country.upper(),
        },
    )
    return ShippingAddress.objects.create(
        first_name=user.first_name,
        last_name=f"{user.last_name} ({address.company.name})".strip(),
        line1=address.line1,
        line2=address.line2,
        line4=address.city,
        postcode=address.postcode,
        country=country,
    )


@dataclass
class BasketTotals:
    """What an order of the basket costs, worked out once and used both to
    check credit and budget and to place the order."""

    shipping_method: object
    shipping_charge: object
    total: object
    vat: VatBreakdown | None = None

    @property
    def gross(self) -> Decimal:
        return self.total.incl_tax


def _totals(basket) -> BasketTotals:
    """The order total by the portal's one VAT rule: net line sums grouped
    by rate, VAT rounded once per rate (Oscar's calculator would add up the
    VAT of each unit, rounded each time)."""
    basket_lines_rate_refresh(basket)
    shipping_method = Free()
    shipping_charge = shipping_method.calculate(basket)
    vat = basket_vat(basket)
    total = Price(
        currency=basket.currency,
        excl_tax=vat.net + shipping_charge.excl_tax,
        incl_tax=vat.gross + shipping_charge.incl_tax,
    )
    return BasketTotals(shipping_method, shipping_charge, total, vat)


def _place(
    *, basket, totals, user, company, address, po_number, cost_centre, payment_method
):
    order = OrderCreator().place_order(
        basket=basket,
        total=totals.total,
        shipping_method=totals.shipping_method,
        shipping_charge=totals.shipping_charge,
        user=user,
        shipping_address=_shipping_address(address, user),
        company=company,
        purchase_order_number=po_number,
        cost_centre=cost_centre,
        payment_method=payment_method,
    )
    basket.submit()
    order_id = order.pk
    transaction.on_commit(lambda: _after_order_placed(order_id))
    return order


def _after_order_placed(order_id: int) -> None:
    from orders.tasks import order_placed_task

    order_placed_task.enqueue(order_id=order_id)


def _lock_stock(basket) -> None:
    """Lock the stock records of the basket's lines until the transaction
    ends, before their stock is read: of several buyers of the last unit
    the second sees it allocated to the first (Oscar checks availability
    without a lock). Locked in id order, so two baskets never wait for each
    other crosswise. Call it before the basket's lines are loaded."""
    ids = basket.lines.exclude(stockrecord=None).values("stockrecord_id")
    list(
        StockRecord.objects.select_for_update()
        .filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _check_lines_available(basket) -> None:
    for line in basket.all_lines():
        info = line.purchase_info
        allowed, reason = info.availability.is_purchase_permitted(line.quantity)
        if not allowed:
            raise CheckoutError(
                _("%(product)s cannot be ordered: %(reason)s")
                % {"product": line.product.get_title(), "reason": reason}
            )


def _check_credit(*, company, total: Decimal) -> None:
    limit, available = open_credit(company=company)
    if total > available:
        raise CheckoutError(
            _(
                "This order (%(total)s) exceeds your company's open credit for "
                "orders on account (%(available)s of %(limit)s). Pay by card, or ask "
                "us to raise the limit."
            )
            % {
                "total": total,
                "available": max(available, Decimal("0")),
                "limit": limit,
            }
        )


@transaction.atomic
def checkout_place(
    *,
    basket,
    user,
    company,
    address_id,
    po_number: str,
    cost_centre: str,
    payment_method: str,
) -> CheckoutResult:
    """Place the basket as an order of `company`, or hold it for approval.

    Rules: the delivery address must be the company's; every line must be
    orderable; orders on account must fit the open credit; an order that would
    take the buyer past their monthly budget is not placed but waits for an
    approver (the basket is frozen). The basket row is locked, so a double
    click or a second tab gives back the first result instead of a second
    order; the budget row is locked too, so two orders at the same moment
    cannot both slip under it, and so are the stock records, so the last
    unit in stock is sold once. Raises CheckoutError with the reason."""
    basket = Basket.objects.select_for_update().get(pk=basket.pk)
    if basket.status != Basket.OPEN:
        order = Order.objects.for_company(company).filter(basket_id=basket.pk).first()
        approval = (
            OrderApproval.objects.for_company(company).filter(basket=basket).first()
        )
        if order or approval:
            return CheckoutResult(order=order, approval=approval, repeated=True)
        raise CheckoutError(_("This basket has already been submitted."))
    _lock_stock(basket)
    basket.strategy = Selector().strategy(user=user, company=company)
    if basket.is_empty:
        raise CheckoutError(_("Your basket is empty."))
    address = (
        CompanyAddress.objects.for_company(company)
        .filter(pk=address_id, kind=CompanyAddress.Kind.DELIVERY)
        .select_related("company")
        .first()
    )
    if address is None:
        raise CheckoutError(
            _("Please choose one of your company's delivery addresses.")
        )
    if payment_method not in dict(payment_methods()):
        raise CheckoutError(_("Please choose a payment method."))
    _check_lines_available(basket)
    totals = _totals(basket)
    total = totals.gross
    if payment_method == PAYMENT_ACCOUNT:
        _check_credit(company=company, total=total)

    budgets = budgets_for(company=company, buyer=user, cost_centre=cost_centre)
    if budgets:
        budgets = list(
            type(budgets[0])
            .objects.select_for_update()
            .filter(pk__in=[b.pk for b in budgets])
        )
        left = min(
            b.monthly_amount - budget_spent(company=company, budget=b) for b in budgets
        )
        if total > left:
            basket.freeze()
            approval = OrderApproval.objects.create(
                company=company,
                basket=basket,
                requested_by=user,
                total=total,
                currency=basket.currency,
                budget_left=left,
                purchase_order_number=po_number,
                cost_centre=cost_centre,
                delivery_address=address,
                payment_method=payment_method,
            )
            OrderApprovalEvent.objects.create(
                approval=approval, status=approval.status, user=user
            )
            approval_id = approval.pk
            transaction.on_commit(lambda: _notify_approvers(approval_id))
            return CheckoutResult(approval=approval)

    order = _place(
        basket=basket,
        totals=totals,
        user=user,
        company=company,
        address=address,
        po_number=po_number,
        cost_centre=cost_centre,
        payment_method=payment_method,
    )
    return CheckoutResult(order=order)
