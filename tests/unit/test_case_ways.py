"""The ways back of the case state machine: 补正 (one notice, wait, resume), 不予受理, the paper
proof and 撤回 — transitions, refusals with Chinese messages, persistence, and a property over
random sequences of them."""

from __future__ import annotations

import copy
import dataclasses
import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerkapp.core.case import (
    Case,
    CaseState,
    CorrectionItem,
    Decision,
    EventKind,
    ProofState,
)
from clerkapp.core.catalogue import Method, ProofItem
from clerkapp.errors import InvalidTransition
from tests.unit.test_case import HOUSING, NOW, ev, item, open_case

DUE = date(2026, 12, 4)


def open_with(items: list[ProofItem]) -> Case:
    """A new case whose applicant's identity the registry confirmed."""
    case = open_case(items)
    case.drain_events()
    return case


def paper_item(code: str, method: Method = Method.PLEDGE) -> ProofItem:
    return dataclasses.replace(item(code, method), paper_fallback=True)


def test_correction_waits_then_resumes_where_it_stopped() -> None:
    case = open_with(HOUSING)
    case.start_lookup("Q", NOW)
    case.lookup_answered("Q", False, ev(Method.DATA_QUERY, "名下有车辆 1 辆"), NOW)
    case.drain_events()
    items = [
        CorrectionItem("Q", "证明Q", "车辆已过户，请先办理注销登记"),
        CorrectionItem(None, "户口簿", "首页缺失"),
    ]
    request = case.request_correction(items, DUE, 5, NOW)
    assert case.state is CaseState.AWAITING_CORRECTION
    assert case.correction == request and request.due_on == DUE and request.working_days == 5
    (event,) = case.drain_events()
    assert event.kind is EventKind.CORRECTION_REQUESTED
    assert event.data["proofs"] == ["Q"] and event.data["other"] == 1
    assert "李明" not in json.dumps(event.data, ensure_ascii=False)
    # A case waiting for the applicant cannot be decided.
    with pytest.raises(InvalidTransition, match="待补正"):
        case.refuse(NOW, "理由", "改判")
    with pytest.raises(InvalidTransition):
        case.accept(NOW)
    later = NOW + timedelta(days=3)
    assert case.resume_after_correction(later) == ["Q"]
    assert case.state is CaseState.OPEN and case.correction is None
    q = case.proofs["Q"]
    assert q.state is ProofState.PENDING and q.evidence is None  # looked up again
    assert case.corrections[0].resumed_at == later
    (event,) = case.drain_events()
    assert event.kind is EventKind.CORRECTION_RESUMED
    assert event.data == {"corrected": ["Q"], "redo": ["Q"]}
    # 一次性告知: no second notice.
    with pytest.raises(InvalidTransition, match="一次性告知"):
        case.request_correction(items[1:], DUE, 5, NOW)


@pytest.mark.parametrize(
    ("items", "days", "due", "message"),
    [
        ([], 5, DUE, "至少列出一项"),
        ([CorrectionItem("Q", "证明Q", "  ")], 5, DUE, "缺少或需要更正"),
        ([CorrectionItem(None, " ", "缺")], 5, DUE, "材料名称"),
        ([CorrectionItem("X", "证明X", "缺")], 5, DUE, "没有证明事项"),
        ([CorrectionItem("D", "证明D", "缺")], 5, DUE, "无需申请人补正"),
        ([CorrectionItem("Q", "证明Q", "缺"), CorrectionItem("Q", "证明Q", "又")], 5, DUE, "重复"),
        ([CorrectionItem("Q", "证明Q", "缺", paper=True)], 5, DUE, "纸质证明"),
        ([CorrectionItem(None, "户口簿", "缺", paper=True)], 5, DUE, "纸质证明"),
        ([CorrectionItem("Q", "证明Q", "缺")], 0, DUE, "1 至 60"),
        ([CorrectionItem("Q", "证明Q", "缺")], 5, date(2026, 1, 1), "早于今天"),
    ],
)
def test_bad_correction_requests_are_refused_and_change_nothing(
    items: list[CorrectionItem], days: int, due: date, message: str
) -> None:
    case = open_with(HOUSING)
    before = copy.deepcopy(case.to_dict())
    with pytest.raises(InvalidTransition, match=message) as info:
        case.request_correction(items, due, days, NOW)
    assert info.value.user_message
    assert case.to_dict() == before and case.pending_events == []


def test_only_open_cases_take_a_correction_and_only_waiting_ones_resume() -> None:
    case = open_with(HOUSING)
    with pytest.raises(InvalidTransition, match="不是待补正"):
        case.resume_after_correction(NOW)
    case.withdraw(NOW, "申请人不再申请")
    with pytest.raises(InvalidTransition, match="已撤回"):
        case.request_correction([CorrectionItem("Q", "证明Q", "缺")], DUE, 5, NOW)


