"""The company figures page's registry: apps add sections, the page never
names an app (like tiles and navigation).

An app registers its section in its `AppConfig.ready()`:

    from partner_portal.figures import FigureSource, register_figures

    register_figures(FigureSource(key="orders", build=orders_section, order=10))

`build(company=, period=)` returns a `Section`: a few headline numbers, charts
(partner_portal.charts) and month columns for the CSV export. It reads the
company's data through the app's own selectors in a fixed number of queries,
however many orders or requests there are.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partner_portal.charts import Chart, default_formatter


@dataclass(frozen=True)
class Period:
    """Whole days from `start` to `end` (both included), by calendar month."""

    start: date
    end: date

    @classmethod
    def last_months(cls, count: int, today: date | None = None) -> "Period":
        """This month (so far) and the `count - 1` months before it."""
        today = today or timezone.localdate()
        first = today.replace(day=1)
        for _month in range(count - 1):
            first = (first - timedelta(days=1)).replace(day=1)
        return cls(first, today)

    @property
    def months(self) -> list[date]:
        """The first day of every month the period touches."""
        months, month = [], self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return months

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        """The moment after the period (exclusive)."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(1), time.min))

    def month_labels(self) -> list[str]:
        return [date_format(month, "M Y") for month in self.months]


# A longer period has too many months for one chart.
MAX_MONTHS = 24


class PeriodForm(forms.Form):
    """Last 3, 6 or 12 months (this month included), or from one day to
    another; `period()` is the chosen one, or the last 6 months."""

    RANGES = [
        ("3", gettext_lazy("Last 3 months")),
        ("6", gettext_lazy("Last 6 months")),
        ("12", gettext_lazy("Last 12 months")),
        ("custom", gettext_lazy("From – to")),
    ]

    range = forms.ChoiceField(
        label=gettext_lazy("Period"), choices=RANGES, required=False
    )
    date_from = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean()
        if data.get("range") != "custom":
            return data
        start, end = data.get("date_from"), data.get("date_to")
        if not start or not end:
            raise forms.ValidationError(_("Enter both the first and the last day."))
        if start > end:
            raise forms.ValidationError(_("The first day must come before the last."))
        if len(Period(start, end).months) > MAX_MONTHS:
            raise forms.ValidationError(
                _("Choose at most %(count)s months.") % {"count": MAX_MONTHS}
            )
        return data

    def period(self) -> Period:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        chosen = data.get("range") or "6"
        if chosen == "custom":
            return Period(data["date_from"], data["date_to"])
        return Period.last_months(int(chosen))


def month_of(moment) -> date:
    """The first day of the month of a TruncMonth value (a date or datetime)."""
    if isinstance(moment, datetime):
        moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        moment = moment.date()
    return moment.replace(day=1)


@dataclass(frozen=True)
class Stat:
    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class Column:
    """One column of the CSV export: a value per month of the period and the
    period's total (None where a total means nothing)."""

    heading: str
    values: list
    total: object = None


@dataclass
class Section:
    key: str
    title: str
    stats: list[Stat] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    # How the numbers are counted, in a sentence or two.
    note: str = ""


@dataclass(frozen=True)
class FigureSource:
    key: str
    build: Callable[..., Section]
    order: int = 100


_registry: dict[str, FigureSource] = {}


def register_figures(source: FigureSource) -> FigureSource:
    _registry[source.key] = source
    return source


def figure_sources() -> list[FigureSource]:
    return sorted(_registry.values(), key=lambda source: (source.order, source.key))


def sections_for(*, company, period: Period) -> list[Section]:
    return [source.build(company=company, period=period) for source in figure_sources()]


def percent(part, whole) -> float | None:
    """`part` of `whole` in percent, one decimal; None when `whole` is zero."""
    if not whole:
        return None
    return round(float(part) * 100 / float(whole), 1)


def percent_formatter(value) -> str:
    if value is None:
        return "–"
    return _("%(value)s %%") % {"value": default_formatter(value)}
