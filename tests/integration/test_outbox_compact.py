"""Issue 13 (store size per case): delivered outbox rows compacted — bodies go, and nothing
idempotency, exactly-once, the look-ups' numbering, the identity question, the provisional
QR, the sync report or the audit anchors read is lost; migration 10 compacts a store written
before and keeps every case as it was."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

from clerkapp.app.audit_anchor import enqueue_if_moved
from clerkapp.app.case_service import CaseService
from clerkapp.app.identity_check import identity_rows
from clerkapp.core.identity import IDENTITY_CHECK
from clerkapp.infra.store import Store
from clerkapp.infra.store.migrations import LATEST
from clerkapp.infra.store.outbox import OutboxKind
from clerkapp.infra.store.outbox_compact import compact_answer
from tests.integration.case_fixtures import PERSON_ID, RENTAL, START, answer, service

RECORDS = {
    f"{RENTAL}.family_economic": ("family_economic.status", {"monthly_income_per_capita": 1800}),
    f"{RENTAL}.social_insurance": ("social_insurance.person", {"months_contributed": 40}),
    f"{RENTAL}.vehicle": ("vehicle.ownership", None),
}


def _case(svc: CaseService) -> str:
    """A case with its identity question and look-ups answered, every other row delivered."""
    case = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    identity = svc.begin_identity_check(case.id, "wang")
    found = answer("population.basic", {"name": "张三", "alive": True}, "公安户籍")
    svc.record_lookup_answer(case.id, IDENTITY_CHECK, found, outbox_id=identity.id)
    for row in svc.begin_lookups(case.id, "wang"):
        code = str(row.payload["proof_code"])
        if code in RECORDS:
            item, record = RECORDS[code]
            svc.record_lookup_answer(case.id, code, answer(item, record), outbox_id=row.id)
    open_rows = [r for r in svc.store.outbox.for_case(case.id) if r.state == "open"]
    with svc.store.atomic():
        svc.store.outbox.mark_sent_many(
            [(r.id, {"registered": True}) for r in open_rows], now=START
        )
    return case.id


def test_delivered_rows_keep_what_is_read_and_nothing_personal(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case_id = _case(svc)
    before = {r.id: r for r in svc.store.outbox.for_case(case_id)}
    assert svc.store.outbox.compact_delivered() == len(before)
    assert svc.store.outbox.compact_delivered() == 0  # once
    after = {r.id: r for r in svc.store.outbox.for_case(case_id)}
    assert after.keys() == before.keys()
    for row_id, row in after.items():
        old = before[row_id]
        assert (row.kind, row.idempotency_key, row.state, row.case_id, row.sent_at) == (
            old.kind, old.idempotency_key, old.state, old.case_id, old.sent_at,
        )  # fmt: skip
        assert row.payload.get("proof_code") == old.payload.get("proof_code")
        assert row.answer is not None and set(row.answer) == {"digest"}
        assert row.next_attempt_at is None
        stored = json.dumps([row.payload, row.answer], ensure_ascii=False)
        assert PERSON_ID not in stored and "张三" not in stored and "1800" not in stored
    # The same key again is still a no-op (exactly once): the delivered row comes back.
    first = next(iter(after.values()))
    again = svc.store.outbox.enqueue(
        first.kind, case_id, {"x": 1}, first.idempotency_key, now=START
    )
    assert again.id == first.id and len(svc.store.outbox.for_case(case_id)) == len(after)
    # The identity question and each look-up are still told by their proof (the numbering of
    # a look-up asked again counts the delivered ones).
    assert len(identity_rows(svc.store.outbox.for_case(case_id))) == 1
    code = f"{RENTAL}.vehicle"
    assert svc._count(case_id, OutboxKind.LOOKUP, code) == 1
    # The case is as it was: the answers live in the case, not in the outbox.
    assert svc.get_case(case_id).proofs[code].state.value == "satisfied"


def test_a_withdrawn_row_stays_withdrawn_in_the_sync_report(tmp_path: Path) -> None:
    cancelled = json.dumps({"cancelled": "case_withdrawn"})
    outcome = json.loads(compact_answer(cancelled))
    assert outcome["cancelled"] == "case_withdrawn" and len(outcome["digest"]) == 16
    assert compact_answer(compact_answer(cancelled)) == compact_answer(cancelled)


def test_an_anchor_is_not_queued_again_for_the_same_head(tmp_path: Path) -> None:
    with Store(tmp_path / "store.sqlite3") as store:
        store.audit.append("login", at=START, actor="wang")
        row = enqueue_if_moved(store, "TRAIN-01", START)
        assert row is not None
        with store.atomic():
            store.outbox.mark_sent(row.id, {"confirmed": True}, now=START)
        store.outbox.compact_delivered()
        kept = store.outbox.get(row.id)
        assert kept is not None and kept.payload["head"] == row.payload["head"]
        assert enqueue_if_moved(store, "TRAIN-01", START + timedelta(minutes=1)) is None


def test_migration_10_compacts_a_store_written_before(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case_id = _case(svc)
    case = svc.get_case(case_id)
    path = svc.store.path
    svc.store.close()
    conn = sqlite3.connect(path)
    # As an older version left it: spaced JSON, evidence copied, delivered bodies kept.
    conn.execute(
        "UPDATE cases SET json = ? WHERE id = ?",
        (json.dumps(case.to_dict(), ensure_ascii=False, sort_keys=True), case_id),
    )
    conn.execute('UPDATE proof_resolutions SET evidence = \'{"detail": "x"}\'')
    conn.execute("PRAGMA user_version = 9")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.schema_version == LATEST
        assert store.cases.load(case_id) == case
        text = store.conn.execute("SELECT json FROM cases WHERE id = ?", (case_id,)).fetchone()[0]
        assert '": ' not in text and '", "' not in text
        assert store.conn.execute(
            "SELECT count(*) FROM proof_resolutions WHERE evidence IS NOT NULL"
        ).fetchone() == (0,)
        assert store.conn.execute(
            "SELECT count(*) FROM outbox WHERE state = 'sent' AND next_attempt_at IS NOT NULL"
        ).fetchone() == (0,)
