"""The clerk's window while the sync worker settles queued work of hundreds of cases, one of them
open on the proofs board (issue 10, DESIGN.md §5: the GUI never stalls over one frame, 16 ms,
during board updates).

A workstation store with cases of 住房租赁补贴申请 opened offline (their four look-ups queued, as
the fan-out leaves them when the platform is down; with each case's progress registration and
identity question about 2,000 queued operations), the sandbox in its own process, the real main
window (case list, wizard) with one case open at ③, and the sync worker started as the shell
starts it — in a child process (``BENCH_SYNC_THREADS=1``: on threads of the GUI's process,
as before issue 13). Every commit that changes a case reaches the views through the store's case
listeners and the GUI's :class:`~clerkapp.gui.case_updates.CaseUpdates` hub; the views re-read
off the GUI thread.

Figures:
- ``board_follow_max_stall_ms`` — the longest gap between ticks of a 5 ms GUI-thread heartbeat
  from the start of the drain until the open case's board and list row are right (budget 16 ms);
- ``board_follow_stall_own_cpu_ms`` — the GUI thread's own CPU time within that gap;
- ``case_open_max_stall_ms`` / ``case_open_stall_own_cpu_ms`` — the longest gap (and the GUI
  thread's CPU in it) while five cases are opened one after another from the window, each until
  its board shows it (budget 16 ms);
- ``*_stall_run_queue_ms`` / ``*_stall_lock_wait_ms`` — of the worst gap, the GUI thread's
  wait for a core (the machine's load) and its wait for the interpreter lock (the rest);
  ``*_max_stall_free_core_ms`` the longest gap less its run-queue wait (budget 16 ms);
- ``board_follow_answer_to_views_s`` — from the commit that lands the open case's last answer
  in the store to its board and its case-list row showing the store's state (budget 2 s);
- ``board_follow_drain_<n>_operations_s`` — how long the drain took with the window up;
- ``board_follow_signals`` — how many coalesced change signals reached the views.
"""

from __future__ import annotations

import os
import secrets
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal

from benchmarks import Figure, figure, sandbox_process
from benchmarks.bench_gui import Heartbeat
from clerkapp.app.auth import Clerk, Role
from clerkapp.app.context import AppContext, CaseSummary, SyncStatus
from clerkapp.gui import ops
from clerkapp.gui.application import create_qapplication, default_wizard
from clerkapp.gui.main_window import MainWindow
from clerkapp.gui.theme import case_status
from clerkapp.gui.wizard import view_models
from clerkapp.gui.wizard.wizard import CaseWizard
from clerkapp.infra.paths import data_dir
from clerkapp.sandbox.demo import LI_MING

MATTER = "zjj.m009"  # 住房租赁补贴申请: four look-ups
CASES = 330
STALL_BUDGET_MS = 16.0
ANSWER_BUDGET_S = 2.0
SETTLE_MS = 3_000  # after the drain: time for the views to catch up (measured, not assumed)
DEADLINE_MS = 180_000
OPENED = 4  # cases opened (and the open one) for the case-opening stall
SYNC_PROCESS = os.environ.get("BENCH_SYNC_THREADS") != "1"  # 1: the drain on threads (before)


class _Bridge(QObject):
    """The shell's sync bridge: the worker's reports as a queued signal."""

    status = Signal(object)


def _queue_cases(context: AppContext) -> list[str]:
    """Open the cases offline: each one's look-ups put in flight and queued again by a network
    failure, due now — what the fan-out leaves behind when the platform is down."""
    service = context.case_service
    service.workstation = f"BENCH{secrets.token_hex(3).upper()}"
    past = context.clock() - timedelta(seconds=1)
    ids = []
    for _ in range(CASES):
        case = service.open_case(MATTER, "person", LI_MING, "李明", "wangxiao")
        for row in service.begin_lookups(case.id, "wangxiao"):
            service.record_lookup_failure(
                case.id,
                str(row.payload["proof_code"]),
                "平台暂时无法访问",
                retrying=True,
                outbox_id=row.id,
                retry_at=past,
            )
        for row in context.store.outbox.for_case(case.id):
            if row.state == "open":
                context.store.outbox.lease(row.id, past)
        ids.append(case.id)
    return ids


