"""`audit verify` over a year of a window (issue 13): the full check of 1.1 million keyed audit
entries (goal ≥ 300,000 entries/s) and the start-up check — only the entries since the last
verified point — after a day's 1,000 new entries. The chain is built in bulk as the trail writes
it (:func:`benchmarks.store_builder.build_audit`). CPU seconds are given beside the wall time
(the machine may be shared).

Run: ``python -m benchmarks audit_verify``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from benchmarks import Figure, figure
from benchmarks.store_builder import build_audit
from clerkapp.infra.paths import data_dir
from clerkapp.infra.store import Store

ENTRIES = 1_100_000
DAY = 1_000
RATE_GOAL = 300_000.0
START_GOAL_MS = 100.0  # a day's entries checked at start-up (DESIGN §5: no noticeable wait)


def run() -> Iterator[Figure]:
    """Build the chain, then time the full check and the start-up check."""
    store = Store(data_dir() / "bench-audit-verify.sqlite3")
    t0 = time.perf_counter()
    build_audit(store, ENTRIES)
    yield figure(f"audit: build {ENTRIES:,} entries (bulk)", time.perf_counter() - t0, "s")
    wall, cpu = time.perf_counter(), time.process_time()
    report = store.audit.verify()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if not report.ok or report.intact != ENTRIES:
        raise RuntimeError(f"audit chain broken in the benchmark: {report}")
    yield figure(f"audit verify, full, {ENTRIES:,} entries", wall, "s")
    yield figure("audit verify, full: CPU", cpu, "s")
    yield figure(
        "audit verify, full: entries/s", ENTRIES / wall, "entries/s", RATE_GOAL,
        higher_is_better=True,
    )  # fmt: skip
    yield figure("audit verify, full: entries per CPU second", ENTRIES / cpu, "entries/s")
    first = time.perf_counter()
    store.audit.verify_at_start()  # no verified point yet: the whole trail, and the point set
    yield figure("audit verify at start-up, first (whole trail)", time.perf_counter() - first, "s")
    build_audit(store, DAY)
    start = time.perf_counter()
    report = store.audit.verify_at_start()
    elapsed = (time.perf_counter() - start) * 1000
    if not report.ok or report.since != ENTRIES:
        raise RuntimeError(f"the start-up check did not start at the point: {report}")
    yield figure(
        f"audit verify at start-up, {DAY:,} new entries after {ENTRIES:,}",
        elapsed,
        "ms",
        START_GOAL_MS,
    )
    store.close()
