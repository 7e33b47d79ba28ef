"""Writes of B2B ordering: checkout with budgets and credit, approvals, quick
order and reorder. Oscar does the order bookkeeping (OrderCreator); these
services decide whether an order may be placed and with what.

One module per behaviour; every public name is importable from here.
"""

from orders.services.approvals import ApprovalError, approval_decide
from orders.services.baskets import (
    MAX_QUANTITY,
    PriceChange,
    ReorderResult,
    basket_add_many,
    reorder,
)
from orders.services.budgets import budget_delete, budget_set
from orders.services.checkout import (
    BasketTotals,
    CheckoutError,
    CheckoutResult,
    checkout_place,
)
from orders.services.company_prices import (
    company_account_get,
    company_account_set,
    company_price_delete,
    company_price_set,
    company_prices_locked,
)
from orders.services.payment import (
    PAYMENT_ACCOUNT,
    PAYMENT_CARD,
    payment_methods,
    stripe_enabled,
)
from orders.services.quick_order import (
    MAX_QUICK_ORDER_LINES,
    QuickOrderLine,
    QuickOrderResult,
    quick_order_add,
    quick_order_parse,
    quick_order_parse_csv,
)

__all__ = [
    "ApprovalError",
    "BasketTotals",
    "CheckoutError",
    "CheckoutResult",
    "MAX_QUANTITY",
    "MAX_QUICK_ORDER_LINES",
    "PAYMENT_ACCOUNT",
    "PAYMENT_CARD",
    "PriceChange",
    "QuickOrderLine",
    "QuickOrderResult",
    "ReorderResult",
    "approval_decide",
    "basket_add_many",
    "budget_delete",
    "budget_set",
    "checkout_place",
    "company_account_get",
    "company_account_set",
    "company_price_delete",
    "company_price_set",
    "company_prices_locked",
    "payment_methods",
    "quick_order_add",
    "quick_order_parse",
    "quick_order_parse_csv",
    "reorder",
    "stripe_enabled",
]
