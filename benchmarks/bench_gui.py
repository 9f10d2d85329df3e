"""The clerk's screen under load: the public rental housing case for 李明 driven through the real
wizard widgets (offscreen) against a sandbox answering every call after 300 ms.

Figures:
- ``gui_interactions_typed`` — keys + clicks from an empty wizard to the approval when the clerk
  types the ID number (18 keys) and the name (by pinyin through the input method);
- ``gui_interactions_card`` — the same with the ID card reader (simulated in training);
- ``gui_lookups_wall_s`` — from Enter on ② until every proof of ③ has its answer (3 look-ups
  in parallel and a department verification);
- ``gui_max_stall_ms`` — the longest gap between ticks of a 5 ms heartbeat timer while the
  look-ups and the verification run (budget one frame, 16 ms);
- ``gui_stall_own_cpu_ms`` — the GUI thread's own CPU time within its worst gap: on a loaded
  machine part of a gap is the process waiting for a core, this part is the GUI's own work;
- ``gui_stall_run_queue_ms`` / ``gui_stall_lock_wait_ms`` / ``gui_max_stall_free_core_ms`` —
  the worst gap's wait for a core and for the interpreter lock, and the longest gap less its
  wait for a core (:class:`Heartbeat`);
- ``gui_gc_collections`` / ``gui_gc_longest_ms`` — the cycle collections during both cases (all
  on the GUI thread, :mod:`clerkapp.gui.gc_guard`) and the longest of them (part of any stall).
"""

from __future__ import annotations

import gc
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, Qt, QTimer

from benchmarks import Figure, figure, sandbox_process
from clerkapp.app.context import AppContext
from clerkapp.gui.application import create_qapplication
from clerkapp.gui.wizard.proofs_board import RowStatus
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.infra.paths import data_dir
from clerkapp.sandbox.demo import LI_MING
from tests.gui.wizard_driver import WizardDriver, find_card, wait_until

LATENCY_MS = 300
VERIFY_DELAY_S = 0.5  # the department answers a verification this long after it is asked
HEARTBEAT_MS = 5
STALL_BUDGET_MS = 16.0  # one frame (issue 13)


class SchedStat:
    """The calling thread's time spent waiting on a run queue (Linux ``schedstat``: runnable,
    no core free — the machine's load, not the process's doing); 0 elsewhere."""

    def __init__(self) -> None:
        try:
            self._fd: int | None = os.open("/proc/thread-self/schedstat", os.O_RDONLY)
        except OSError:
            self._fd = None

    def queued_s(self) -> float:
        """Seconds this thread has waited for a core so far."""
        if self._fd is None:
            return 0.0
        return int(os.pread(self._fd, 128, 0).split()[1]) / 1e9

    def close(self) -> None:
        """Release the file."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class Heartbeat:
    """A 5 ms timer on the GUI thread; the longest gap between its ticks is the worst stall.

    Each gap splits into the GUI thread's own CPU, its wait for a core (run queue: the machine's
    load) and the rest — waiting for the interpreter lock (or another lock) while other threads
    of the process run Python. ``max_free_core_ms`` is the longest gap less its run-queue wait:
    the stall on a machine with a core free."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(HEARTBEAT_MS)
        self.clock = QElapsedTimer()
        self.last = 0
        self.last_cpu = 0.0
        self.max_gap_ms = 0.0
        self.own_cpu_ms = 0.0  # GUI-thread CPU time within the worst gap
        self.queued_ms = 0.0  # its wait for a core within the worst gap
        self.max_free_core_ms = 0.0  # the longest gap less its run-queue wait
        self.free_core_own_cpu_ms = 0.0  # the GUI thread's CPU within that one
        self.last_queued = 0.0
        self.sched = SchedStat()
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        """Begin measuring."""
        self.clock.start()
        self.last = self.clock.nsecsElapsed()
        self.last_cpu = time.thread_time()
        self.last_queued = self.sched.queued_s()
        self.timer.start()

    def stop(self) -> None:
        """Stop measuring (the last gap counts too)."""
        self._tick()
        self.timer.stop()
        self.sched.close()

    def _tick(self) -> None:
        now, cpu, queued = self.clock.nsecsElapsed(), time.thread_time(), self.sched.queued_s()
        gap = (now - self.last) / 1e6
        own, waited = (cpu - self.last_cpu) * 1000, (queued - self.last_queued) * 1000
        if gap > self.max_gap_ms:
            self.max_gap_ms = gap
            self.own_cpu_ms = own
            self.queued_ms = waited
        if gap - waited > self.max_free_core_ms:
            self.max_free_core_ms = gap - waited
            self.free_core_own_cpu_ms = own
        self.last, self.last_cpu, self.last_queued = now, cpu, queued

    def split(self, prefix: str, budget: float) -> Iterator[Figure]:
        """The figures of the worst gap's parts and of the worst gap on a free core."""
        lock_wait = max(0.0, self.max_gap_ms - self.own_cpu_ms - self.queued_ms)
        yield figure(f"{prefix}_stall_run_queue_ms", self.queued_ms, "ms")
        yield figure(f"{prefix}_stall_lock_wait_ms", lock_wait, "ms")
        yield figure(f"{prefix}_max_stall_free_core_ms", self.max_free_core_ms, "ms", budget)
        yield figure(f"{prefix}_free_core_stall_own_cpu_ms", self.free_core_own_cpu_ms, "ms")


