"""The reasons of a refusal: each failed proof's, then the clerk's own words — each once, however
much of the pre-filled text the clerk kept, joined or reworded (issue 8)."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from clerkapp.core.case_types import Evidence, ProofResolution, ProofState
from clerkapp.core.catalogue import Method
from clerkapp.core.reasons import SEPARATOR, own_reason, prefill, refusal_reasons

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
CAR = "车辆登记情况：名下有车辆 1 辆"
HOUSE = "不动产登记情况：名下有住房 1 套"


def _proof(code: str, name: str, state: ProofState, detail: str = "") -> ProofResolution:
    method = Method.DATA_QUERY
    ev = Evidence(method, "登记机关", detail=detail, at=NOW.isoformat()) if detail else None
    return ProofResolution(code, name, method, (method,), state, NOW, evidence=ev)


PROOFS = (
    _proof("car", "车辆登记情况", ProofState.NOT_SATISFIED, "名下有车辆 1 辆"),
    _proof("income", "收入情况", ProofState.SATISFIED, "家庭人均月收入 900 元"),
    _proof("house", "不动产登记情况", ProofState.DENIED, "名下有住房 1 套"),
    _proof("site", "宅基地", ProofState.AWAITING_DEPT),
)


def test_the_prefill_alone_adds_nothing() -> None:
    text = prefill((CAR, HOUSE))
    assert text == f"{CAR}{SEPARATOR}{HOUSE}"
    assert own_reason(text, (CAR, HOUSE)) is None
    assert refusal_reasons(PROOFS, text) == (CAR, HOUSE)
    assert refusal_reasons(PROOFS, None) == (CAR, HOUSE)


def test_the_clerks_own_words_follow_once() -> None:
    typed = f"{CAR}；{HOUSE}；申请人另有一套自建房未登记。"
    assert refusal_reasons(PROOFS, typed) == (CAR, HOUSE, "申请人另有一套自建房未登记。")
    # a reason typed in the middle, separators doubled or in ASCII, blanks around
    messy = f" {CAR};；另查明申请人不在本市居住 ；{HOUSE}； "
    assert refusal_reasons(PROOFS, messy) == (CAR, HOUSE, "另查明申请人不在本市居住")
    # a deleted pre-fill: the registry's answer is still printed (it cannot be edited away)
    assert refusal_reasons(PROOFS, "申请人另有住房") == (CAR, HOUSE, "申请人另有住房")


def test_a_reworded_reason_is_the_clerks() -> None:
    reworded = "车辆登记情况：名下有车辆 1 辆（浙G·3A***）"
    # the registry's line is in it verbatim: only the addition is the clerk's
    assert refusal_reasons(PROOFS, reworded) == (CAR, HOUSE, "（浙G·3A***）")
    other = "名下登记有机动车一辆"
    assert refusal_reasons(PROOFS, other) == (CAR, HOUSE, other)


@given(st.lists(st.sampled_from([CAR, HOUSE, "另查明X", "；", ";", " "]), max_size=8))
def test_no_reason_is_ever_printed_twice(parts: list[str]) -> None:
    reasons = refusal_reasons(PROOFS, "".join(parts))
    assert reasons[:2] == (CAR, HOUSE)
    for extra in reasons[2:]:
        assert CAR not in extra and HOUSE not in extra
    assert len(reasons) == len(set(reasons))
