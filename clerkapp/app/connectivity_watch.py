"""The connectivity monitor: runs the health checks and feeds the state machine.

One background thread checks the platform's health — every few seconds while it is online, with
exponential backoff while it is not — and recounts the outbox backlog when told that it changed.
Real calls report their outcome from whatever thread made them (:meth:`report_call`), which
moves the state at once and puts the next health check off by the backoff. Listeners get every
new :class:`~clerkapp.app.connectivity.Connectivity` on the thread that caused it (the GUI
bridges it into a queued Qt signal). No Qt here.

In training mode (``expect_sandbox``) only a ClerkApp sandbox counts as the platform: anything
else answering on its address is "offline", and the sandbox's instance identity is watched.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from clerkapp.app.connectivity import (
    Backoff,
    CallResult,
    Connectivity,
    ConnectivityMachine,
    Link,
    classify,
)

if TYPE_CHECKING:
    from clerkapp.infra.platform.probe import Probe

log = logging.getLogger("clerkapp.connectivity")

Backlog = Callable[[], tuple[int, datetime | None]]
Check = Callable[[str], "Probe"]
ConnectivityListener = Callable[[Connectivity], None]

#: An answer slower than this is "degraded" (a look-up at the counter should take < 1 s).
SLOW_S = 3.0


class ConnectivityMonitor:
    """Health checks with backoff + real calls' outcomes → one :class:`Connectivity`."""

    def __init__(
        self,
        backlog: Backlog,
        clock: Callable[[], datetime],
        *,
        expect_sandbox: bool = False,
        check: Check | None = None,
        backoff: Backoff | None = None,
        slow_s: float = SLOW_S,
        check_timeout_s: float = 2.0,
        on_back: Callable[[], None] | None = None,
    ) -> None:
        self._backlog = backlog
        self._on_back = on_back  # the platform answers again after being offline
        self._clock = clock
        self.expect_sandbox = expect_sandbox
        self._check: Check = check or (lambda url: _probe(url, check_timeout_s))
        self.slow_s = slow_s
        self._machine = ConnectivityMachine(backoff)
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._backlog_due = True
        self._check_at = 0.0  # monotonic time of the next health check
        self._url = ""
        self._listeners: list[ConnectivityListener] = []
        self._thread: threading.Thread | None = None

    # -- what others read and tell ----------------------------------------------------------

    @property
    def state(self) -> Connectivity:
        """The current state."""
        with self._lock:
            return self._machine.state

    @property
    def url(self) -> str:
        """The platform address watched ("" before :meth:`start`)."""
        return self._url

    def add_listener(self, listener: ConnectivityListener) -> None:
        """Call ``listener(state)`` after every change (on the thread that made it)."""
        self._listeners.append(listener)

    def remove_listener(self, listener: ConnectivityListener) -> None:
        """Stop telling ``listener``."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def report_call(self, status: int | None, elapsed_s: float) -> None:
        """A real call ended with HTTP ``status`` (None: connection error or timeout) after
        ``elapsed_s``; any thread."""
        self.report(classify(status, elapsed_s, self.slow_s))

    def report(self, result: CallResult) -> None:
        """Take one outcome now (e.g. UNREACHABLE when the sandbox process we own died); the
        next health check comes after the backoff."""
        with self._lock:
            was = self._machine.state.link
            changed = self._machine.observe(result, self._clock())
            self._check_at = time.monotonic() + self._machine.next_check_in()
            state = self._machine.state
        if changed:
            self._tell(state)
            self._back_if(was, state)
        self._wake.set()  # the thread re-reads when to check next

    def refresh_backlog(self) -> None:
        """The outbox changed (a drain, a case change): recount it on the monitor's thread."""
        self._backlog_due = True
        self._wake.set()

    def check_now(self) -> None:
        """Check the platform's health at once (not waiting for the backoff)."""
        self._check_at = 0.0
        self._wake.set()

    # -- the thread ----------------------------------------------------------------------------

    def start(self, url: str) -> None:
        """Watch the platform at ``url`` (again: point the watch elsewhere, check at once)."""
        self._url = url.rstrip("/")
        self.check_now()
        if self._thread is not None and self._thread.is_alive():
            return
        self._stopping.clear()
        self._thread = threading.Thread(
            target=self._loop, name="clerkapp-connectivity", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the thread (a health check in flight ends within its timeout)."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        """Whether the monitor's thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                if self._backlog_due:
                    self._backlog_due = False
                    self._count_backlog()
                if time.monotonic() >= self._check_at and self._url:
                    self.check_once()
            except Exception:  # keep watching: a broken check must not end the monitor
                log.exception("connectivity check failed")
                self._check_at = time.monotonic() + self._machine.next_check_in()
            self._wake.wait(max(0.01, self._check_at - time.monotonic()))

    def check_once(self) -> Connectivity:
        """Run one health check now (on the calling thread) and take its outcome."""
        probe = self._check(self._url)
        result = self._result_of(probe)
        with self._lock:
            was = self._machine.state.link
            changed = self._machine.observe(result, self._clock())
            if self.expect_sandbox and probe.is_sandbox:
                before = self._machine.state.instance
                if self._machine.observe_instance(probe.instance):
                    changed = True
                    if before:
                        log.warning("a different training sandbox instance answers now")
            self._check_at = time.monotonic() + self._machine.next_check_in()
            state = self._machine.state
        if changed:
            log.info("platform %s (queued %d)", state.link.value, state.queued)
            self._tell(state)
            self._back_if(was, state)
        return state

    def _back_if(self, was: Link, state: Connectivity) -> None:
        if was is Link.OFFLINE and state.reachable and self._on_back is not None:
            try:
                self._on_back()
            except Exception:  # the state is right; the queue will go at its own pace
                log.exception("sending the queue after the platform came back failed")
            self.refresh_backlog()

    def _result_of(self, probe: Probe) -> CallResult:
        from clerkapp.infra.platform.probe import ProbeResult  # loaded by the check

        if probe.result is ProbeResult.SERVER_ERROR:
            return CallResult.SERVER_ERROR
        if probe.result is not ProbeResult.HEALTHY:
            return CallResult.UNREACHABLE  # refused, timed out, or something else answers
        if self.expect_sandbox and not probe.is_sandbox:
            return CallResult.UNREACHABLE  # a healthy answer, but not a ClerkApp sandbox
        return CallResult.SLOW if probe.elapsed_s > self.slow_s else CallResult.OK

    def _count_backlog(self) -> None:
        queued, oldest = self._backlog()
        with self._lock:
            changed = self._machine.set_backlog(queued, oldest)
            state = self._machine.state
        if changed:
            self._tell(state)

    def _tell(self, state: Connectivity) -> None:
        for listener in list(self._listeners):
            listener(state)


def _probe(url: str, timeout_s: float) -> Probe:
    """*monitor thread* — the health check. The platform client package (and ``requests``
    with it) is imported here, on the monitor's thread, not when the GUI starts (issue 13)."""
    from clerkapp.infra.platform.probe import probe_platform

    return probe_platform(url, timeout_s)
