"""Issue 12: case summaries on the platform's office-wide database and the office figures,
against a real sandbox over HTTP on both engines (SQLite and a real PostgreSQL server) — the
figures of a dataset whose answers are worked out by hand, the summary applied once whatever
the retries and their order, nothing personal in the database, the purpose bound."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from clerkapp.app.clock import SteppingClock
from clerkapp.app.outbox_send import SUPERVISION_PURPOSE
from clerkapp.app.sync import SyncWorker
from clerkapp.core.case import Decision
from clerkapp.core.office_time import zone_named
from clerkapp.core.platform_types import CreditStatus
from clerkapp.core.satisfaction import SatisfactionLevel
from clerkapp.infra.platform import CallContext
from clerkapp.sandbox import rollups
from clerkapp.sandbox.platform_db import PlatformDb
from clerkapp.sandbox.platform_schema import MIGRATIONS
from clerkapp.sandbox.summary_rows import SUMMARY_COLUMNS, summary_row, upsert_sql
from tests.integration.case_fixtures import (
    OTHER_ID,
    PERSON_ID,
    RENTAL,
    START,
    STROKES,
    SURVIVOR,
    SURVIVOR_RELATED,
    confirm_identity,
    png,
    sandbox_client,
    service,
)
from tests.platform_db_fixture import (
    ENGINES,
    drop_database,
    engine_url,
    fresh_database,
    platform,
    postgres_url,
)
from tests.sandbox_fixture import OTHER_SECRET, OTHER_WORKSTATION, SandboxHandle, sign_headers

__all__ = ["engine_url", "platform", "postgres_url"]

OFFICE = "测试局"
MARRIAGE = f"{SURVIVOR}.marriage"
ZONE = zone_named("Asia/Shanghai")
CLEAR = CreditStatus(listed=False, list_version="2026-11-26")
PURPOSE = "supervision"


def _summary(case_id: str, seq: int, state: str, opened: str, **more: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "case_id": case_id,
        "seq": seq,
        "event": state,
        "matter": "zjj.public_rental",
        "office": OFFICE,
        "window": "TRAIN-01",
        "clerk": "wang",
        "state": state,
        "opened_at": opened,
        "at": more.pop("at", opened),
        "proofs": [],
    }
    body.update(more)
    return body


def _send(platform: SandboxHandle, body: dict[str, Any], *, key: str | None = None, **kw: Any):
    return platform.call(
        "POST",
        "/api/v1/case-summaries",
        body,
        purpose=PURPOSE,
        case="-",
        register=False,
        idempotency_key=key,
        **kw,
    )


def _figures(platform: SandboxHandle, query: str) -> dict[str, Any]:
    answer = platform.call(
        "GET", f"/api/v1/office/figures?{query}", purpose=PURPOSE, case="-", register=False
    )
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


# The dataset (office days in +08:00; the period is November 2026, judged on 2026-11-10):
# A  decided at the counter in 20 minutes; a look-up, a dropped proof, a pledge; 非常满意
# B  (another window) refused at the counter after an hour; a paper proof, a denied
#    verification; 不满意
# C  accepted (承诺件), approved two days later, before its promised day; a confirmed
#    verification; 满意
# D  accepted, pending, promised 11-06: overdue on 11-10
# E  accepted, pending, promised 11-11: 超期预警 on 11-10
# F  opened in December: outside the period
A = _summary(
    "A-1",
    2,
    "approved",
    "2026-11-02T09:00:00+08:00",
    decision="approve",
    decided_at="2026-11-02T09:20:00+08:00",
    promised_date="2026-11-02",
    proofs=[
        {"code": "p1", "method": "data_query", "state": "satisfied"},
        {"code": "p2", "method": "dropped", "state": "waived"},
        {"code": "p3", "method": "pledge", "state": "pledged"},
    ],
    pledges=[{"proof_code": "p3", "subject": PERSON_ID, "signed_at": "2026-11-02T09:10:00+08:00"}],
    rating="very_satisfied",
    rated_at="2026-11-02T09:21:00+08:00",
)
B = _summary(
    "B-1",
    1,
    "refused",
    "2026-11-02T10:00:00+08:00",
    window=OTHER_WORKSTATION,
    decision="refuse",
    decided_at="2026-11-02T11:00:00+08:00",
    promised_date="2026-11-02",
    proofs=[
        {"code": "p1", "method": "data_query", "state": "paper_checked"},
        {"code": "p4", "method": "dept_verify", "state": "denied"},
    ],
    rating="dissatisfied",
)
C = _summary(
    "C-1",
    3,
    "approved",
    "2026-11-03T09:00:00+08:00",
    clerk="li",
    decision="approve",
    accepted_at="2026-11-03T09:10:00+08:00",
    decided_at="2026-11-05T09:10:00+08:00",
    promised_date="2026-11-06",
    proofs=[{"code": "p4", "method": "dept_verify", "state": "confirmed"}],
    rating="satisfied",
)
D = _summary(
    "D-1",
    1,
    "accepted",
    "2026-11-04T09:00:00+08:00",
    accepted_at="2026-11-04T09:05:00+08:00",
    promised_date="2026-11-06",
    proofs=[{"code": "p4", "method": "dept_verify", "state": "awaiting_dept"}],
)
E = _summary(
    "E-1",
    1,
    "accepted",
    "2026-11-04T15:00:00+08:00",
    accepted_at="2026-11-04T15:05:00+08:00",
    promised_date="2026-11-11",
)
F = _summary(
    "F-1",
    1,
    "approved",
    "2026-12-01T09:00:00+08:00",
    decision="approve",
    decided_at="2026-12-01T09:05:00+08:00",
)


@pytest.fixture(scope="module")
def loaded(platform: SandboxHandle) -> SandboxHandle:
    """The dataset above, sent as the workstations would (B from the other workstation), with
    A's first summary arriving late (after its second) and sent twice."""
    early_a = _summary("A-1", 1, "open", A["opened_at"], proofs=A["proofs"])
    for body in (A, C, D, E, F):
        assert _send(platform, body).status_code == 201
    answer = _send(platform, B, workstation=OTHER_WORKSTATION, secret=OTHER_SECRET)
    assert answer.status_code == 201, answer.text
    for _ in range(2):  # a late, repeated first summary changes nothing
        assert _send(platform, early_a).status_code == 201
    return platform


