"""Keep only what is needed (issue 11): a case run end to end against the sandbox over HTTP
with a real store file — its delivered outbox rows keep no ID number (looked for in the raw
bytes of the SQLite file, freed space included), and once the case has been closed longer than
the retention period its platform answers are reduced, audited as a count, while the case stays
decidable and its issued decision reprints."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from clerkapp.app.context import AppContext
from clerkapp.app.documents import DocumentDesk
from clerkapp.app.retention import WATERMARK, apply_answer_retention
from clerkapp.app.sync import SyncWorker
from clerkapp.core.case import Case, CaseState, ProofState
from clerkapp.infra.documents import DocumentKind
from clerkapp.infra.settings import WorkstationSettings
from clerkapp.infra.store.outbox_scrub import hashed
from clerkapp.sandbox.demo import WANG_FANG
from tests.integration.case_fixtures import RENTAL, catalogue, sandbox_client
from tests.integration.documents_cases import pdf_text
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401  (the fixture)

pytestmark = pytest.mark.sandbox

CLERK = "wangxiao"


class Clock:
    """A clock the test moves (leases and retention periods pass when it says so)."""

    def __init__(self) -> None:
        self.now = datetime.now().astimezone()

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def office(tmp_path: Path, sandbox: SandboxHandle) -> Iterator[tuple[AppContext, Clock]]:  # noqa: F811
    clock = Clock()
    context = AppContext(
        tmp_path / "home", clock=clock, settings=WorkstationSettings(), catalogue=catalogue()
    )
    context.use_platform_url(sandbox.url)
    try:
        yield context, clock
    finally:
        context.close()


def _refused_case(context: AppContext, clock: Clock, sandbox: SandboxHandle) -> Case:  # noqa: F811
    """王芳's 公共租赁住房 application: the identity question and the look-ups sent by the sync
    worker to the sandbox, refused (a car in his name), the refusal notice printed."""
    service = context.case_service
    case = service.open_case(RENTAL, "person", WANG_FANG, "王芳", clerk=CLERK)
    service.begin_lookups(case.id, CLERK)
    clock.now += timedelta(minutes=1)  # past the fan-out's lease: the sync worker sends them
    with sandbox_client(sandbox) as client:
        worker = SyncWorker(context.store, service, client, clock)
        worker.drain()
        case = service.get_case(case.id)
        assert case.identity_outcome.value == "matched"
        assert case.proofs[f"{RENTAL}.vehicle"].state is ProofState.NOT_SATISFIED
        case = service.decide(case.id, "refuse", None, CLERK)
        assert case.state is CaseState.REFUSED
        desk = DocumentDesk.for_context(context)
        built = desk.build(case.id, DocumentKind.REFUSAL, CLERK)
        desk.record(built, CLERK)
        worker.drain()  # the decision's progress event
    assert context.store.outbox.pending_count() == 0
    return case


def _without_cases(db_file: Path, tmp_path: Path) -> bytes:
    """The bytes of a copy of the store file once its cases are deleted (deleted content is
    zeroed: ``secure_delete``): what of the file is *not* the cases table, free space included."""
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(db_file, copy)
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM cases")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return copy.read_bytes()


def test_delivered_rows_keep_no_id_number_not_even_in_the_file_bytes(
    office: tuple[AppContext, Clock],
    sandbox: SandboxHandle,  # noqa: F811
    tmp_path: Path,
) -> None:
    context, clock = office
    case = _refused_case(context, clock, sandbox)
    store = context.store
    rows = store.outbox.for_case(case.id)
    assert {r.kind for r in rows} >= {"lookup", "progress_register", "progress_event"}
    assert all(r.state == "sent" for r in rows)
    about_her = hashed({"id_number": WANG_FANG}, store.subject_salt())
    for row in rows:
        stored = json.dumps([row.payload, row.answer], ensure_ascii=False)
        assert WANG_FANG not in stored and "王芳" not in stored
        if row.kind == "lookup":
            # kept: whom it was about as a keyed hash, what the rest of the app reads
            assert row.payload["subject"] == about_her and row.payload["proof_code"]
            assert row.answer is not None and set(row.answer["record"]) == {"hmac"}
            assert row.answer["provenance"]["receipt_id"].startswith("RC")
    # the raw file: the number is there (the case file needs it) but nowhere outside the cases
    # table, not in free space either (the rows held it in clear before they were delivered)
    with store.read():
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = store.path.read_bytes()
    assert WANG_FANG.encode() in raw
    assert WANG_FANG.encode() not in _without_cases(store.path, tmp_path)


def test_an_old_closed_case_keeps_what_its_decision_needs_and_still_reprints(
    office: tuple[AppContext, Clock],
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    context, clock = office
    case = _refused_case(context, clock, sandbox)
    store, service = context.store, context.case_service
    desk = DocumentDesk.for_context(context)
    income = f"{RENTAL}.family_economic"
    vehicle = f"{RENTAL}.vehicle"
    before = service.get_case(case.id)
    fact = before.proofs[income].evidence
    assert fact is not None and "元" in fact.detail  # the family's income, as answered
    ground = before.proofs[vehicle].evidence
    assert ground is not None and ground.detail
    recommended = before.recommend()

    assert context.apply_retention() == 0  # closed today: within the period
    clock.now += timedelta(days=366)
    # the next start: the workstation's sync worker starts, retention runs first
    assert context.start_sync() is not None
    context.stop_sync()
    entries = [e for e in store.audit.entries() if e.action == "answers_reduced"]
    assert [(e.case_id, e.data) for e in entries] == [(None, {"cases": 1, "retention_days": 365})]
    assert store.audit.verify().ok

    after = service.get_case(case.id)
    # the decision and what it rests on: states, sources, as-of times, receipts
    assert after.state is CaseState.REFUSED and after.decision == before.decision
    assert after.recommend() == recommended
    for code, proof in before.proofs.items():
        kept = after.proofs[code]
        assert kept.state is proof.state
        if proof.evidence is not None:
            assert kept.evidence is not None
            assert (kept.evidence.source, kept.evidence.as_of, kept.evidence.receipt_id) == (
                proof.evidence.source,
                proof.evidence.as_of,
                proof.evidence.receipt_id,
            )
    reduced = after.proofs[income].evidence
    assert reduced is not None and reduced.detail == "符合条件"  # the income itself is gone
    assert after.proofs[vehicle].evidence == ground  # the refusal's ground, word for word
    assert after.identity_outcome is before.identity_outcome
    with store.read():
        [text] = store.conn.execute("SELECT json FROM cases WHERE id = ?", (case.id,)).fetchone()
    assert fact.detail not in text

    # the issued refusal notice reprints: same number, a 副本, the same ground and sources
    reprint = desk.build(case.id, DocumentKind.REFUSAL, CLERK)
    [issued] = [d for d in service.documents_of(case.id) if d.copy_no == 1]
    assert reprint.number == issued.number and reprint.copy_number == 2
    text = pdf_text(reprint.pdf)
    assert ground.detail in text and "符合条件" in text and fact.detail not in text
    assert reduced.receipt_id is not None and reduced.receipt_id in text
    desk.record(reprint, CLERK)

    # done once: a later run has nothing left to do and audits nothing
    assert context.apply_retention() == 0
    assert len([e for e in store.audit.entries() if e.action == "answers_reduced"]) == 1
    assert store.meta(WATERMARK) is not None


def test_retention_leaves_open_and_recent_cases_alone(tmp_path: Path) -> None:
    from clerkapp.infra.store import Store
    from tests.integration.documents_cases import NOW, approved_case, open_case, refused_case

    cat = catalogue()
    store = Store(tmp_path / "s.sqlite3")
    cases = [open_case(cat, RENTAL), approved_case(cat), refused_case(cat)]
    for case in cases:
        store.cases.insert(case, clerk=CLERK, workstation="TRAIN-01")
    stored = {c.id: store.cases.load(c.id).to_dict() for c in cases}
    run = apply_answer_retention(store, NOW + timedelta(days=30), 365)
    assert (run.reduced, run.examined) == (0, 0)
    assert {c.id: store.cases.load(c.id).to_dict() for c in cases} == stored
    # a shorter period (the setting changed): the two closed cases, not the open one
    run = apply_answer_retention(store, NOW + timedelta(days=30), 7)
    assert run.examined == 2
    assert store.cases.load(cases[0].id).to_dict() == stored[cases[0].id]
    store.close()


def test_settings_read_the_retention_period(clerkapp_home: Path) -> None:
    from clerkapp.infra.settings import load_settings, settings_path

    settings_path().write_text(json.dumps({"answer_retention_days": 90}), encoding="utf-8")
    assert load_settings().answer_retention_days == 90
    for wrong in (0, -5, "90", True, 1.5):
        settings_path().write_text(json.dumps({"answer_retention_days": wrong}), encoding="utf-8")
        assert load_settings().answer_retention_days == 365
