"""`clerkapp calendar …` subcommands: check the holiday override file, count working days.

Messages are in Chinese (IT staff's language); field names are those of the file
(``resources/calendar/README.md``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from clerkapp.cli._args import bounded_int


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the `calendar` command group."""
    parser = sub.add_parser(
        "calendar",
        help="法定节假日与调休：校验覆盖文件、计算工作日 (holidays, working days)",
    )
    commands = parser.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)

    check = commands.add_parser(
        "check", help="校验节假日覆盖文件，列出全部问题和已知年份 (check the override file)"
    )
    check.add_argument(
        "path",
        type=Path,
        nargs="?",
        help="覆盖文件，默认为本机已安装的 <数据目录>/calendar/holidays.json",
    )
    check.set_defaults(handler=_check)

    add = commands.add_parser(
        "add-days", help="某日之后第 N 个工作日（计入法定节假日和调休）(date N working days on)"
    )
    add.add_argument("date", type=_day, help="起始日期，如 2026-02-13（受理日，不计入）")
    add.add_argument("days", type=_count, help="工作日数，如 15")
    add.set_defaults(handler=_add_days)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD 格式：{text}") from None


_count = bounded_int("工作日数应为非负整数", 0)


def _spans(years: Sequence[int]) -> str:
    """``2004–2026、2028`` for a list of years (runs of consecutive years joined)."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return "、".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs) or "无"


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("chinesecalendar")
    except PackageNotFoundError:  # e.g. a frozen bundle without the distribution's metadata
        return "?"


def _check(args: argparse.Namespace) -> int:
    from clerkapp.cli.catalogue import report_invalid
    from clerkapp.core.workdays import WorkCalendar, package_years
    from clerkapp.infra.bounded_read import display_path
    from clerkapp.infra.calendar_io import CalendarFileError, override_path, read_overrides

    path: Path = args.path or override_path()
    package = f"内置 (chinesecalendar {_package_version()})：{_spans(package_years())}"
    if args.path is None and not path.exists():
        print(f"本机没有节假日覆盖文件（{path}），只使用内置安排")
        print(f"已知法定节假日安排的年份：{package}")
        return 0
    try:
        schedules = read_overrides(path)
    except CalendarFileError as exc:
        return report_invalid(exc.problems, exc.source)
    calendar = WorkCalendar(schedules)
    print(f"{display_path(path)}: 校验通过 (valid)")
    for schedule in calendar.overrides:
        source = f"，依据：{schedule.source}" if schedule.source else ""
        print(
            f"  {schedule.year} 年：放假 {len(schedule.holidays)} 天，"
            f"调休上班 {len(schedule.workdays)} 天{source}"
        )
    print(f"已知法定节假日安排的年份：{package}；覆盖文件：{_spans(calendar.override_years())}")
    print(f"合计：{_spans(calendar.covered_years())}")
    return 0


def _add_days(args: argparse.Namespace) -> int:
    from clerkapp.core.workdays import PACKAGE_CALENDAR, WorkCalendar
    from clerkapp.infra.calendar_io import CalendarFileError, override_path, read_overrides

    calendar = PACKAGE_CALENDAR
    path = override_path()
    if path.exists():
        try:
            calendar = WorkCalendar(read_overrides(path))
        except CalendarFileError as exc:
            # As at start-up: a broken file is ignored, and said so.
            print(
                f"注意：节假日覆盖文件有 {len(exc.problems)} 个问题，已忽略"
                "（运行 clerkapp calendar check 查看）",
                file=sys.stderr,
            )
    start: dt.date = args.date
    end = calendar.add_working_days(start, args.days)
    print(end.isoformat())
    for year in calendar.uncovered_years(start, end):
        print(f"注意：{year} 年的法定节假日安排未知，按周末计算", file=sys.stderr)
    return 0
