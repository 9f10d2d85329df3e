"""The ways back through the case service, with a real store and the real sandbox: 补正 (the
notice's items and deadline, the case waits, is found again, resumes; the paper proof of an
applicant who may not pledge), 不予受理 and 撤回 — one transaction each (case, audit, progress
event), nothing written on bad input, and the applicant's progress page says what happened."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from clerkapp.app.case_service import CaseService
from clerkapp.app.clock import SteppingClock
from clerkapp.app.sync import SyncWorker
from clerkapp.core.case import CaseState, CorrectionItem, Decision, ProofState
from clerkapp.core.platform_types import CreditStatus
from clerkapp.errors import InvalidTransition, ValidationError
from tests.integration.case_fixtures import (
    PERSON_ID,
    RENTAL,
    START,
    SURVIVOR,
    SURVIVOR_RELATED,
    answer,
    confirm_identity,
    sandbox_client,
    service,
)
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401  (the fixture)

VEHICLE = f"{RENTAL}.vehicle"
MARRIAGE = f"{SURVIVOR}.marriage"
NO_INCOME = f"{SURVIVOR}.no_income"
LISTED = CreditStatus(listed=True, list_version="2026-11-26", entry={"reason": "虚假承诺"})


def _sync(svc: CaseService, platform: SandboxHandle) -> None:
    client = sandbox_client(platform)
    try:
        SyncWorker(svc.store, svc, client, svc.clock).drain()
    finally:
        client.close()


def _page(platform: SandboxHandle, token: str) -> str:
    answer = platform.http.get(f"{platform.url}/p/{token}", timeout=10)
    answer.raise_for_status()
    return answer.text


def _snapshot(svc: CaseService, case_id: str) -> tuple[Any, ...]:
    """Everything an action writes: the case row, its audit entries and outbox rows."""
    case = svc.get_case(case_id).to_dict()
    audit = [(e.action, e.data) for e in svc.store.audit.entries(case_id)]
    outbox = [(r.kind, r.state, r.payload) for r in svc.store.outbox.for_case(case_id)]
    return json.dumps(case, sort_keys=True), audit, outbox


@pytest.mark.sandbox
def test_correction_waits_is_found_again_and_resumes(
    tmp_path: Path,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    clock = SteppingClock(START)
    svc = service(tmp_path, clock)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "李明", "wang")
    confirm_identity(svc, case.id)
    items = [
        CorrectionItem(VEHICLE, "车辆登记情况", "车辆已转让，请带转移登记证明"),
        CorrectionItem(None, "户口簿", f"户主页缺失（{PERSON_ID}）"),
    ]
    waiting = svc.request_correction(case.id, items, 5, "wang")
    assert waiting.state is CaseState.AWAITING_CORRECTION
    request = waiting.corrections[0]
    assert request.working_days == 5 and request.due_on == date(2026, 12, 4)  # Fri 27 + 5
    # Audited, with the items but never the full ID number.
    [entry] = [e for e in svc.store.audit.entries(case.id) if e.action == "correction_requested"]
    text = json.dumps(entry.data, ensure_ascii=False)
    assert "户口簿：户主页缺失" in text and PERSON_ID not in text
    assert entry.data["due_on"] == "2026-12-04" and entry.data["proofs"] == [VEHICLE]
    # The progress event carries the state; the page says what to do, and promises nothing.
    events = [r.payload for r in svc.store.outbox.for_case(case.id) if r.kind == "progress_event"]
    assert events[-1]["status"] == "awaiting_correction"
    _sync(svc, sandbox)
    page = _page(sandbox, case.tracking_token)
    assert "请按补正材料一次性告知书补正材料" in page and "预计办结日期" not in page
    assert "李明" not in page and PERSON_ID not in page
    # Waiting: under 等待中, found by name, by ID number and by case number.
    assert [s.id for s in svc.list_cases(waiting=True)] == [case.id]
    for query in ("李明", PERSON_ID, case.id):
        assert [s.id for s in svc.list_cases(query=query)] == [case.id]
    # A waiting case cannot be decided.
    with pytest.raises(InvalidTransition):
        svc.decide(case.id, Decision.REFUSE, "理由", "wang", override_reason="改判")
    clock.advance(timedelta(days=3))
    resumed = svc.resume_correction(case.id, "wang")
    assert resumed.state is CaseState.OPEN
    assert resumed.corrections[0].resumed_at is not None
    [entry] = [e for e in svc.store.audit.entries(case.id) if e.action == "correction_resumed"]
    assert entry.data["corrected"] == [VEHICLE]
    _sync(svc, sandbox)
    assert "办理中" in _page(sandbox, case.tracking_token)
    # 一次性告知: not twice.
    with pytest.raises(InvalidTransition):
        svc.request_correction(case.id, items, 5, "wang")
    assert svc.store.audit.verify().ok


def test_a_listed_applicant_hands_in_paper_proofs_and_is_approved(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(SURVIVOR, "person", PERSON_ID, "韦秀英", "wang", SURVIVOR_RELATED)
    confirm_identity(svc, case.id)
    svc.record_credit(case.id, LISTED, "wang")
    # The pledge is closed to them; the notice asks for the paper of both.
    items = [
        CorrectionItem(MARRIAGE, "婚姻关系证明", "失信名单中，不能承诺，请提交纸质证明", True),
        CorrectionItem(NO_INCOME, "无收入证明", "请提交村（居）委会出具的纸质证明", True),
    ]
    svc.request_correction(case.id, items, 10, "wang")
    checks = {MARRIAGE: "原件已核验", NO_INCOME: "原件已核验，复印件留存"}
    resumed = svc.resume_correction(case.id, "wang", paper=checks)
    for code in checks:
        p = resumed.proofs[code]
        assert p.state is ProofState.PAPER_CHECKED and p.evidence is not None
        assert "原件已核验" in p.evidence.detail and "wang" in p.evidence.detail
    papers = [e for e in svc.store.audit.entries(case.id) if e.action == "paper_received"]
    assert sorted(e.data["proof"] for e in papers) == sorted(checks)
    # The death look-up is the only thing left; answered, the case can be approved.
    [row] = svc.begin_lookups(case.id, "wang")
    code = str(row.payload["proof_code"])
    record = {"alive": False, "died_on": "2026-10-30"}
    svc.record_lookup_answer(
        case.id, code, answer("population.basic", record, "公安户籍"), outbox_id=row.id
    )
    decided = svc.decide(case.id, Decision.APPROVE, None, "wang")
    assert decided.state is CaseState.APPROVED


def test_paper_is_refused_where_the_catalogue_does_not_allow_it(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "李明", "wang")
    confirm_identity(svc, case.id)
    before = _snapshot(svc, case.id)
    with pytest.raises(InvalidTransition) as info:
        svc.receive_paper(case.id, VEHICLE, "原件已核验", "wang")
    assert "目录未允许" in info.value.user_message
    bad = [CorrectionItem(VEHICLE, "车辆登记情况", "请提交纸质证明", paper=True)]
    with pytest.raises(InvalidTransition):
        svc.request_correction(case.id, bad, 5, "wang")
    assert _snapshot(svc, case.id) == before


@pytest.mark.sandbox
def test_not_accepted_withdraws_lookups_and_tells_the_page(
    tmp_path: Path,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    svc = service(tmp_path)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "李明", "wang")
    # the identity question stays unsent: it is withdrawn with the look-ups
    svc.begin_lookups(case.id, "wang")
    before = _snapshot(svc, case.id)
    for reasons in ([], ["  ", ""]):
        with pytest.raises(ValidationError) as info:
            svc.not_accept(case.id, reasons, "wang")
        assert info.value.user_message == "不予受理必须写明理由"
    assert _snapshot(svc, case.id) == before  # nothing half-written
    ended = svc.not_accept(case.id, ["申请人户籍不在本市，不具备申请资格"], "wang")
    assert ended.state is CaseState.NOT_ACCEPTED
    assert ended.not_accepted_reasons() == ("申请人户籍不在本市，不具备申请资格",)
    rows = svc.store.outbox.for_case(case.id)
    assert all(r.state != "open" for r in rows if r.kind == "lookup")
    assert {r.answer.get("cancelled") for r in rows if r.kind == "lookup"} == {"case_not_accepted"}
    [entry] = [e for e in svc.store.audit.entries(case.id) if e.action == "not_accepted"]
    assert entry.data["reason"] == "申请人户籍不在本市，不具备申请资格"
    _sync(svc, sandbox)
    page = _page(sandbox, case.tracking_token)
    assert "不予受理" in page and "预计办结日期" not in page
    after = _snapshot(svc, case.id)
    with pytest.raises(InvalidTransition):
        svc.not_accept(case.id, ["再次"], "wang")
    with pytest.raises(InvalidTransition):
        svc.withdraw(case.id, "撤回", "wang")
    assert _snapshot(svc, case.id) == after


@pytest.mark.sandbox
def test_withdrawal_is_audited_with_its_reason_and_the_page_says_so(
    tmp_path: Path,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    svc = service(tmp_path)
    case = svc.open_case(RENTAL, "person", PERSON_ID, "李明", "wang")
    confirm_identity(svc, case.id)
    before = _snapshot(svc, case.id)
    with pytest.raises(InvalidTransition):
        svc.withdraw(case.id, " ", "wang")
    assert _snapshot(svc, case.id) == before
    svc.withdraw(case.id, "申请人决定暂不申请", "wang")
    [entry] = [e for e in svc.store.audit.entries(case.id) if e.action == "withdrawn"]
    assert entry.data["reason"] == "申请人决定暂不申请"
    _sync(svc, sandbox)
    assert "已撤回" in _page(sandbox, case.tracking_token)
    assert svc.store.audit.verify().ok
