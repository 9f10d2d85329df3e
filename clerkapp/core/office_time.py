"""The office's clock for people: every time a person reads — on screen, on paper, on the public
progress page, in the audit viewer — is in the office's time zone (Asia/Shanghai unless the
workstation or the sandbox is configured otherwise), never the workstation's own zone. Stored
times stay UTC (``infra.store.db.db_time``).

Pure functions: core has no clock. The zone is looked up by name through :mod:`zoneinfo` (the
system's zone files, or the ``tzdata`` package where the system has none, e.g. Windows); the
default zone works even without either (China keeps UTC+8 all year, no daylight saving since
1991).

A time without an offset (naive) is taken to be UTC, as the store writes it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_OFFICE_ZONE = "Asia/Shanghai"
#: The default zone when no zone data is installed at all (UTC+8, no daylight saving).
CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "CST")

#: How people read a time (minute precision) and a day.
MINUTE_FORMAT = "%Y-%m-%d %H:%M"
DAY_FORMAT = "%Y-%m-%d"


class UnknownZoneError(ValueError):
    """A time zone name that the zone database does not know."""


@lru_cache(maxsize=16)
def zone_named(name: str = "") -> tzinfo:
    """The time zone called ``name`` (an IANA name such as ``Asia/Shanghai``; empty: the
    default office zone). Raises :class:`UnknownZoneError` for a name the zone database does not
    know."""
    name = name.strip() or DEFAULT_OFFICE_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        if name == DEFAULT_OFFICE_ZONE:
            return CHINA_STANDARD_TIME
        raise UnknownZoneError(f"unknown time zone {name!r}") from None


def parse_moment(value: datetime | str | None) -> datetime | None:
    """An aware datetime from a datetime or an ISO 8601 text (naive: UTC); None for empty or
    unreadable text."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def in_zone(moment: datetime, zone: tzinfo) -> datetime:
    """``moment`` as the wall time of ``zone`` (naive: taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone)


def day_in_zone(moment: datetime, zone: tzinfo) -> date:
    """The calendar day ``moment`` falls on in ``zone`` (a counter's day is the office's day)."""
    return in_zone(moment, zone).date()


def format_in_zone(value: datetime | str | None, zone: tzinfo, fmt: str = MINUTE_FORMAT) -> str:
    """``value`` formatted by ``fmt`` as the wall time of ``zone``. A bare date (``2026-12-04``)
    is formatted as it is (it has no zone); empty gives ""; unreadable text is returned as is."""
    if value is None or value == "":
        return ""
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value).strftime(fmt)
        except ValueError:
            return value
    moment = parse_moment(value)
    if moment is None:
        return str(value)
    return in_zone(moment, zone).strftime(fmt)


def start_of_day(day: date, zone: tzinfo) -> datetime:
    """Midnight at the start of ``day`` in ``zone`` (aware)."""
    return datetime(day.year, day.month, day.day, tzinfo=zone)


def latest_at_hour(now: datetime, hour: int, zone: tzinfo) -> datetime:
    """The latest ``hour``:00 of ``zone`` that is not after ``now`` (e.g. the nightly data
    extract at 06:00: before 06:00 it is yesterday's)."""
    local = in_zone(now, zone)
    candidate = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if candidate > local:
        candidate -= timedelta(days=1)  # wall-time arithmetic: still hour:00
    return candidate
