"""The company's return rate per month and its section of the company figures
page: items sent back (returns not rejected) of the items ordered, both by the
month the order was placed, so a month's rate reads "of what we ordered in
March, this share went back"."""

from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from orders.figures import monthly_items_ordered
from partner_portal.charts import Series, bar_chart
from partner_portal.figures import (
    Column,
    FigureSource,
    Section,
    Stat,
    month_of,
    percent,
    percent_formatter,
    register_figures,
)
from returns.models import ReturnLine, ReturnRequest


def monthly_items_returned(*, company, period) -> dict:
    """{month the order was placed: items on returns} for the orders placed
    in the period; rejected returns don't count."""
    rows = (
        ReturnLine.objects.for_company(company)
        .exclude(return_request__status=ReturnRequest.Status.REJECTED)
        .filter(
            order_line__order__company=company,
            order_line__order__date_placed__gte=period.since,
            order_line__order__date_placed__lt=period.until,
        )
        .annotate(month=TruncMonth("order_line__order__date_placed"))
        .values("month")
        .annotate(items=Sum("quantity"))
        .order_by("month")
    )
    items = dict.fromkeys(period.months, 0)
    for row in rows:
        items[month_of(row["month"])] = row["items"] or 0
    return items


def returns_section(*, company, period) -> Section:
    ordered = monthly_items_ordered(company=company, period=period)
    returned = monthly_items_returned(company=company, period=period)
    months = period.months
    rates = [percent(returned[m], ordered[m]) for m in months]
    total_ordered = sum(ordered.values())
    total_returned = sum(returned.values())
    total_rate = percent(total_returned, total_ordered)
    return Section(
        key="returns",
        title=_("Returns"),
        note=_(
            "Return rate: items on returns (rejected returns excepted) of the "
            "items ordered, both counted in the month the order was placed."
        ),
        stats=[
            Stat(_("Return rate"), percent_formatter(total_rate)),
            Stat(
                _("Items returned"),
                _("%(returned)s of %(ordered)s")
                % {"returned": total_returned, "ordered": total_ordered},
            ),
        ],
        charts=[
            bar_chart(
                title=_("Return rate per month"),
                labels=period.month_labels(),
                series=[Series(_("Return rate"), rates)],
                formatter=percent_formatter,
            )
        ],
        columns=[
            Column(_("Items ordered"), [ordered[m] for m in months], total_ordered),
            Column(_("Items returned"), [returned[m] for m in months], total_returned),
            Column(_("Return rate %"), rates, total_rate),
        ],
    )


register_figures(FigureSource(key="returns", build=returns_section, order=20))