def test_the_office_figures_of_a_known_dataset(loaded: SandboxHandle) -> None:
    figures = _figures(loaded, f"period=2026-11&office={OFFICE}&as_of=2026-11-10")
    assert figures["cases"] == 5
    assert figures["concluded"] == 3 and figures["pending"] == 2
    assert figures["on_the_spot"] == 2 and figures["on_the_spot_share"] == 0.6667
    assert figures["half_hour"] == 1 and figures["half_hour_share"] == 0.3333
    # From acceptance to decision: 20 min, 60 min, 2 days (C from its 受理 at 09:10).
    assert figures["decision_time_s"] == {"count": 3, "mean": 59200.0, "p90": 172800}
    assert figures["proofs_not_demanded"] == {
        "dropped": 1,
        "pledge": 1,
        "data_query": 1,
        "dept_verify": 2,
        "total": 5,
    }
    assert figures["proofs_on_paper"] == 1
    assert figures["trips_saved"] == 5 and figures["pledges"] == 1
    assert figures["ratings"] == {
        "count": 3,
        "satisfied": 2,
        "dissatisfied": 1,
        "satisfaction_rate": 0.6667,
    }
    assert figures["overdue"] == {"pending_past_due": 1, "due_soon": 1, "concluded_late": 0}


def test_the_figures_of_one_window_one_clerk_one_day(loaded: SandboxHandle) -> None:
    window = _figures(loaded, f"period=2026-11&window={OTHER_WORKSTATION}&as_of=2026-11-10")
    assert window["cases"] == 1 and window["concluded"] == 1
    assert window["decision_time_s"] == {"count": 1, "mean": 3600.0, "p90": 3600}
    assert window["ratings"]["satisfaction_rate"] == 0.0
    clerk = _figures(loaded, "period=2026-11-01..2026-11-30&clerk=li&as_of=2026-11-10")
    assert clerk["cases"] == 1 and clerk["on_the_spot_share"] == 0.0
    day = _figures(loaded, "period=2026-11-02&as_of=2026-11-10")
    assert day["cases"] == 2 and day["trips_saved"] == 4
    december = _figures(loaded, "period=2026-12&as_of=2026-12-10")
    assert december["cases"] == 1 and december["half_hour_share"] == 1.0
    empty = _figures(loaded, "period=2025&as_of=2026-11-10")
    assert empty["cases"] == 0 and empty["on_the_spot_share"] is None
    assert empty["decision_time_s"] == {"count": 0, "mean": None, "p90": None}


