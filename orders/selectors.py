"""Reads of B2B ordering. Every selector takes the company explicitly and
starts from the scoping helper."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone
from oscar.core.loading import get_model

from orders.models import Budget, CompanyAccount, CompanyPrice, OrderApproval
from partner_portal.permissions import Capability, capabilities_for

Order = get_model("order", "Order")
ZERO = Decimal("0.00")
CENT = Decimal("0.01")


# Order statuses after which the goods are on their way or delivered.
SHIPPED_STATUSES = ("Shipped", "Complete")


def company_price_map(*, company) -> dict[int, Decimal]:
    return dict(
        CompanyPrice.objects.for_company(company).values_list("product_id", "price")
    )


def company_price_terms(*, company) -> dict[int, tuple[Decimal, Decimal | None]]:
    """The company's own prices with their VAT rate (None: standard rate),
    by product id; the shop's pricing strategy reads them once per request."""
    return {
        product_id: (price, vat_rate)
        for product_id, price, vat_rate in CompanyPrice.objects.for_company(
            company
        ).values_list("product_id", "price", "vat_rate")
    }


def month_start(today: date | None = None):
    today = today or timezone.localdate()
    return timezone.make_aware(timezone.datetime(today.year, today.month, 1))


# Orders that count against budgets and credit: everything not cancelled.
COUNTING = ~Q(status="Cancelled")


def budgets_for(*, company, buyer, cost_centre: str = "") -> list[Budget]:
    """The budgets an order must fit: the buyer's budget for its cost centre
    (if there is one) and the buyer's general budget (if there is one), which
    covers every cost centre, so a made-up cost centre escapes nothing."""
    budgets = Budget.objects.for_company(company).filter(buyer=buyer)
    return list(
        budgets.filter(cost_centre__in={"", cost_centre.strip()}).order_by("pk")
    )


def budget_spent(*, company, budget: Budget, since=None) -> Decimal:
    """Gross value of the buyer's orders this month (in the budget's cost
    centre, if it has one)."""
    orders = Order.objects.for_company(company).filter(
        COUNTING, user=budget.buyer, date_placed__gte=since or month_start()
    )
    if budget.cost_centre:
        orders = orders.filter(cost_centre=budget.cost_centre)
    total = orders.aggregate(total=Sum("total_incl_tax"))["total"] or ZERO
    # SQLite sums decimals as floats: back to cents.
    return Decimal(total).quantize(CENT)


@dataclass
class BudgetUse:
    budget: Budget
    spent: Decimal

    @property
    def left(self) -> Decimal:
        return self.budget.monthly_amount - self.spent

    @property
    def percent(self) -> int:
        if not self.budget.monthly_amount:
            return 100
        return min(100, int(self.spent * 100 / self.budget.monthly_amount))


def budget_use_list(*, company, buyer=None) -> list[BudgetUse]:
    budgets = Budget.objects.for_company(company).select_related("buyer")
    if buyer is not None:
        budgets = budgets.filter(buyer=buyer)
    return [BudgetUse(b, budget_spent(company=company, budget=b)) for b in budgets]


def open_credit(*, company) -> tuple[Decimal, Decimal]:
    """(credit limit, still available) for orders on account: unpaid orders on
    account use up the limit until they are paid."""
    account = CompanyAccount.objects.for_company(company).first()
    limit = account.credit_limit if account else ZERO
    used = (
        Order.objects.for_company(company)
        .filter(COUNTING, payment_method="account", paid_at__isnull=True)
        .aggregate(total=Sum("total_incl_tax"))["total"]
        or ZERO
    )
    return limit, limit - Decimal(used).quantize(CENT)


