"""A counter's day is the office's day: the case list's 今日 and case numbers, from the
application context with a real store, when the clock hands out UTC times around Beijing
midnight (16:00 UTC)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from clerkapp.app.clock import SteppingClock
from clerkapp.app.context import AppContext
from clerkapp.infra.settings import WorkstationSettings
from tests.integration.case_fixtures import OTHER_ID, PERSON_ID, RENTAL, catalogue


def test_today_is_the_office_day(tmp_path: Path) -> None:
    # 23:30 on 11-27 in Beijing, then 01:30 on 11-28; both still 11-27 in UTC and New York
    clock = SteppingClock(datetime(2026, 11, 27, 15, 30, tzinfo=UTC))
    context = AppContext(
        tmp_path, clock=clock, settings=WorkstationSettings(), catalogue=catalogue()
    )
    try:
        service = context.case_service
        yesterday = service.open_case(RENTAL, "person", PERSON_ID, "李明", clerk="wangxiao")
        clock.advance(timedelta(hours=2))
        today = service.open_case(RENTAL, "person", OTHER_ID, "王芳", clerk="wangxiao")
        assert yesterday.id.startswith("20261127-") and today.id.startswith("20261128-")
        assert today.id.endswith("-0001")  # the office's new day starts its numbers again
        listed = [s.case_id for s in context.case_summaries()]
        assert today.id in listed and yesterday.id not in listed
    finally:
        context.close()