def run() -> Iterator[Figure]:
    """Drain the queued work with the window and one open case; yield the figures."""
    create_qapplication([])
    with (
        tempfile.TemporaryDirectory(prefix="clerkapp-bench-board-") as state,
        sandbox_process(Path(state), "--verify-delay-s", "0") as sandbox,
    ):
        # The drain in a child process, as the desktop app runs it (clerkapp.app.sync_process).
        # (the option only when used: BENCH_SYNC_THREADS=1 runs against a tree from before it)
        mode = {"sync_process": True} if SYNC_PROCESS else {}
        context = AppContext(data_dir() / "board", **mode)
        window: MainWindow | None = None
        try:
            context.use_platform_url(sandbox.url)
            ids = _queue_cases(context)
            total = context.store.outbox.pending_count()
            window = MainWindow(context, wizard_factory=default_wizard(context))
            window.show()
            window.login_view.logged_in.emit(Clerk("wangxiao", "王晓", Role("clerk")))
            wizard = window.wizard
            assert isinstance(wizard, CaseWizard)
            _wait(lambda: wizard.services.ready, "catalogue")
            open_id = ids[len(ids) // 2]
            # Case opening: a few cases opened one after another from the list, the GUI's
            # heartbeat running from the click until the board shows the case.
            opening = Heartbeat()
            opening.start()
            for case_id in [*ids[:OPENED], open_id]:
                window.open_case(case_id)
                _wait(
                    lambda c=case_id: (
                        wizard.presenter.case_id == c  # type: ignore[misc]
                        and bool(wizard.proofs_board.rows)
                    ),
                    "case open",
                )
                _wait(lambda: not wizard.presenter.lookups_running(), "identity asked")
            opening.stop()
            _wait(lambda: _listed(window, open_id) != "", "case listed")

            # The timeline: when the store last changed the open case (committing thread) and
            # what the board and the list showed when (GUI thread, no store reads).
            commits: list[float] = []
            lock = threading.Lock()

            def heard(case_ids: frozenset[str]) -> None:
                if open_id in case_ids:
                    with lock:
                        commits.append(time.perf_counter())

            context.add_case_listener(heard)
            boards: list[tuple[float, object]] = []
            lists: list[tuple[float, str]] = []
            wizard.presenter.changed.connect(
                lambda: boards.append((time.perf_counter(), _board(wizard)))
            )
            window.cases_refreshed.connect(
                lambda: lists.append((time.perf_counter(), _listed(window, open_id)))
            )
            hub = wizard.case_updates
            assert hub is not None
            signals_before = hub.delivered

            reports: list[SyncStatus] = []
            bridge = _Bridge()
            bridge.status.connect(reports.append)
            context.add_sync_listener(bridge.status.emit)
            beat = Heartbeat()
            beat.start()
            started = time.perf_counter()
            loop = QEventLoop()
            bridge.status.connect(lambda s: loop.quit() if s.pending == 0 else None)
            QTimer.singleShot(DEADLINE_MS, loop.quit)
            ops.run_op(None, context.start_sync, lambda _worker: None)
            loop.exec()
            if not reports or reports[-1].pending:
                raise RuntimeError("the outbox was not drained in time")
            drained = time.perf_counter() - started
            settle = QEventLoop()
            QTimer.singleShot(SETTLE_MS, settle.quit)
            settle.exec()
            beat.stop()
            context.remove_sync_listener(bridge.status.emit)
            context.remove_case_listener(heard)
            signals = hub.delivered - signals_before

            final = context.case_service.get_case(open_id)
            right_board = _board_of(wizard, final)
            [summary] = [s for s in context.case_summaries() if s.case_id == open_id]
            right_list = _status_text(summary)
            landed = max(commits) if commits else started
            shown = max(
                _first_right(boards, right_board, landed),
                _first_right(lists, right_list, landed),
            )
            answer_s = shown - landed
        finally:
            context.stop_sync()
            if window is not None and isinstance(window.wizard, CaseWizard):
                window.wizard.presenter.stop()
            ops.wait_for_ops(15_000)
            context.close()
    yield figure("board_follow_max_stall_ms", beat.max_gap_ms, "ms", STALL_BUDGET_MS)
    yield figure("board_follow_stall_own_cpu_ms", beat.own_cpu_ms, "ms", STALL_BUDGET_MS)
    yield from beat.split("board_follow", STALL_BUDGET_MS)
    yield figure("case_open_max_stall_ms", opening.max_gap_ms, "ms", STALL_BUDGET_MS)
    yield figure("case_open_stall_own_cpu_ms", opening.own_cpu_ms, "ms", STALL_BUDGET_MS)
    yield from opening.split("case_open", STALL_BUDGET_MS)
    yield figure("board_follow_answer_to_views_s", answer_s, "s", ANSWER_BUDGET_S)
    yield figure(f"board_follow_drain_{total}_operations_s", drained, "s")
    yield figure("board_follow_signals", signals, "signals")


def _wait(check: Callable[[], bool], what: str, timeout_s: float = 60.0) -> None:
    """Run the event loop until ``check()`` holds (a deadline, not a fixed sleep)."""
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out: {what}")
        loop = QEventLoop()
        QTimer.singleShot(5, loop.quit)
        loop.exec()


def _board(wizard: CaseWizard) -> object:
    """What the board shows: each row's status and words."""
    return tuple(
        (c, r.model.status, r.model.status_text) for c, r in wizard.proofs_board.rows.items()
    )


def _board_of(wizard: CaseWizard, case: object) -> object:
    """What the board must show for the stored ``case``."""
    models = view_models.rows(case, wizard.services.catalogue, {}, {})  # type: ignore[arg-type]
    return tuple((m.code, m.status, m.status_text) for m in models)


def _listed(window: MainWindow, case_id: str) -> str:
    for entry in window.case_list.visible_entries():
        if entry.case_id == case_id:
            return entry.status.text()
    return ""


def _status_text(summary: CaseSummary) -> str:
    """What the case list must say of the stored case."""
    return case_status(
        summary.state,
        needs_person=summary.needs_person,
        waiting_lookup=summary.waiting_lookup,
        procedure=summary.procedure,
        decidable=summary.decidable,
    ).text()


def _first_right(timeline: Sequence[tuple[float, object]], right: object, landed: float) -> float:
    """When the view last became right (and stayed so) at or after ``landed``."""
    when = None
    for at, shown in timeline:
        if shown == right:
            if when is None:
                when = at
        else:
            when = None
    if when is None:
        raise RuntimeError(f"the view never showed the store's state: {timeline[-1:]} ≠ {right}")
    return max(when, landed)
