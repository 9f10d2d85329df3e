"""Data-query rules: does a platform answer satisfy a proof?

:func:`evaluate` applies a :class:`~clerkapp.core.catalogue.DataQuerySpec` to a
:class:`~clerkapp.core.platform_types.LookupAnswer`:

- "not found" is an answer: the spec's ``when_not_found`` decides;
- a found record satisfies the proof when every condition holds; a condition whose field the
  platform did not return, or whose value cannot be compared (text where a number is needed, an
  empty value), fails with a reason saying so — never silently passes;
- ``summary`` is the short Chinese sentence shown on the proofs board: the failed conditions'
  descriptions, or on success a sentence of facts for the known platform items
  ("名下无登记车辆", "名下有车辆 1 辆", "累计缴费 36 个月"). Summaries name no people.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from clerkapp.core.catalogue import Condition, DataQuerySpec, Op
from clerkapp.core.platform_types import LookupAnswer
from clerkapp.core.texts import QT_TRANSLATE_NOOP

_MISSING = object()
_OP_WORDS = {
    Op.EQ: QT_TRANSLATE_NOOP("Rules", "等于"),
    Op.NE: QT_TRANSLATE_NOOP("Rules", "不等于"),
    Op.LT: QT_TRANSLATE_NOOP("Rules", "小于"),
    Op.LE: QT_TRANSLATE_NOOP("Rules", "不大于"),
    Op.GT: QT_TRANSLATE_NOOP("Rules", "大于"),
    Op.GE: QT_TRANSLATE_NOOP("Rules", "不小于"),
    Op.IN: QT_TRANSLATE_NOOP("Rules", "属于"),
    Op.NOT_IN: QT_TRANSLATE_NOOP("Rules", "不属于"),
    Op.IS_TRUE: QT_TRANSLATE_NOOP("Rules", "为“是”"),
    Op.IS_FALSE: QT_TRANSLATE_NOOP("Rules", "为“否”"),
}


@dataclass(frozen=True)
class RuleOutcome:
    """Whether the answer satisfies the proof, the reasons (one per failed condition, Chinese)
    and the one-line summary for the proofs board."""

    satisfied: bool
    reasons: tuple[str, ...]
    summary: str


class _IncomparableError(Exception):
    """A field value of the wrong kind for the operator (internal)."""


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _holds(condition: Condition, actual: Any) -> bool:
    op, expected = condition.op, condition.value
    if op in (Op.IS_TRUE, Op.IS_FALSE):
        if not isinstance(actual, bool):
            raise _IncomparableError
        return actual is (op is Op.IS_TRUE)
    if op in (Op.LT, Op.LE, Op.GT, Op.GE):
        if not (_is_number(actual) and _is_number(expected)):
            raise _IncomparableError
        return {
            Op.LT: actual < expected,
            Op.LE: actual <= expected,
            Op.GT: actual > expected,
            Op.GE: actual >= expected,
        }[op]
    if op in (Op.IN, Op.NOT_IN):
        options = tuple(expected) if isinstance(expected, list | tuple | set | frozenset) else ()
        return (actual in options) == (op is Op.IN)
    # EQ / NE: a bool never equals a number here (True == 1 is Python, not a registry fact).
    same = isinstance(actual, bool) == isinstance(expected, bool) and actual == expected
    return same if op is Op.EQ else not same


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return QT_TRANSLATE_NOOP("Rules", "是") if value else QT_TRANSLATE_NOOP("Rules", "否")
    if value is None:
        return QT_TRANSLATE_NOOP("Rules", "空")
    if isinstance(value, list | tuple):
        return "、".join(_shown(v) for v in value) or QT_TRANSLATE_NOOP("Rules", "无")
    return str(value)


def _failure(condition: Condition, why: str) -> str:
    text = condition.description or QT_TRANSLATE_NOOP(
        "Rules", "{field} 应{op_words} {shown}"
    ).format(field=condition.field, op_words=_OP_WORDS[condition.op], shown=_shown(condition.value))
    return QT_TRANSLATE_NOOP("Rules", "{text}（{why}）").format(text=text, why=why)


def check_condition(condition: Condition, record: dict[str, Any]) -> str | None:
    """None when ``condition`` holds on ``record``, else the Chinese reason it does not."""
    actual = record.get(condition.field, _MISSING)
    if actual is _MISSING:
        return QT_TRANSLATE_NOOP("Rules", "平台未返回字段 {field}").format(field=condition.field)
    try:
        if _holds(condition, actual):
            return None
    except _IncomparableError:
        if actual is None:
            return QT_TRANSLATE_NOOP("Rules", "平台返回的字段 {field} 为空，无法判断").format(
                field=condition.field
            )
        return QT_TRANSLATE_NOOP(
            "Rules", "平台返回的字段 {field} 取值“{shown}”无法用于判断"
        ).format(field=condition.field, shown=_shown(actual))
    return _failure(condition, f"{condition.field} = {_shown(actual)}")


def evaluate(spec: DataQuerySpec, answer: LookupAnswer) -> RuleOutcome:
    """Decide whether ``answer`` satisfies the proof described by ``spec``."""
    if answer.item != spec.item:
        raise ValueError(f"answer for {answer.item!r} evaluated against a rule for {spec.item!r}")
    if not answer.found or answer.record is None:
        verdict = (
            QT_TRANSLATE_NOOP("Rules", "视为符合条件")
            if spec.when_not_found
            else QT_TRANSLATE_NOOP("Rules", "不符合条件")
        )
        summary = _NOT_FOUND.get(
            spec.item,
            QT_TRANSLATE_NOOP("Rules", "{registry}未查到记录").format(registry=spec.registry),
        )
        why = (
            ()
            if spec.when_not_found
            else (
                QT_TRANSLATE_NOOP("Rules", "{summary}，{verdict}").format(
                    summary=summary, verdict=verdict
                ),
            )
        )
        return RuleOutcome(spec.when_not_found, why, summary)
    record = answer.record
    reasons: list[str] = []
    shown: list[str] = []
    for condition in spec.conditions:
        reason = check_condition(condition, record)
        if reason is None:
            continue
        reasons.append(reason)
        # A value that fails is summarised by the catalogue's sentence; a missing or unusable
        # field by the reason itself (the description would claim a fact we do not know).
        unknown = reason.startswith("平台")
        shown.append(reason if unknown or not condition.description else condition.description)
    if reasons:
        return RuleOutcome(False, tuple(reasons), "；".join(shown))
    return RuleOutcome(True, (), facts(spec.item, record) or QT_TRANSLATE_NOOP("Rules", "符合条件"))


def facts(item: str, record: dict[str, Any]) -> str:
    """A short sentence of the facts of a found record of a known platform item ("" when the
    item is unknown or the fields are not there)."""
    describe = _FACTS.get(item)
    if describe is None:
        return ""
    try:
        return describe(record)
    except (KeyError, TypeError, ValueError):
        return ""


def _vehicles(r: dict[str, Any]) -> str:
    count = int(r["vehicle_count"])
    return (
        QT_TRANSLATE_NOOP("Rules", "名下无登记车辆")
        if count == 0
        else QT_TRANSLATE_NOOP("Rules", "名下有车辆 {count} 辆").format(count=count)
    )


def _realestate(r: dict[str, Any]) -> str:
    count = int(r["property_count"])
    if count == 0:
        return QT_TRANSLATE_NOOP("Rules", "名下无登记不动产")
    return QT_TRANSLATE_NOOP("Rules", "名下不动产 {count} 处，共 {area} 平方米").format(
        count=count, area=r["total_area_m2"]
    )


def _insured(r: dict[str, Any]) -> str:
    if not r["insured"]:
        return QT_TRANSLATE_NOOP("Rules", "未参加社会保险")
    return QT_TRANSLATE_NOOP("Rules", "参保中，累计缴费 {months} 个月").format(
        months=r["months_contributed"]
    )


def _employer(r: dict[str, Any]) -> str:
    arrears = (
        QT_TRANSLATE_NOOP("Rules", "有欠缴")
        if r["arrears"]
        else QT_TRANSLATE_NOOP("Rules", "无欠缴")
    )
    return QT_TRANSLATE_NOOP("Rules", "参保职工 {employees} 人，{arrears}").format(
        employees=r["insured_employees"], arrears=arrears
    )


def _income(r: dict[str, Any]) -> str:
    low = QT_TRANSLATE_NOOP("Rules", "，属低收入家庭") if r.get("low_income_household") else ""
    return QT_TRANSLATE_NOOP("Rules", "家庭月人均收入 {income} 元{low}").format(
        income=r["monthly_income_per_capita"], low=low
    )


_MARITAL = {
    "married": QT_TRANSLATE_NOOP("Rules", "已婚"),
    "single": QT_TRANSLATE_NOOP("Rules", "未婚"),
    "divorced": QT_TRANSLATE_NOOP("Rules", "离婚"),
    "widowed": QT_TRANSLATE_NOOP("Rules", "丧偶"),
}

_FACTS: dict[str, Callable[[dict[str, Any]], str]] = {
    "vehicle.ownership": _vehicles,
    "realestate.holdings": _realestate,
    "social_insurance.person": _insured,
    "social_insurance.employer": _employer,
    "family_economic.status": _income,
    "marriage.record": lambda r: QT_TRANSLATE_NOOP("Rules", "婚姻状况：{marital}").format(
        marital=_MARITAL[r["marital_status"]]
    ),
    "population.basic": lambda r: (
        QT_TRANSLATE_NOOP("Rules", "户籍信息已核实")
        if r["alive"]
        else QT_TRANSLATE_NOOP("Rules", "户籍登记为已死亡")
    ),
    "household.members": lambda r: QT_TRANSLATE_NOOP("Rules", "户内共 {members} 人").format(
        members=r["members_count"]
    ),
    "personnel_file.custody": lambda r: QT_TRANSLATE_NOOP(
        "Rules", "人事档案存放于{custodian}"
    ).format(custodian=r["custodian"]),
    "business.licence": lambda r: QT_TRANSLATE_NOOP("Rules", "营业执照登记状态：{status}").format(
        status=r["status"]
    ),
}

_NOT_FOUND = {
    "vehicle.ownership": QT_TRANSLATE_NOOP("Rules", "名下无登记车辆"),
    "realestate.holdings": QT_TRANSLATE_NOOP("Rules", "名下无登记不动产"),
    "marriage.record": QT_TRANSLATE_NOOP("Rules", "无婚姻登记记录"),
    "social_insurance.person": QT_TRANSLATE_NOOP("Rules", "无社会保险参保记录"),
    "social_insurance.employer": QT_TRANSLATE_NOOP("Rules", "无单位参保记录"),
    "population.basic": QT_TRANSLATE_NOOP("Rules", "无户籍登记记录"),
    "household.members": QT_TRANSLATE_NOOP("Rules", "无户籍登记记录"),
    "personnel_file.custody": QT_TRANSLATE_NOOP("Rules", "无人事档案存放记录"),
    "family_economic.status": QT_TRANSLATE_NOOP("Rules", "无家庭经济状况核对记录"),
    "business.licence": QT_TRANSLATE_NOOP("Rules", "无市场主体登记记录"),
}
