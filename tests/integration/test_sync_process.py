"""The sync worker in a child process (issue 13; :mod:`clerkapp.app.sync_process`), against the
real sandbox in a process of its own: the child drains the store the parent writes, every
operation reaches the platform once (counted on the sandbox), the parent's case listeners hear
of the cases the child changed and its sync listeners of every drain, closing the context stops
the child, and a child SIGKILLed mid-drain is started again and finishes the work — nothing
lost, nothing twice."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from clerkapp.app.clock import local_now
from clerkapp.app.context import AppContext, SyncStatus
from clerkapp.app.sync_process import SyncProcess
from clerkapp.infra.store import db_time
from clerkapp.sandbox import demo
from tests.integration.case_fixtures import RENTAL
from tools.soak_kills import SandboxProcess, applied

pytestmark = pytest.mark.sandbox

#: Each case queues its registration, its identity question and its case-index entry.
OPS = ("register", "lookup")


def _until(check: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Wait for ``check()`` with a deadline (the child reports on its own schedule)."""
    deadline = time.monotonic() + timeout_s
    pause = threading.Event()
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out: {what}")
        pause.wait(0.02)


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[SandboxProcess]:
    """The training sandbox in its own process, answering each call after 20 ms."""
    box = SandboxProcess(tmp_path / "sandbox", "--latency-ms", "20")
    box.start()
    yield box
    box.stop()


class Heard:
    """What the parent's listeners were told (on the child's reader thread)."""

    def __init__(self, context: AppContext) -> None:
        self.cases: set[str] = set()
        self.statuses: list[SyncStatus] = []
        self._lock = threading.Lock()
        context.add_case_listener(self._cases)
        context.add_sync_listener(self._status)

    def _cases(self, case_ids: frozenset[str]) -> None:
        with self._lock:
            self.cases |= case_ids

    def _status(self, status: SyncStatus) -> None:
        with self._lock:
            self.statuses.append(status)

    def drained(self) -> bool:
        with self._lock:
            return bool(self.statuses) and self.statuses[-1].pending == 0


def _queue(context: AppContext, cases: int) -> list[str]:
    """Cases opened at the counter while offline, their operations due now."""
    service = context.case_service
    ids = [
        service.open_case(RENTAL, "person", demo.LI_MING, "李明", "demo").id for _ in range(cases)
    ]
    with context.store.atomic():
        context.store.conn.execute(
            "UPDATE outbox SET next_attempt_at = ?", (db_time(local_now() - timedelta(seconds=1)),)
        )
    return ids


def _each_once(platform: SandboxProcess, ids: list[str]) -> None:
    platform.stop()
    counts = applied(platform.data_dir)
    wrong = {
        f"{case}:{op}": counts[f"{case}:{op}"]
        for case in ids
        for op in OPS
        if counts[f"{case}:{op}"] != 1
    }
    assert wrong == {}  # none lost (0), none doubled (2+)


def test_the_child_drains_each_operation_once_and_the_parent_hears_of_it(
    clerkapp_home: Path, platform: SandboxProcess
) -> None:
    context = AppContext(clerkapp_home, sync_process=True)
    context.use_platform_url(platform.url)
    heard = Heard(context)
    ids = _queue(context, 6)
    try:
        worker = context.start_sync()
        assert isinstance(worker, SyncProcess)
        assert context.sync_worker is worker
        assert worker.pid is not None and worker.pid != os.getpid()
        _until(heard.drained, 120, "the child drained the outbox")
        assert context.pending_sync() == 0
        assert sum(s.sent for s in heard.statuses) >= 3 * len(ids)
        _until(lambda: set(ids) <= heard.cases, 10, "the parent heard of every case")
        # The answers the child recorded are in the parent's store (one file, two processes).
        for case_id in ids:
            case = context.case_service.get_case(case_id)
            assert case.identity.found and case.identity.receipt_id
        # New work written by the parent is sent when the child is woken.
        more = _queue(context, 2)
        context.notify_sync()
        _until(lambda: set(more) <= heard.cases and context.pending_sync() == 0, 60, "woken")
        pid = worker.pid
    finally:
        context.close()
    # Closing the context stops the child (not restarted) and it is gone.
    assert not worker.running and worker.crashes == 0
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    _each_once(platform, ids + more)


def test_a_child_killed_mid_drain_is_started_again_and_sends_nothing_twice(
    clerkapp_home: Path, platform: SandboxProcess
) -> None:
    context = AppContext(clerkapp_home, sync_process=True)
    context.use_platform_url(platform.url)
    heard = Heard(context)
    try:
        worker = context.start_sync()
        assert isinstance(worker, SyncProcess)
        _until(worker.ready.is_set, 60, "the child is ready")
        first = worker.pid
        assert first is not None
        ids = _queue(context, 40)
        context.notify_sync()
        _until(lambda: bool(heard.cases), 60, "the child has recorded something")
        os.kill(first, signal.SIGKILL)  # mid-drain: 120 operations at 20 ms each on 4 threads
        _until(lambda: worker.starts == 2 and worker.ready.is_set(), 60, "started again")
        assert worker.crashes == 1 and worker.pid not in (None, first)
        # The new child drains what the killed one left, including rows it had in flight.
        _until(lambda: context.pending_sync() == 0, 120, "the new child drained the outbox")
    finally:
        context.close()
    assert not worker.running
    _each_once(platform, ids)


def test_the_child_follows_the_platform_to_its_new_address(
    clerkapp_home: Path, platform: SandboxProcess
) -> None:
    """The training sandbox came up on another port than the child was started for: the child
    is started again for the new address (not counted as a crash) and drains there."""
    context = AppContext(clerkapp_home, sync_process=True)
    context.use_platform_url("http://127.0.0.1:9")  # nobody answers there
    heard = Heard(context)
    ids = _queue(context, 3)
    try:
        worker = context.start_sync()
        assert isinstance(worker, SyncProcess)
        _until(worker.ready.is_set, 60, "the child is ready")
        first = worker.pid
        context.use_platform_url(platform.url)
        _until(lambda: worker.starts == 2 and worker.ready.is_set(), 60, "started again")
        assert worker.pid not in (None, first) and worker.crashes == 0
        context.notify_sync()  # the rows the first child failed wait out a backoff: due now
        context.platform_back()
        _until(lambda: set(ids) <= heard.cases and context.pending_sync() == 0, 120, "drained")
    finally:
        context.close()
    _each_once(platform, ids)
