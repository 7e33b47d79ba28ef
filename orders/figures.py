"""The company's ordering figures per month (spend against budget, number of
orders, items ordered) and their section of the company figures page.

Every selector takes the company and starts from the scoping helper; each is
one aggregate query, however many orders there are."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from oscar.templatetags.currency_filters import currency

from orders.models import Budget
from orders.selectors import CENT, COUNTING, ZERO, Order
from partner_portal.charts import Series, bar_chart
from partner_portal.figures import (
    Column,
    FigureSource,
    Section,
    Stat,
    month_of,
    register_figures,
)


def _orders_in(*, company, period):
    return Order.objects.for_company(company).filter(
        COUNTING, date_placed__gte=period.since, date_placed__lt=period.until
    )


def monthly_spend(*, company, period) -> dict:
    """{month: (gross spend, number of orders)} of the orders placed in the
    period; cancelled orders don't count (as for budgets)."""
    rows = (
        _orders_in(company=company, period=period)
        .annotate(month=TruncMonth("date_placed"))
        .values("month")
        .annotate(total=Sum("total_incl_tax"), count=Count("pk"))
        .order_by("month")
    )
    figures = dict.fromkeys(period.months, (ZERO, 0))
    for row in rows:
        # SQLite sums decimals as floats: back to cents.
        total = Decimal(row["total"] or 0).quantize(CENT)
        figures[month_of(row["month"])] = (total, row["count"])
    return figures


def monthly_items_ordered(*, company, period) -> dict:
    """{month: items} on the lines of the orders placed in the period."""
    rows = (
        _orders_in(company=company, period=period)
        .annotate(month=TruncMonth("date_placed"))
        .values("month")
        .annotate(items=Sum("lines__quantity"))
        .order_by("month")
    )
    items = dict.fromkeys(period.months, 0)
    for row in rows:
        items[month_of(row["month"])] = row["items"] or 0
    return items


def company_monthly_budget(*, company) -> Decimal:
    """What the company's buyers may spend in a month: per buyer, the general
    budget when there is one (it covers every cost centre), else the sum of
    their cost-centre budgets. Budgets have no history: today's apply to every
    month."""
    general, by_centre = {}, defaultdict(lambda: ZERO)
    for buyer_id, centre, amount in Budget.objects.for_company(company).values_list(
        "buyer_id", "cost_centre", "monthly_amount"
    ):
        if centre:
            by_centre[buyer_id] += amount
        else:
            general[buyer_id] = amount
    total = sum(general.values(), ZERO)
    total += sum(
        (amount for buyer, amount in by_centre.items() if buyer not in general), ZERO
    )
    return total


def orders_section(*, company, period) -> Section:
    spend = monthly_spend(company=company, period=period)
    budget = company_monthly_budget(company=company)
    months = period.months
    labels = period.month_labels()
    totals = [spend[m][0] for m in months]
    counts = [spend[m][1] for m in months]
    budgets = [budget or None] * len(months)
    spent = sum(totals, ZERO)
    stats = [
        Stat(_("Spend (gross)"), currency(spent)),
        Stat(_("Orders"), str(sum(counts))),
    ]
    if budget:
        stats.append(
            Stat(
                _("Budget for the period"),
                currency(budget * len(months)),
                note=_("%(amount)s a month") % {"amount": currency(budget)},
            )
        )
    series = [Series(_("Spend"), totals)]
    if budget:
        series.append(Series(_("Budget"), budgets))
    return Section(
        key="orders",
        title=_("Spend and orders"),
        note=_(
            "Gross value of the orders placed in each month, cancelled orders "
            "excepted. The budget is the sum of today's monthly budgets of the "
            "buyers (a buyer's general budget covers their cost-centre budgets)."
        ),
        stats=stats,
        charts=[
            bar_chart(
                title=_("Spend per month against budget"),
                labels=labels,
                series=series,
                formatter=currency,
            ),
            bar_chart(
                title=_("Orders per month"),
                labels=labels,
                series=[Series(_("Orders"), counts)],
            ),
        ],
        columns=[
            Column(_("Spend (gross)"), totals, spent),
            Column(_("Budget"), [budget] * len(months), budget * len(months)),
            Column(_("Orders"), counts, sum(counts)),
        ],
    )


register_figures(FigureSource(key="orders", build=orders_section, order=10))
