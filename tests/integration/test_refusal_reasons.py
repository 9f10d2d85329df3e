"""A refusal on a real store, printed through the real document desk (issue 8): refusing a
recommended refusal needs no second reason; the pre-filled failed-proof reasons are neither
stored again nor printed twice; what ⑤ previews is what the notice prints; a verification the
department still owed when the case ended is printed as withdrawn, never as pending."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from clerkapp.app.case_service import CaseService
from clerkapp.app.clock import SteppingClock
from clerkapp.app.decision_preview import preview_act, refusal_prefill
from clerkapp.app.documents import DocumentDesk
from clerkapp.core.case import CaseState, Decision, ProofResolution, ProofState
from clerkapp.core.catalogue import Method
from clerkapp.errors import InvalidTransition
from clerkapp.infra.documents import DocumentKind
from clerkapp.infra.documents.from_case import DocumentSettings, proof_line
from tests.integration.case_fixtures import (
    PERSON_ID,
    RENTAL,
    START,
    answer,
    confirm_identity,
    service,
)
from tests.integration.documents_cases import pdf_text, squash

FAMILY = f"{RENTAL}.family_economic"
INSURANCE = f"{RENTAL}.social_insurance"
VEHICLE = f"{RENTAL}.vehicle"
HOMESTEAD = f"{RENTAL}.homestead"
OWN = "申请人名下车辆为家庭自用小型汽车"
ANSWERS: dict[str, tuple[str, dict[str, object] | None]] = {
    FAMILY: ("family_economic.status", {"monthly_income_per_capita": 9800, "assets_total": 2e6}),
    INSURANCE: ("social_insurance.person", {"insured": True, "months_contributed": 40}),
    VEHICLE: ("vehicle.ownership", {"vehicle_count": 1, "plates": ["浙G·12***"]}),
}


def _refusable(tmp_path: Path) -> tuple[CaseService, str]:
    """Public rental housing: income and vehicle fail, the homestead verification is owed."""
    svc = service(tmp_path, SteppingClock(START))
    case = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    confirm_identity(svc, case.id)
    for row in svc.begin_lookups(case.id, "wang"):
        code = row.payload["proof_code"]
        item, record = ANSWERS[code]
        svc.record_lookup_answer(case.id, code, answer(item, record), outbox_id=row.id)
    svc.request_verification(case.id, HOMESTEAD, "wang")
    svc.record_verification_ticket(case.id, HOMESTEAD, "T-OWED-7")
    case = svc.get_case(case.id)
    assert [p.code for p in case.proofs.values() if p.state is ProofState.NOT_SATISFIED] == [
        FAMILY,
        VEHICLE,
    ]
    assert case.proofs[HOMESTEAD].state is ProofState.AWAITING_DEPT
    assert case.recommend().decision is Decision.REFUSE
    return svc, case.id


def _desk(svc: CaseService) -> DocumentDesk:
    settings = DocumentSettings(progress_base_url="http://127.0.0.1:8765")
    return DocumentDesk(svc, lambda: svc.catalogue, settings, lambda: datetime.now(START.tzinfo))


def test_prefilled_reasons_plus_own_words_print_each_once(tmp_path: Path) -> None:
    svc, case_id = _refusable(tmp_path)
    case = svc.get_case(case_id)
    failed = [case.proofs[FAMILY].failure_reason(), case.proofs[VEHICLE].failure_reason()]
    prefill = refusal_prefill(case)
    assert prefill == "；".join(failed)
    typed = f"{prefill}；{OWN}"  # the clerk kept the pre-fill and added a sentence
    matter = svc.catalogue.matters[RENTAL]
    preview = preview_act(case, matter, Decision.REFUSE, typed)
    assert preview is not None and preview.title == "不予给付决定书"  # 公租房 is a 行政给付
    assert preview.reasons == (f"一、{failed[0]}。", f"二、{failed[1]}。", f"三、{OWN}。")

    svc.decide(case_id, Decision.REFUSE, typed, "wang")  # as recommended: no override
    case = svc.get_case(case_id)
    assert case.state is CaseState.REFUSED and case.decision_reason == OWN
    [decided] = [e for e in svc.store.audit.entries(case_id) if e.action == "decided"]
    assert decided.data.get("reason") == OWN  # the clerk's words only, not the registry's again
    assert "override" not in [e.action for e in svc.store.audit.entries(case_id)]
    # the owed verification was withdrawn with the case (nobody is asked any more)
    polls = [r for r in svc.store.outbox.for_case(case_id) if r.kind == "verification_poll"]
    assert polls and all(r.answer == {"cancelled": "case_refuse"} for r in polls)

    built = _desk(svc).build(case_id, DocumentKind.REFUSAL, "wang")
    text = pdf_text(built.pdf)
    for line in preview.reasons:  # the paper says what ⑤ showed
        assert text.count(squash(line)) == 1, line
    assert "四、" not in text
    assert "等待答复" not in text
    assert squash("已发起部门核验（核验单号 T-OWED-7），作出决定时部门尚未答复") in text
    assert "核验请求已撤回，不作为本决定的依据" in text


def test_a_recommended_refusal_needs_no_reason_at_all(tmp_path: Path) -> None:
    svc, case_id = _refusable(tmp_path)
    case = svc.decide(case_id, Decision.REFUSE, None, "wang")
    assert case.state is CaseState.REFUSED and case.decision_reason is None
    text = pdf_text(_desk(svc).build(case_id, DocumentKind.REFUSAL, "wang").pdf)
    assert text.count("一、") == 1 and text.count("二、") == 1 and "三、" not in text


def test_refusing_against_the_recommendation_still_needs_a_reason(tmp_path: Path) -> None:
    svc = service(tmp_path, SteppingClock(START))
    case = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    confirm_identity(svc, case.id)
    assert case.recommend().decision is not Decision.REFUSE
    with pytest.raises(InvalidTransition) as info:
        svc.decide(case.id, Decision.REFUSE, "", "wang", override_reason="申请人当场放弃")
    assert "理由" in info.value.user_message
    assert svc.get_case(case.id).state is CaseState.OPEN


def test_a_receipt_still_says_the_department_is_asked(tmp_path: Path) -> None:
    """Pending is the truth while the case waits (受理): only a decided case withdraws it."""
    svc = service(tmp_path, SteppingClock(START))
    case = svc.open_case(RENTAL, "person", PERSON_ID, "张三", "wang")
    confirm_identity(svc, case.id)
    good = {
        **ANSWERS,
        FAMILY: ("family_economic.status", {"monthly_income_per_capita": 900, "assets_total": 1e4}),
        VEHICLE: ("vehicle.ownership", None),
    }
    for row in svc.begin_lookups(case.id, "wang"):
        code = row.payload["proof_code"]
        item, record = good[code]
        svc.record_lookup_answer(case.id, code, answer(item, record), outbox_id=row.id)
    svc.request_verification(case.id, HOMESTEAD, "wang")
    svc.record_verification_ticket(case.id, HOMESTEAD, "T-WAIT-8")
    svc.decide(case.id, Decision.ACCEPT, None, "wang")
    text = pdf_text(_desk(svc).build(case.id, DocumentKind.RECEIPT, "wang").pdf)
    assert "等待答复" in text and "撤回" not in text


def test_no_unresolved_proof_reads_as_pending_once_the_case_ended() -> None:
    """Every unresolved state on an ended case: withdrawn or not verified, never a promise."""

    def proof(state: ProofState, method: Method, **extra: object) -> ProofResolution:
        return ProofResolution("x", "宅基地批建情况", method, (method,), state, START, **extra)

    owed = proof(ProofState.AWAITING_DEPT, Method.DEPT_VERIFY, ticket="T-1")
    queued = proof(ProofState.QUEUED, Method.DATA_QUERY)
    flying = proof(ProofState.IN_FLIGHT, Method.DATA_QUERY)
    pending = proof(ProofState.PENDING, Method.PLEDGE, error="申请人在失信名单中，承诺无效")
    assert "等待答复" in proof_line(owed).how  # while the case waits, it is the truth
    assert "联网后自动查询" in proof_line(queued).how
    for p in (owed, queued, flying, pending):
        line = proof_line(p, ended=True)
        assert not line.satisfied
        assert "等待" not in line.how and "联网后" not in line.how, line.how
    assert "核验单号 T-1" in proof_line(owed, ended=True).how
    assert "核验请求已撤回" in proof_line(owed, ended=True).how
    assert "查询已撤回" in proof_line(queued, ended=True).how
    assert "查询已撤回" in proof_line(flying, ended=True).how
    assert proof_line(pending, ended=True).how == "未核实（申请人在失信名单中，承诺无效）"
