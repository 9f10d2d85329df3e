"""The sync worker in a child process of its own (issue 13: the GUI never stalls over a frame).

The drain is Python-heavy (signing, JSON, recording answers): run on threads of the GUI's
process, it holds the interpreter lock the event loop needs and the window stalls for tens of
milliseconds at a time although the GUI thread itself does little. So the desktop app drains in
a child: ``clerkapp sync --serve --home DIR --platform-url URL`` (:func:`serve`), an
:class:`~clerkapp.app.context.AppContext` of the same data directory running the ordinary
:class:`~clerkapp.app.sync.SyncWorker` on its threads, under the store's file sync lock (one
drain per store across processes: exactly-once as with ``clerkapp sync``).

The parent (:class:`SyncProcess`) and the child talk in lines:

- parent → child (stdin): first ``{"settings": {…}}`` (the parent's workstation settings, so
  the child opens the store of the parent's mode, whatever the file says now); then ``wake``
  (new work was written: drain now) and ``stop`` (finish the operations in flight, record
  them, exit); end of input means stop too (the parent is gone);
- child → parent (stdout, one JSON object a line): ``{"ready": pid}``; ``{"cases": [id, …]}``
  — the cases its commits changed, gathered for at most :data:`CASES_FLUSH_S`, so the parent's
  views follow the store within a second (:meth:`clerkapp.infra.store.db.Store.changed_elsewhere`);
  ``{"status": {sent, retry, needs_person, pending, reachable}}`` after every drain;
  ``{"call": [status or null, seconds]}`` — the newest platform call's outcome (the
  connectivity monitor's evidence), at most one per flush.

A child that dies without being asked to stop (a crash, a kill) is started again after a pause
(:data:`RESTART_DELAYS_S`, growing); each exit is logged and counted (:attr:`SyncProcess.crashes`).
The child's own commits are safe whenever it dies: the outbox is exactly-once by design.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from clerkapp.infra.paths import self_command, self_environment

if TYPE_CHECKING:
    from clerkapp.app.context import SyncStatus
    from clerkapp.infra.settings import WorkstationSettings

log = logging.getLogger("clerkapp.sync")

#: The child gathers the ids of the cases it changed for at most this long before it reports
#: them (a drain of thousands of operations gives a few lines a second, not thousands).
CASES_FLUSH_S = 0.1
#: Pauses before a crashed child is started again: the n-th crash in a row waits the n-th.
RESTART_DELAYS_S = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
#: How long :meth:`SyncProcess.stop` waits for the child to record its operations in flight.
STOP_WAIT_S = 10.0

StatusListener = Callable[["SyncStatus"], None]
CasesListener = Callable[[frozenset[str]], None]
CallListener = Callable[[int | None, float], None]


class SyncProcess:
    """The parent's handle on the sync worker's child process (no Qt: a reader thread per
    child hands its reports to the callbacks, on that thread — quick, no store writes)."""

    def __init__(
        self,
        home: Path,
        platform_url: str,
        settings: WorkstationSettings,
        *,
        on_status: StatusListener,
        on_cases: CasesListener,
        on_call: CallListener | None = None,
        command: list[str] | None = None,
    ) -> None:
        self.home = home
        self.platform_url = platform_url
        self.settings = settings
        self._on_status = on_status
        self._on_cases = on_cases
        self._on_call = on_call
        self._command = command
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None
        self._stopping = threading.Event()
        self._moved = threading.Event()  # stopped to start again elsewhere (not a crash)
        self.crashes = 0  # children that exited without being asked to (restarted each time)
        self.starts = 0  # children started (the first and every restart)
        self.ready = threading.Event()  # the current child opened the store and drains

    # -- the parent's side -----------------------------------------------------------------

    @property
    def pid(self) -> int | None:
        """The running child's process id (None when none runs)."""
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    @property
    def running(self) -> bool:
        """Whether a child runs now."""
        return self.pid is not None

    def start(self) -> None:
        """Start the child (and keep one running until :meth:`stop`)."""
        with self._lock:
            if self._reader is not None and self._reader.is_alive():
                return
            self._stopping.clear()
            self._launch()
            self._reader = threading.Thread(
                target=self._follow, name="clerkapp-sync-process", daemon=True
            )
            self._reader.start()

    def notify(self) -> None:
        """New outbox work was written: the child drains now."""
        self._tell("wake")

    def stop(self, timeout: float = STOP_WAIT_S) -> None:
        """Ask the child to finish (its operations in flight are recorded), wait ``timeout``
        seconds, then terminate it; it is not restarted."""
        self._stopping.set()
        with self._lock:
            process = self._process
            reader = self._reader
        if process is not None:
            self._tell("stop")
            with contextlib.suppress(OSError):
                if process.stdin is not None:
                    process.stdin.close()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                log.warning("sync process did not stop in %.0f s: terminated", timeout)
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        if reader is not None and reader is not threading.current_thread():
            reader.join(timeout)

    def retarget(self, platform_url: str) -> None:
        """The platform moved (the training sandbox started again on another port): the running
        child finishes what is in flight and a new one drains to ``platform_url`` at once."""
        if platform_url == self.platform_url:
            return
        self.platform_url = platform_url
        self._moved.set()
        self._tell("stop")

    def _tell(self, command: str) -> None:
        process = self._process
        if process is None or process.stdin is None:
            return
        # Its own lock: a GUI thread telling of new work never waits for a child's start.
        with self._write_lock, contextlib.suppress(OSError, ValueError):  # gone: restarted soon
            process.stdin.write(f"{command}\n".encode())
            process.stdin.flush()

    def _launch(self) -> None:
        command = self._command or self_command(
            "sync", "--serve", "--home", str(self.home), "--platform-url", self.platform_url
        )
        env = dict(os.environ)
        env.update(self_environment())
        # CLERKAPP_HOME is inherited: the keys (the audit key) are the data directory's, which
        # may hold ``home`` (a test's or a benchmark's context) rather than be it.
        env["PYTHONUNBUFFERED"] = "1"
        self.ready.clear()
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            cwd=str(Path(__file__).resolve().parents[2]),
        )
        self.starts += 1
        # The parent's settings, not the file's: the child drains the store the parent uses.
        # Written before the process is published, so no ``wake`` can come first.
        first = json.dumps({"settings": dataclasses.asdict(self.settings)}) + "\n"
        assert process.stdin is not None
        with contextlib.suppress(OSError):
            process.stdin.write(first.encode())
            process.stdin.flush()
        self._process = process
        log.info("sync process started (pid %d)", self._process.pid)

    def _follow(self) -> None:
        """*reader thread* — hand the child's reports on; start it again when it dies."""
        in_a_row = 0
        while True:
            process = self._process
            assert process is not None and process.stdout is not None
            self._read(process.stdout)
            code = process.wait()
            if self._stopping.is_set():
                log.info("sync process stopped (code %s)", code)
                return
            if self.ready.is_set():  # it had worked: a fresh series of pauses
                in_a_row = 0
            if self._moved.is_set():
                self._moved.clear()
                delay = 0.0
                log.info("sync process restarted for %s", self.platform_url)
            else:
                self.crashes += 1
                delay = RESTART_DELAYS_S[min(in_a_row, len(RESTART_DELAYS_S) - 1)]
                in_a_row += 1
                log.warning("sync process exited (code %s): started again in %.1f s", code, delay)
            if self._stopping.wait(delay):
                return
            with self._lock:
                if self._stopping.is_set():
                    return
                try:
                    self._launch()
                except OSError:
                    log.exception("sync process could not be started again")
                    return

    def _read(self, stream: IO[bytes]) -> None:
        for raw in stream:
            try:
                message = json.loads(raw)
            except ValueError:
                log.debug("sync process said something else: %r", raw[:200])
                continue
            if not isinstance(message, dict):
                continue
            try:
                self._dispatch(message)
            except Exception:  # a listener's bug must not end the following
                log.exception("sync process report could not be handled")

    def _dispatch(self, message: dict[str, Any]) -> None:
        from clerkapp.app.context import SyncStatus

        if "cases" in message:
            self._on_cases(frozenset(str(c) for c in message["cases"]))
        if "status" in message:
            s = message["status"]
            self._on_status(
                SyncStatus(
                    sent=int(s["sent"]),
                    retry=int(s["retry"]),
                    needs_person=int(s["needs_person"]),
                    pending=int(s["pending"]),
                    reachable=s["reachable"],
                )
            )
        if "call" in message and self._on_call is not None:
            status, seconds = message["call"]
            self._on_call(None if status is None else int(status), float(seconds))
        if "ready" in message:
            self.ready.set()


