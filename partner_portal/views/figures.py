"""The company's figures for company admins and procurement: the sections the
apps register (partner_portal.figures) for a chosen period, as charts and
as CSV."""

import csv

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from partner_portal.access import PolicyRequiredMixin
from partner_portal.exports import csv_safe
from partner_portal.figures import PeriodForm, sections_for
from partner_portal.files import ATTACHMENT, CSV, private_content_response
from partner_portal.permissions import Capability
from partner_portal.policy import Member


def _form(request) -> PeriodForm:
    return PeriodForm(request.GET or None, initial={"range": "6"})


class CompanyFiguresView(PolicyRequiredMixin, View):
    policy = Member(Capability.COMPANY_KPIS)

    def get(self, request):
        form = _form(request)
        period = form.period()
        return render(
            request,
            "partner_portal/figures.html",
            {
                "form": form,
                "period": period,
                "period_end": min(period.end, timezone.localdate()),
                "sections": sections_for(company=self.company, period=period),
                "query": request.GET.urlencode(),
            },
            status=400 if form.is_bound and not form.is_valid() else 200,
        )


class CompanyFiguresExportView(PolicyRequiredMixin, View):
    """The page's figures as CSV: a row per month, a total row, a column per
    figure (amounts and rates as plain numbers, months as YYYY-MM)."""

    policy = Member(Capability.COMPANY_KPIS)

    def get(self, request):
        period = _form(request).period()
        sections = sections_for(company=self.company, period=period)
        columns = [column for section in sections for column in section.columns]
        response = private_content_response(
            filename=f"figures-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}.csv",
            content_type=CSV,
            disposition=ATTACHMENT,
        )
        response.write("\ufeff")  # so that Excel reads UTF-8
        writer = csv.writer(response)
        writer.writerow([_("Month"), *(csv_safe(str(c.heading)) for c in columns)])
        for index, month in enumerate(period.months):
            writer.writerow(
                [f"{month:%Y-%m}", *(_cell(c.values[index]) for c in columns)]
            )
        writer.writerow([_("Total"), *(_cell(c.total) for c in columns)])
        return response


def _cell(value) -> str:
    return "" if value is None else str(value)
