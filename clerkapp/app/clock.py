"""The wall clock of the application layer: aware datetimes in the workstation's time zone.

Services take a ``clock`` callable so tests can pass a fixed or stepping time; this is the
default one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

Clock = Callable[[], datetime]


def local_now() -> datetime:
    """Now, aware, in the workstation's local time zone (a counter's day is a local day)."""
    return datetime.now().astimezone()


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
