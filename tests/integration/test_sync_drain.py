"""The sync worker against a real SQLite store and the sandbox over HTTP: progress operations
(they need no case), failures sorted into retry / needs a person, a crash mid-drain, the
background thread."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from clerkapp.app.sync import SyncWorker
from clerkapp.infra.platform import Credentials, PlatformClient
from clerkapp.infra.store import Store
from tests.integration.case_fixtures import sandbox_client
from tests.sandbox_fixture import sandbox  # noqa: F401  (the fixture)

pytestmark = pytest.mark.sandbox

T0 = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves forward (retries fall due when it says so)."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


class NoCaseRecorder:
    """Progress operations never touch a case: any call here is a bug."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"progress rows must not call the case service ({name})")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "clerkapp.sqlite3") as s:
        yield s


@pytest.fixture
def client(sandbox: Any) -> Iterator[PlatformClient]:  # noqa: F811
    with sandbox_client(sandbox) as c:
        yield c


def enqueue_case(store: Store, case_id: str, events: int, now: datetime) -> str:
    """A case's progress registration and its events; returns the token."""
    token = secrets.token_urlsafe(24)
    ctx = {"official": "wangxiao", "purpose": "matter:zjj.public_rental"}
    code = "C" + secrets.token_hex(4).upper()
    with store.atomic():
        store.outbox.enqueue(
            "progress_register",
            case_id,
            {
                **ctx,
                "token": token,
                "short_code": code,
                "matter_name": "公共租赁住房申请",
                "office": "金华市住建局",
                "expected_completion": None,
            },
            f"{case_id}:register",
            now=now,
        )
        for n in range(events):
            store.outbox.enqueue(
                "progress_event",
                case_id,
                {
                    **ctx,
                    "token": token,
                    "status": f"s{n}",
                    "label": f"第{n}步",
                    "at": (T0 + timedelta(minutes=n)).isoformat(),
                },
                f"{case_id}:event:{n}",
                now=now,
            )
    return token


def events_of(url: str, token: str) -> list[str]:
    answer = requests.get(f"{url}/p/{token}.json", timeout=5)
    if answer.status_code == 404:
        return []
    answer.raise_for_status()
    return [e["status"] for e in answer.json()["events"]]


def _registered(url: str, token: str) -> int:
    return int(requests.get(f"{url}/p/{token}.json", timeout=5).status_code == 200)


def test_drain_sends_every_row_once_in_order(
    store: Store,
    client: PlatformClient,
    sandbox: Any,  # noqa: F811
) -> None:
    clock = Clock()
    tokens = [enqueue_case(store, f"C-{n}", 3, clock()) for n in range(6)]
    report = SyncWorker(store, NoCaseRecorder(), client, clock, threads=4).drain()
    assert (report.sent, report.retry, report.needs_person) == (24, 0, 0)
    assert store.outbox.pending_count() == 0
    for token in tokens:
        assert events_of(sandbox.url, token) == ["s0", "s1", "s2"]
    # Nothing left: a second drain sends nothing.
    assert SyncWorker(store, NoCaseRecorder(), client, clock).drain().handled == 0


def test_5xx_rows_retry_later_and_4xx_rows_need_a_person(
    store: Store,
    client: PlatformClient,
    sandbox: Any,  # noqa: F811
) -> None:
    clock = Clock()
    good = enqueue_case(store, "C-good", 2, clock())
    with store.atomic():  # a short code the platform refuses (422): retrying cannot help
        store.outbox.enqueue(
            "progress_register",
            "C-bad",
            {
                "official": "wangxiao",
                "purpose": "matter:zjj.public_rental",
                "token": secrets.token_urlsafe(24),
                "short_code": "坏码",
                "matter_name": "x",
                "office": "y",
                "expected_completion": None,
            },
            "C-bad:register",
            now=clock(),
        )
    sandbox.set_fault("progress", "error", status=503)
    worker = SyncWorker(store, NoCaseRecorder(), client, clock)
    first = worker.drain()
    assert first.sent == 0 and first.retry == 2  # both registrations; events wait behind them
    assert first.deferred == 2
    assert events_of(sandbox.url, good) == []
    # Still failing the moment after: nothing is due yet (backoff), so nothing is sent.
    sandbox.clear_faults()
    assert worker.drain().handled == 0
    clock.now += timedelta(minutes=30)
    second = worker.drain()
    assert second.sent == 3 and second.needs_person == 1
    assert events_of(sandbox.url, good) == ["s0", "s1"]
    (stuck,) = store.outbox.needs_person()
    assert stuck.case_id == "C-bad" and stuck.last_error


