"""Pledges bound to the catalogue text, credit checks, false-pledge reports, document numbers
and archived prints, and what survives a restart."""

from __future__ import annotations

import hashlib
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from clerkapp.app.case_support import operation_scope
from clerkapp.core.case import Decision, ProofState
from clerkapp.core.platform_types import CreditStatus, VerificationState, VerificationStatus
from clerkapp.errors import InvalidTransition, ValidationError
from clerkapp.infra.store import Store
from clerkapp.infra.store.pledges import signature_digest, text_digest
from tests.integration.case_fixtures import (
    PERSON_ID,
    RENTAL,
    STROKES,
    SURVIVOR,
    SURVIVOR_RELATED,
    answer,
    confirm_identity,
    png,
    service,
)

MARRIAGE = f"{SURVIVOR}.marriage"
NO_INCOME = f"{SURVIVOR}.no_income"
DEATH = f"{SURVIVOR}.death"
CLEAR = CreditStatus(listed=False, list_version="2026-11-26")
LISTED = CreditStatus(listed=True, list_version="2026-11-26", entry={"reason": "虚假承诺"})


def test_pledge_needs_credit_check_then_binds_text_time_and_signature(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(SURVIVOR, "person", PERSON_ID, "王五", "wang", related=SURVIVOR_RELATED)
    with pytest.raises(InvalidTransition) as info:
        svc.sign_pledge(case.id, MARRIAGE, STROKES, png(), "wang")
    assert "信用核查" in info.value.user_message
    assert svc.pledges_of(case.id) == []

    svc.record_credit(case.id, CLEAR)
    record = svc.sign_pledge(case.id, MARRIAGE, STROKES, png(), "wang")
    spec = svc.catalogue.proofs[MARRIAGE].pledge
    assert spec is not None
    assert record.pledge_text == spec.text and record.consequences == spec.consequences
    assert record.text_sha256 == text_digest(spec.text, spec.consequences)
    assert record.png_sha256 == hashlib.sha256(png()).hexdigest()
    assert record.signature_sha256 == signature_digest(
        case.id, MARRIAGE, record.text_sha256, record.signed_at, record.png_sha256
    )
    assert record.intact()
    assert record.strokes == [[list(p) for p in STROKES[0]]]
    proof = svc.get_case(case.id).proofs[MARRIAGE]
    assert proof.state is ProofState.PLEDGED and proof.pledge_hash == record.signature_sha256
    [credit] = [e for e in svc.store.audit.entries(case.id) if e.action == "credit_checked"]
    assert credit.data["list_version"] == "2026-11-26"


def test_changed_pledge_text_is_detected(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(SURVIVOR, "person", PERSON_ID, "王五", "wang", related=SURVIVOR_RELATED)
    svc.record_credit(case.id, CLEAR)
    record = svc.sign_pledge(case.id, MARRIAGE, STROKES, png(), "wang")
    svc.store.close()
    conn = sqlite3.connect(tmp_path / "store.sqlite3")
    with conn:
        conn.execute("UPDATE pledges SET pledge_text = pledge_text || '（已修改）'")
    conn.close()
    reopened = Store(tmp_path / "store.sqlite3")
    stored = reopened.pledges.get(record.id)
    assert stored is not None and not stored.intact()


def test_signature_is_required(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(SURVIVOR, "person", PERSON_ID, "王五", "wang", related=SURVIVOR_RELATED)
    svc.record_credit(case.id, CLEAR)
    with pytest.raises(ValidationError):
        svc.sign_pledge(case.id, MARRIAGE, [], png(), "wang")
    with pytest.raises(ValidationError):
        svc.sign_pledge(case.id, MARRIAGE, STROKES, b"not a png", "wang")
    with pytest.raises(ValidationError) as info:
        svc.sign_pledge(case.id, DEATH, STROKES, png(), "wang")  # a look-up, not a pledge
    assert "不能以承诺方式办理" in info.value.user_message


def test_listed_applicant_cannot_pledge_and_loses_pledges(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(SURVIVOR, "person", PERSON_ID, "王五", "wang", related=SURVIVOR_RELATED)
    svc.record_credit(case.id, CLEAR)
    svc.sign_pledge(case.id, MARRIAGE, STROKES, png(), "wang")
    svc.record_credit(case.id, LISTED)
    proof = svc.get_case(case.id).proofs[MARRIAGE]
    assert proof.state is ProofState.PENDING and proof.pledge_hash is None
    with pytest.raises(InvalidTransition) as info:
        svc.sign_pledge(case.id, NO_INCOME, STROKES, png(), "wang")
    assert "失信名单" in info.value.user_message


def test_survivor_allowance_decided_same_day(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(SURVIVOR, "person", PERSON_ID, "王五", "wang", related=SURVIVOR_RELATED)
    svc.record_credit(case.id, CLEAR)
    confirm_identity(svc, case.id)
    [row] = svc.begin_lookups(case.id, "wang")
    died = {"alive": False, "died_on": "2026-10-02"}
    svc.record_lookup_answer(case.id, DEATH, answer("population.basic", died), outbox_id=row.id)
    for code in (MARRIAGE, NO_INCOME):
        svc.sign_pledge(case.id, code, STROKES, png(), "wang")
    decided = svc.decide(case.id, Decision.APPROVE, None, "wang")
    assert decided.state.value == "approved"


def test_false_pledge_report_goes_to_the_outbox(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(SURVIVOR, "person", PERSON_ID, "王五", "wang", related=SURVIVOR_RELATED)
    with pytest.raises(ValidationError):
        svc.report_false_pledge(case.id, MARRIAGE, "核查发现婚姻关系已解除", "li")
    svc.record_credit(case.id, CLEAR)
    svc.sign_pledge(case.id, MARRIAGE, STROKES, png(), "wang")
    row = svc.report_false_pledge(case.id, MARRIAGE, "核查发现婚姻关系已解除", "li")
    assert row.kind == "credit_report" and row.payload["subject"] == {"id_number": PERSON_ID}
    again = svc.report_false_pledge(case.id, MARRIAGE, "核查发现婚姻关系已解除", "li")
    assert again.id == row.id
    reports = [e for e in svc.store.audit.entries(case.id) if e.action == "credit_reported"]
    assert reports and reports[0].actor == "li"


def test_document_numbers_are_gapless_and_stable(tmp_path: Path) -> None:
    svc = service(tmp_path)
    a = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    b = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    assert svc.next_document_number("金市建决", 2026, case_id=a.id, kind="decision") == 1
    assert svc.next_document_number("金市建决", 2026, case_id=a.id, kind="decision") == 1
    assert svc.next_document_number("金市建决", 2026, case_id=b.id, kind="decision") == 2
    assert svc.next_document_number("金市建决", 2027, case_id=b.id, kind="refusal") == 1
    assert svc.next_document_number("金市民决", 2026, case_id=b.id, kind="decision") == 1


def test_print_and_reprint_are_archived_and_audited(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    pdf = b"%PDF-1.7 receipt"
    first = svc.record_document(case.id, "receipt", pdf, None, True, "wang")
    assert first.copy_no == 1 and not first.is_reprint and first.provisional
    assert first.path.read_bytes() == pdf and first.sha256 == hashlib.sha256(pdf).hexdigest()
    assert first.path.is_relative_to(tmp_path / "documents")
    second = svc.record_document(case.id, "receipt", pdf + b" copy", None, False, "wang")
    assert second.copy_no == 2 and second.is_reprint and second.path != first.path
    assert svc.store.documents.verify_file(first)
    actions = [e.action for e in svc.store.audit.entries(case.id)][-2:]
    assert actions == ["printed", "reprinted"]
    assert [d.id for d in svc.documents_of(case.id)] == [first.id, second.id]
    first.path.write_bytes(b"%PDF tampered")
    assert not svc.store.documents.verify_file(first)


def test_verification_ticket_survives_restart(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    row = svc.request_verification(case.id, f"{RENTAL}.homestead", "wang")
    svc.record_verification_ticket(case.id, f"{RENTAL}.homestead", "T-900", outbox_id=row.id)
    svc.store.close()

    again = service(tmp_path)
    poll = again.store.outbox.by_key(f"{operation_scope(case)}:poll:T-900")
    assert poll is not None and poll.state.value == "open"
    assert again.store.cases.find_by_ticket("T-900") == (case.id, f"{RENTAL}.homestead")
    expired = VerificationStatus("T-900", VerificationState.EXPIRED)
    again.record_verification_status(case.id, f"{RENTAL}.homestead", expired, outbox_id=poll.id)
    proof = again.get_case(case.id).proofs[f"{RENTAL}.homestead"]
    assert proof.state is ProofState.PENDING and proof.error is not None


def test_numbers_stay_gapless_under_concurrent_writers(tmp_path: Path) -> None:
    """Two connections to the same file (as two processes would have) and several threads claim
    numbers at once: every number from 1 to N exactly once."""
    svc = service(tmp_path)
    case_ids = [svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang").id for _ in range(40)]
    other = Store(tmp_path / "store.sqlite3")
    stores = [svc.store, other]

    def claim(i: int) -> int:
        store = stores[i % 2]
        return store.documents.claim_number("金市建决", 2026, case_ids[i], "decision")

    with ThreadPoolExecutor(max_workers=4) as pool:
        numbers = list(pool.map(claim, range(len(case_ids))))
    assert sorted(numbers) == list(range(1, len(case_ids) + 1))
    other.close()
