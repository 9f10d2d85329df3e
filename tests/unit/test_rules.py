"""Data-query rules on platform answers."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerkapp.core.catalogue import Condition, DataQuerySpec, Op
from clerkapp.core.platform_types import LookupAnswer, Provenance
from clerkapp.core.rules import check_condition, evaluate, facts

PROV = Provenance("公安车辆登记", "vehicle", "2026-11-26T09:00:00+08:00", "R-1")
NO_VEHICLE = Condition("vehicle_count", Op.EQ, 0, "名下有登记车辆")
VEHICLES = DataQuerySpec(
    "vehicle.ownership", "公安车辆登记", ("vehicle_count",), (NO_VEHICLE,), when_not_found=True
)


def answer(item: str, record: dict[str, Any] | None) -> LookupAnswer:
    return LookupAnswer(item, record is not None, record, PROV)


def test_no_vehicle_satisfies_with_a_fact_summary() -> None:
    outcome = evaluate(VEHICLES, answer("vehicle.ownership", {"vehicle_count": 0}))
    assert outcome.satisfied and outcome.reasons == ()
    assert outcome.summary == "名下无登记车辆"


def test_a_vehicle_fails_with_the_catalogue_sentence() -> None:
    record = {"vehicle_count": 1, "plates": ["浙G·12***"]}
    outcome = evaluate(VEHICLES, answer("vehicle.ownership", record))
    assert not outcome.satisfied
    assert outcome.summary == "名下有登记车辆"
    assert outcome.reasons == ("名下有登记车辆（vehicle_count = 1）",)


def test_not_found_follows_the_spec() -> None:
    assert evaluate(VEHICLES, answer("vehicle.ownership", None)).satisfied
    assert evaluate(VEHICLES, answer("vehicle.ownership", None)).summary == "名下无登记车辆"
    marriage = DataQuerySpec(
        "marriage.record",
        "民政婚姻登记",
        ("marital_status",),
        (Condition("marital_status", Op.IN, ("married", "widowed"), "无有效婚姻关系"),),
        when_not_found=False,
    )
    outcome = evaluate(marriage, answer("marriage.record", None))
    assert not outcome.satisfied
    assert outcome.summary == "无婚姻登记记录"
    assert outcome.reasons == ("无婚姻登记记录，不符合条件",)
    widowed = evaluate(marriage, answer("marriage.record", {"marital_status": "widowed"}))
    assert widowed.satisfied and widowed.summary == "婚姻状况：丧偶"


def test_missing_field_is_never_a_pass() -> None:
    outcome = evaluate(VEHICLES, answer("vehicle.ownership", {"plates": []}))
    assert not outcome.satisfied
    assert outcome.reasons == ("平台未返回字段 vehicle_count",)
    assert outcome.summary == "平台未返回字段 vehicle_count"


def test_unusable_values_fail_with_a_reason() -> None:
    income = Condition("monthly_income_per_capita", Op.LE, 1500, "家庭月人均收入超过标准")
    assert check_condition(income, {"monthly_income_per_capita": "很多"}) == (
        "平台返回的字段 monthly_income_per_capita 取值“很多”无法用于判断"
    )
    assert "为空" in (check_condition(income, {"monthly_income_per_capita": None}) or "")
    insured = Condition("insured", Op.IS_TRUE, None, "未参加社会保险")
    assert check_condition(insured, {"insured": 1}) is not None  # 1 is not "yes"
    assert check_condition(insured, {"insured": True}) is None
    # A bool is not a number for == either.
    assert check_condition(Condition("n", Op.EQ, 1, "x"), {"n": True}) is not None


@pytest.mark.parametrize(
    ("op", "value", "actual", "holds"),
    [
        (Op.EQ, "存续", "存续", True),
        (Op.NE, "存续", "注销", True),
        (Op.LT, 10, 9, True),
        (Op.LT, 10, 10, False),
        (Op.LE, 10, 10, True),
        (Op.GT, 6, 6, False),
        (Op.GE, 6, 6, True),
        (Op.GE, 6, 5.5, False),
        (Op.IN, ("存续",), "存续", True),
        (Op.NOT_IN, ("注销", "吊销"), "吊销", False),
        (Op.IS_FALSE, None, False, True),
        (Op.IS_FALSE, None, True, False),
    ],
)
def test_operators(op: Op, value: object, actual: object, holds: bool) -> None:
    assert (check_condition(Condition("f", op, value, "不符合"), {"f": actual}) is None) is holds


def test_several_failures_are_all_reported() -> None:
    spec = DataQuerySpec(
        "social_insurance.employer",
        "人力社保",
        ("insured_employees", "arrears"),
        (
            Condition("insured_employees", Op.GE, 1, "无参保职工"),
            Condition("arrears", Op.IS_FALSE, None, "单位存在社保欠缴"),
        ),
        when_not_found=False,
    )
    record = {"insured_employees": 0, "arrears": True}
    outcome = evaluate(spec, answer("social_insurance.employer", record))
    assert outcome.summary == "无参保职工；单位存在社保欠缴"
    assert len(outcome.reasons) == 2
    ok = evaluate(
        spec, answer("social_insurance.employer", {"insured_employees": 12, "arrears": False})
    )
    assert ok.satisfied and ok.summary == "参保职工 12 人，无欠缴"


def test_empty_description_falls_back_to_a_generated_sentence() -> None:
    reason = check_condition(Condition("months_contributed", Op.GE, 6), {"months_contributed": 3})
    assert reason == "months_contributed 应不小于 6（months_contributed = 3）"


def test_answer_for_another_item_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        evaluate(VEHICLES, answer("marriage.record", {}))


def test_facts_of_unknown_items_or_broken_records_are_empty() -> None:
    assert facts("weather.today", {"x": 1}) == ""
    assert facts("vehicle.ownership", {}) == ""
    assert facts("social_insurance.person", {"insured": True, "months_contributed": 36}) == (
        "参保中，累计缴费 36 个月"
    )


@given(st.integers(0, 20))
def test_vehicle_rule_matches_the_count(count: int) -> None:
    outcome = evaluate(VEHICLES, answer("vehicle.ownership", {"vehicle_count": count}))
    assert outcome.satisfied is (count == 0)
    assert outcome.summary == ("名下无登记车辆" if count == 0 else "名下有登记车辆")
