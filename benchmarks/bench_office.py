"""Issue 12 figures (DESIGN.md §5): the supervisors' dashboard queries over 1,000,000 case
summaries in PostgreSQL and 100,000 in SQLite (≤ 200 ms each), and 50 workstations syncing
their case summaries to one platform server (several uvicorn workers on PostgreSQL) at once:
sustained operations per second, p95 latency, none lost or doubled.

PostgreSQL: the server of ``$CLERKAPP_BENCH_POSTGRES_URL`` (or ``$CLERKAPP_TEST_POSTGRES_URL``),
else a throw-away one started with ``tools/postgres_test_server.sh``; each run makes its own
databases and drops them. ``$CLERKAPP_BENCH_OFFICE_ROWS`` overrides the PostgreSQL row count,
``$CLERKAPP_BENCH_OFFICE_ONLY`` (``dashboard`` / ``sync``) runs one half.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks import ROOT, Figure, figure, percentile, sandbox_process
from benchmarks.office_data import load
from clerkapp.app.outbox_send import send
from clerkapp.infra.platform import Credentials, PlatformClient
from clerkapp.infra.store import Store
from clerkapp.sandbox.figures import Scope, office_figures
from clerkapp.sandbox.platform_db import PlatformDb
from clerkapp.sandbox.platform_schema import MIGRATIONS

BUDGET_MS = 200.0
PG_ROWS = int(os.environ.get("CLERKAPP_BENCH_OFFICE_ROWS", "1000000"))
#: ``dashboard`` or ``sync``: only that half (``$CLERKAPP_BENCH_OFFICE_ONLY``).
ONLY = os.environ.get("CLERKAPP_BENCH_OFFICE_ONLY", "")
SQLITE_ROWS = 100_000
RUNS = 7
AS_OF = date(2026, 12, 10)
#: The dashboard's questions: the city's month and year, an office's year, a window's and a
#: clerk's year, one day.
SCOPES = {
    "month_city": Scope(date(2026, 11, 1), date(2026, 11, 30), AS_OF),
    "year_city": Scope(date(2026, 1, 1), date(2026, 12, 31), AS_OF),
    "year_office": Scope(date(2026, 1, 1), date(2026, 12, 31), AS_OF, office="office-3"),
    "year_window": Scope(date(2026, 1, 1), date(2026, 12, 31), AS_OF, window="WS-5"),
    "year_clerk": Scope(date(2026, 1, 1), date(2026, 12, 31), AS_OF, clerk="clerk-27"),
    "day_city": Scope(date(2026, 11, 2), date(2026, 11, 2), AS_OF),
}
STATIONS = 50
CASES_PER_STATION = 15
EVENTS_PER_CASE = 3  # opened, accepted, approved: 45 operations a workstation
WORKERS = 3


def run() -> Iterator[Figure]:
    """All figures of this module."""
    with (
        tempfile.TemporaryDirectory(prefix="clerkapp-bench-office-") as tmp,
        _postgres(Path(tmp)) as admin,
    ):
        if ONLY in ("", "dashboard"):
            yield from _dashboard("sqlite", str(Path(tmp) / "platform.sqlite3"), SQLITE_ROWS)
            with _database(admin) as url:
                yield from _dashboard("postgresql", url, PG_ROWS)
        if ONLY not in ("", "sync"):
            return
        # One worker, then several, in the same conditions: what the workers add.
        for workers in (1, WORKERS):
            with _database(admin) as url:
                yield from _sync(Path(tmp) / f"sync-{workers}", url, workers)


# ---------------------------------------------------------------------- PostgreSQL


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _postgres(tmp: Path) -> Iterator[str]:
    given = os.environ.get("CLERKAPP_BENCH_POSTGRES_URL") or os.environ.get(
        "CLERKAPP_TEST_POSTGRES_URL"
    )
    if given:
        yield given
        return
    folder = Path(f"/tmp/clerkapp-bench-pg-{secrets.token_hex(4)}")
    script = ROOT / "tools" / "postgres_test_server.sh"
    started = subprocess.run(
        ["bash", str(script), "start", str(folder), str(_free_port())],
        capture_output=True,
        text=True,
        check=True,
        timeout=180,
    )
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run(["bash", str(script), "stop", str(folder)], check=False, timeout=60)
        subprocess.run(["rm", "-rf", str(folder)], check=False)


@contextmanager
def _database(admin: str) -> Iterator[str]:
    import psycopg

    name = f"clerkapp_bench_{secrets.token_hex(5)}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{admin.rpartition('/')[0]}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# ---------------------------------------------------------------------- dashboard


def _dashboard(engine: str, database: str, rows: int) -> Iterator[Figure]:
    db = PlatformDb(database)
    try:
        db.migrate(MIGRATIONS)
        started = time.perf_counter()
        load(db, rows)
        yield figure(f"office_{engine}_load_{rows}_summaries", time.perf_counter() - started, "s")
        worst = 0.0
        for name, scope in SCOPES.items():
            office_figures(db, scope)  # warm: the first question after loading
            samples = []
            for _ in range(RUNS):
                began = time.perf_counter()
                answer = office_figures(db, scope)
                samples.append((time.perf_counter() - began) * 1000)
            assert answer["cases"] > 0
            p50 = percentile(samples, 50)
            worst = max(worst, percentile(samples, 95))
            yield figure(f"office_{engine}_{rows}_{name}_p50_ms", p50, "ms")
        yield figure(f"office_{engine}_{rows}_dashboard_query_p95_ms", worst, "ms", BUDGET_MS)
    finally:
        db.close()


# ---------------------------------------------------------------------- 50 workstations


def _workstations(data_dir: Path) -> dict[str, str]:
    stations = {f"WIN-{n:02d}": f"bench-secret-{n:02d}-{secrets.token_hex(8)}" for n in range(50)}
    data_dir.mkdir(parents=True, exist_ok=True)
    import json

    (data_dir / "workstations.json").write_text(json.dumps(stations), encoding="utf-8")
    return stations


def _queue(store: Store, station: str, now: datetime) -> None:
    """A workstation's backlog: its cases' summaries, as the case service queues them."""
    day = now.date().isoformat()
    with store.atomic():
        for case in range(CASES_PER_STATION):
            case_id = f"{day.replace('-', '')}-{station}-{case:04d}"
            for seq, state in enumerate(("open", "accepted", "approved")[:EVENTS_PER_CASE], 1):
                body: dict[str, Any] = {
                    "case_id": case_id,
                    "seq": seq,
                    "event": state,
                    "matter": "zjj.public_rental",
                    "office": "zjj",
                    "window": station,
                    "clerk": f"{station.lower()}-clerk",
                    "state": state,
                    "decision": "approve" if state == "approved" else None,
                    "opened_at": now.isoformat(),
                    "accepted_at": now.isoformat() if seq > 1 else None,
                    "decided_at": (now + timedelta(days=2)).isoformat() if seq > 2 else None,
                    "promised_date": (now + timedelta(days=5)).date().isoformat(),
                    "at": now.isoformat(),
                    "proofs": [{"code": "p1", "method": "data_query", "state": "satisfied"}],
                    "pledges": [],
                    "official": f"{station.lower()}-clerk",
                    "purpose": "supervision",
                }
                key = f"{secrets.token_hex(8)}:case_summary:{case_id}:{seq}"
                store.outbox.enqueue("case_summary", case_id, body, key, now=now)


def _tree_cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process and its descendants (Linux ``/proc``): the
    supervisor and its workers."""
    children: dict[int, list[int]] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        total += times.get(current, 0.0)
        todo.extend(children.get(current, []))
    return total


