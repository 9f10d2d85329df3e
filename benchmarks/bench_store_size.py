"""Store size per case (issue 13, DESIGN.md §5: ≤ 6 KiB): realistic cases made through the
real case service — opened, identity checked, three look-ups answered, a department's
verification answered, decided, the decision's number issued and archived — then every queued
operation delivered the way the sync worker closes it (``mark_sent_many`` with the platform's
kind of answer) and compacted as the application does after a drain; the store VACUUMed, its
size divided by the cases, and where the bytes are (SQLite's ``dbstat``: every table with its
indexes).

Run: ``python -m benchmarks store_size``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

from benchmarks import Figure, figure
from benchmarks.bench_store import _one_case
from clerkapp.app.case_service import CaseService
from clerkapp.app.clock import SteppingClock
from clerkapp.core.idnumber import make_id_number
from clerkapp.infra.catalogue_io import bundled_path, read_catalogue
from clerkapp.infra.paths import data_dir, resources_dir
from clerkapp.infra.store import Store

CASES = 300
BUDGET_BYTES = 6 * 1024  # DESIGN.md §5: store size per case
#: What the platform answers each kind of operation delivered here (as the sync worker stores
#: it); the look-ups and verifications got their answers through the case service already.
ANSWERS = {
    "progress_register": {"registered": True},
    "progress_event": {"recorded": True},
    "case_index": {"indexed": True, "receipt": "CI-000001"},
    "document_upload": {"stored": True, "receipt": "DU-000001", "sha256": "0" * 64},
    "audit_anchor": {"confirmed": True},
}


def fill(store: Store, cases: int) -> None:
    """``cases`` realistic cases through the case service, every operation then delivered."""
    path = bundled_path()
    catalogue = read_catalogue(
        path if path.exists() else resources_dir() / "catalogue" / "canonical.json", full=False
    )
    clock = SteppingClock(datetime(2026, 11, 27, 9, 0, tzinfo=timezone(timedelta(hours=8))))
    svc = CaseService(store, catalogue, clock, workstation="BENCH-01")
    pdf = b"%PDF-1.4\n" + bytes(range(256)) * 300  # an archived decision (the file, not rows)
    for n in range(cases):
        applicant = make_id_number("330702", date(1980, 1, 1) + timedelta(days=n), n % 1000)
        case_id = _one_case(svc, applicant, [])
        seq = svc.next_document_number("金市住建决", 2026, case_id=case_id, kind="decision")
        number = f"金市住建决〔2026〕{seq}号"
        svc.record_document(case_id, "decision", pdf, number, False, "bench")
        _deliver(store, clock())


def _deliver(store: Store, now: datetime) -> None:
    """Close every open row as the sync worker does after the platform answered it."""
    rows = store.outbox.due(datetime(9999, 1, 1, tzinfo=UTC), limit=10_000)
    answers = [(r.id, ANSWERS.get(r.kind, {"ok": True})) for r in rows]
    with store.atomic():
        store.outbox.mark_sent_many(answers, now=now)
    store.outbox.compact_delivered()  # as the application does after every drain


def breakdown(path: str) -> dict[str, int]:
    """Bytes per table (its indexes included) of the store file."""
    conn = sqlite3.connect(path)
    try:
        tables = {
            str(name): str(table)
            for name, table in conn.execute("SELECT name, tbl_name FROM sqlite_master")
        }
        sizes: dict[str, int] = {}
        for name, size in conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
            table = tables.get(str(name), str(name))
            sizes[table] = sizes.get(table, 0) + int(size)
        return dict(sorted(sizes.items(), key=lambda kv: -kv[1]))
    finally:
        conn.close()


def run() -> Iterator[Figure]:
    """Fill a store with realistic cases, VACUUM it, and yield its size per case."""
    path = data_dir() / "bench-store-size.sqlite3"
    store = Store(path)
    fill(store, CASES)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.conn.execute("VACUUM")
    store.close()
    size = path.stat().st_size
    yield figure(f"store size per case ({CASES} cases, VACUUMed)", size / CASES, "B", BUDGET_BYTES)
    for table, bytes_ in breakdown(str(path)).items():
        if bytes_ / size >= 0.01:
            yield figure(f"store size per case: {table}", bytes_ / CASES, "B")
