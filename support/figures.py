"""The company's service requests on the company figures page: open requests
and SLA compliance per month, from the company's own requests only.

A request met its SLA when its first response and its resolution both came
by their due times (support.sla sets them in business time, pauses while
waiting for the customer included); a request resolved without a reply counts
its resolution as the first response. Each selector is one query."""

from datetime import datetime, time

from django.db.models import Count, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

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
from support.models import SupportRequest
from support.selectors.kpis import SLA_JUDGED, SLA_MET


def open_request_count(*, company) -> int:
    return SupportRequest.objects.for_company(company).open().count()


def monthly_open_at_month_end(*, company, period) -> dict:
    """{month: requests open at the end of the month (or of the period)}."""
    months = period.months
    ends = {
        month: (
            timezone.make_aware(datetime.combine(months[index + 1], time.min))
            if index + 1 < len(months)
            else period.until
        )
        for index, month in enumerate(months)
    }
    requests = SupportRequest.objects.for_company(company).annotate(
        ended=Coalesce("resolved_at", "closed_at")
    )
    counts = requests.aggregate(
        **{
            f"m{index}": Count(
                "pk",
                filter=Q(created_at__lt=end)
                & (Q(ended__isnull=True) | Q(ended__gte=end)),
            )
            for index, end in enumerate(ends.values())
        }
    )
    return {month: counts[f"m{index}"] for index, month in enumerate(ends)}


def monthly_sla(*, company, period) -> dict:
    """{month resolved: (requests judged, requests that met their SLA)}."""
    rows = (
        SupportRequest.objects.for_company(company)
        .filter(SLA_JUDGED, resolved_at__gte=period.since, resolved_at__lt=period.until)
        .annotate(month=TruncMonth("resolved_at"))
        .values("month")
        .annotate(judged=Count("pk"), met=Count("pk", filter=SLA_MET))
        .order_by("month")
    )
    figures = dict.fromkeys(period.months, (0, 0))
    for row in rows:
        figures[month_of(row["month"])] = (row["judged"], row["met"])
    return figures


def support_section(*, company, period) -> Section:
    months = period.months
    open_now = open_request_count(company=company)
    open_at_end = monthly_open_at_month_end(company=company, period=period)
    sla = monthly_sla(company=company, period=period)
    rates = [percent(sla[m][1], sla[m][0]) for m in months]
    judged = sum(sla[m][0] for m in months)
    met = sum(sla[m][1] for m in months)
    return Section(
        key="support",
        title=_("Service requests"),
        note=_(
            "A request met its service level when the first answer and the "
            "solution both came within the agreed business hours; it is counted "
            "in the month it was resolved."
        ),
        stats=[
            Stat(_("Open requests now"), str(open_now)),
            Stat(_("Service level met"), percent_formatter(percent(met, judged))),
            Stat(
                _("Resolved within the service level"),
                _("%(met)s of %(judged)s") % {"met": met, "judged": judged},
            ),
        ],
        charts=[
            bar_chart(
                title=_("Open requests at the end of each month"),
                labels=period.month_labels(),
                series=[Series(_("Open requests"), [open_at_end[m] for m in months])],
            ),
            bar_chart(
                title=_("Service level met per month"),
                labels=period.month_labels(),
                series=[Series(_("Service level met"), rates)],
                formatter=percent_formatter,
            ),
        ],
        columns=[
            Column(_("Open requests at month end"), [open_at_end[m] for m in months]),
            Column(_("Requests resolved"), [sla[m][0] for m in months], judged),
            Column(_("Resolved within SLA"), [sla[m][1] for m in months], met),
            Column(_("SLA met %"), rates, percent(met, judged)),
        ],
    )


register_figures(FigureSource(key="support", build=support_section, order=30))
