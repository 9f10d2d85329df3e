"""The wall clock of the application layer: aware datetimes in the office's time zone
(Asia/Shanghai unless the workstation settings say otherwise — never the workstation's own zone,
so a counter whose computer is set to another zone numbers and lists its cases by the office's
day all the same).

Services take a ``clock`` callable so tests can pass a fixed or stepping time; this is the
default one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from clerkapp.infra.office_clock import office_now

Clock = Callable[[], datetime]


def local_now() -> datetime:
    """Now, aware, in the office's time zone (a counter's day is the office's day; the name is
    kept from when it was the workstation's zone)."""
    return office_now()


class SteppingClock:
    """A clock for tests and benchmarks: starts at ``start`` and moves ``step`` per call."""

    def __init__(self, start: datetime, step: timedelta = timedelta(seconds=1)) -> None:
        if start.tzinfo is None:
            raise ValueError("SteppingClock needs an aware start time")
        self._now = start
        self._step = step

    def __call__(self) -> datetime:
        now = self._now
        self._now = now + self._step
        return now

    def advance(self, delta: timedelta) -> None:
        """Jump ahead (e.g. past a lock-out or a retry time)."""
        self._now += delta