def order_list(*, company, user, membership, filters: dict | None = None):
    """The orders a member may see: their own, or the whole company's with
    ORDER_VIEW_ALL; filtered and sorted as the history page asks."""
    orders = Order.objects.for_company(company).select_related("user")
    capabilities = capabilities_for(membership)
    if Capability.ORDER_VIEW_ALL not in capabilities:
        mine = Q(user=user)
        if Capability.ORDER_APPROVE in capabilities:
            # Approvers also see the orders that came out of approvals.
            mine |= Q(
                pk__in=OrderApproval.objects.for_company(company)
                .exclude(order=None)
                .values("order_id")
            )
        orders = orders.filter(mine)
    filters = filters or {}
    if filters.get("buyer"):
        orders = orders.filter(user_id=filters["buyer"])
    if filters.get("product"):
        term = filters["product"]
        lines = Q(lines__title__icontains=term) | Q(lines__partner_sku__iexact=term)
        orders = orders.filter(
            pk__in=Order.objects.for_company(company).filter(lines).values("pk")
        )
    return order_filters_apply(orders, filters)


def order_filters_apply(orders, filters: dict):
    """The order history's filters a member and our staff both use (dates,
    status, PO number, search), and its sort: newest first unless `sort`
    says otherwise."""
    if filters.get("date_from"):
        orders = orders.filter(date_placed__date__gte=filters["date_from"])
    if filters.get("date_to"):
        orders = orders.filter(date_placed__date__lte=filters["date_to"])
    if filters.get("status"):
        orders = orders.filter(status=filters["status"])
    if filters.get("po_number"):
        orders = orders.filter(purchase_order_number__icontains=filters["po_number"])
    if filters.get("q"):
        term = filters["q"]
        orders = orders.filter(
            Q(number__icontains=term)
            | Q(purchase_order_number__icontains=term)
            | Q(cost_centre__icontains=term)
        )
    return orders.order_by(filters.get("sort") or "-date_placed", "-pk")


def order_get(*, company, user, membership, number: str):
    """One order the member may see, with what its page shows, or Http404."""
    from partner_portal.scoping import get_for_company_or_404

    orders = order_list(company=company, user=user, membership=membership)
    return get_for_company_or_404(
        orders.prefetch_related(
            "lines",
            "status_changes",
            "shipping_events__event_type",
            "shipping_events__line_quantities",
        ).select_related("shipping_address", "user"),
        company=company,
        number=number,
    )


def order_statuses(*, company) -> list[str]:
    return list(
        Order.objects.for_company(company)
        .order_by("status")
        .values_list("status", flat=True)
        .distinct()
    )


def approval_list(*, company, status: str | None = None):
    approvals = OrderApproval.objects.for_company(company).select_related(
        "requested_by", "decided_by", "order"
    )
    if status:
        approvals = approvals.filter(status=status)
    return approvals


def approval_list_for_user(*, company, user, membership):
    """Approvers see every approval of the company; a buyer their own."""
    approvals = approval_list(company=company)
    if Capability.ORDER_APPROVE not in capabilities_for(membership):
        approvals = approvals.filter(requested_by=user)
    return approvals


# Shipping: what left the warehouse and when it arrived. Returns ask these
# (how much of a line may come back, when the return window starts); the order
# is one the caller already found through the company scope.


def order_shipped_quantities(*, order) -> dict[int, int]:
    """Shipped quantity per order line id: what the shipping events say, or,
    when staff only moved the order's status on, the whole line once the order
    has shipped. Lines not shipped at all are missing from the answer."""
    shipped: dict[int, int] = {}
    has_events = False
    for event in order.shipping_events.all():
        has_events = True
        for quantity in event.line_quantities.all():
            shipped[quantity.line_id] = shipped.get(quantity.line_id, 0) + (
                quantity.quantity
            )
    if not has_events and order.status in SHIPPED_STATUSES:
        return {line.pk: line.quantity for line in order.lines.all()}
    return shipped


def order_delivered_at(*, order):
    """When the order arrived, as far as the portal knows: when staff marked
    it complete, else when it was shipped. None while the order's status is
    not a shipped one (also after it went back, e.g. to Cancelled)."""
    if order.status not in SHIPPED_STATUSES:
        return None
    changes = {
        change.new_status: change.date_created
        for change in sorted(order.status_changes.all(), key=lambda c: c.date_created)
    }
    return changes.get("Complete") or changes.get("Shipped")