# -- the child's side ------------------------------------------------------------------------


class _Reporter:
    """*child* — writes the reports to stdout: case ids and the newest call gathered and
    flushed every :data:`CASES_FLUSH_S`, a drain's status at once (after the cases before it)."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._lock = threading.Lock()
        self._cases: set[str] = set()
        self._call: tuple[int | None, float] | None = None
        self._wake = threading.Event()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="clerkapp-sync-report", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def cases(self, case_ids: frozenset[str]) -> None:
        with self._lock:
            self._cases.update(case_ids)
        self._wake.set()

    def call(self, status: int | None, seconds: float) -> None:
        with self._lock:
            self._call = (status, seconds)
        self._wake.set()

    def status(self, status: SyncStatus) -> None:
        with self._lock:
            self._flush_locked()
            self._write_locked({"status": dataclasses.asdict(status)})

    def write(self, message: dict[str, Any]) -> None:
        with self._lock:
            self._write_locked(message)

    def close(self) -> None:
        self._done.set()
        self._wake.set()
        self._thread.join(5)
        with self._lock:
            self._flush_locked()

    def _loop(self) -> None:
        while not self._done.is_set():
            self._wake.wait()
            self._wake.clear()
            self._done.wait(CASES_FLUSH_S)  # gather what comes meanwhile
            with self._lock:
                self._flush_locked()

    def _flush_locked(self) -> None:
        if self._cases:
            self._write_locked({"cases": sorted(self._cases)})
            self._cases.clear()
        if self._call is not None:
            self._write_locked({"call": list(self._call)})
            self._call = None

    def _write_locked(self, message: dict[str, Any]) -> None:
        with contextlib.suppress(OSError, ValueError):  # the parent is gone: stdin ends soon
            self._out.write(json.dumps(message) + "\n")
            self._out.flush()


#: How much lower the sync child's scheduling priority is than the window's (POSIX nice).
CHILD_NICENESS = 10


def serve(home: Path, platform_url: str, commands: IO[str] | None = None) -> int:
    """*child* — ``clerkapp sync --serve``: drain the store of ``home``'s mode through the
    platform at ``platform_url`` until told to stop (see the module docstring); exit code 0."""
    from clerkapp.app.context import AppContext
    from clerkapp.infra.settings import WorkstationSettings

    # Background work: the clerk's window gets a core first when both are busy (a counter PC has
    # two); the drain only waits a little longer.
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(CHILD_NICENESS)
    commands = commands if commands is not None else sys.stdin
    first = json.loads(commands.readline() or "{}")
    known = WorkstationSettings.__dataclass_fields__
    given = {k: v for k, v in first.get("settings", {}).items() if k in known}
    reporter = _Reporter(sys.stdout)
    context = AppContext(home, settings=WorkstationSettings(**given), sync_process=False)
    try:
        context.use_platform_url(platform_url)
        context.observe_calls(reporter.call)
        context.add_case_listener(reporter.cases)
        context.add_sync_listener(reporter.status)
        reporter.start()
        worker = context.start_sync()
        reporter.write({"ready": os.getpid()})
        for line in commands:
            command = line.strip()
            if command == "stop":
                break
            if command == "wake" and worker is not None:
                context.notify_sync()
    finally:
        context.close()  # the operations in flight are recorded first
        reporter.close()
    return 0
