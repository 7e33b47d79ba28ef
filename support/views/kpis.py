"""The service desk's KPIs for the Support staff group: a period, optionally
one team or service, as charts and tables (support.selectors.kpis) and as
CSV."""

import csv

from django import forms
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from partner_portal.access import PolicyRequiredMixin
from partner_portal.charts import Series, default_formatter, line_chart
from partner_portal.exports import csv_safe
from partner_portal.figures import PeriodForm, percent_formatter
from partner_portal.files import ATTACHMENT, CSV, private_content_response
from partner_portal.permissions import StaffGroup
from partner_portal.policy import Staff
from support.models import Service, Team
from support.selectors.kpis import support_kpis


class KpiFilterForm(PeriodForm):
    team = forms.ModelChoiceField(
        label=gettext_lazy("Team"),
        queryset=Team.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("All teams"),
    )
    service = forms.ModelChoiceField(
        label=gettext_lazy("Service"),
        queryset=Service.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("All services"),
    )

    def chosen(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {"team": data.get("team"), "service": data.get("service")}


def duration(minutes) -> str:
    """Business minutes as "3 h 20 min" (or "45 min"); "–" for none."""
    if minutes is None:
        return "–"
    hours, rest = divmod(round(minutes), 60)
    if not hours:
        return _("%(minutes)s min") % {"minutes": rest}
    return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}


def _number(value) -> str:
    return "" if value is None else str(value)


def _display(kpis) -> dict:
    """One group's KPIs as the page shows them."""
    return {
        "label": kpis.label,
        "new": kpis.new,
        "resolved": kpis.resolved,
        "first_response": duration(kpis.first_response_median),
        "resolution": duration(kpis.resolution_median),
        "sla": percent_formatter(kpis.sla_percent),
        "csat": "–"
        if kpis.csat_average is None
        else default_formatter(kpis.csat_average),
        "satisfied": percent_formatter(kpis.csat_satisfied_percent),
        "rated": len(kpis.ratings),
    }


def _summary(report) -> list[tuple[str, str]]:
    overall = _display(report.overall)
    return [
        (_("New requests"), str(overall["new"])),
        (_("Resolved"), str(overall["resolved"])),
        (_("Median first response"), overall["first_response"]),
        (_("Median resolution"), overall["resolution"]),
        (_("SLA met"), overall["sla"]),
        (_("Average rating"), overall["csat"]),
        (_("Rated 4 or 5"), overall["satisfied"]),
        (_("Deflection rate"), percent_formatter(report.deflection_rate)),
    ]


def _report(request):
    form = KpiFilterForm(request.GET or None, initial={"range": "6"})
    period = form.period()
    report = support_kpis(period=period, **form.chosen())
    return form, period, report


class SupportKpiView(PolicyRequiredMixin, View):
    policy = Staff(StaffGroup.SUPPORT)

    def get(self, request):
        form, period, report = _report(request)
        labels = [date_format(monday, "j M") for monday, *_n in report.weeks]
        chart = line_chart(
            title=_("New and resolved requests per week"),
            labels=labels,
            series=[
                Series(_("New"), [new for _m, new, _r in report.weeks]),
                Series(_("Resolved"), [done for _m, _n, done in report.weeks]),
            ],
        )
        return render(
            request,
            "support/kpis.html",
            {
                "form": form,
                "period": period,
                "report": report,
                "chart": chart,
                "summary": _summary(report),
                "query": request.GET.urlencode(),
                "groups": [
                    (_("Per team"), "teams", [_display(k) for k in report.by_team]),
                    (
                        _("Per service"),
                        "services",
                        [_display(k) for k in report.by_service],
                    ),
                ],
            },
            status=400 if form.is_bound and not form.is_valid() else 200,
        )


class SupportKpiExportView(PolicyRequiredMixin, View):
    """One row per group (all, each team, each service) and per week; times
    in business minutes, rates in percent, as plain numbers."""

    policy = Staff(StaffGroup.SUPPORT)

    def get(self, request):
        _form, period, report = _report(request)
        response = private_content_response(
            filename=f"support-kpis-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}.csv",
            content_type=CSV,
            disposition=ATTACHMENT,
        )
        response.write("\ufeff")  # so that Excel reads UTF-8
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Group"),
                _("Name"),
                _("New"),
                _("Resolved"),
                _("Median first response (minutes)"),
                _("Median resolution (minutes)"),
                _("SLA met %"),
                _("Average rating"),
                _("Rated 4 or 5 %"),
                _("Deflection rate %"),
            ]
        )
        rows = [(_("All"), report.overall)]
        rows += [(_("Team"), kpis) for kpis in report.by_team]
        rows += [(_("Service"), kpis) for kpis in report.by_service]
        for group, kpis in rows:
            writer.writerow(
                [
                    group,
                    csv_safe(kpis.label),
                    kpis.new,
                    kpis.resolved,
                    _number(kpis.first_response_median),
                    _number(kpis.resolution_median),
                    _number(kpis.sla_percent),
                    _number(kpis.csat_average),
                    _number(kpis.csat_satisfied_percent),
                    _number(report.deflection_rate) if kpis is report.overall else "",
                ]
            )
        for monday, new, done in report.weeks:
            writer.writerow([_("Week"), f"{monday:%Y-%m-%d}", new, done])
        return response
