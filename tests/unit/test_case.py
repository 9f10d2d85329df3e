"""The case state machine: transitions, recommendation, persistence, and properties over random
event sequences."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerkapp.core.case import (
    Case,
    CaseState,
    Decision,
    EventKind,
    Evidence,
    ProofState,
)
from clerkapp.core.catalogue import (
    ApplicantKind,
    DataQuerySpec,
    DropSpec,
    Matter,
    Method,
    PledgeSpec,
    ProofItem,
    VerifySpec,
)
from clerkapp.core.platform_types import LookupAnswer, Provenance
from clerkapp.errors import InvalidTransition, ValidationError

NOW = datetime(2026, 11, 27, 9, 30)
QUERY = DataQuerySpec("vehicle.ownership", "公安车辆登记", ("vehicle_count",), (), True)
PLEDGE = PledgeSpec("本人承诺……", "承担法律责任")
VERIFY = VerifySpec("市自然资源局", "是否有宅基地批建记录？", 2)
DROP = DropSpec("金政办〔2019〕12号")


def item(code: str, method: Method, fallbacks: tuple[Method, ...] = ()) -> ProofItem:
    """A proof item with every spec its methods need."""
    return ProofItem(
        code=code,
        name=f"证明{code}",
        issuer="某局",
        method=method,
        query=QUERY,
        pledge=PLEDGE,
        verify=VERIFY,
        drop=DROP,
        fallbacks=fallbacks,
    )


def matter_of(items: list[ProofItem], kind: ApplicantKind = ApplicantKind.PERSON) -> Matter:
    return Matter(
        "M1", "公共租赁住房申请", "市住建局", kind, "条例", 0, tuple(i.code for i in items)
    )


def open_case(items: list[ProofItem]) -> Case:
    """A new case whose applicant the population registry has confirmed (李明, alive)."""
    case = Case.open(
        "C1", matter_of(items), items, ApplicantKind.PERSON, "330702198503141221", "李明",
        NOW, "token", "AB12",
    )  # fmt: skip
    prov = Provenance("公安户籍", "hukou", "2026-11-26T09:00:00+08:00", "R-ID")
    case.identity_answered(LookupAnswer("population.basic", True, {"name": "李明"}, prov), NOW)
    return case


def ev(method: Method, detail: str = "") -> Evidence:
    return Evidence(method, "来源", "2026-11-26T09:00:00", "R1", detail, NOW.isoformat())


HOUSING = [
    item("Q", Method.DATA_QUERY, (Method.DEPT_VERIFY, Method.PLEDGE)),
    item("V", Method.DEPT_VERIFY),
    item("P", Method.PLEDGE),
    item("D", Method.DROPPED),
]


def test_open_waives_dropped_and_leaves_the_rest_pending() -> None:
    case = open_case(HOUSING)
    assert case.state is CaseState.OPEN
    assert {c: p.state for c, p in case.proofs.items()} == {
        "Q": ProofState.PENDING,
        "V": ProofState.PENDING,
        "P": ProofState.PENDING,
        "D": ProofState.WAIVED,
    }
    waived = case.proofs["D"].evidence
    assert waived is not None and waived.source == "金政办〔2019〕12号"
    assert case.proofs["Q"].allowed == (Method.DATA_QUERY, Method.DEPT_VERIFY, Method.PLEDGE)
    assert case.missing() == ["Q", "V", "P"]
    assert [e.kind for e in case.drain_events()] == [
        EventKind.CREATED,
        EventKind.IDENTITY_REQUESTED,  # every new case asks the registry about its applicant
        EventKind.IDENTITY_CHECKED,
    ]
    assert case.pending_events == []


def test_open_rejects_wrong_applicant_kind_and_mismatched_proofs() -> None:
    with pytest.raises(ValidationError) as info:
        Case.open(
            "C1", matter_of(HOUSING, ApplicantKind.BUSINESS), HOUSING, ApplicantKind.PERSON,
            "x", "y", NOW, "t", "s",
        )  # fmt: skip
    assert "企业" in info.value.user_message
    with pytest.raises(ValidationError):
        Case.open(
            "C1", matter_of(HOUSING), HOUSING[:2], ApplicantKind.PERSON, "x", "y", NOW, "t", "s"
        )


def test_full_happy_path_approves() -> None:
    case = open_case(HOUSING)
    case.start_lookup("Q", NOW)
    case.lookup_answered("Q", True, ev(Method.DATA_QUERY, "名下无登记车辆"), NOW)
    case.request_verification("V", "T-1", NOW)
    assert case.recommend().decision is Decision.INCOMPLETE  # pledge still to sign
    case.record_credit(False, NOW)
    case.pledge_signed("P", "sha256:abc", ev(Method.PLEDGE), NOW)
    rec = case.recommend()
    assert rec.decision is Decision.ACCEPT and rec.reasons == ("证明V：待部门核验",)
    case.accept(NOW)
    assert case.state is CaseState.ACCEPTED
    case.verification_answered("V", True, ev(Method.DEPT_VERIFY), NOW + timedelta(days=1))
    assert case.recommend().decision is Decision.APPROVE
    case.approve(NOW + timedelta(days=1))
    assert case.state is CaseState.APPROVED and case.decision is Decision.APPROVE
    kinds = [e.kind for e in case.drain_events()]
    assert kinds == [
        EventKind.CREATED,
        EventKind.IDENTITY_REQUESTED,
        EventKind.IDENTITY_CHECKED,
        EventKind.LOOKUP_SENT,
        EventKind.LOOKUP_ANSWERED,
        EventKind.VERIFICATION_SENT,
        EventKind.CREDIT_CHECKED,
        EventKind.PLEDGE_SIGNED,
        EventKind.DECIDED,
        EventKind.VERIFICATION_ANSWERED,
        EventKind.DECIDED,
    ]
    with pytest.raises(InvalidTransition):
        case.withdraw(NOW, "晚了")


def test_not_satisfied_recommends_refusal_naming_the_proof() -> None:
    case = open_case(HOUSING)
    case.start_lookup("Q", NOW)
    case.lookup_answered("Q", False, ev(Method.DATA_QUERY, "名下有车辆 1 辆"), NOW)
    rec = case.recommend()
    assert rec.decision is Decision.REFUSE
    assert rec.reasons == ("证明Q：名下有车辆 1 辆",)
    assert rec.summary == "不予许可 — 证明Q：名下有车辆 1 辆"
    with pytest.raises(InvalidTransition, match="未满足"):
        case.approve(NOW)
    with pytest.raises(InvalidTransition):
        case.switch_method("Q", Method.PLEDGE, NOW)  # a "no" cannot be pledged away
    with pytest.raises(InvalidTransition):
        case.accept(NOW)
    # the failed proof is the reason: refusing as recommended needs no second one, and the
    # pre-filled failed-proof reason is not kept again as the clerk's own words (issue 8)
    case.refuse(NOW, "证明Q：名下有车辆 1 辆；名下有登记车辆，不符合条件")
    assert case.state is CaseState.REFUSED and case.override_reason is None
    assert case.decision_reason == "名下有登记车辆，不符合条件"


def test_refusing_as_recommended_needs_no_second_reason() -> None:
    case = open_case([item("Q", Method.DATA_QUERY)])
    case.start_lookup("Q", NOW)
    case.lookup_answered("Q", False, ev(Method.DATA_QUERY, "名下有车辆 1 辆"), NOW)
    case.refuse(NOW, "  ")
    assert case.state is CaseState.REFUSED and case.decision_reason is None


def test_refusing_against_the_recommendation_needs_an_override_reason() -> None:
    case = open_case([item("D", Method.DROPPED)])
    assert case.recommend().decision is Decision.APPROVE
    with pytest.raises(InvalidTransition, match="理由"):
        case.refuse(NOW, "  ", override_reason="申请人不在本市居住")  # nothing failed: say why
    with pytest.raises(InvalidTransition, match="须说明理由"):
        case.refuse(NOW, "不符合条件")
    case.refuse(NOW, "不符合条件", override_reason="申请人不在本市居住")
    assert case.override_reason == "申请人不在本市居住"


def test_pledge_requires_a_clean_credit_check_first() -> None:
    case = open_case(HOUSING)
    with pytest.raises(InvalidTransition, match="信用核查"):
        case.pledge_signed("P", "h", ev(Method.PLEDGE), NOW)
    case.record_credit(True, NOW)
    with pytest.raises(InvalidTransition, match="失信"):
        case.pledge_signed("P", "h", ev(Method.PLEDGE), NOW)
    assert any("失信名单" in r for r in case.recommend().reasons)


def test_listed_answer_after_pledge_reverts_it() -> None:
    case = open_case(HOUSING)
    case.record_credit(False, NOW)
    case.pledge_signed("P", "h", ev(Method.PLEDGE), NOW)
    case.record_credit(True, NOW)
    proof = case.proofs["P"]
    assert proof.state is ProofState.PENDING and proof.pledge_hash is None
    assert proof.error == "申请人在失信名单中，承诺无效"


def test_lookup_failure_then_switch_to_an_allowed_method() -> None:
    case = open_case(HOUSING)
    case.start_lookup("Q", NOW)
    case.lookup_failed("Q", "平台暂时无法访问", NOW)
    assert case.proofs["Q"].error == "平台暂时无法访问"
    assert "平台暂时无法访问" in case.recommend().reasons[0]
    with pytest.raises(InvalidTransition, match="不能改为"):
        case.switch_method("V", Method.PLEDGE, NOW)
    case.switch_method("Q", Method.DEPT_VERIFY, NOW)
    assert case.proofs["Q"].method is Method.DEPT_VERIFY and case.proofs["Q"].error is None
    with pytest.raises(InvalidTransition, match="办理方式"):
        case.start_lookup("Q", NOW)
    case.request_verification("Q", "T-9", NOW)
    case.verification_expired("Q", NOW)
    assert case.proofs["Q"].state is ProofState.PENDING and case.proofs["Q"].ticket is None
    assert case.proofs["Q"].error is not None


def test_offline_queue_then_answer() -> None:
    case = open_case([item("Q", Method.DATA_QUERY)])
    case.queue_lookup("Q", NOW)
    assert case.recommend().decision is Decision.ACCEPT
    assert case.recommend().reasons == ("证明Q：已排队，联网后自动查询",)
    case.accept(NOW)
    case.start_lookup("Q", NOW)
    case.lookup_answered("Q", True, ev(Method.DATA_QUERY), NOW)
    case.approve(NOW)
    assert case.state is CaseState.APPROVED


def test_accept_needs_something_waiting_and_nothing_pending() -> None:
    case = open_case(HOUSING)
    with pytest.raises(InvalidTransition, match="未办理"):
        case.accept(NOW)
    done = open_case([item("D", Method.DROPPED)])
    with pytest.raises(InvalidTransition, match="直接作出决定"):
        done.accept(NOW)


def test_unknown_proof_and_withdraw() -> None:
    case = open_case(HOUSING)
    with pytest.raises(InvalidTransition, match="没有证明事项 X"):
        case.start_lookup("X", NOW)
    with pytest.raises(InvalidTransition):
        case.withdraw(NOW, "")
    case.withdraw(NOW, "申请人撤回")
    assert case.state is CaseState.WITHDRAWN and case.decided_at == NOW
    with pytest.raises(InvalidTransition, match="已撤回"):
        case.start_lookup("Q", NOW)


def test_labels_are_chinese() -> None:
    assert ProofState.IN_FLIGHT.label_zh == "查询中…"
    assert ProofState.SATISFIED.label_zh == "已查询"
    assert ProofState.AWAITING_DEPT.label_zh == "待核验"
    assert ProofState.QUEUED.label_zh == "已排队"
    assert Decision.REFUSE.label_zh == "不予许可"
    assert CaseState.ACCEPTED.label_zh == "已受理"
    assert ProofState.WAIVED.tone == "none" and ProofState.DENIED.tone == "fail"


# ---- properties over random matters and event sequences ------------------------------------

METHODS = list(Method)
proof_items = st.lists(
    st.tuples(st.sampled_from(METHODS), st.sets(st.sampled_from(METHODS[1:]), max_size=2)),
    min_size=1,
    max_size=5,
).map(lambda specs: [item(f"P{i}", m, tuple(sorted(fb - {m}))) for i, (m, fb) in enumerate(specs)])

EVENTS = ["start_lookup", "queue_lookup", "answer", "fail", "switch", "request", "verify"]
EVENTS += ["expire", "credit", "pledge", "approve", "refuse", "refuse_override", "accept"]
EVENTS += ["withdraw"]

# The natural next events of a proof, so that guided steps get cases far (to a decision);
# unguided steps try anything, mostly invalid transitions.
NATURAL = {
    (ProofState.PENDING, Method.DATA_QUERY): ["start_lookup", "queue_lookup", "switch"],
    (ProofState.IN_FLIGHT, Method.DATA_QUERY): ["answer", "answer", "fail", "queue_lookup"],
    (ProofState.QUEUED, Method.DATA_QUERY): ["start_lookup", "answer", "switch", "accept"],
    (ProofState.PENDING, Method.DEPT_VERIFY): ["request", "switch"],
    (ProofState.AWAITING_DEPT, Method.DEPT_VERIFY): ["verify", "verify", "expire", "accept"],
    (ProofState.PENDING, Method.PLEDGE): ["credit", "pledge", "pledge", "switch"],
}
DECISIONS = ["approve", "approve", "accept", "refuse", "refuse_override", "withdraw", "credit"]


def draw_event(data: st.DataObject, case: Case) -> tuple[str, int, bool, Method]:
    index = data.draw(st.integers(0, len(case.proofs) - 1))
    flag = data.draw(st.sampled_from([True, True, True, False]))  # mostly "yes" answers
    method = data.draw(st.sampled_from(METHODS))
    if data.draw(st.integers(0, 3)) == 0:
        return data.draw(st.sampled_from(EVENTS)), index, flag, method
    proof = list(case.proofs.values())[index]
    natural = NATURAL.get((proof.state, proof.method), DECISIONS)
    return data.draw(st.sampled_from(natural)), index, flag, method


def apply(case: Case, event: tuple[str, int, bool, Method], now: datetime) -> None:
    kind, index, flag, method = event
    code = list(case.proofs)[index]
    actions = {
        "start_lookup": lambda: case.start_lookup(code, now),
        "queue_lookup": lambda: case.queue_lookup(code, now),
        "answer": lambda: case.lookup_answered(code, flag, ev(Method.DATA_QUERY), now),
        "fail": lambda: case.lookup_failed(code, "超时", now),
        "switch": lambda: case.switch_method(code, method, now),
        "request": lambda: case.request_verification(code, "T", now),
        "verify": lambda: case.verification_answered(code, flag, ev(Method.DEPT_VERIFY), now),
        "expire": lambda: case.verification_expired(code, now),
        "credit": lambda: case.record_credit(not flag, now),  # mostly "not listed"
        "pledge": lambda: case.pledge_signed(code, "h", ev(Method.PLEDGE), now),
        "approve": lambda: case.approve(now),
        "refuse": lambda: case.refuse(now, "不符合条件"),
        "refuse_override": lambda: case.refuse(now, "不符合条件", override_reason="另有原因"),
        "accept": lambda: case.accept(now),
        "withdraw": lambda: case.withdraw(now, "撤回"),
    }
    actions[kind]()


def check_invariants(case: Case) -> None:
    """What must hold after every accepted event."""
    assert Case.from_dict(json.loads(json.dumps(case.to_dict()))) == case
    assert all(json.dumps(event.data) for event in case.pending_events)
    assert not any(case.applicant_id in json.dumps(event.data) for event in case.pending_events)
    if case.state is CaseState.APPROVED:
        assert all(p.state.satisfying for p in case.proofs.values())
        assert case.missing() == []
    if case.credit_listed:
        assert all(p.state is not ProofState.PLEDGED for p in case.proofs.values())
    for proof in case.proofs.values():
        assert proof.method in proof.allowed
        if proof.state is ProofState.PLEDGED:
            assert proof.pledge_hash is not None and case.credit_listed is False
    rec = case.recommend()
    assert (rec.decision is Decision.APPROVE) == (case.missing() == [])
    assert rec.reasons and all(isinstance(r, str) and r for r in rec.reasons)


@settings(max_examples=300)
@given(proof_items, st.data())
def test_no_event_sequence_approves_an_unsatisfied_case(
    items: list[ProofItem], data: st.DataObject
) -> None:
    case = open_case(items)
    for step in range(data.draw(st.integers(0, 40))):
        now = NOW + timedelta(minutes=step + 1)
        before = copy.deepcopy(case)
        try:
            apply(case, draw_event(data, case), now)
        except InvalidTransition:
            # A refused event changes nothing at all, not even the event list.
            assert case == before and case.pending_events == before.pending_events
            continue
        assert len(case.pending_events) == len(before.pending_events) + 1
        check_invariants(case)
    if case.state.final:
        frozen = copy.deepcopy(case)
        with pytest.raises(InvalidTransition):
            case.record_credit(False, NOW)
        assert case == frozen


def test_evidence_from_platform_answers() -> None:
    from clerkapp.core.platform_types import (
        LookupAnswer,
        Provenance,
        VerificationState,
        VerificationStatus,
    )

    prov = Provenance("公安车辆登记", "vehicle", "2026-11-26T09:00:00+08:00", "R-7")
    answer = LookupAnswer("vehicle.ownership", True, {"vehicle_count": 0}, prov)
    evidence = Evidence.from_lookup(answer, "名下无登记车辆", NOW)
    assert (evidence.method, evidence.source, evidence.receipt_id) == (
        Method.DATA_QUERY,
        "公安车辆登记",
        "R-7",
    )
    assert evidence.as_of == prov.as_of and evidence.at == NOW.isoformat()
    status = VerificationStatus(
        "T-1", VerificationState.ANSWERED, False, "2026-11-27T10:00:00", "市自然资源局", "无记录"
    )
    denied = Evidence.from_verification(status, NOW)
    assert denied.detail == "部门核验不属实（无记录）" and denied.source == "市自然资源局"
    assert Evidence.from_dict(denied.to_dict()) == denied


def test_applicant_display_masks_people_only() -> None:
    assert open_case(HOUSING).applicant_display == "330702********1221"
    business = [item("D", Method.DROPPED)]
    case = Case.open(
        "C2", matter_of(business, ApplicantKind.BUSINESS), business, ApplicantKind.BUSINESS,
        "91330702MA2ABCDEXC", "某公司", NOW, "t", "s",
    )  # fmt: skip
    assert case.applicant_display == "91330702MA2ABCDEXC"


def test_repr_does_not_leak_the_applicant() -> None:
    case = open_case(HOUSING)
    assert "330702198503141221" not in repr(case) and "李明" not in repr(case)
