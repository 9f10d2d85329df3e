"""The working-day calendar: the State Council's 2026 schedule (Spring Festival, National Day),
a year nobody knows (weekends only), and per-year overrides."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerkapp.core.workdays import PACKAGE_CALENDAR, WorkCalendar, YearSchedule, package_years

D = dt.date


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def test_spring_festival_2026_off_and_the_two_saturdays_worked() -> None:
    cal = WorkCalendar()
    # 国办发明电〔2025〕: 2月15日至23日放假调休，共9天；2月14日（星期六）、2月28日（星期六）上班
    assert not any(cal.is_workday(d) for d in _days(D(2026, 2, 15), D(2026, 2, 23)))
    assert D(2026, 2, 14).weekday() == 5 and cal.is_workday(D(2026, 2, 14))
    assert D(2026, 2, 28).weekday() == 5 and cal.is_workday(D(2026, 2, 28))
    assert cal.is_workday(D(2026, 2, 13)) and cal.is_workday(D(2026, 2, 24))


def test_counting_from_the_friday_before_spring_festival() -> None:
    cal = WorkCalendar()
    friday = D(2026, 2, 13)
    assert cal.add_working_days(friday, 0) == friday
    assert cal.add_working_days(friday, 1) == D(2026, 2, 14)  # Saturday, worked in lieu
    assert cal.add_working_days(friday, 2) == D(2026, 2, 24)  # Tuesday after the nine days off
    # 15 working days: 14th; 24th–28th (Sat 28th worked); 2nd–6th and 9th–12th of March
    assert cal.add_working_days(friday, 15) == D(2026, 3, 12)
    # datetimes count from their day
    assert cal.add_working_days(dt.datetime(2026, 2, 13, 16, 45), 2) == D(2026, 2, 24)


def test_national_day_2026() -> None:
    cal = WorkCalendar()
    assert not any(cal.is_workday(d) for d in _days(D(2026, 10, 1), D(2026, 10, 7)))
    assert cal.is_workday(D(2026, 9, 20))  # Sunday worked in lieu
    assert cal.is_workday(D(2026, 10, 10))  # Saturday worked in lieu
    wednesday = D(2026, 9, 30)
    assert cal.add_working_days(wednesday, 1) == D(2026, 10, 8)
    assert cal.add_working_days(wednesday, 3) == D(2026, 10, 10)
    assert cal.add_working_days(wednesday, 4) == D(2026, 10, 12)


def test_a_year_nobody_knows_counts_weekends_only() -> None:
    cal = WorkCalendar()
    assert cal.covers(2026) and not cal.covers(2027)
    assert 2027 not in cal.covered_years() and 2026 in cal.covered_years()
    # New Year's Day 2027 is a Friday: without the schedule it is a working day
    assert cal.is_workday(D(2027, 1, 1))
    assert not cal.is_workday(D(2027, 1, 2)) and not cal.is_workday(D(2027, 1, 3))
    assert cal.add_working_days(D(2027, 1, 1), 1) == D(2027, 1, 4)
    # a count that runs from a known year into an unknown one names the unknown year
    start = D(2026, 12, 25)
    end = cal.add_working_days(start, 10)
    assert end == D(2027, 1, 8)  # Dec 28–31, then Fri Jan 1 (a plain Friday) and Jan 4–8
    assert cal.uncovered_years(start, end) == (2027,)
    assert cal.uncovered_years(start, D(2026, 12, 31)) == ()
    assert cal.uncovered_years(start, start) == ()


def test_overrides_define_a_year_completely() -> None:
    # A made-up schedule (test data, not a State Council notice): the override alone decides.
    spring = frozenset(_days(D(2027, 2, 6), D(2027, 2, 14)))
    schedule = YearSchedule(2027, spring, frozenset({D(2027, 2, 20)}), source="测试用安排")
    cal = WorkCalendar((schedule,))
    assert cal.covers(2027) and cal.override_years() == (2027,)
    assert not cal.is_workday(D(2027, 2, 8))  # Monday off
    assert cal.is_workday(D(2027, 2, 20))  # Saturday worked
    assert not cal.is_workday(D(2027, 2, 21))  # Sunday, not listed
    assert cal.is_workday(D(2027, 1, 1))  # not listed: a Friday works
    assert cal.add_working_days(D(2027, 2, 5), 1) == D(2027, 2, 15)
    assert cal.uncovered_years(D(2026, 12, 1), D(2027, 3, 1)) == ()
    # an override of a year the package knows replaces that year whole
    bare = WorkCalendar((YearSchedule(2026),))
    assert bare.is_workday(D(2026, 2, 16)) and not bare.is_workday(D(2026, 2, 14))
    assert WorkCalendar().is_workday(D(2025, 10, 8)) is False  # other years: still the package


def test_calendars_are_values() -> None:
    y27, y28 = YearSchedule(2027, frozenset({D(2027, 1, 1)})), YearSchedule(2028)
    a, b = WorkCalendar((y27, y28)), WorkCalendar((YearSchedule(2028), y27))
    assert (
        a == b and hash(a) == hash(b) and a.override_years() == b.override_years() == (2027, 2028)
    )
    assert WorkCalendar() == PACKAGE_CALENDAR != a
    assert len({a, b, PACKAGE_CALENDAR}) == 2


def test_impossible_schedules_and_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="outside 2027"):
        YearSchedule(2027, frozenset({D(2026, 12, 31)}))
    with pytest.raises(ValueError, match="both"):
        YearSchedule(2027, frozenset({D(2027, 2, 6)}), frozenset({D(2027, 2, 6)}))
    with pytest.raises(ValueError, match="two overrides"):
        WorkCalendar((YearSchedule(2027), YearSchedule(2027)))
    with pytest.raises(ValueError, match="negative"):
        WorkCalendar().add_working_days(D(2026, 2, 13), -1)


def test_every_known_day_agrees_with_the_package() -> None:
    years = package_years()
    assert years[0] <= 2004 and years[-1] >= 2026
    assert all(
        PACKAGE_CALENDAR.is_workday(d) == chinese_calendar.is_workday(d)
        for d in _days(D(years[0], 1, 1), D(years[-1], 12, 31))
    )


@given(
    start=st.dates(min_value=D(2004, 1, 1), max_value=D(2031, 12, 31)),
    n=st.integers(min_value=0, max_value=60),
)
def test_the_nth_working_day_is_a_working_day_with_n_before_it(start: dt.date, n: int) -> None:
    cal = WorkCalendar()
    end = cal.add_working_days(start, n)
    counted = [d for d in _days(start + dt.timedelta(days=1), end) if cal.is_workday(d)]
    assert len(counted) == n
    assert n == 0 or cal.is_workday(end)
    if not cal.covers(end.year) and not cal.covers(start.year):
        assert [d.weekday() < 5 for d in _days(start, end)] == [
            cal.is_workday(d) for d in _days(start, end)
        ]
