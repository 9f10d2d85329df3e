"""The office's clock: zone conversions (core), the configured office zone (settings, the
application context, the CLI) and the sandbox's short-code reading."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from clerkapp.core import office_time
from clerkapp.core.office_time import (
    CHINA_STANDARD_TIME,
    UnknownZoneError,
    day_in_zone,
    format_in_zone,
    latest_at_hour,
    zone_named,
)
from clerkapp.infra import office_clock, settings
from clerkapp.sandbox.progress import completed_at, normalize_code

SHANGHAI = zone_named("Asia/Shanghai")
NEW_YORK = zone_named("America/New_York")


@pytest.fixture
def restore_office_zone() -> Iterator[None]:
    yield
    office_clock.set_office_zone("")


def test_zone_names() -> None:
    assert zone_named("") is zone_named("Asia/Shanghai")
    assert datetime(2026, 7, 1, tzinfo=zone_named()).utcoffset() == timedelta(hours=8)
    with pytest.raises(UnknownZoneError):
        zone_named("Mars/Olympus_Mons")


def test_the_default_zone_works_without_zone_data(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_data(name: str) -> None:
        raise office_time.ZoneInfoNotFoundError(name)

    monkeypatch.setattr(office_time, "ZoneInfo", no_data)
    lookup = office_time.zone_named.__wrapped__  # past the cache
    assert lookup("Asia/Shanghai") is CHINA_STANDARD_TIME
    with pytest.raises(UnknownZoneError):
        lookup("Europe/Berlin")


def test_format_in_zone() -> None:
    utc = datetime(2026, 12, 7, 22, 0, tzinfo=UTC)
    assert format_in_zone(utc, SHANGHAI) == "2026-12-08 06:00"
    assert format_in_zone("2026-12-07T22:00:00Z", SHANGHAI) == "2026-12-08 06:00"
    assert format_in_zone("2026-12-08T06:00:00+08:00", SHANGHAI, "%m-%d %H:%M") == "12-08 06:00"
    assert format_in_zone("2026-12-07T22:00:00", SHANGHAI) == "2026-12-08 06:00"  # naive: UTC
    assert format_in_zone("2026-12-08T06:00:00+08:00", NEW_YORK) == "2026-12-07 17:00"
    assert format_in_zone("2026-12-04", SHANGHAI, "%Y年%m月%d日") == "2026年12月04日"
    assert format_in_zone("soon", SHANGHAI) == "soon"
    assert format_in_zone(None, SHANGHAI) == "" and format_in_zone("", SHANGHAI) == ""


def test_day_in_zone() -> None:
    late = datetime(2026, 11, 27, 17, 30, tzinfo=UTC)
    assert day_in_zone(late, SHANGHAI) == date(2026, 11, 28)
    assert day_in_zone(late, NEW_YORK) == date(2026, 11, 27)


@pytest.mark.parametrize(
    ("now", "extract"),
    [
        ("2026-12-07T18:26:00+00:00", "2026-12-07T06:00:00+08:00"),  # 02:26 in Beijing
        ("2026-12-07T22:00:00+00:00", "2026-12-08T06:00:00+08:00"),  # exactly 06:00
        ("2026-12-08T03:00:00+00:00", "2026-12-08T06:00:00+08:00"),  # 11:00
        ("2026-12-07T21:59:59+00:00", "2026-12-07T06:00:00+08:00"),  # one second before
    ],
)
def test_latest_extract_is_never_ahead(now: str, extract: str) -> None:
    moment = datetime.fromisoformat(now)
    found = latest_at_hour(moment, 6, SHANGHAI)
    assert found == datetime.fromisoformat(extract)
    assert found <= moment


def test_latest_at_hour_across_a_daylight_saving_change() -> None:
    # 2026-03-08 is the spring-forward day in New York: 06:00 is EDT (-4), the day before EST
    moment = datetime(2026, 3, 8, 9, 0, tzinfo=UTC)  # 05:00 EDT
    found = latest_at_hour(moment, 6, NEW_YORK)
    assert found.isoformat() == "2026-03-07T06:00:00-05:00" and found <= moment


def test_office_clock_follows_the_setting(restore_office_zone: None) -> None:
    assert office_clock.office_zone_name() == "Asia/Shanghai"
    assert office_clock.office_now().utcoffset() == timedelta(hours=8)
    office_clock.set_office_zone("Asia/Urumqi")
    assert office_clock.office_zone_name() == "Asia/Urumqi"
    assert office_clock.office_now().utcoffset() == timedelta(hours=6)
    assert office_clock.show_time("2026-12-07T22:00:00Z") == "2026-12-08 04:00"
    with pytest.raises(UnknownZoneError):
        office_clock.set_office_zone("Nowhere/Land")
    assert office_clock.office_zone_name() == "Asia/Urumqi"  # kept


def test_application_context_applies_the_configured_zone(
    tmp_path: Path, restore_office_zone: None
) -> None:
    from clerkapp.app.clock import local_now
    from clerkapp.app.context import AppContext

    context = AppContext(tmp_path, settings=settings.WorkstationSettings(office_zone="Asia/Urumqi"))
    try:
        assert local_now().utcoffset() == timedelta(hours=6)
        # a clock in another zone still lists the office's day
        eight = timezone(timedelta(hours=8))
        assert office_clock.office_day(datetime(2026, 11, 28, 1, 0, tzinfo=eight)) == date(
            2026, 11, 27
        )
    finally:
        context.close()


def test_settings_refuse_an_unknown_zone(clerkapp_home: Path) -> None:
    clerkapp_home.mkdir(parents=True, exist_ok=True)
    settings.settings_path().write_text(json.dumps({"office_zone": "Mars/Base"}), "utf-8")
    with pytest.raises(settings.SettingsError) as refused:
        settings.load_settings()
    assert "Mars/Base" in refused.value.user_message
    settings.settings_path().write_text(json.dumps({"office_zone": "Asia/Urumqi"}), "utf-8")
    assert settings.load_settings().office_zone == "Asia/Urumqi"


def _configure(home: Path, zone: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "clerkapp",
            "platform",
            "configure",
            "--url",
            "https://platform.example.test/api",
            "--workstation",
            "JH-RS-03",
            "--secret-stdin",
            "--office-zone",
            zone,
        ],
        input="secret-4711\n",
        capture_output=True,
        text=True,
        env={**os.environ, "CLERKAPP_HOME": str(home), "CLERKAPP_NO_KEYRING": "1"},
        check=False,
        timeout=60,
    )


def test_cli_configures_the_office_zone(clerkapp_home: Path) -> None:
    refused = _configure(clerkapp_home, "Mars/Base")
    assert refused.returncode == 1 and "办公时区" in refused.stderr
    done = _configure(clerkapp_home, "Asia/Urumqi")
    assert done.returncode == 0, done.stderr
    assert settings.load_settings().office_zone == "Asia/Urumqi"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("K7QM-DA8F", "K7QMDA8F"),
        (" k7qm da8f ", "K7QMDA8F"),
        ("O1IL-oil0", "0111-0110"),
        ("ＫＯ１Ｉ－ｄａ８ｆ", "K011DA8F"),
        ("K0M1—DA8F", "K0M1DA8F"),
        ("K0M1　DA8F", "K0M1DA8F"),
    ],
)
def test_short_codes_are_read_as_typed(typed: str, code: str) -> None:
    assert normalize_code(typed) == code.replace("-", "")


def test_completed_at_is_the_first_final_event_of_a_finished_case() -> None:
    accepted = {"status": "accepted", "at": "2026-11-27T09:00:00+08:00"}
    approved = {"status": "approved", "at": "2026-11-28T10:00:00+08:00"}
    again = {"status": "approved", "at": "2026-11-30T10:00:00+08:00"}  # a corrected decision
    assert completed_at([]) is None
    assert completed_at([accepted]) is None
    assert completed_at([accepted, approved, again]) == approved["at"]
