"""The workstation's one connectivity state: is the platform there, and how much work waits.

A pure state machine (no Qt, no I/O, no clock: every moment is passed in), the same in training
and production. It is fed by two kinds of evidence:

- **health checks** the monitor (:mod:`clerkapp.app.connectivity_watch`) runs with exponential
  backoff while the platform is away, and at a steady interval while it is there;
- **the outcome of real calls** (look-ups, the sync worker's sends): a call that got an answer
  means online, a connection error or timeout means offline, a 5xx or a slow answer degraded.

The newest evidence wins: one successful call after an outage is enough to say "online", and
one refused connection is enough to say "offline" — the clerk sees what the last try saw.

The backlog (operations queued in the outbox, and the age of the oldest) is part of the same
state, with configurable limits past which it becomes a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import IntEnum, StrEnum


class Link(StrEnum):
    """What the last evidence said about the platform."""

    CONNECTING = "connecting"  # nothing tried yet
    ONLINE = "online"
    DEGRADED = "degraded"  # it answers, but with 5xx or slowly
    OFFLINE = "offline"  # connection refused, timed out, or not our platform


class Phase(StrEnum):
    """What the header shows: the link, or *syncing* while an online platform takes a backlog."""

    CONNECTING = "connecting"
    ONLINE = "online"
    DEGRADED = "degraded"
    OFFLINE = "offline"
    SYNCING = "syncing"


class CallResult(StrEnum):
    """The outcome of one call to the platform (a health check or a real call)."""

    OK = "ok"  # an answer (a 2xx-4xx: the platform is there and spoke)
    SLOW = "slow"  # an answer, slower than the limit
    SERVER_ERROR = "server_error"  # a 5xx
    UNREACHABLE = "unreachable"  # connection refused or reset, timeout, not our platform


class BacklogLevel(IntEnum):
    """How worrying the backlog is (ordered)."""

    NORMAL = 0
    WARN = 1  # past one limit (amber)
    ALERT = 2  # past a limit twice over, or past both (red)


@dataclass(frozen=True)
class BacklogLimits:
    """Past ``warn_items`` queued operations or an oldest one ``warn_minutes`` old the backlog
    is a warning (settings ``backlog_warn_items`` / ``backlog_warn_minutes``)."""

    warn_items: int = 50
    warn_minutes: float = 30.0

    def level(self, queued: int, oldest_age: timedelta | None) -> BacklogLevel:
        """The level of a backlog of ``queued`` operations whose oldest is ``oldest_age`` old."""
        minutes = 0.0 if oldest_age is None else oldest_age.total_seconds() / 60
        over_items = queued > 0 and self.warn_items > 0 and queued >= self.warn_items
        over_age = queued > 0 and self.warn_minutes > 0 and minutes >= self.warn_minutes
        if not (over_items or over_age):
            return BacklogLevel.NORMAL
        far_items = over_items and queued >= 2 * self.warn_items
        far_age = over_age and minutes >= 2 * self.warn_minutes
        if (over_items and over_age) or far_items or far_age:
            return BacklogLevel.ALERT
        return BacklogLevel.WARN


@dataclass(frozen=True)
class Connectivity:
    """One snapshot of the connectivity state (immutable; a new one after every change)."""

    link: Link = Link.CONNECTING
    queued: int = 0
    oldest_at: datetime | None = None  # when the oldest queued operation was written
    since: datetime | None = None  # when the link last changed
    failures: int = 0  # failed checks/calls in a row (drives the backoff)
    instance: str = ""  # the training sandbox's instance identity, once seen
    instance_changed: bool = False  # a different sandbox instance answered since the first

    @property
    def phase(self) -> Phase:
        """What to show: *syncing* while the platform is online and work remains queued."""
        if self.link is Link.ONLINE and self.queued > 0:
            return Phase.SYNCING
        return Phase(self.link.value)

    @property
    def reachable(self) -> bool:
        """The platform answers (online or degraded)."""
        return self.link in (Link.ONLINE, Link.DEGRADED)

    def oldest_age(self, now: datetime) -> timedelta | None:
        """How long the oldest queued operation has waited (None: nothing queued)."""
        if self.queued <= 0 or self.oldest_at is None:
            return None
        return max(timedelta(0), now - self.oldest_at)

    def backlog_level(self, now: datetime, limits: BacklogLimits) -> BacklogLevel:
        """Whether the backlog is past the configured limits."""
        return limits.level(self.queued, self.oldest_age(now))


@dataclass(frozen=True)
class Backoff:
    """When to check again: ``steady_s`` while online; after failures ``initial_s`` doubled per
    failure in a row, at most ``max_s``."""

    steady_s: float = 5.0
    initial_s: float = 0.5
    max_s: float = 8.0

    def delay(self, link: Link, failures: int) -> float:
        """Seconds until the next health check."""
        if link is Link.ONLINE or failures <= 0:
            return self.steady_s if link is Link.ONLINE else self.initial_s
        return min(self.max_s, self.initial_s * 2 ** (failures - 1))


_LINK_OF = {
    CallResult.OK: Link.ONLINE,
    CallResult.SLOW: Link.DEGRADED,
    CallResult.SERVER_ERROR: Link.DEGRADED,
    CallResult.UNREACHABLE: Link.OFFLINE,
}


class ConnectivityMachine:
    """Holds the current :class:`Connectivity` and moves it on evidence. Not thread-safe: its
    owner (the monitor) serialises the calls."""

    def __init__(self, backoff: Backoff | None = None) -> None:
        self.backoff = backoff or Backoff()
        self.state = Connectivity()

    def observe(self, result: CallResult, now: datetime) -> bool:
        """Take one call's outcome; whether the state changed."""
        link = _LINK_OF[result]
        failures = 0 if result is CallResult.OK else self.state.failures + 1
        since = now if link is not self.state.link else self.state.since
        return self._move(replace(self.state, link=link, failures=failures, since=since))

    def observe_instance(self, instance: str) -> bool:
        """The training sandbox named its instance; the first one seen is ours, another one
        afterwards is noticed (``instance_changed``) and becomes the one watched."""
        if not instance or instance == self.state.instance:
            return False
        changed = bool(self.state.instance)
        return self._move(
            replace(
                self.state,
                instance=instance,
                instance_changed=self.state.instance_changed or changed,
            )
        )

    def set_backlog(self, queued: int, oldest_at: datetime | None) -> bool:
        """The outbox now holds ``queued`` operations to send, the oldest written at
        ``oldest_at``; whether the state changed."""
        oldest = oldest_at if queued > 0 else None
        return self._move(replace(self.state, queued=max(0, queued), oldest_at=oldest))

    def next_check_in(self) -> float:
        """Seconds until the next health check (exponential backoff while not online)."""
        return self.backoff.delay(self.state.link, self.state.failures)

    def _move(self, new: Connectivity) -> bool:
        # The failure count alone is not a change anyone shows.
        shown_before = replace(self.state, failures=0)
        changed = replace(new, failures=0) != shown_before
        self.state = new
        return changed


def classify(status: int | None, elapsed_s: float, slow_s: float) -> CallResult:
    """A real call's outcome from its HTTP status (None: no answer — connection error or
    timeout) and how long it took."""
    if status is None:
        return CallResult.UNREACHABLE
    if status >= 500:
        return CallResult.SERVER_ERROR
    if elapsed_s > slow_s:
        return CallResult.SLOW
    return CallResult.OK
