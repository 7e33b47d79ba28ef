"""SLA clocks in business time: weekends, holidays, hours, DST and pauses.

The calendar and the request are stand-ins (SimpleNamespace): support.sla is
pure and asks nothing of the database when given a target and a calendar."""

from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from support.sla import (
    add_business_minutes,
    business_minutes_between,
    deadlines,
    sla_state,
)

BERLIN = ZoneInfo("Europe/Berlin")


def _calendar(holidays=(), working_days="0,1,2,3,4"):
    return SimpleNamespace(
        time_zone="Europe/Berlin",
        work_start=time(8, 0),
        work_end=time(17, 0),
        working_days=working_days,
        holiday_dates=set(holidays),
    )


def _berlin(*args):
    return datetime(*args, tzinfo=BERLIN)


TARGET = SimpleNamespace(first_response_minutes=240, resolution_minutes=960)


def _request(created_at, **changes):
    values = {
        "priority": "normal",
        "created_at": created_at,
        "approved_at": None,
        "first_response_at": None,
        "resolved_at": None,
        "closed_at": None,
        "waiting_since": None,
        "paused_minutes": 0,
        "first_response_due": None,
        "resolution_due": None,
    }
    values.update(changes)
    return SimpleNamespace(**values)


@pytest.mark.parametrize(
    ("start", "minutes", "expected", "holidays"),
    [
        # Inside the day.
        (_berlin(2026, 3, 9, 9, 0), 90, _berlin(2026, 3, 9, 10, 30), ()),
        # Friday afternoon across the weekend.
        (_berlin(2026, 3, 6, 16, 0), 120, _berlin(2026, 3, 9, 9, 0), ()),
        # Before working hours: the clock starts at 08:00.
        (_berlin(2026, 3, 9, 6, 0), 30, _berlin(2026, 3, 9, 8, 30), ()),
        # After working hours: the clock starts next morning.
        (_berlin(2026, 3, 9, 19, 0), 30, _berlin(2026, 3, 10, 8, 30), ()),
        # Christmas Eve afternoon, Christmas Day a holiday, then the weekend.
        (
            _berlin(2026, 12, 24, 16, 30),
            60,
            _berlin(2026, 12, 28, 8, 30),
            (date(2026, 12, 25),),
        ),
        # Starting on a holiday (Easter Monday): counts from Tuesday 08:00.
        (
            _berlin(2026, 4, 6, 10, 0),
            60,
            _berlin(2026, 4, 7, 9, 0),
            (date(2026, 4, 6),),
        ),
        # A full day of 540 minutes ends at 17:00, not the next morning.
        (_berlin(2026, 3, 9, 8, 0), 540, _berlin(2026, 3, 9, 17, 0), ()),
    ],
)
def test_add_business_minutes(start, minutes, expected, holidays):
    result = add_business_minutes(start, minutes, _calendar(holidays))

    assert result == expected
    assert result.tzinfo == BERLIN


def test_adding_across_the_spring_dst_change_keeps_wall_clock_hours():
    # 2026-03-29 clocks go from 02:00 CET to 03:00 CEST.
    start = _berlin(2026, 3, 27, 16, 0)  # Friday, 15:00 UTC

    result = add_business_minutes(start, 120, _calendar())

    assert result == _berlin(2026, 3, 30, 9, 0)
    assert result.astimezone(UTC) == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    assert business_minutes_between(start, result, _calendar()) == 120


def test_a_working_sunday_on_the_autumn_dst_change_is_nine_hours():
    calendar = _calendar(working_days="6")
    # 2026-10-25 clocks go from 03:00 CEST back to 02:00 CET.
    opens = _berlin(2026, 10, 25, 8, 0)

    assert add_business_minutes(opens, 540, calendar) == _berlin(2026, 10, 25, 17, 0)
    assert (
        business_minutes_between(opens, _berlin(2026, 10, 25, 23, 0), calendar) == 540
    )


def test_an_input_in_another_zone_is_read_as_the_same_moment():
    start = datetime(2026, 3, 9, 7, 0, tzinfo=UTC)  # 08:00 in Berlin

    assert add_business_minutes(start, 60, _calendar()) == _berlin(2026, 3, 9, 9, 0)


@pytest.mark.parametrize(
    ("start", "end", "holidays", "expected"),
    [
        (_berlin(2026, 3, 9, 9, 0), _berlin(2026, 3, 9, 9, 45), (), 45),
        # Friday 16:00 to Monday 09:00: one hour each side of the weekend.
        (_berlin(2026, 3, 6, 16, 0), _berlin(2026, 3, 9, 9, 0), (), 120),
        # Across a holiday Thursday: Wednesday 16:00 to Friday 09:00.
        (
            _berlin(2026, 12, 23, 16, 0),
            _berlin(2026, 12, 25, 9, 0),
            (date(2026, 12, 24),),
            120,
        ),
        # Entirely outside working hours.
        (_berlin(2026, 3, 7, 10, 0), _berlin(2026, 3, 8, 18, 0), (), 0),
        # End before start.
        (_berlin(2026, 3, 9, 12, 0), _berlin(2026, 3, 9, 9, 0), (), 0),
        # A whole working week.
        (_berlin(2026, 3, 9, 0, 0), _berlin(2026, 3, 16, 0, 0), (), 5 * 540),
    ],
)
def test_business_minutes_between(start, end, holidays, expected):
    assert business_minutes_between(start, end, _calendar(holidays)) == expected


