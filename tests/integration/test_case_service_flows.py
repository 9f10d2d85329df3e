"""Case service on a real store file with the real catalogue: opening, look-ups, department
verification, decisions, failures and atomicity."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest

from clerkapp.app.case_service import CaseService
from clerkapp.app.case_support import operation_scope
from clerkapp.app.clock import SteppingClock
from clerkapp.core.case import CaseState, Decision, ProofState
from clerkapp.core.catalogue import Method
from clerkapp.core.platform_types import VerificationState, VerificationStatus
from clerkapp.core.short_code import grouped
from clerkapp.errors import InvalidTransition, ValidationError
from clerkapp.infra.store import OutboxRow, OutboxState
from tests.integration.case_fixtures import (
    BUSINESS,
    PERSON_ID,
    RENTAL,
    START,
    SURVIVOR,
    SURVIVOR_RELATED,
    answer,
    confirm_identity,
    service,
)

FAMILY = f"{RENTAL}.family_economic"
INSURANCE = f"{RENTAL}.social_insurance"
HOMESTEAD = f"{RENTAL}.homestead"
VEHICLE = f"{RENTAL}.vehicle"
GOOD: dict[str, tuple[str, dict[str, object] | None]] = {
    FAMILY: ("family_economic.status", {"monthly_income_per_capita": 1800, "assets_total": 2e4}),
    INSURANCE: ("social_insurance.person", {"insured": True, "months_contributed": 40}),
    VEHICLE: ("vehicle.ownership", None),  # not found: no vehicle, which satisfies
}


def test_open_case_numbers_registers_progress_and_audits(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(RENTAL, "person", PERSON_ID.lower(), " 张三 ", "wang")
    assert case.id == "20261127-TRAIN01-0001"
    assert case.applicant_id == PERSON_ID and case.applicant_name == "张三"
    assert case.proofs[f"{RENTAL}.hukou_copy"].state is ProofState.WAIVED
    assert len(case.tracking_token) >= 32 and len(case.short_code) == 12
    second = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    assert second.id.endswith("-0002") and second.short_code != case.short_code

    [row] = [r for r in svc.store.outbox.for_case(case.id) if r.kind == "progress_register"]
    assert row.payload["token"] == case.tracking_token
    assert row.payload["short_code"] == case.short_code
    assert row.payload["official"] == "wang" and row.payload["purpose"] == f"matter:{RENTAL}"
    assert row.payload["expected_completion"] == "2026-12-18"  # 15 working days from a Friday
    entry, asked = svc.store.audit.entries(case.id)
    assert (entry.action, entry.actor, entry.workstation) == ("case_created", "wang", "TRAIN-01")
    assert asked.action == "identity_requested" and asked.data == {}
    [identity] = [r for r in svc.store.outbox.for_case(case.id) if r.kind == "lookup"]
    assert identity.payload["item"] == "population.basic"
    assert identity.payload["subject"] == {"id_number": PERSON_ID}
    assert identity.payload["fields"] == ["name", "alive"]  # only what the check needs
    assert identity.payload["purpose"] == f"matter:{RENTAL}"  # bound to the case's purpose
    assert svc.get_case(case.id) == case


def test_invalid_applicant_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    svc = service(tmp_path)
    wrong_check = PERSON_ID[:17] + ("0" if PERSON_ID[17] != "0" else "1")
    with pytest.raises(ValidationError) as info:
        svc.open_case(RENTAL, "person", wrong_check, "张三", "wang")
    assert "校验不通过" in info.value.user_message
    with pytest.raises(ValidationError) as info:
        svc.open_case(RENTAL, "business", BUSINESS, "某公司", "wang")
    assert "申请人应为个人" in info.value.user_message
    with pytest.raises(ValidationError):
        svc.open_case("no.such.matter", "person", PERSON_ID, "张三", "wang")
    assert svc.list_cases() == [] and svc.store.audit.count() == 0
    assert svc.store.outbox.pending_count() == 0


def _answer_all(
    svc: CaseService,
    case_id: str,
    rows: Sequence[OutboxRow],
    answers: dict[str, tuple[str, dict[str, object] | None]] = GOOD,
) -> None:
    for row in rows:
        code = row.payload["proof_code"]
        item, record = answers[code]
        svc.record_lookup_answer(case_id, code, answer(item, record), outbox_id=row.id)


def test_public_rental_lookups_verification_accept_then_approve(tmp_path: Path) -> None:
    clock = SteppingClock(START)
    svc = service(tmp_path, clock)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    confirm_identity(svc, case.id)

    rows = svc.begin_lookups(case.id, "wang")
    assert sorted(r.payload["proof_code"] for r in rows) == sorted(GOOD)
    for row in rows:
        assert row.payload["subject"] == {"id_number": PERSON_ID}
        assert row.payload["official"] == "wang"
    states = {c: p.state for c, p in svc.get_case(case.id).proofs.items()}
    assert {states[c] for c in GOOD} == {ProofState.IN_FLIGHT}
    # Leased to the fan-out: the sync worker leaves them alone until the lease runs out.
    assert [r for r in svc.store.outbox.due(clock()) if r.kind == "lookup"] == []
    later = clock() + timedelta(seconds=31)
    due = [r for r in svc.store.outbox.due(later) if r.kind == "lookup"]
    assert sorted(r.payload["proof_code"] for r in due) == sorted(GOOD)  # identity answered

    _answer_all(svc, case.id, rows)
    case = svc.get_case(case.id)
    assert {case.proofs[c].state for c in GOOD} == {ProofState.SATISFIED}
    evidence = case.proofs[FAMILY].evidence
    assert evidence is not None and evidence.receipt_id == "R-family_economic.status"
    assert all(svc.store.outbox.get(r.id).state is OutboxState.SENT for r in rows)  # type: ignore[union-attr]

    verification = svc.request_verification(case.id, HOMESTEAD, "wang")
    assert verification.payload["department"] == "金华市自然资源和规划局"
    assert svc.get_case(case.id).recommend().decision is Decision.ACCEPT
    svc.record_verification_status(
        case.id,
        HOMESTEAD,
        VerificationStatus("T-77", VerificationState.QUEUED),
        outbox_id=verification.id,
    )
    poll = svc.store.outbox.by_key(f"{operation_scope(case)}:poll:T-77")
    assert poll is not None and poll.payload["ticket"] == "T-77"
    assert svc.store.cases.find_by_ticket("T-77") == (case.id, HOMESTEAD)

    svc.decide(case.id, Decision.ACCEPT, None, "wang")
    assert [s.id for s in svc.list_cases(waiting=True)] == [case.id]

    svc.record_verification_status(
        case.id,
        HOMESTEAD,
        VerificationStatus(
            "T-77", VerificationState.ANSWERED, confirmed=True, department="金华市自然资源和规划局"
        ),
        outbox_id=poll.id,
    )
    case = svc.decide(case.id, "approve", None, "wang")
    assert case.state is CaseState.APPROVED and case.decided_at is not None
    events = [r.payload for r in svc.store.outbox.for_case(case.id) if r.kind == "progress_event"]
    assert [e["status"] for e in events] == ["accepted", "approved"]
    assert svc.list_cases(waiting=True) == []

    actions = [e.action for e in svc.store.audit.entries(case.id)]
    assert actions[0] == "case_created" and actions.count("lookup_sent") == 3
    assert actions.count("lookup_answered") == 3 and "verification_answered" in actions
    assert actions[-1] == "decided"
    assert svc.store.audit.verify().ok


def test_no_id_number_in_clear_in_audit_or_lists(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    _answer_all(svc, case.id, svc.begin_lookups(case.id))
    svc.store.close()
    conn = sqlite3.connect(tmp_path / "store.sqlite3")
    audit_text = " ".join(str(v) for row in conn.execute("SELECT * FROM audit") for v in row)
    assert PERSON_ID not in audit_text and "张三" not in audit_text
    conn.close()
    summary = service(tmp_path).list_cases()[0]
    assert summary.applicant_masked == PERSON_ID[:6] + "********" + PERSON_ID[-4:]


def test_failed_rule_recommends_refusal(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    confirm_identity(svc, case.id)
    answers = {
        **GOOD,
        VEHICLE: ("vehicle.ownership", {"vehicle_count": 1, "plates": ["浙G·12***"]}),
    }
    _answer_all(svc, case.id, svc.begin_lookups(case.id), answers)
    case = svc.get_case(case.id)
    assert case.proofs[VEHICLE].state is ProofState.NOT_SATISFIED
    recommendation = case.recommend()
    assert recommendation.decision is Decision.REFUSE
    with pytest.raises(InvalidTransition):
        svc.decide(case.id, "approve", None, "wang")
    refused = svc.decide(case.id, "refuse", "名下有登记车辆，不符合准入条件", "wang")
    assert refused.state is CaseState.REFUSED
    assert "override" not in [e.action for e in svc.store.audit.entries(case.id)]


def test_override_needs_reason_and_is_audited(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    confirm_identity(svc, case.id)
    _answer_all(svc, case.id, svc.begin_lookups(case.id))
    with pytest.raises(InvalidTransition):
        svc.decide(case.id, "refuse", "材料存疑", "wang")
    assert svc.get_case(case.id).state is CaseState.OPEN
    reason = f"申请人当场撤回部分材料（身份证 {PERSON_ID}）"
    svc.decide(case.id, "refuse", "材料存疑", "wang", override_reason=reason)
    [override] = [e for e in svc.store.audit.entries(case.id) if e.action == "override"]
    assert override.data["recommended"] == "incomplete" and override.data["decision"] == "refuse"
    assert PERSON_ID not in override.data["reason"] and PERSON_ID[-4:] in override.data["reason"]


def test_lookup_failures_queue_then_need_a_person(tmp_path: Path) -> None:
    clock = SteppingClock(START)
    svc = service(tmp_path, clock)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    rows = {r.payload["proof_code"]: r for r in svc.begin_lookups(case.id)}
    row = rows[VEHICLE]
    svc.record_lookup_failure(
        case.id, VEHICLE, "车辆登记系统暂不可用", retrying=True, outbox_id=row.id
    )
    assert svc.get_case(case.id).proofs[VEHICLE].state is ProofState.QUEUED
    stored = svc.store.outbox.get(row.id)
    assert stored is not None and stored.state is OutboxState.OPEN and stored.attempts == 1
    assert [s.id for s in svc.list_cases(waiting=True)] == [case.id]
    # The sync worker's retry fails again: still queued, no new case event.
    before = svc.store.audit.count()
    svc.record_lookup_failure(case.id, VEHICLE, "仍不可用", retrying=True, outbox_id=row.id)
    assert svc.store.audit.count() == before
    svc.record_lookup_failure(
        case.id, VEHICLE, "查询被拒绝：主体信息不完整", retrying=False, outbox_id=row.id
    )
    proof = svc.get_case(case.id).proofs[VEHICLE]
    assert proof.state is ProofState.PENDING and proof.error == "查询被拒绝：主体信息不完整"
    assert [r.id for r in svc.store.outbox.needs_person()] == [row.id]
    # The clerk retries: a new row with a new idempotency key.
    [again] = [r for r in svc.begin_lookups(case.id) if r.payload["proof_code"] == VEHICLE]
    assert again.id != row.id and again.idempotency_key.endswith(":2")


def test_switch_method_withdraws_lookup_and_ignores_late_answer(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    rows = {r.payload["proof_code"]: r for r in svc.begin_lookups(case.id)}
    svc.record_lookup_failure(case.id, VEHICLE, "超时", retrying=True)
    svc.switch_method(case.id, VEHICLE, Method.DEPT_VERIFY, "wang")
    withdrawn = svc.store.outbox.get(rows[VEHICLE].id)
    assert withdrawn is not None and withdrawn.state is OutboxState.SENT
    assert withdrawn.answer == {"cancelled": "method_switched"}
    late = svc.record_lookup_answer(case.id, VEHICLE, answer("vehicle.ownership", None))
    assert late.proofs[VEHICLE].state is ProofState.PENDING
    assert late.proofs[VEHICLE].method is Method.DEPT_VERIFY
    with pytest.raises(InvalidTransition):
        svc.switch_method(case.id, HOMESTEAD, Method.PLEDGE, "wang")


def test_exception_mid_action_leaves_case_outbox_and_audit_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    svc = service(tmp_path)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    audit_before, outbox_before = svc.store.audit.count(), svc.store.outbox.counts()
    real_append = svc.store.audit.append
    calls = {"n": 0}

    def failing_append(action: str, **kwargs: object) -> int:
        calls["n"] += 1
        if calls["n"] == 2:  # the second lookup_sent entry of the same transaction
            raise OSError("disk full")
        return real_append(action, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(svc.store.audit, "append", failing_append)
    with pytest.raises(OSError):
        svc.begin_lookups(case.id)
    monkeypatch.undo()
    assert svc.get_case(case.id) == case
    assert svc.store.audit.count() == audit_before
    assert svc.store.outbox.counts() == outbox_before
    assert svc.store.audit.verify().ok


def test_answers_recorded_concurrently_from_worker_threads(tmp_path: Path) -> None:
    svc = service(tmp_path)
    cases = [svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang") for _ in range(4)]
    work = [(c.id, r) for c in cases for r in svc.begin_lookups(c.id)]

    def record(item: tuple[str, OutboxRow]) -> None:
        case_id, row = item
        code = row.payload["proof_code"]
        name, record_ = GOOD[code]
        svc.record_lookup_answer(case_id, code, answer(name, record_), outbox_id=row.id)

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(record, work))
    for c in cases:
        assert {svc.get_case(c.id).proofs[code].state for code in GOOD} == {ProofState.SATISFIED}
    assert svc.store.audit.verify().ok


def test_list_cases_search(tmp_path: Path) -> None:
    svc = service(tmp_path)
    first = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    svc.open_case(SURVIVOR, "person", PERSON_ID, "李四", "wang", related=SURVIVOR_RELATED)
    assert [s.id for s in svc.list_cases(query="张三")] == [first.id]
    assert len(svc.list_cases(query=PERSON_ID[-4:])) == 2
    assert len(svc.list_cases(query=PERSON_ID)) == 2  # full number: matched by hash
    assert [s.applicant_name for s in svc.list_cases(query="抚恤")] == ["李四"]
    assert [s.id for s in svc.list_cases(query=first.short_code.lower())] == [first.id]
    printed = grouped(first.short_code)  # as the receipt prints it: K7QM-DA8F-X2Q9
    assert [s.id for s in svc.list_cases(query=f" {printed.lower()} ")] == [first.id]
    assert len(svc.list_cases(day=START.date())) == 2
    assert svc.list_cases(day=START.date() + timedelta(days=1)) == []
    assert svc.list_cases(query="100%_") == []