def test_not_accepted_from_open_or_waiting_with_reasons() -> None:
    case = open_with(HOUSING)
    with pytest.raises(InvalidTransition, match="理由"):
        case.not_accept([" ", ""], NOW)
    assert case.state is CaseState.OPEN
    case.request_correction([CorrectionItem(None, "身份证明", "缺")], DUE, 5, NOW)
    case.not_accept(["不属于本机关职权范围", "不属于本机关职权范围", " 主体不适格 "], NOW)
    assert case.state is CaseState.NOT_ACCEPTED and case.state.final
    assert case.not_accepted_reasons() == ("不属于本机关职权范围", "主体不适格")
    assert case.decided_at == NOW and case.decision is None
    assert [e.kind for e in case.drain_events()][-1] is EventKind.NOT_ACCEPTED
    with pytest.raises(InvalidTransition):
        case.withdraw(NOW, "x")


def test_an_accepted_case_cannot_be_not_accepted() -> None:
    case = open_with([item("V", Method.DEPT_VERIFY)])
    case.request_verification("V", "T-1", NOW)
    case.accept(NOW)
    with pytest.raises(InvalidTransition, match="已受理"):
        case.not_accept(["理由"], NOW)


def test_withdraw_from_awaiting_correction() -> None:
    case = open_with(HOUSING)
    case.request_correction([CorrectionItem("P", "证明P", "未签署")], DUE, 5, NOW)
    case.withdraw(NOW, "申请人决定不再申请")
    assert case.state is CaseState.WITHDRAWN


def test_paper_proof_of_a_listed_applicant_satisfies_the_proof() -> None:
    items = [paper_item("P"), item("Q", Method.DATA_QUERY)]
    case = open_with(items)
    assert case.proofs["P"].paper_allowed and not case.proofs["Q"].paper_allowed
    case.record_credit(True, NOW)  # on the dishonesty list: cannot pledge
    with pytest.raises(InvalidTransition, match="目录未允许"):
        case.receive_paper("Q", "clerk", "原件已核验", NOW)
    with pytest.raises(InvalidTransition, match="核验情况"):
        case.receive_paper("P", "clerk", " ", NOW)
    case.receive_paper("P", "wangxiao", "原件已核验", NOW)
    p = case.proofs["P"]
    assert p.state is ProofState.PAPER_CHECKED and p.state.satisfying and p.state.tone == "ok"
    assert p.evidence is not None and p.evidence.source == "纸质证明（窗口核验）"
    assert "原件已核验" in p.evidence.detail and "wangxiao" in p.evidence.detail
    with pytest.raises(InvalidTransition, match="不能改收"):
        case.receive_paper("P", "wangxiao", "原件已核验", NOW)
    case.start_lookup("Q", NOW)
    case.lookup_answered("Q", True, ev(Method.DATA_QUERY), NOW)
    assert case.recommend().decision is Decision.APPROVE
    case.approve(NOW)
    restored = Case.from_dict(json.loads(json.dumps(case.to_dict())))
    assert restored == case


def test_correction_can_ask_for_the_paper_and_resume_records_it() -> None:
    case = open_with([paper_item("P")])
    case.record_credit(True, NOW)
    case.request_correction(
        [CorrectionItem("P", "证明P", "申请人在失信名单中，请提交纸质证明原件", paper=True)],
        DUE,
        10,
        NOW,
    )
    case.receive_paper("P", "wangxiao", "原件已核验，复印件已留存", NOW)  # while waiting
    case.resume_after_correction(NOW)
    assert case.proofs["P"].state is ProofState.PAPER_CHECKED
    restored = Case.from_dict(json.loads(json.dumps(case.to_dict())))
    assert restored == case and restored.corrections == case.corrections


OPS = ["correct", "resume", "not_accept", "withdraw", "paper", "approve", "refuse"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(OPS), max_size=8))
def test_random_ways_back_never_decide_a_waiting_case_and_final_stays_final(ops: list[str]) -> None:
    case = open_with([paper_item("P"), item("Q", Method.DATA_QUERY)])
    final_state: CaseState | None = None
    for op in ops:
        before = case.to_dict()
        try:
            if op == "correct":
                case.request_correction([CorrectionItem("P", "证明P", "缺")], DUE, 5, NOW)
            elif op == "resume":
                case.resume_after_correction(NOW)
            elif op == "not_accept":
                case.not_accept(["理由"], NOW)
            elif op == "withdraw":
                case.withdraw(NOW, "原因")
            elif op == "paper":
                case.receive_paper("P", "c", "原件已核验", NOW)
            elif op == "approve":
                case.approve(NOW)
            else:
                case.refuse(NOW, "理由", "改判")
        except InvalidTransition as exc:
            assert exc.user_message
            assert case.to_dict() == before  # a refused step changes nothing
        if final_state is not None:
            assert case.state is final_state
        elif case.state.final:
            final_state = case.state
        assert len(case.corrections) <= 1
        if case.state is CaseState.AWAITING_CORRECTION:
            assert case.decision is None
