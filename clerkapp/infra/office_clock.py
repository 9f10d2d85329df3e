"""The workstation's office time zone: what every time shown to a person is converted to.

One zone per process, from the workstation settings (``office_zone`` in ``settings.json``; empty:
Asia/Shanghai). :class:`clerkapp.app.context.AppContext` applies the configured one at start; until
then (and in tools that open no context) it is the default. The workstation's own zone (``TZ``,
the OS setting) is never used for people's times: not ``datetime.now().astimezone()``, not
``time.localtime``, not Qt's ``QDateTime``.

See :mod:`clerkapp.core.office_time` for the pure conversions.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from clerkapp.core.office_time import (
    DAY_FORMAT,
    DEFAULT_OFFICE_ZONE,
    MINUTE_FORMAT,
    day_in_zone,
    format_in_zone,
    in_zone,
    zone_named,
)

_current: list[tuple[str, tzinfo]] = [(DEFAULT_OFFICE_ZONE, zone_named(DEFAULT_OFFICE_ZONE))]


def set_office_zone(name: str) -> tzinfo:
    """Use the zone called ``name`` (empty: Asia/Shanghai) for people's times from now on.
    Raises :class:`clerkapp.core.office_time.UnknownZoneError` for an unknown name (the current
    zone is kept)."""
    name = name.strip() or DEFAULT_OFFICE_ZONE
    zone = zone_named(name)
    _current[0] = (name, zone)
    return zone


def office_zone() -> tzinfo:
    """The office's time zone."""
    return _current[0][1]


def office_zone_name() -> str:
    """The office's time zone's name (e.g. ``Asia/Shanghai``)."""
    return _current[0][0]


def office_now() -> datetime:
    """Now, aware, in the office's zone (the application clock)."""
    return datetime.now(office_zone())


def office_time(moment: datetime) -> datetime:
    """``moment`` as the office's wall time (naive: taken as UTC)."""
    return in_zone(moment, office_zone())


def office_day(moment: datetime) -> date:
    """The office's calendar day of ``moment`` (case numbers, 今日, dates on documents)."""
    return day_in_zone(moment, office_zone())


def show_time(value: datetime | str | None, fmt: str = MINUTE_FORMAT) -> str:
    """A time (datetime or ISO text) for a person: the office's wall time by ``fmt``
    (``2026-12-08 06:00``); "" for none; unreadable text as it is; a bare date as it is."""
    return format_in_zone(value, office_zone(), fmt)


def show_day(value: datetime | str | None) -> str:
    """The office's day of a time for a person (``2026-12-08``)."""
    return format_in_zone(value, office_zone(), DAY_FORMAT)
