"""The workstation's holiday override file: read and validate it, and load the working-day
calendar the workstation uses.

When the State Council publishes next year's schedule (usually in November) before an app update
brings it, IT staff put ``<data dir>/calendar/holidays.json`` on the workstation (format in
``resources/calendar/README.md``). A broken file must not stop the counter: start-up logs a
warning and uses the schedule the app ships; ``clerkapp calendar check`` lists every problem.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
from pathlib import Path
from typing import Any

from clerkapp.core.bounded_json import InputError
from clerkapp.core.catalogue_schema import Problem, render_problems
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.core.workdays import PACKAGE_CALENDAR, WorkCalendar, YearSchedule
from clerkapp.errors import ValidationError
from clerkapp.infra.bounded_read import HOLIDAYS, display_path, read_json
from clerkapp.infra.paths import data_dir

log = logging.getLogger(__name__)

FORMAT = "clerkapp-holidays/1"
_TOP_KEYS = {"format", "years", "comment"}
_YEAR_KEYS = {"source", "holidays", "workdays"}
# ASCII digits only: "２０２７" (full-width) is not a year a person meant to write twice
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_YEAR = re.compile(r"^\d{4}$", re.ASCII)
_WEEKDAYS = "一二三四五六日"

# Years already warned about as not covered: a promise in such a year is logged once per run.
_warned_years: set[int] = set()
_warned_lock = threading.Lock()


class CalendarFileError(ValidationError):
    """A holiday override file with problems; ``problems`` lists every one, ``source`` names the
    file."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        listed = render_problems(problems, source)
        super().__init__(
            f"{source}: {len(problems)} problem(s)",
            user_message=QT_TRANSLATE_NOOP(
                "CalendarFile", "节假日覆盖文件有 {count} 个问题：\n{listed}"
            ).format(count=len(problems), listed=listed),
        )


def override_path() -> Path:
    """Where IT staff put the override file (``data_dir()/calendar/holidays.json``)."""
    return data_dir() / "calendar" / "holidays.json"


