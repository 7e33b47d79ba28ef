"""The service desk's KPIs for staff, across companies: new and resolved
requests per week, median first response and resolution time, SLA compliance,
satisfaction (CSAT) and the deflection rate, overall, per team and per service.

Times are business minutes of the team's calendar (support.sla), the clock
starting at approval (else creation) and, for resolution, without the time
spent waiting for the customer; a request without a team counts wall-clock
minutes. The rows are read in a fixed number of queries and counted here.

What counts where:
- new: created in the period; resolved: resolved in the period;
- first response time: requests first answered in the period;
- resolution time, SLA and CSAT: requests resolved in the period (CSAT only
  those rated); a request met its SLA when both the first response and the
  resolution came by their due times (resolving counts as the first answer);
- deflections ("this solved my problem") have no team or service: the rate,
  deflections / (deflections + new requests), is for the whole desk only.
Requests merged into another one are left out: the surviving one counts.
"""

import statistics
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import F, Q
from django.utils import timezone

from support.models import BusinessCalendar, Deflection, Service, SupportRequest, Team
from support.sla import business_minutes_between

SLA_MET = Q(resolved_at__lte=F("resolution_due")) & (
    Q(first_response_at__lte=F("first_response_due"))
    | Q(first_response_at__isnull=True, resolved_at__lte=F("first_response_due"))
)
# Requests whose SLA can be judged: resolved, with due times, not merged away.
SLA_JUDGED = Q(
    resolved_at__isnull=False,
    resolution_due__isnull=False,
    first_response_due__isnull=False,
    merged_into__isnull=True,
)

_FIELDS = (
    "pk",
    "team_id",
    "service_id",
    "created_at",
    "approved_at",
    "first_response_at",
    "first_response_due",
    "resolved_at",
    "resolution_due",
    "paused_minutes",
    "rating",
)


@dataclass(frozen=True)
class _Calendar:
    """A team's calendar with its holidays read once (support.sla's shape)."""

    time_zone: str
    work_start: object
    work_end: object
    working_days: str
    holiday_dates: frozenset


@dataclass
class Kpis:
    """The KPIs of one group of requests (all, a team, a service)."""

    label: str
    key: str = ""
    new: int = 0
    resolved: int = 0
    first_response_minutes: list = field(default_factory=list)
    resolution_minutes: list = field(default_factory=list)
    sla_judged: int = 0
    sla_met: int = 0
    ratings: list = field(default_factory=list)

    @property
    def first_response_median(self) -> float | None:
        return _median(self.first_response_minutes)

    @property
    def resolution_median(self) -> float | None:
        return _median(self.resolution_minutes)

    @property
    def sla_percent(self) -> float | None:
        return _percent(self.sla_met, self.sla_judged)

    @property
    def csat_average(self) -> float | None:
        return round(statistics.fmean(self.ratings), 2) if self.ratings else None

    @property
    def csat_satisfied_percent(self) -> float | None:
        return _percent(sum(1 for r in self.ratings if r >= 4), len(self.ratings))


@dataclass
class KpiReport:
    overall: Kpis
    weeks: list  # [(Monday, new, resolved)]
    by_team: list
    by_service: list
    # None for one team or service: deflections belong to neither.
    deflections: int | None = None

    @property
    def deflection_rate(self) -> float | None:
        if self.deflections is None:
            return None
        return _percent(self.deflections, self.deflections + self.overall.new)