def test_a_summary_is_applied_once_and_the_latest_holds(loaded: SandboxHandle) -> None:
    db = loaded.state.platform_db
    [(seq, state)] = db.query(
        "SELECT seq, state FROM case_summaries WHERE workstation = ? AND case_id = ?",
        ["TRAIN-01", "A-1"],
    )
    assert (seq, state) == (2, "approved")
    events = db.query("SELECT seq FROM summary_events WHERE case_id = ? ORDER BY seq", ["A-1"])
    assert events == [(1,), (2,)]
    # The same operation again (a retry with its key) is answered, not applied twice.
    body = _summary("G-1", 1, "open", "2026-11-06T09:00:00+08:00")
    first = _send(loaded, body, key="retry-key-g1")
    again = _send(loaded, body, key="retry-key-g1")
    assert first.status_code == again.status_code == 201
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert db.query("SELECT count(*) FROM summary_events WHERE case_id = ?", ["G-1"]) == [(1,)]
    # Another body under the same key is a conflict; a request id is spent once.
    other = _send(loaded, {**body, "seq": 2}, key="retry-key-g1")
    assert other.status_code == 422 and other.json()["code"] == "idempotency_conflict"
    path = "/api/v1/office/figures"
    signed = sign_headers(
        "GET",
        path,
        b"",
        workstation=loaded.workstation,
        secret=loaded.secret,
        official="chief",
        purpose=PURPOSE,
        case="-",
    )
    first_read = loaded.http.get(f"{loaded.url}{path}?period=2026-11", headers=signed, timeout=10)
    replayed = loaded.http.get(f"{loaded.url}{path}?period=2026-11", headers=signed, timeout=10)
    assert first_read.status_code == 200
    assert replayed.status_code == 401 and replayed.json()["code"] == "replayed"


