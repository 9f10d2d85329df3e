"""The holiday override file on disk: loaded from $CLERKAPP_HOME/calendar/holidays.json, every
problem reported in Chinese with its place, a broken file ignored at start-up with a warning,
and the workstation's calendar reaching the promised date sent to the progress registry."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

import chinese_calendar
import pytest

from clerkapp.app.clock import SteppingClock
from clerkapp.app.context import AppContext
from clerkapp.app.documents import DocumentDesk
from clerkapp.core.workdays import PACKAGE_CALENDAR
from clerkapp.errors import ClerkAppError
from clerkapp.infra.calendar_io import (
    CalendarFileError,
    load_work_calendar,
    override_path,
    promised_date,
    read_overrides,
)
from clerkapp.infra.paths import resources_dir
from tests.integration.case_fixtures import CHINA, PERSON_ID, RENTAL, catalogue, service

EXAMPLE = resources_dir() / "calendar" / "example-holidays.json"
D = dt.date

# Test data shaped like a notice (not the real 2027 schedule, which this test does not claim).
YEAR_2027: dict[str, Any] = {
    "source": "测试用安排",
    "holidays": [f"2027-02-{d:02d}" for d in range(6, 15)],
    "workdays": ["2027-02-20"],
}


def _write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=1)
    path.write_text(text, encoding="utf-8")
    return path


def _install(data: object) -> Path:
    return _write(override_path(), data)


def _problems(path: Path) -> list[str]:
    with pytest.raises(CalendarFileError) as caught:
        read_overrides(path)
    assert isinstance(caught.value, ClerkAppError)
    assert f"{len(caught.value.problems)} 个问题" in caught.value.user_message
    return [p.render(str(path)) for p in caught.value.problems]


def test_the_override_file_is_read_from_the_data_directory(clerkapp_home: Path) -> None:
    assert override_path() == clerkapp_home / "calendar" / "holidays.json"
    assert load_work_calendar() is PACKAGE_CALENDAR  # no file: the shipped schedule
    _install({"format": "clerkapp-holidays/1", "years": {"2027": YEAR_2027}})
    calendar = load_work_calendar()
    assert calendar.covers(2027) and calendar.override_years() == (2027,)
    assert calendar.overrides[0].source == "测试用安排"
    assert promised_date(calendar, D(2027, 2, 5), 1) == D(2027, 2, 15)
    assert calendar.is_workday(D(2027, 2, 20))
    assert calendar.is_workday(D(2026, 2, 14))  # other years: still the shipped schedule


def test_the_shipped_example_is_valid_and_matches_the_shipped_2026_schedule() -> None:
    [schedule] = read_overrides(EXAMPLE)
    assert schedule.year == 2026 and "2026年部分节假日安排" in schedule.source
    day = D(2026, 1, 1)
    while day.year == 2026:
        assert schedule.is_workday(day) == chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)


def test_bad_json_is_reported_with_line_and_column(tmp_path: Path) -> None:
    bad = _write(tmp_path / "h.json", '{\n "format": "clerkapp-holidays/1"\n "years": {}\n}')
    assert _problems(bad) == [
        f"{bad}: 第 3 行第 2 列（字节 36）: -: 不是有效的 JSON：Expecting ',' delimiter"
    ]


def test_every_problem_of_a_file_is_reported_in_one_go(tmp_path: Path) -> None:
    data = {
        "format": "clerkapp-holidays/9",
        "colour": "red",
        "years": {
            "2027": {
                "source": "测试",
                "holidays": ["2027-1-1", "2026-12-31", "2027-02-30", 20270101, "2027-02-06"],
                "workdays": ["2027-02-06", "2027-02-08"],
                "holiday": [],
            },
            "27": {"holidays": [], "workdays": []},
            "2028": {"holidays": ["2028-01-03"]},
            "2029": [],
        },
    }
    path = _write(tmp_path / "h.json", data)
    problems = _problems(path)
    expected = [
        "$: format: 未知的格式“clerkapp-holidays/9”，应为“clerkapp-holidays/1”",
        "$: colour: 未知字段",
        "years.2027: holiday: 未知字段",
        "years.2027: holidays[0]: “2027-1-1”不是 YYYY-MM-DD 格式的日期",
        "years.2027: holidays[1]: 2026-12-31 不在 2027 年内",
        "years.2027: holidays[2]: “2027-02-30”不是有效的日期",
        "years.2027: holidays[3]: “20270101”不是 YYYY-MM-DD 格式的日期",
        "years.2027: workdays[0]: 2027-02-06 同时列为放假日和调休上班日",
        "years.2027: workdays[1]: 2027-02-08 是星期一，本来就上班，不是调休上班日",
        "years: 27: 年份应为四位半角数字",
        "years.2028: workdays: 缺少该字段（没有时写 []）",
        "years.2029: -: 应为对象",
    ]
    for text in expected:
        assert any(text in p for p in problems), (text, problems)
    assert len(problems) == len(expected)
    assert all(p.startswith(f"{path}: ") for p in problems)


def test_a_missing_format_and_empty_years_are_reported(tmp_path: Path) -> None:
    path = _write(tmp_path / "h.json", {"years": {}})
    assert _problems(path) == [
        f"{path}: $: format: 缺少格式标识，应为“clerkapp-holidays/1”",
        f'{path}: $: years: 应为非空对象，如 {{"2027": {{…}}}}',
    ]
    assert _problems(_write(tmp_path / "list.json", [])) == [
        f"{tmp_path / 'list.json'}: $: -: 顶层应为 JSON 对象 {{…}}"
    ]


def test_unreadable_and_non_utf8_files_are_problems_too(tmp_path: Path) -> None:
    missing = tmp_path / "none.json"
    assert "无法读取文件" in _problems(missing)[0]
    gbk = tmp_path / "gbk.json"
    gbk.write_bytes('{"format": "clerkapp-holidays/1", "comment": "国务院"}'.encode("gbk"))
    assert "不是 UTF-8 编码" in _problems(gbk)[0]
    # Notepad's byte-order mark is fine
    bom = tmp_path / "bom.json"
    text = json.dumps({"format": "clerkapp-holidays/1", "years": {"2027": YEAR_2027}})
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert [s.year for s in read_overrides(bom)] == [2027]


def test_a_broken_installed_file_is_ignored_with_a_warning(
    clerkapp_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = {"format": "clerkapp-holidays/1", "years": {"2027": {**YEAR_2027, "workdays": "x"}}}
    _install(data)
    with caplog.at_level(logging.WARNING, logger="clerkapp.infra.calendar_io"):
        calendar = load_work_calendar()
    assert calendar is PACKAGE_CALENDAR and not calendar.covers(2027)
    [record] = [r for r in caplog.records if r.levelno == logging.WARNING]
    message = record.getMessage()
    assert "1 problem(s)" in message and "workdays" in message and "calendar check" in message
    assert str(clerkapp_home) not in message  # the path may name the Windows account
    _install("{ not json")
    with caplog.at_level(logging.WARNING, logger="clerkapp.infra.calendar_io"):
        assert load_work_calendar() is PACKAGE_CALENDAR


def test_a_promise_in_an_unknown_year_is_logged_once_per_year(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # 2090: a year no other test counts in (the warning is once per process)
    with caplog.at_level(logging.WARNING, logger="clerkapp.infra.calendar_io"):
        first = promised_date(PACKAGE_CALENDAR, D(2090, 3, 3), 5)
        again = promised_date(PACKAGE_CALENDAR, D(2090, 6, 1), 5)
        promised_date(PACKAGE_CALENDAR, D(2026, 3, 3), 5)  # known: nothing to say
    assert first == D(2090, 3, 10) and again == D(2090, 6, 8)  # weekends only
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "2090" in warnings[0]


def test_the_context_loads_the_calendar_once_and_hands_it_on(clerkapp_home: Path) -> None:
    _install({"format": "clerkapp-holidays/1", "years": {"2027": YEAR_2027}})
    clock = SteppingClock(dt.datetime(2027, 2, 5, 9, 0, tzinfo=CHINA))  # a Friday
    context = AppContext(clerkapp_home, clock=clock, catalogue=catalogue())
    try:
        calendar = context.calendar
        assert calendar.covers(2027) and context.calendar is calendar
        service = context.case_service
        case = service.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
        [row] = [r for r in service.store.outbox.for_case(case.id) if r.kind == "progress_register"]
        # 15 working days from Fri 2027-02-05 with the file's 9 days off and Sat 20th worked:
        # Feb 15–19 (5), 20 (6), 22–26 (11), Mar 1–4 (15)
        assert row.payload["expected_completion"] == "2027-03-04"
        desk = DocumentDesk.for_context(context)
        assert desk._settings.calendar is calendar
    finally:
        context.close()


def test_the_progress_registry_is_promised_a_holiday_aware_date(tmp_path: Path) -> None:
    # No calendar passed: the shipped schedule. Fri 2026-02-13 + 15 working days over Spring
    # Festival is 2026-03-12 (weekends only would have said 2026-03-06).
    svc = service(tmp_path, SteppingClock(dt.datetime(2026, 2, 13, 16, 0, tzinfo=CHINA)))
    try:
        case = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
        [row] = [r for r in svc.store.outbox.for_case(case.id) if r.kind == "progress_register"]
        assert row.payload["expected_completion"] == "2026-03-12"
    finally:
        svc.store.close()


# A year written twice, once in full-width digits (issue 11): it crashed the start-up path.
TWICE = (
    '{"format": "clerkapp-holidays/1", "years": {'
    '"2027": {"holidays": ["2027-01-01"], "workdays": []}, '
    '"２０２７": {"holidays": ["2027-10-01"], "workdays": []}}}'
)


def test_a_year_written_twice_in_full_width_digits_is_a_problem_not_a_crash(
    clerkapp_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _install(TWICE)
    assert _problems(path) == [f"{path}: years: ２０２７: 年份应为四位半角数字，如“2027”"]
    with caplog.at_level(logging.WARNING, logger="clerkapp.infra.calendar_io"):
        assert load_work_calendar() is PACKAGE_CALENDAR
    assert any("年份应为四位半角数字" in r.getMessage() for r in caplog.records)
    # the same year twice in ASCII digits is a duplicate key, named with its position
    _install(TWICE.replace("２０２７", "2027"))
    [problem] = _problems(override_path())
    assert ": 第 1 行第 " in problem and ": 2027: 字段重复出现" in problem


def test_start_up_ignores_the_broken_file_and_says_so(clerkapp_home: Path) -> None:
    _install(TWICE)
    context = AppContext(clerkapp_home)
    try:
        # the start-up path: the case service's calendar (what promises dates), then the count
        # the window shows in its warning
        assert context.case_service.calendar is PACKAGE_CALENDAR
        assert context.calendar_problems() == 1
    finally:
        context.close()
    _install(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    context = AppContext(clerkapp_home)
    try:
        assert context.calendar_problems() == 0 and context.calendar.override_years() == (2026,)
    finally:
        context.close()