def week_starts(period) -> list[date]:
    """The Mondays of the weeks the period touches."""
    monday = period.start - timedelta(days=period.start.weekday())
    weeks = []
    while monday <= period.end:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def support_kpis(*, period, team=None, service=None) -> KpiReport:
    """The desk's KPIs for `period`, optionally for one team or service."""
    since, until = period.since, period.until
    requests = SupportRequest.objects.filter(merged_into__isnull=True).filter(
        Q(created_at__gte=since, created_at__lt=until)
        | Q(first_response_at__gte=since, first_response_at__lt=until)
        | Q(resolved_at__gte=since, resolved_at__lt=until)
    )
    if team is not None:
        requests = requests.filter(team=team)
    if service is not None:
        requests = requests.filter(service=service)
    met = set(
        requests.filter(SLA_JUDGED, SLA_MET).values_list("pk", flat=True).iterator()
    )
    calendars = _calendars()
    teams = {t.pk: t for t in Team.objects.order_by("name")}
    services = {s.pk: s for s in Service.objects.order_by("name")}
    overall = Kpis(label="")
    by_team = {pk: Kpis(label=t.name, key=t.slug) for pk, t in teams.items()}
    by_service = {pk: Kpis(label=s.name, key=s.slug) for pk, s in services.items()}
    weeks = {monday: [0, 0] for monday in week_starts(period)}

    def within(moment):
        return moment is not None and since <= moment < until

    for row in requests.values(*_FIELDS, calendar_id=F("team__calendar_id")).iterator():
        groups = [overall]
        if row["team_id"] in by_team:
            groups.append(by_team[row["team_id"]])
        if row["service_id"] in by_service:
            groups.append(by_service[row["service_id"]])
        calendar = calendars.get(row["calendar_id"])
        start = row["approved_at"] or row["created_at"]
        facts = {}
        if within(row["created_at"]):
            facts["new"] = True
            weeks[_monday(row["created_at"])][0] += 1
        if within(row["first_response_at"]):
            facts["first"] = _minutes(start, row["first_response_at"], calendar)
        if within(row["resolved_at"]):
            weeks[_monday(row["resolved_at"])][1] += 1
            resolution = _minutes(start, row["resolved_at"], calendar)
            facts["resolution"] = max(0, resolution - row["paused_minutes"])
            if row["resolution_due"] and row["first_response_due"]:
                facts["judged"] = True
                facts["met"] = row["pk"] in met
            if row["rating"]:
                facts["rating"] = row["rating"]
        for kpis in groups:
            _count(kpis, facts)
    return KpiReport(
        overall=overall,
        weeks=[(monday, new, done) for monday, (new, done) in weeks.items()],
        by_team=[k for k in by_team.values() if _has_data(k)],
        by_service=[k for k in by_service.values() if _has_data(k)],
        deflections=(
            Deflection.objects.filter(
                created_at__gte=since, created_at__lt=until
            ).count()
            if team is None and service is None
            else None
        ),
    )


def _count(kpis: Kpis, facts: dict) -> None:
    kpis.new += 1 if facts.get("new") else 0
    if "first" in facts:
        kpis.first_response_minutes.append(facts["first"])
    if "resolution" in facts:
        kpis.resolved += 1
        kpis.resolution_minutes.append(facts["resolution"])
    if facts.get("judged"):
        kpis.sla_judged += 1
        kpis.sla_met += 1 if facts["met"] else 0
    if "rating" in facts:
        kpis.ratings.append(facts["rating"])


def _calendars() -> dict:
    return {
        calendar.pk: _Calendar(
            time_zone=calendar.time_zone,
            work_start=calendar.work_start,
            work_end=calendar.work_end,
            working_days=calendar.working_days,
            holiday_dates=frozenset(h.date for h in calendar.holidays.all()),
        )
        for calendar in BusinessCalendar.objects.prefetch_related("holidays")
    }


def _minutes(start, end, calendar) -> int:
    if end <= start:
        return 0
    if calendar is None:
        return int((end - start).total_seconds() // 60)
    return business_minutes_between(start, end, calendar)


def _monday(moment) -> date:
    day = timezone.localtime(moment).date()
    return day - timedelta(days=day.weekday())


def _has_data(kpis: Kpis) -> bool:
    return bool(kpis.new or kpis.resolved or kpis.first_response_minutes)


def _median(values) -> float | None:
    return statistics.median(values) if values else None


def _percent(part, whole) -> float | None:
    return round(part * 100 / whole, 1) if whole else None
