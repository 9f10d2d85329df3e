"""Find a case in 100,000 and 1,000,000 cases (issue 13, DESIGN.md §5: ≤ 5 ms and ≤ 20 ms):
one page (50 rows, newest first) found by name (its first character, two characters, the whole
name), the last four characters of the ID number, 文号, 查询码, the full ID number (keyed hash),
the case number and nothing typed — each through the search the case list runs
(:func:`clerkapp.app.case_search.search`), on a real WAL store built in bulk
(:mod:`benchmarks.store_builder`: the rows the code writes, in one transaction per 50,000).

p50 and p95 per kind and size; each sample is the median of three runs (the machine is
shared: one preemption is not search time). ``CLERKAPP_BENCH_CASES`` (e.g. ``100000``) limits
the sizes measured.

Run: ``python -m benchmarks case_search``.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator
from datetime import date

from benchmarks import Figure, figure, percentile
from benchmarks.store_builder import FAMILY, build_cases, catalogue
from clerkapp.app.case_search import search
from clerkapp.core.catalogue import Catalogue
from clerkapp.infra.paths import data_dir
from clerkapp.infra.store import Store

#: Store sizes and the p95 goal at each (DESIGN.md §5).
SIZES = {100_000: 5.0, 1_000_000: 20.0}
QUERIES = 200  # per kind
TODAY = date(2026, 12, 7)
LABELS = {
    "family": "family name (1 character)",
    "name": "name start (2 characters)",
    "full_name": "whole name",
    "tail": "last 4 of the ID number",
    "doc": "文号",
    "code": "查询码",
    "id": "full ID number",
    "case": "办件编号",
}


def _timed(run: Callable[[], object], rounds: int = 3) -> float:
    """The median of ``rounds`` runs, in ms."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[rounds // 2]


def _sizes() -> dict[int, float]:
    wanted = os.environ.get("CLERKAPP_BENCH_CASES")
    if not wanted:
        return SIZES
    chosen = {int(n) for n in wanted.split(",")}
    return {n: goal for n, goal in SIZES.items() if n in chosen} or {
        n: 20.0 for n in sorted(chosen)
    }


def run() -> Iterator[Figure]:
    """For each size: build the store in bulk, then time one page of each kind of search."""
    cat = catalogue()
    for size, goal in _sizes().items():
        yield from _one_size(cat, size, goal)


def _one_size(cat: Catalogue, size: int, goal: float) -> Iterator[Figure]:
    """Build a store of ``size`` cases and time each kind of search in it."""
    path = data_dir() / f"bench-case-search-{size}.sqlite3"
    store = Store(path)
    t0 = time.perf_counter()
    built = build_cases(store, size, samples=QUERIES)
    yield figure(f"case search: build {size:,} cases (bulk)", time.perf_counter() - t0, "s")
    gc.collect()
    worst = 0.0
    samples = {**built.samples, "family": list(FAMILY)}
    for kind, label in LABELS.items():
        texts = samples[kind]
        # A search that finds nothing would time nothing: each sample must find its case.
        missed = [t for t in texts[:20] if not search(store, cat, TODAY, t).cases]
        if missed:
            raise RuntimeError(f"case search by {label} found nothing for {len(missed)}")
        times = [_timed(lambda t=t: search(store, cat, TODAY, t)) for t in texts]
        p95 = percentile(times, 95)
        if kind in ("family", "name", "full_name", "tail", "doc", "code"):
            worst = max(worst, p95)
        yield figure(f"case search p50, {label}, {size:,} cases", percentile(times, 50), "ms")
        yield figure(f"case search p95, {label}, {size:,} cases", p95, "ms", goal)
    recent = [_timed(lambda: search(store, cat, TODAY, "")) for _ in range(50)]
    yield figure(
        f"case search p95, recent list (nothing typed), {size:,} cases",
        percentile(recent, 95),
        "ms",
        goal,
    )
    first = search(store, cat, TODAY, "王")
    later = [_timed(lambda: search(store, cat, TODAY, "王", after=first.next_page))]
    yield figure(f"case search, second page of 王, {size:,} cases", later[0], "ms", goal)
    yield figure(
        f"case search, worst p95 of name / last 4 / 文号 / 查询码, {size:,} cases",
        worst,
        "ms",
        goal,
    )
    store.close()
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
