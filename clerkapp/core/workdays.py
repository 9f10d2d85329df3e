"""Working days in mainland China: which days the offices work, and the date N working days on.

Public holidays (法定节假日) and the weekend days worked in lieu (调休上班日) are set by the State
Council each year, usually in November for the year after. The schedule of the years it knows
comes from the ``chinesecalendar`` package (pure data, updated each November by its
maintainers). A workstation may also carry per-year overrides (the IT staff's file, see
``clerkapp.infra.calendar_io``) for a year published before an app update arrives: a year present
in the overrides is defined by them alone. A year known to neither counts weekends only, and
:meth:`WorkCalendar.covers` says so, so callers can warn that the promise may be early.

Pure: no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType

import chinese_calendar

__all__ = ["PACKAGE_CALENDAR", "WorkCalendar", "YearSchedule", "package_years"]

#: Saturday and Sunday (``date.weekday()``).
_WEEKEND = (5, 6)


@dataclass(frozen=True)
class YearSchedule:
    """One year's official schedule: the days off (``holidays``, weekend days among them may be
    listed or not) and the weekend days worked in lieu (``workdays``); ``source`` names the
    notice it was copied from (e.g. 国办发明电〔2025〕7号)."""

    year: int
    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()
    source: str = ""

    def __post_init__(self) -> None:
        # Checked here too (the file loader reports them in Chinese first): a schedule that
        # breaks these would silently give the wrong answer for a day.
        stray = sorted(d for d in self.holidays | self.workdays if d.year != self.year)
        if stray:
            raise ValueError(f"dates outside {self.year}: {stray[0].isoformat()}")
        both = sorted(self.holidays & self.workdays)
        if both:
            raise ValueError(f"{both[0].isoformat()} is both a holiday and a workday")

    def is_workday(self, day: dt.date) -> bool:
        """Whether the offices work on ``day`` (a day of this year)."""
        if day in self.workdays:
            return True
        return day.weekday() not in _WEEKEND and day not in self.holidays


@cache
def _package_knows(year: int) -> bool:
    # The package's own bounds check (it raises for a year outside the data it ships).
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def package_years() -> tuple[int, ...]:
    """The years whose schedule the installed ``chinesecalendar`` knows, ascending."""
    # The package ships a contiguous range of years; probing around today's era finds it.
    return tuple(y for y in range(1990, 2101) if _package_knows(y))


@dataclass(frozen=True)
class WorkCalendar:
    """The working-day calendar: the ``chinesecalendar`` schedule, replaced year by year by
    ``overrides`` (``WorkCalendar()`` is the package's schedule alone). Hashable and immutable."""

    overrides: tuple[YearSchedule, ...] = ()
    _by_year: Mapping[int, YearSchedule] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Kept sorted by year, so calendars with the same years compare (and hash) equal.
        by_year: dict[int, YearSchedule] = {}
        for schedule in self.overrides:
            if schedule.year in by_year:
                raise ValueError(f"two overrides for {schedule.year}")
            by_year[schedule.year] = schedule
        ordered = tuple(by_year[y] for y in sorted(by_year))
        object.__setattr__(self, "overrides", ordered)
        object.__setattr__(self, "_by_year", MappingProxyType(by_year))

    def covers(self, year: int) -> bool:
        """Whether the official schedule of ``year`` is known (overrides or package); False
        means its days are counted by weekday only."""
        return year in self._by_year or _package_knows(year)

    def override_years(self) -> tuple[int, ...]:
        """The years defined by the overrides, ascending."""
        return tuple(s.year for s in self.overrides)

    def covered_years(self) -> tuple[int, ...]:
        """Every year whose official schedule is known (package and overrides), ascending."""
        return tuple(sorted(set(package_years()) | set(self._by_year)))

    def is_workday(self, day: dt.date) -> bool:
        """Whether the offices work on ``day``: a weekday that is not a public holiday, or a
        weekend day worked in lieu. In a year not covered, Monday to Friday."""
        if isinstance(day, dt.datetime):
            day = day.date()
        schedule = self._by_year.get(day.year)
        if schedule is not None:
            return schedule.is_workday(day)
        if _package_knows(day.year):
            return bool(chinese_calendar.is_workday(day))
        return day.weekday() not in _WEEKEND

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``start`` (the day after ``start`` is the first that
        can count; ``n`` = 0 gives ``start`` itself)."""
        if n < 0:
            raise ValueError(f"working days must not be negative: {n}")
        if isinstance(start, dt.datetime):
            start = start.date()
        day = start
        left = n
        while left > 0:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                left -= 1
        return day

    def uncovered_years(self, start: dt.date, end: dt.date) -> tuple[int, ...]:
        """The years of the days after ``start`` up to ``end`` whose schedule is not known (the
        years a count from ``start`` to ``end`` did by weekday only)."""
        if end <= start:
            return ()
        first = (start + dt.timedelta(days=1)).year
        return tuple(y for y in range(first, end.year + 1) if not self.covers(y))


#: The package's schedule without overrides: the default where no workstation calendar is given.
PACKAGE_CALENDAR = WorkCalendar()