def _sync(tmp: Path, database: str, workers: int) -> Iterator[Figure]:
    state = tmp / "platform"
    stations = _workstations(state / "data")
    now = datetime.now(UTC)
    stores = {}
    for station in stations:
        store = Store(tmp / "stations" / f"{station}.sqlite3")
        _queue(store, station, now)
        stores[station] = store
    options = ("--people", "200", "--workers", str(workers), "--database", database)
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    gate = threading.Barrier(STATIONS + 1)

    def drain(station: str, url: str) -> None:
        client = PlatformClient(url, Credentials(station, stations[station]))
        store = stores[station]
        rows = store.outbox.due(now + timedelta(days=1), limit=10_000)
        mine: list[float] = []
        gate.wait()
        for row in rows:
            while True:
                began = time.perf_counter()
                outcome = send(client, row)
                mine.append((time.perf_counter() - began) * 1000)
                if outcome.ok:
                    store.outbox.mark_sent(row.id, outcome.answer, now=now)
                    break
                with lock:
                    failures[0] += 1
        client.close()
        with lock:
            latencies.extend(mine)

    with sandbox_process(state, *options) as server:
        threads = [
            threading.Thread(target=drain, args=(s, server.url), name=f"ws-{s}") for s in stations
        ]
        for thread in threads:
            thread.start()
        gate.wait()
        began = time.perf_counter()
        server0, client0 = _tree_cpu_s(server.process.pid), time.process_time()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began
        server_cpu = _tree_cpu_s(server.process.pid) - server0
        client_cpu = time.process_time() - client0
    operations = STATIONS * CASES_PER_STATION * EVENTS_PER_CASE
    db = PlatformDb(database)
    [(events,)] = db.query("SELECT COUNT(*) FROM summary_events")
    [(cases, latest)] = db.query(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN seq = ? THEN 1 ELSE 0 END), 0)"
        " FROM case_summaries",
        [EVENTS_PER_CASE],
    )
    db.close()
    unsent = sum(s.outbox.pending_count() for s in stores.values())
    for store in stores.values():
        store.close()
    wrong = abs(int(events) - operations) + unsent + (STATIONS * CASES_PER_STATION - int(latest))
    name = f"office_sync_50_stations_{workers}_workers"
    yield figure(f"{name}_operations", operations, "operations")
    yield figure(f"{name}_ops_per_s", operations / wall, "1/s")
    yield figure(f"{name}_p95_ms", percentile(latencies, 95), "ms")
    yield figure(f"{name}_p50_ms", percentile(latencies, 50), "ms")
    # CPU per operation: what the figures above become on a machine of one's own (this one is
    # shared; the client's 50 threads and the server's workers compete for its two cores).
    yield figure(f"{name}_server_cpu_ms_per_op", server_cpu * 1000 / operations, "ms")
    yield figure(f"{name}_client_cpu_ms_per_op", client_cpu * 1000 / operations, "ms")
    yield figure(f"{name}_retried_tries", failures[0], "tries")
    yield figure(f"{name}_cases_stored", int(cases), "cases")
    yield figure(f"{name}_lost_or_doubled", wrong, "count", 0)