def parse_overrides(data: object) -> tuple[tuple[YearSchedule, ...], list[Problem]]:
    """The year schedules in decoded override ``data`` and every problem found; the schedules
    are empty whenever there is a problem (a half-read file is never used)."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return (), [Problem("$", "", "顶层应为 JSON 对象 {…}")]
    fmt = data.get("format")
    if fmt != FORMAT:
        what = "缺少格式标识" if fmt is None else f"未知的格式“{fmt}”"
        problems.append(Problem("$", "format", f"{what}，应为“{FORMAT}”"))
    for key in sorted(set(data) - _TOP_KEYS):
        problems.append(Problem("$", key, "未知字段（可用字段：format、years、comment）"))
    if "comment" in data and not isinstance(data["comment"], str):
        problems.append(Problem("$", "comment", "应为文字"))
    years = data.get("years")
    if not isinstance(years, dict) or not years:
        problems.append(Problem("$", "years", '应为非空对象，如 {"2027": {…}}'))
        return (), problems
    schedules: list[YearSchedule] = []
    for key, entry in years.items():
        schedule = _parse_year(key, entry, problems)
        if schedule is None:
            continue
        if any(s.year == schedule.year for s in schedules):
            problems.append(Problem("years", key, f"{schedule.year} 年写了两次"))
            continue
        schedules.append(schedule)
    if problems:
        return (), problems
    return tuple(schedules), []


def _parse_year(key: str, entry: Any, problems: list[Problem]) -> YearSchedule | None:
    where = f"years.{key}"
    if not _YEAR.match(key):
        problems.append(Problem("years", key, "年份应为四位半角数字，如“2027”"))
        return None
    year = int(key)
    if not isinstance(entry, dict):
        problems.append(Problem(where, "", "应为对象，含 holidays 和 workdays"))
        return None
    found = len(problems)
    for name in sorted(set(entry) - _YEAR_KEYS):
        problems.append(Problem(where, name, "未知字段（可用字段：source、holidays、workdays）"))
    source = entry.get("source", "")
    if not isinstance(source, str):
        problems.append(Problem(where, "source", "应为文字（通知的名称和文号）"))
        source = ""
    holidays = _dates(entry, "holidays", year, problems)
    workdays = _dates(entry, "workdays", year, problems)
    for index, day in sorted(workdays.items(), key=lambda item: item[1]):
        if day.weekday() < 5:
            weekday = _WEEKDAYS[day.weekday()]
            problems.append(
                Problem(
                    where,
                    f"workdays[{index}]",
                    f"{day.isoformat()} 是星期{weekday}，本来就上班，不是调休上班日",
                )
            )
        if day in holidays.values():
            problems.append(
                Problem(
                    where, f"workdays[{index}]", f"{day.isoformat()} 同时列为放假日和调休上班日"
                )
            )
    if len(problems) > found:
        return None
    return YearSchedule(year, frozenset(holidays.values()), frozenset(workdays.values()), source)


def _dates(
    entry: dict[str, Any], name: str, year: int, problems: list[Problem]
) -> dict[int, dt.date]:
    """The valid dates of list ``name`` by their index; a problem for each one that is not."""
    where = f"years.{year}"
    items = entry.get(name)
    if items is None:
        problems.append(Problem(where, name, "缺少该字段（没有时写 []）"))
        return {}
    if not isinstance(items, list):
        problems.append(Problem(where, name, '应为日期列表，如 ["2027-01-01"]'))
        return {}
    found: dict[int, dt.date] = {}
    for index, item in enumerate(items):
        field = f"{name}[{index}]"
        if not isinstance(item, str) or not _ISO_DAY.match(item):
            problems.append(Problem(where, field, f"“{item}”不是 YYYY-MM-DD 格式的日期"))
            continue
        try:
            day = dt.date.fromisoformat(item)
        except ValueError:
            problems.append(Problem(where, field, f"“{item}”不是有效的日期"))
            continue
        if day.year != year:
            problems.append(Problem(where, field, f"{item} 不在 {year} 年内"))
            continue
        found[index] = day
    return found


def read_overrides(path: Path) -> tuple[YearSchedule, ...]:
    """The year schedules of the override file ``path``; :class:`CalendarFileError` with every
    problem (unreadable, not UTF-8, bad JSON with line and column, bad content) otherwise."""
    source = display_path(path)
    try:
        # bounded; a byte-order mark (Notepad saves one) is allowed
        data = read_json(path, HOLIDAYS)
    except InputError as exc:
        raise CalendarFileError(source, [Problem(exc.location, exc.field, exc.message)]) from None
    schedules, problems = parse_overrides(data)
    if problems:
        raise CalendarFileError(source, problems)
    return schedules


def load_work_calendar(path: Path | None = None) -> WorkCalendar:
    """The calendar the workstation uses: the shipped schedule with the override file's years
    (``path``, default :func:`override_path`) when there is one. A broken override file is
    logged as a warning and ignored, so the counter keeps working on the shipped schedule."""
    target = path or override_path()
    if not target.exists():
        return PACKAGE_CALENDAR
    try:
        schedules = read_overrides(target)
    except CalendarFileError as exc:
        # Dates and field names only: the file holds no personal data (and the path is left
        # out, as it may carry the Windows account name).
        first = exc.problems[0]
        log.warning(
            "holiday override file unusable (%d problem(s), first: %s %s %s): "
            "using the shipped schedule only; run `clerkapp calendar check`",
            len(exc.problems),
            first.location,
            first.field,
            first.message,
        )
        return PACKAGE_CALENDAR
    calendar = WorkCalendar(schedules)
    log.info("holiday overrides loaded for %s", ", ".join(map(str, calendar.override_years())))
    return calendar


def override_problems(path: Path | None = None) -> list[Problem]:
    """Every problem of the installed override file (``path``, default :func:`override_path`);
    empty when there is no file or it is fine. For start-up's visible warning: a broken file is
    ignored (:func:`load_work_calendar`), and the clerk is told so."""
    target = path or override_path()
    if not target.exists() and not target.is_symlink():
        return []
    try:
        read_overrides(target)
    except CalendarFileError as exc:
        return exc.problems
    return []


def promised_date(calendar: WorkCalendar, start: dt.date, days: int) -> dt.date:
    """``days`` working days after ``start`` by ``calendar``; a year it does not cover is
    counted by weekday only and logged once (per run) as a warning."""
    end = calendar.add_working_days(start, days)
    unknown = calendar.uncovered_years(start, end)
    if unknown:
        with _warned_lock:
            new = [y for y in unknown if y not in _warned_years]
            _warned_years.update(new)
        for year in new:
            log.warning(
                "public holidays of %d are not known (neither the chinesecalendar package nor "
                "the override file): promised dates in %d count weekends only",
                year,
                year,
            )
    return end
