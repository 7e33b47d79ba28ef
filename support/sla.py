"""Service-level clocks in business time: pure functions over a calendar.

A calendar is anything with ``time_zone`` (an IANA name), ``work_start`` and
``work_end`` (``datetime.time``), ``working_days`` ("0,1,2,3,4", Monday = 0)
and ``holiday_dates`` (a set of ``date``) – the BusinessCalendar model, or a
stand-in in tests. Working hours are wall-clock hours in the calendar's time
zone, so a day of 08:00–17:00 is nine hours on either side of a daylight
saving change; all arithmetic happens in UTC, because Python subtracts and
adds aware datetimes of one zone as wall-clock times.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.apps import apps

# The work (and its clock) starts only once the company approved the request.
_NOT_STARTED = ("pending", "rejected")
# Ten years without a single working day means the calendar is misconfigured.
_MAX_DAYS = 3660


def _working_weekdays(calendar) -> set[int]:
    return {int(part) for part in str(calendar.working_days).split(",") if part.strip()}


def _windows(start: datetime, calendar) -> Iterator[tuple[datetime, datetime]]:
    """Working windows (open, close) in UTC, from the local day of ``start`` on."""
    zone = ZoneInfo(calendar.time_zone)
    weekdays = _working_weekdays(calendar)
    if not weekdays or calendar.work_end <= calendar.work_start:
        raise ValueError("The business calendar has no working hours.")
    holidays = calendar.holiday_dates
    day: date = start.astimezone(zone).date()
    for _ in range(_MAX_DAYS):
        if day.weekday() in weekdays and day not in holidays:
            opens = datetime.combine(day, calendar.work_start, tzinfo=zone)
            closes = datetime.combine(day, calendar.work_end, tzinfo=zone)
            yield opens.astimezone(UTC), closes.astimezone(UTC)
        day += timedelta(days=1)
    raise ValueError("The business calendar has no working day in ten years.")


def add_business_minutes(start: datetime, minutes: int, calendar) -> datetime:
    """The moment ``minutes`` business minutes after ``start``, in the calendar's
    zone. Zero minutes is ``start`` itself; a negative amount raises ValueError."""
    if minutes < 0:
        raise ValueError("Business minutes cannot be negative.")
    zone = ZoneInfo(calendar.time_zone)
    if minutes == 0:
        return start.astimezone(zone)
    cursor = start.astimezone(UTC)
    remaining = timedelta(minutes=minutes)
    for opens, closes in _windows(cursor, calendar):
        if closes <= cursor:
            continue
        begin = max(opens, cursor)
        available = closes - begin
        if remaining <= available:
            return (begin + remaining).astimezone(zone)
        remaining -= available
        cursor = closes
    raise AssertionError("unreachable: _windows raises when it runs out")


def business_minutes_between(start: datetime, end: datetime, calendar) -> int:
    """Whole business minutes from ``start`` to ``end``; 0 when end is not later."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    if end <= start:
        return 0
    total = timedelta()
    for opens, closes in _windows(start, calendar):
        if opens >= end:
            break
        overlap = min(closes, end) - max(opens, start)
        if overlap > timedelta():
            total += overlap
    return int(total.total_seconds() // 60)


def _target_for(priority):
    # Looked up through the app registry: support.models may use this module.
    model = apps.get_model("support", "SlaTarget")
    return model.objects.filter(priority=priority).first()


def _calendar_of(request):
    team = getattr(request, "team", None)
    return team.calendar if team is not None else None


def paused_minutes(request, now: datetime, calendar) -> int:
    """Business minutes the clocks stood still: closed pauses plus the open one."""
    minutes = request.paused_minutes or 0
    if request.waiting_since is not None:
        minutes += business_minutes_between(request.waiting_since, now, calendar)
    return minutes


def deadlines(
    request, now: datetime, *, target=None, calendar=None
) -> tuple[datetime | None, datetime | None]:
    """(first_response_due, resolution_due) of a request at ``now``.

    The clock starts when the work may start (approval, else creation) and
    stands still while the request waits for the customer; awaiting the
    company's approval (or rejected) there is no clock. A deadline whose
    clock has stopped (answered, resolved) keeps its stored value, so a later
    pause cannot turn a missed target into a met one. (None, None) without a
    team or without a target for the priority.
    """
    if getattr(request, "approval", "") in _NOT_STARTED:
        return None, None
    calendar = calendar if calendar is not None else _calendar_of(request)
    if calendar is None:
        return None, None
    target = target if target is not None else _target_for(request.priority)
    if target is None:
        return None, None
    start = getattr(request, "approved_at", None) or request.created_at
    paused = paused_minutes(request, now, calendar)
    if request.first_response_at and request.first_response_due:
        first_due = request.first_response_due
    else:
        first_due = add_business_minutes(
            start, target.first_response_minutes + paused, calendar
        )
    if request.resolved_at and request.resolution_due:
        resolution_due = request.resolution_due
    else:
        resolution_due = add_business_minutes(
            start, target.resolution_minutes + paused, calendar
        )
    return first_due, resolution_due


@dataclass(frozen=True)
class Clock:
    """One SLA clock: its deadline and how it stands at the moment asked."""

    due: datetime | None
    done_at: datetime | None = None
    minutes_left: int | None = None  # business minutes, while running in time
    overdue: timedelta | None = None  # real time past the deadline

    @property
    def breached(self) -> bool:
        if self.due is None:
            return False
        if self.done_at is not None:
            return self.done_at > self.due
        return self.overdue is not None

    @property
    def running(self) -> bool:
        return self.due is not None and self.done_at is None

    @property
    def met(self) -> bool:
        return self.done_at is not None and self.due is not None and not self.breached


@dataclass(frozen=True)
class SlaState:
    first_response: Clock
    resolution: Clock
    paused: bool

    @property
    def current(self) -> Clock:
        """The clock that matters now: first response until answered."""
        if self.first_response.running:
            return self.first_response
        return self.resolution

    @property
    def breached(self) -> bool:
        return self.first_response.breached or self.resolution.breached


def _clock(due, done_at, now, calendar) -> Clock:
    if due is None or done_at is not None:
        return Clock(due=due, done_at=done_at)
    if now > due:
        return Clock(due=due, overdue=now - due)
    return Clock(due=due, minutes_left=business_minutes_between(now, due, calendar))


def sla_state(request, now: datetime, *, target=None, calendar=None) -> SlaState:
    """How both clocks of a request stand at ``now``; paused while waiting.

    Pass ``calendar`` (and ``target``) when showing many requests, so that
    holidays and targets are read once, not once per request.
    """
    calendar = calendar if calendar is not None else _calendar_of(request)
    if calendar is None:
        return SlaState(Clock(None), Clock(None), paused=False)
    first_due, resolution_due = deadlines(
        request, now, target=target, calendar=calendar
    )
    if target is None and first_due is None:
        first_due, resolution_due = request.first_response_due, request.resolution_due
    answered = request.first_response_at or request.resolved_at
    finished = request.resolved_at or getattr(request, "closed_at", None)
    return SlaState(
        first_response=_clock(first_due, answered, now, calendar),
        resolution=_clock(resolution_due, finished, now, calendar),
        paused=request.waiting_since is not None,
    )
