"""Local store figures: saving a case with its proofs (each case-service action is one
transaction on a real WAL file) and audit-chain verification throughput.

Run: ``python -m benchmarks store``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta, timezone
from typing import Any

from benchmarks import Figure, figure, percentile
from clerkapp.app.case_service import CaseService
from clerkapp.app.clock import SteppingClock
from clerkapp.core.case import Decision
from clerkapp.core.idnumber import make_id_number
from clerkapp.core.platform_types import (
    LookupAnswer,
    Provenance,
    VerificationState,
    VerificationStatus,
)
from clerkapp.infra.catalogue_io import bundled_path, read_catalogue
from clerkapp.infra.paths import data_dir, resources_dir
from clerkapp.infra.store import Store

CASES = 200
MATTER = "zjj.public_rental"
RECORDS: dict[str, tuple[str, dict[str, Any] | None]] = {
    f"{MATTER}.family_economic": ("family_economic.status", {"monthly_income_per_capita": 1800}),
    f"{MATTER}.social_insurance": ("social_insurance.person", {"months_contributed": 40}),
    f"{MATTER}.vehicle": ("vehicle.ownership", None),
}
HOMESTEAD = f"{MATTER}.homestead"
SAVE_BUDGET_MS = 20.0  # p95 of one case action (load, change, save, audit, outbox)
VERIFY_BUDGET = 20_000.0  # audit entries verified per second, at least


def _answer(item: str, record: dict[str, Any] | None) -> LookupAnswer:
    provenance = Provenance("基准登记", item.split(".")[0], "2026-11-26T00:00:00+08:00", "R-1")
    return LookupAnswer(item, record is not None, record, provenance)


def _timed(samples: list[float], action: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = action()
    samples.append((time.perf_counter() - start) * 1000)
    return result


def _one_case(svc: CaseService, applicant: str, samples: list[float]) -> str:
    """One case through the service, each action timed into ``samples``; the case's id."""
    case = _timed(
        samples, lambda: svc.open_case(MATTER, "person", applicant, "基准申请人", "bench")
    )
    identity = _timed(samples, lambda: svc.begin_identity_check(case.id, "bench"))
    registered = _answer("population.basic", {"name": "基准申请人", "alive": True})
    _timed(
        samples,
        lambda: svc.record_lookup_answer(
            case.id, identity.payload["proof_code"], registered, outbox_id=identity.id
        ),
    )
    rows = _timed(samples, lambda: svc.begin_lookups(case.id, "bench"))
    for row in rows:
        code = row.payload["proof_code"]
        item, record = RECORDS[code]
        reply, row_id = _answer(item, record), row.id
        start = time.perf_counter()
        svc.record_lookup_answer(case.id, code, reply, outbox_id=row_id)
        samples.append((time.perf_counter() - start) * 1000)
    request = _timed(samples, lambda: svc.request_verification(case.id, HOMESTEAD, "bench"))
    ticket = f"T-{case.id}"
    _timed(
        samples,
        lambda: svc.record_verification_ticket(case.id, HOMESTEAD, ticket, outbox_id=request.id),
    )
    answered = VerificationStatus(ticket, VerificationState.ANSWERED, confirmed=True)
    _timed(samples, lambda: svc.record_verification_status(case.id, HOMESTEAD, answered))
    _timed(samples, lambda: svc.decide(case.id, Decision.APPROVE, None, "bench"))
    return str(case.id)


def run() -> Iterable[Figure]:
    """Yield the store figures."""
    path = bundled_path()
    catalogue = read_catalogue(
        path if path.exists() else resources_dir() / "catalogue" / "canonical.json", full=False
    )
    store = Store(data_dir() / "bench-store.sqlite3")
    clock = SteppingClock(datetime(2026, 11, 27, 9, 0, tzinfo=timezone(timedelta(hours=8))))
    svc = CaseService(store, catalogue, clock, workstation="BENCH-01")
    samples: list[float] = []
    cycles: list[float] = []
    for n in range(CASES):
        applicant = make_id_number("330702", date(1980, 1, 1) + timedelta(days=n), n % 1000)
        start = time.perf_counter()
        _one_case(svc, applicant, samples)
        cycles.append((time.perf_counter() - start) * 1000)
    yield figure("store.case_action_p50", percentile(samples, 50), "ms")
    yield figure("store.case_action_p95", percentile(samples, 95), "ms", SAVE_BUDGET_MS)
    yield figure("store.case_cycle_p50", percentile(cycles, 50), "ms")
    yield figure("store.case_cycle_p95", percentile(cycles, 95), "ms")

    entries = store.audit.count()
    start = time.perf_counter()
    report = store.audit.verify()
    elapsed = time.perf_counter() - start
    if not report.ok or report.intact != entries:
        raise RuntimeError(f"audit chain broken in the benchmark: {report}")
    yield figure("store.audit_entries", entries, "entries")
    yield figure(
        "store.audit_verify_rate",
        entries / elapsed,
        "entries/s",
        VERIFY_BUDGET,
        higher_is_better=True,
    )
    store.close()