CRASHING_DRAIN = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import UTC, datetime
    from clerkapp.app.sync import SyncWorker
    from clerkapp.infra.platform import Credentials, PlatformClient
    from clerkapp.infra.store import Store

    db, url, workstation, secret, kill_at, per_batch = sys.argv[1:7]
    batches = 0
    real_settle_batch = SyncWorker._settle_batch

    def settle_then_die(self, outcomes, report, blocked):
        # The platform has answered, the answers are not recorded yet: the worst moment to die.
        global batches
        batches += 1
        if batches >= int(kill_at):
            os.kill(os.getpid(), signal.SIGKILL)
        return real_settle_batch(self, outcomes, report, blocked)

    SyncWorker._settle_batch = settle_then_die
    store = Store(db)
    client = PlatformClient(url, Credentials(workstation, secret))
    SyncWorker(
        store, None, client, lambda: datetime.now(UTC), threads=4, batch=8,
        batch_operations=int(per_batch),
    ).drain()
    sys.exit(3)  # not reached: killed mid-drain
    """
)


# Batches: 50 operations in 10 requests of 5, killed at the second recording of answers (the
# answers of several requests may be recorded together, so not later).
@pytest.mark.parametrize(
    ("per_batch", "kill_at"), [(1, 3), (5, 2)], ids=["one_per_request", "batches_of_5"]
)
def test_killed_mid_drain_then_restarted_loses_and_doubles_nothing(
    tmp_path: Path,
    sandbox: Any,  # noqa: F811
    per_batch: int,
    kill_at: int,
) -> None:
    db = tmp_path / "crash.sqlite3"
    with Store(db) as s:
        now = datetime.now(UTC) - timedelta(seconds=1)
        tokens = [enqueue_case(s, f"K{per_batch}-{n}", 4, now) for n in range(10)]
        total = s.outbox.pending_count()
    script = tmp_path / "crashing_drain.py"
    script.write_text(CRASHING_DRAIN, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path.cwd())}
    done = subprocess.run(
        [
            sys.executable,
            str(script),
            str(db),
            sandbox.url,
            sandbox.workstation,
            sandbox.secret,
            str(kill_at),
            str(per_batch),
        ],
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    with Store(db) as s:
        left = s.outbox.pending_count()
        assert 0 < left < total  # some recorded, some sent-but-unrecorded, some unsent
    on_platform = sum(
        len(events_of(sandbox.url, t)) + (_registered(sandbox.url, t)) for t in tokens
    )
    assert on_platform > total - left  # the crash lost answers the platform had already given
    with Store(db) as s:
        with PlatformClient(sandbox.url, Credentials(sandbox.workstation, sandbox.secret)) as c:
            report = SyncWorker(s, NoCaseRecorder(), c, lambda: datetime.now(UTC)).drain()
        assert report.sent == left and s.outbox.pending_count() == 0
        assert s.outbox.counts() == {"sent": total}
    for token in tokens:
        assert events_of(sandbox.url, token) == ["s0", "s1", "s2", "s3"]


def test_background_worker_wakes_on_notify_and_stops_cleanly(
    store: Store,
    client: PlatformClient,
    sandbox: Any,  # noqa: F811
) -> None:
    worker = SyncWorker(store, NoCaseRecorder(), client, lambda: datetime.now(UTC), idle_wake_s=60)
    worker.start()
    try:
        token = enqueue_case(store, "C-bg", 2, datetime.now(UTC) - timedelta(seconds=1))
        worker.notify()
        deadline = time.monotonic() + 20
        while store.outbox.pending_count() and time.monotonic() < deadline:
            time.sleep(0.02)  # polling the store with a deadline
        assert store.outbox.pending_count() == 0
        assert events_of(sandbox.url, token) == ["s0", "s1"]
    finally:
        worker.stop()
    assert not worker.running
    assert not [t for t in threading.enumerate() if t.name.startswith("clerkapp-sync")]


def test_small_pages_split_a_case_yet_its_operations_keep_their_order(
    store: Store,
    client: PlatformClient,
    sandbox: Any,  # noqa: F811
) -> None:
    clock = Clock()
    tokens = [enqueue_case(store, f"P-{n}", 4, clock()) for n in range(5)]
    worker = SyncWorker(store, NoCaseRecorder(), client, clock, threads=3, page=3, batch=2)
    partial = worker.drain(max_items=7)
    assert partial.handled == 7 and store.outbox.pending_count() == 25 - 7
    rest = worker.drain()
    assert rest.sent == 25 - 7 and rest.deferred == 0
    for token in tokens:
        assert events_of(sandbox.url, token) == ["s0", "s1", "s2", "s3"]
