"""The clerk's window while the sync worker drains the outbox (DESIGN.md §5: the GUI event loop
never stalls over one frame, 16 ms, during look-ups, PDF builds *and sync*).

A workstation store with 2,000 queued operations (400 cases × registration + 4 events), the
sandbox in its own process, and the sync worker started the way the shell starts it (through
:func:`clerkapp.gui.ops.run_op`, its reports reaching a header label through a queued signal).

Figures:
- ``gui_sync_max_stall_ms`` — the longest gap between ticks of a 5 ms GUI-thread heartbeat from
  the start of the sync worker until the outbox is empty (budget 16 ms), with the split of
  :meth:`benchmarks.bench_gui.Heartbeat.split`;
- ``gui_sync_stall_own_cpu_ms`` — the GUI thread's own CPU time within that gap;
- ``gui_sync_drain_2000_operations_s`` — how long the drain took with the window up.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from benchmarks import Figure, figure, sandbox_process
from benchmarks.bench_gui import STALL_BUDGET_MS, Heartbeat
from benchmarks.bench_platform import DRAIN_EVENTS, enqueue_bench_case
from clerkapp.app.context import AppContext, SyncStatus
from clerkapp.gui import ops
from clerkapp.gui.application import create_qapplication
from clerkapp.infra.paths import data_dir

SYNC_CASES = 400
DEADLINE_MS = 120_000


class _Bridge(QObject):
    """The shell's sync bridge: the worker's reports as a queued signal."""

    status = Signal(object)


def run() -> Iterator[Figure]:
    """Drain 2,000 operations with the window's event loop running; yield the figures."""
    create_qapplication([])
    total = SYNC_CASES * (1 + DRAIN_EVENTS)
    with (
        tempfile.TemporaryDirectory(prefix="clerkapp-bench-sync-") as state,
        sandbox_process(Path(state)) as sandbox,
    ):
        # As the desktop app drains: in a child process (BENCH_SYNC_THREADS=1: on threads).
        mode = {"sync_process": True} if os.environ.get("BENCH_SYNC_THREADS") != "1" else {}
        context = AppContext(data_dir() / "sync", **mode)
        try:
            context.use_platform_url(sandbox.url)
            queued_at = datetime.now(UTC) - timedelta(seconds=1)
            with context.store.atomic():
                for n in range(SYNC_CASES):
                    enqueue_bench_case(context.store, n, queued_at)
            header = QLabel()
            reports: list[SyncStatus] = []
            bridge = _Bridge()
            bridge.status.connect(lambda s: header.setText(f"待同步 {s.pending}"))
            bridge.status.connect(reports.append)
            context.add_sync_listener(bridge.status.emit)
            beat = Heartbeat()
            beat.start()
            started = time.perf_counter()
            # The app's own event loop (exec releases the GIL while it waits; a polling
            # wait_until with QTest.qWait holds it and slows the sender threads fourfold).
            loop = QEventLoop()
            bridge.status.connect(lambda s: loop.quit() if s.pending == 0 else None)
            QTimer.singleShot(DEADLINE_MS, loop.quit)
            ops.run_op(None, context.start_sync, lambda _worker: None)
            loop.exec()
            if not reports or reports[-1].pending:
                raise RuntimeError("the outbox was not drained in time")
            seconds = time.perf_counter() - started
            beat.stop()
            context.remove_sync_listener(bridge.status.emit)
            sent = context.store.outbox.counts().get("sent", 0)
        finally:
            context.stop_sync()
            ops.wait_for_ops(10_000)
            context.close()
    if sent != total:
        raise RuntimeError(f"{sent} of {total} operations sent")
    yield figure("gui_sync_max_stall_ms", beat.max_gap_ms, "ms", STALL_BUDGET_MS)
    yield figure("gui_sync_stall_own_cpu_ms", beat.own_cpu_ms, "ms", STALL_BUDGET_MS)
    yield from beat.split("gui_sync", STALL_BUDGET_MS)
    yield figure(f"gui_sync_drain_{total}_operations_s", seconds, "s")