class GcTimes:
    """Every cycle collection while installed: (thread name, duration in ms)."""

    def __init__(self) -> None:
        self.times: list[tuple[str, float]] = []
        self._started = 0.0

    def _callback(self, phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            elapsed = (time.perf_counter() - self._started) * 1000
            self.times.append((threading.current_thread().name, elapsed))

    @contextmanager
    def recording(self) -> Iterator[None]:
        """Record the collections of the ``with`` block."""
        gc.callbacks.append(self._callback)
        try:
            yield
        finally:
            gc.callbacks.remove(self._callback)


def _run_case(
    context: AppContext, url: str, *, use_card: bool
) -> tuple[int, float, float, float, Heartbeat]:
    """One case to approval: (interactions, look-up wall s, max stall ms, own CPU ms in it,
    the heartbeat)."""
    driver = WizardDriver(context, url, poll_wait_s=2.0)
    wizard = driver.wizard
    try:
        driver.choose_matter("ggzl", "公共租赁住房申请")
        beat = Heartbeat()
        beat.start()
        started = time.perf_counter()
        if use_card:
            driver.enter_applicant(LI_MING, None, card=find_card(wizard, "李明"))
        else:
            driver.enter_applicant(LI_MING, "李明")
        driver.wait_lookups(timeout_s=60)
        wait_until(
            lambda: all(
                r.model.status is RowStatus.DONE or r.model.status is RowStatus.NOT_NEEDED
                for r in wizard.proofs_board.rows.values()
            ),
            60,
            "every proof answered",
        )
        wall = time.perf_counter() - started
        beat.stop()
        driver.key(Qt.Key.Key_Return)  # ③ → ⑤
        driver.key(Qt.Key.Key_Return)  # approve as recommended
        wait_until(lambda: wizard.step is Step.PRINT, 30, "approved")
        return driver.interactions, wall, beat.max_gap_ms, beat.own_cpu_ms, beat
    finally:
        driver.close()


def run() -> Iterator[Figure]:
    """Drive the case twice (typed ID, card reader) and yield the figures."""
    app = create_qapplication([])  # as the app does: interpreter tuned, GC on the GUI thread
    results = {}
    gc_times = GcTimes()
    with (
        tempfile.TemporaryDirectory(prefix="clerkapp-bench-sandbox-") as state,
        sandbox_process(
            Path(state), "--latency-ms", str(LATENCY_MS), "--verify-delay-s", str(VERIFY_DELAY_S)
        ) as sandbox,
        gc_times.recording(),
    ):
        for use_card in (False, True):
            context = AppContext(data_dir() / ("card" if use_card else "typed"))
            try:
                results[use_card] = _run_case(context, sandbox.url, use_card=use_card)
            finally:
                context.close()
    del app
    typed, card = results[False], results[True]
    yield figure("gui_interactions_typed", typed[0], "interactions")
    yield figure("gui_interactions_card", card[0], "interactions")
    yield figure("gui_lookups_wall_s", min(typed[1], card[1]), "s")
    worst = typed if typed[2] >= card[2] else card
    yield figure("gui_max_stall_ms", worst[2], "ms", STALL_BUDGET_MS)
    yield figure("gui_stall_own_cpu_ms", worst[3], "ms", STALL_BUDGET_MS)
    yield from worst[4].split("gui", STALL_BUDGET_MS)
    off_gui = [name for name, _ in gc_times.times if name != threading.main_thread().name]
    if off_gui:
        raise RuntimeError(f"cycle collection ran off the GUI thread: {sorted(set(off_gui))}")
    yield figure("gui_gc_collections", len(gc_times.times), "collections")
    yield figure("gui_gc_longest_ms", max((ms for _, ms in gc_times.times), default=0.0), "ms")