def test_negative_minutes_and_calendars_without_working_time_are_refused():
    with pytest.raises(ValueError, match="negative"):
        add_business_minutes(_berlin(2026, 3, 9, 9, 0), -1, _calendar())
    with pytest.raises(ValueError, match="no working hours"):
        add_business_minutes(_berlin(2026, 3, 9, 9, 0), 10, _calendar(working_days=""))


def test_deadlines_count_from_creation_in_business_time():
    request = _request(_berlin(2026, 3, 6, 15, 0))  # Friday

    first, resolution = deadlines(
        request, _berlin(2026, 3, 6, 15, 0), target=TARGET, calendar=_calendar()
    )

    assert first == _berlin(2026, 3, 9, 10, 0)  # 2 h Friday + 2 h Monday
    assert resolution == _berlin(2026, 3, 10, 13, 0)  # 2 + 9 + 5 hours


def test_deadlines_start_at_approval_when_the_service_needed_one():
    request = _request(
        _berlin(2026, 3, 9, 9, 0), approved_at=_berlin(2026, 3, 10, 9, 0)
    )

    first, _ = deadlines(
        request, _berlin(2026, 3, 10, 9, 0), target=TARGET, calendar=_calendar()
    )

    assert first == _berlin(2026, 3, 10, 13, 0)


@pytest.mark.parametrize("approval", ["pending", "rejected"])
def test_no_clock_runs_before_the_company_approves(approval):
    request = _request(_berlin(2026, 3, 9, 9, 0), approval=approval)

    state = sla_state(
        request, _berlin(2026, 3, 20, 9, 0), target=TARGET, calendar=_calendar()
    )

    assert deadlines(
        request, _berlin(2026, 3, 9, 9, 0), target=TARGET, calendar=_calendar()
    ) == (None, None)
    assert state.first_response.due is None
    assert state.breached is False


def test_waiting_for_the_customer_stops_the_clock():
    calendar = _calendar()
    created = _berlin(2026, 3, 9, 9, 0)  # Monday; first response due 13:00
    waiting = _request(created, waiting_since=_berlin(2026, 3, 9, 10, 0))

    at_noon = sla_state(
        waiting, _berlin(2026, 3, 9, 12, 0), target=TARGET, calendar=calendar
    )
    next_day = sla_state(
        waiting, _berlin(2026, 3, 10, 12, 0), target=TARGET, calendar=calendar
    )

    assert at_noon.paused is True
    assert at_noon.first_response.due == _berlin(2026, 3, 9, 15, 0)
    # Three of the four hours were left when the wait began, and still are.
    assert at_noon.first_response.minutes_left == 180
    assert next_day.first_response.minutes_left == 180
    assert next_day.breached is False


def test_the_pause_is_kept_after_the_customer_answers():
    created = _berlin(2026, 3, 9, 9, 0)
    resumed = _request(created, paused_minutes=120)  # waited 10:00 to 12:00

    state = sla_state(
        resumed, _berlin(2026, 3, 9, 12, 0), target=TARGET, calendar=_calendar()
    )

    assert state.paused is False
    assert state.first_response.due == _berlin(2026, 3, 9, 15, 0)
    assert state.first_response.minutes_left == 180


def test_without_a_pause_the_same_request_is_breached_by_the_next_day():
    request = _request(_berlin(2026, 3, 9, 9, 0))

    state = sla_state(
        request, _berlin(2026, 3, 10, 12, 0), target=TARGET, calendar=_calendar()
    )

    assert state.breached is True
    assert state.current is state.first_response
    assert state.first_response.minutes_left is None
    assert state.first_response.overdue == timedelta(hours=23)


def test_an_answer_stops_the_first_clock_and_a_late_one_stays_breached():
    created = _berlin(2026, 3, 9, 9, 0)
    late = _request(
        created,
        first_response_at=_berlin(2026, 3, 9, 14, 0),
        first_response_due=_berlin(2026, 3, 9, 13, 0),
        paused_minutes=600,  # a long wait after the answer moves nothing back
    )
    in_time = _request(
        created,
        first_response_at=_berlin(2026, 3, 9, 11, 0),
        first_response_due=_berlin(2026, 3, 9, 13, 0),
    )
    now = _berlin(2026, 3, 9, 15, 0)

    late_state = sla_state(late, now, target=TARGET, calendar=_calendar())
    in_time_state = sla_state(in_time, now, target=TARGET, calendar=_calendar())

    assert late_state.first_response.breached is True
    assert late_state.first_response.met is False
    assert late_state.current is late_state.resolution
    assert in_time_state.first_response.met is True
    assert in_time_state.breached is False
    # 6 h of the 16 h resolution target used by 15:00.
    assert in_time_state.resolution.minutes_left == 600


def test_a_resolved_request_has_no_running_clock():
    request = _request(
        _berlin(2026, 3, 9, 9, 0),
        first_response_at=_berlin(2026, 3, 9, 10, 0),
        first_response_due=_berlin(2026, 3, 9, 13, 0),
        resolved_at=_berlin(2026, 3, 9, 16, 0),
        resolution_due=_berlin(2026, 3, 10, 16, 0),
    )

    state = sla_state(
        request, _berlin(2026, 3, 20, 9, 0), target=TARGET, calendar=_calendar()
    )

    assert state.resolution.running is False
    assert state.resolution.met is True
    assert state.breached is False


def test_a_request_without_a_team_has_no_clock():
    request = _request(_berlin(2026, 3, 9, 9, 0), team=None)

    state = sla_state(request, _berlin(2026, 3, 9, 12, 0))

    assert state.first_response.due is None
    assert state.breached is False
    assert deadlines(request, _berlin(2026, 3, 9, 12, 0)) == (None, None)