def test_nothing_personal_is_kept_and_pledges_carry_the_platform_key(
    loaded: SandboxHandle,
) -> None:
    db = loaded.state.platform_db
    [(subject_hash, proof)] = db.query(
        "SELECT subject_hash, proof_code FROM summary_pledges WHERE case_id = ?", ["A-1"]
    )
    assert proof == "p3"
    assert subject_hash == loaded.state.audit.subject_hash(PERSON_ID)
    assert PERSON_ID not in subject_hash
    rows = db.query(f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM case_summaries")
    pledges = db.query("SELECT * FROM summary_pledges")
    calls = db.query("SELECT * FROM platform_audit")
    answers = db.query("SELECT body FROM platform_answers")
    assert ("TRAIN-01", "case_summary", "201") in {(r[1], r[6], r[7]) for r in calls}
    dumped = json.dumps([rows, pledges, calls, answers], ensure_ascii=False, default=str)
    assert PERSON_ID not in dumped and OTHER_ID not in dumped
    assert PERSON_ID not in (loaded.data_dir / "audit.jsonl").read_text(encoding="utf-8")


def test_the_supervision_purpose_is_bound_to_its_endpoints(platform: SandboxHandle) -> None:
    body = _summary("H-1", 1, "open", "2026-11-06T09:00:00+08:00")
    wrong = platform.call(
        "POST",
        "/api/v1/case-summaries",
        body,
        purpose="matter:zjj.public_rental",
        case="H-1",
    )
    assert wrong.status_code == 403 and wrong.json()["code"] == "purpose_not_allowed"
    elsewhere = platform.call(
        "POST",
        "/api/v1/lookups",
        {"item": "population.basic", "subject": {"id_number": PERSON_ID}, "fields": []},
        purpose=PURPOSE,
        case="-",
        register=False,
    )
    assert elsewhere.status_code == 403 and elsewhere.json()["code"] == "purpose_not_allowed"
    bad_period = platform.call(
        "GET", "/api/v1/office/figures?period=2026-13", purpose=PURPOSE, case="-", register=False
    )
    assert bad_period.status_code == 422 and bad_period.json()["code"] == "invalid_period"
    bad_time = _send(platform, {**body, "opened_at": "yesterday"})
    assert bad_time.status_code == 422


def test_the_schema_is_the_same_migrations_on_either_engine(platform: SandboxHandle) -> None:
    db = platform.state.platform_db
    assert db.versions() == [version for version, _, _ in MIGRATIONS]
    assert db.migrate(MIGRATIONS) == []  # a second worker finds them applied


def _rollup_rows(db: Any) -> set[tuple[Any, ...]]:
    figures = db.query("SELECT * FROM figures_daily")
    times = db.query("SELECT * FROM decision_times_daily")
    # A case that moved (another clerk, another day) leaves its old key at zero.
    return {("f", *r) for r in figures if any(r[4:])} | {("t", *r) for r in times if r[3]}


def test_the_rollups_kept_live_equal_a_rebuild_and_both_percentiles_agree(
    loaded: SandboxHandle,
) -> None:
    db = loaded.state.platform_db
    live = _rollup_rows(db)
    with db.transaction() as cur:
        for statement in rollups.REBUILD:
            cur.execute(statement)
    assert _rollup_rows(db) == live
    # The histogram's percentile (an office) and the exact one (a window) on the same cases.
    office = _figures(loaded, f"period=2026-11-02&office={OFFICE}&as_of=2026-11-10")
    window = _figures(loaded, "period=2026-11-02&window=TRAIN-01&as_of=2026-11-10")
    assert office["decision_time_s"]["p90"] == 3600 and window["decision_time_s"]["p90"] == 1200
    assert rollups.edge(3601) == 7200 and rollups.edge(61) == 120 and rollups.edge(0) == 0


@pytest.fixture(params=ENGINES)
def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty platform database of either engine."""
    if request.param == "sqlite":
        yield str(tmp_path / "platform.sqlite3")
        return
    admin: str = request.getfixturevalue("postgres_url")
    url, name = fresh_database(admin)
    try:
        yield url
    finally:
        drop_database(admin, name)


def test_an_older_database_is_migrated_and_its_summaries_rolled_up(empty_db: str) -> None:
    """A platform database of the first release (summaries, no rollups) gains the rollups at
    the next start, filled from the summaries it holds; workers starting together apply each
    migration once."""
    first = PlatformDb(empty_db)
    assert first.migrate(MIGRATIONS[:1]) == [1]
    row = summary_row("TRAIN-01", C, ZONE, datetime(2026, 11, 5, tzinfo=UTC))
    with first.transaction() as cur:
        cur.execute(upsert_sql(), row)
    together = [PlatformDb(empty_db) for _ in range(3)]
    with ThreadPoolExecutor(3) as pool:
        applied = list(pool.map(lambda db: db.migrate(MIGRATIONS), together))
    assert sorted(v for done in applied for v in done) == [2, 3]  # each once
    assert first.query("SELECT cases, concluded, sum_decision_s FROM figures_daily") == [
        (1, 1, 172800)
    ]
    assert first.query("SELECT edge_s, n FROM decision_times_daily") == [(172800, 1)]
    for db in (first, *together):
        db.close()


def test_workstation_cases_reach_the_figures_through_the_outbox(
    platform: SandboxHandle, tmp_path: Path
) -> None:
    """The case service queues a summary with every case event (in the action's transaction);
    the sync worker sends them; the supervisor's figures count them; the delivered rows keep
    no ID number."""
    clock = SteppingClock(START, timedelta(minutes=1))
    svc = service(tmp_path, clock)
    refused = svc.open_case(RENTAL, "person", OTHER_ID, "李明", "wang")
    confirm_identity(svc, refused.id)
    svc.decide(refused.id, Decision.REFUSE, "材料不全", "wang", override_reason="申请人要求")
    svc.rate_satisfaction(refused.id, SatisfactionLevel.VERY_SATISFIED, "wang")
    pledged = svc.open_case(SURVIVOR, "person", PERSON_ID, "王五", "zhao", related=SURVIVOR_RELATED)
    svc.record_credit(pledged.id, CLEAR)
    svc.sign_pledge(pledged.id, MARRIAGE, STROKES, png(), "zhao")
    confirm_identity(svc, pledged.id)
    svc.decide(pledged.id, Decision.REFUSE, "材料不全", "zhao", override_reason="申请人要求")
    cases = (refused.id, pledged.id)
    rows = [r for c in cases for r in svc.store.outbox.for_case(c) if r.kind == "case_summary"]
    assert [r.payload["event"] for r in rows if r.case_id == refused.id] == [
        "opened",
        "refused",
        "rated",
    ]
    assert [r.payload["seq"] for r in rows if r.case_id == pledged.id] == [1, 2]

    SyncWorker(svc.store, svc, sandbox_client(platform), clock).drain()
    delivered = [r for c in cases for r in svc.store.outbox.for_case(c) if r.kind == "case_summary"]
    assert {r.state for r in delivered} == {"sent"}
    assert PERSON_ID not in json.dumps([r.payload for r in delivered], ensure_ascii=False)

    client = sandbox_client(platform)
    context = CallContext("chief", SUPERVISION_PURPOSE, "-")
    office = svc.catalogue.matters[RENTAL].department
    figures = client.office_figures("2026-11-27", context=context, as_of="2026-11-27")
    assert figures["cases"] == 2 and figures["concluded"] == 2
    assert figures["on_the_spot"] == 2 and figures["pledges"] == 1
    assert figures["ratings"] == {
        "count": 1,
        "satisfied": 1,
        "dissatisfied": 0,
        "satisfaction_rate": 1.0,
    }
    mine = client.office_figures("2026-11", context=context, clerk="zhao", as_of="2026-11-27")
    assert mine["cases"] == 1 and mine["ratings"]["count"] == 0
    rental = client.office_figures("2026-11", context=context, office=office, as_of="2026-11-27")
    assert rental["cases"] == 1 + (svc.catalogue.matters[SURVIVOR].department == office)
    [(stored_hash,)] = platform.state.platform_db.query(
        "SELECT subject_hash FROM summary_pledges WHERE case_id = ?", [pledged.id]
    )
    assert stored_hash == platform.state.audit.subject_hash(PERSON_ID)
