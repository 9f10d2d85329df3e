"""The applicant's identity cross-check in the core: comparison rules, the outcomes, the block
in the case state machine, correction, adoption of the registered name and the override."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerkapp.core.case import Case, CaseState, Decision, EventKind
from clerkapp.core.catalogue import ApplicantKind, DropSpec, Matter, Method, ProofItem
from clerkapp.core.identity import (
    CheckState,
    IdentityCheck,
    IdentityOutcome,
    same_business_name,
    same_person_name,
)
from clerkapp.core.platform_types import LookupAnswer, Provenance
from clerkapp.errors import InvalidTransition

NOW = datetime(2026, 12, 7, 9, 30)
PERSON_ID = "330702198503141221"
BUSINESS_ID = "91330702MA2ABCDEXC"
DROPPED = ProofItem(
    "D", "户口本复印件", "某局", Method.DROPPED, drop=DropSpec("金政办〔2019〕12号")
)


def open_case(kind: ApplicantKind = ApplicantKind.PERSON, name: str = "王方") -> Case:
    """A case whose only proof was dropped: only the identity check stands between it and
    approval."""
    matter = Matter("M1", "公共租赁住房申请", "市住建局", kind, "条例", 0, ("D",))
    number = PERSON_ID if kind is ApplicantKind.PERSON else BUSINESS_ID
    return Case.open("C1", matter, [DROPPED], kind, number, name, NOW, "t", "s")


def answer(found: bool = True, **record: Any) -> LookupAnswer:
    prov = Provenance("公安户籍", "hukou", "2026-12-07T08:00:00+08:00", "R-ID-1")
    return LookupAnswer("population.basic", found, record if found else None, prov)


# ---- comparison rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "registered"),
    [
        ("王芳", "王芳"),
        (" 王 芳 ", "王芳"),  # spaces typed between characters
        ("王\u3000芳", "王芳"),  # full-width space
        ("买买提・艾力", "买买提·艾力"),  # katakana middle dot for U+00B7
        ("买买提•艾力", "买买提·艾力"),  # bullet
        ("买买提．艾力", "买买提·艾力"),  # full-width full stop
        ("ＡＢＣ", "ABC"),  # full-width Latin letters
    ],
)
def test_person_names_that_are_the_same(typed: str, registered: str) -> None:
    assert same_person_name(typed, registered)


@pytest.mark.parametrize(
    ("typed", "registered"),
    [
        ("王方", "王芳"),  # a wrong character
        ("張偉", "张伟"),  # traditional is not folded: the registered form is the legal one
        ("买买提艾力", "买买提·艾力"),  # the dot is part of the name
        ("王芳芳", "王芳"),
        ("abc", "ABC"),  # no case folding either
    ],
)
def test_person_names_that_differ(typed: str, registered: str) -> None:
    assert not same_person_name(typed, registered)


def test_business_names_are_exact_but_for_brackets() -> None:
    registered = "金华市示范（集团）科技有限公司"
    assert same_business_name("金华市示范(集团)科技有限公司", registered)
    assert same_business_name(" 金华市示范（集团）科技有限公司 ", registered)
    assert not same_business_name("示范科技", registered)  # a shortened name
    assert not same_business_name("金华市示范 （集团）科技有限公司", registered)


# ---- outcomes and the block --------------------------------------------------------------------


def test_a_new_case_is_pending_and_cannot_be_decided() -> None:
    case = open_case(name="王芳")
    assert case.identity.state is CheckState.PENDING
    assert case.identity_outcome is IdentityOutcome.PENDING
    for decide in (lambda: case.approve(NOW), lambda: case.refuse(NOW, "不符合条件", "x")):
        with pytest.raises(InvalidTransition, match="正在核对申请人身份"):
            decide()
    case.identity_queued(NOW)
    assert case.identity_outcome is IdentityOutcome.QUEUED
    with pytest.raises(InvalidTransition, match="身份核对已排队，平台恢复后自动核对"):
        case.approve(NOW)
    assert case.state is CaseState.OPEN


def test_a_mismatch_blocks_with_both_names_until_corrected() -> None:
    case = open_case(name="王方")
    case.identity_answered(answer(name="王芳", alive=True), NOW)
    assert case.identity_outcome is IdentityOutcome.MISMATCH
    with pytest.raises(InvalidTransition) as raised:
        case.approve(NOW)
    assert "申请人姓名与户籍登记不一致：填写 王方，登记 王芳" in raised.value.user_message
    with pytest.raises(InvalidTransition):
        case.refuse(NOW, "不符合条件", override_reason="另有原因")
    with pytest.raises(InvalidTransition):
        case.adopt_registered_name(NOW)  # a person's name is corrected after checking the card
    case.drain_events()
    case.correct_applicant_name("王芳", NOW)
    assert case.applicant_name == "王芳" and case.identity_outcome is IdentityOutcome.MATCHED
    [event] = case.drain_events()
    assert event.kind is EventKind.APPLICANT_NAME_CORRECTED
    assert "王" not in str(event.data)  # names never in event data
    case.approve(NOW)
    assert case.state is CaseState.APPROVED


def test_an_override_needs_a_reason_and_is_recorded() -> None:
    case = open_case(name="王方")
    case.identity_answered(answer(name="王芳", alive=True), NOW)
    with pytest.raises(InvalidTransition, match="理由"):
        case.override_identity("  ", "wangxiao", NOW)
    case.drain_events()
    case.override_identity("证件照片核对无误，户籍信息待更新", "wangxiao", NOW)
    [event] = case.drain_events()
    assert event.kind is EventKind.IDENTITY_OVERRIDDEN
    assert event.data == {"outcome": "mismatch", "reason": "证件照片核对无误，户籍信息待更新"}
    assert case.identity.overridden_by == "wangxiao"
    assert case.identity_block() is None and case.identity_print_block() is None
    # A later correction to yet another name drops the override: compared afresh.
    case.correct_applicant_name("王放", NOW)
    assert case.identity_block() is not None and not case.identity.overridden


def test_not_found_can_be_overridden() -> None:
    case = open_case(name="刘洋")
    case.identity_answered(answer(found=False), NOW)
    assert case.identity_outcome is IdentityOutcome.NOT_FOUND
    assert "查无此公民身份号码" in (case.identity_print_block() or "")
    case.override_identity("新生儿户籍尚未入库，已核对出生医学证明", "wangxiao", NOW)
    case.approve(NOW)


def test_deceased_blocks_approval_for_good_but_not_a_refusal() -> None:
    case = open_case(name="陈建国")
    case.identity_answered(answer(name="陈建国", alive=False), NOW)
    assert case.identity_outcome is IdentityOutcome.DECEASED
    with pytest.raises(InvalidTransition, match="已死亡"):
        case.override_identity("理由", "wangxiao", NOW)
    with pytest.raises(InvalidTransition, match="已死亡"):
        case.approve(NOW)
    case.refuse(NOW, "申请人户籍登记为已死亡", override_reason="户籍登记显示已死亡")
    assert case.state is CaseState.REFUSED


def test_a_business_adopts_its_registered_name() -> None:
    case = open_case(ApplicantKind.BUSINESS, "示范科技")
    record = {"name": "金华市示范科技有限公司", "status": "存续"}
    case.identity_answered(answer(**record), NOW)
    assert "企业名称与市场主体登记不一致：填写 示范科技，登记 金华市示范科技有限公司" in (
        case.identity_block() or ""
    )
    case.drain_events()
    case.adopt_registered_name(NOW)
    assert case.applicant_name == "金华市示范科技有限公司"
    assert case.identity_outcome is IdentityOutcome.MATCHED
    [event] = case.drain_events()
    assert event.kind.value == "name_adopted_from_registry" and event.data == {"outcome": "matched"}
    case.approve(NOW)


def test_a_deregistered_business_cannot_be_approved() -> None:
    case = open_case(ApplicantKind.BUSINESS, "金华市旧城贸易有限公司")
    case.identity_answered(answer(name="金华市旧城贸易有限公司", status="吊销"), NOW)
    assert case.identity_outcome is IdentityOutcome.DEREGISTERED
    with pytest.raises(InvalidTransition, match="吊销"):
        case.approve(NOW)


def test_a_failed_question_is_asked_again() -> None:
    case = open_case(name="王芳")
    case.identity_failed("平台拒绝：用途不明", NOW)
    assert case.needs_identity_question() and "用途不明" in case.identity_text()
    case.request_identity_check(NOW)
    assert case.awaits_identity_answer()
    case.identity_answered(answer(name="王芳", alive=True), NOW)
    case.identity_answered(answer(name="别人", alive=True), NOW)  # a late duplicate: ignored
    assert case.identity_outcome is IdentityOutcome.MATCHED


def test_a_case_stored_before_the_check_is_not_checked_and_migrates() -> None:
    case = open_case(name="王芳")
    case.identity_answered(answer(name="王芳", alive=True), NOW)
    case.approve(NOW)
    stored = case.to_dict()
    assert Case.from_dict(stored) == case
    del stored["identity"]  # as written by the previous release
    old = Case.from_dict(stored)
    assert old.identity == IdentityCheck() and old.identity_outcome is IdentityOutcome.NOT_CHECKED
    assert old.identity_print_block() is None  # its documents print as before
    assert not old.needs_identity_question()  # decided: never asked, never blocked
    undecided = open_case(name="王芳").to_dict()
    del undecided["identity"]
    legacy = Case.from_dict(undecided)
    assert legacy.needs_identity_question()
    with pytest.raises(InvalidTransition, match="尚未核对"):
        legacy.approve(NOW + timedelta(hours=1))


def test_decided_cases_do_not_change_identity() -> None:
    case = open_case(name="王芳")
    case.identity_answered(answer(name="王芳", alive=True), NOW)
    case.approve(NOW)
    with pytest.raises(InvalidTransition):
        case.correct_applicant_name("王方", NOW)
    assert "王芳" not in repr(case.identity)


# ---- properties over random sequences ----------------------------------------------------------

IDENTITY_EVENTS = [
    "matched",
    "mismatch",
    "not_found",
    "deceased",
    "queued",
    "failed",
    "ask",
    "correct_right",
    "correct_wrong",
    "override",
    "approve",
    "refuse",
]


def _apply(case: Case, event: str, now: datetime) -> Decision | None:
    """Apply one event; the decision it attempted (None for other events)."""
    actions: dict[str, Any] = {
        "matched": lambda: case.identity_answered(answer(name="王芳", alive=True), now),
        "mismatch": lambda: case.identity_answered(answer(name="王芳芳", alive=True), now),
        "not_found": lambda: case.identity_answered(answer(found=False), now),
        "deceased": lambda: case.identity_answered(answer(name="王芳", alive=False), now),
        "queued": lambda: case.identity_queued(now),
        "failed": lambda: case.identity_failed("平台拒绝", now),
        "ask": lambda: case.request_identity_check(now),
        "correct_right": lambda: case.correct_applicant_name("王芳", now),
        "correct_wrong": lambda: case.correct_applicant_name("王方", now),
        "override": lambda: case.override_identity("证件核对无误", "wangxiao", now),
        "approve": lambda: case.approve(now),
        "refuse": lambda: case.refuse(now, "不符合条件", override_reason="另有原因"),
    }
    actions[event]()
    return {"approve": Decision.APPROVE, "refuse": Decision.REFUSE}.get(event)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(IDENTITY_EVENTS), max_size=25))
def test_no_sequence_decides_past_an_unresolved_identity(events: list[str]) -> None:
    case = open_case(name="王方")
    for step, event in enumerate(events):
        now = NOW + timedelta(minutes=step + 1)
        before = copy.deepcopy(case)
        try:
            decision = _apply(case, event, now)
        except InvalidTransition:
            assert case == before  # a refused event changes nothing
            continue
        if decision is not None:
            # decided: the identity check allowed exactly this decision a moment before
            assert before.identity_block(decision) is None
            assert not before.identity_outcome.waiting
            if decision is Decision.APPROVE:
                assert not before.identity_outcome.hard
            if before.identity_outcome.overridable:
                assert before.identity.overridden
            assert case.identity_print_block() is None  # what was decided can be printed
        assert "王" not in str([e.data for e in case.pending_events])
