"""Parsing and validating catalogue contents: every problem is reported, with its location."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerkapp.core.catalogue import ApplicantKind, Method, Op
from clerkapp.core.catalogue_parse import Problem, parse_catalogue

RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "catalogue"
SCHEMA = json.loads((RESOURCES / "schema.json").read_text(encoding="utf-8"))
CANONICAL = json.loads((RESOURCES / "canonical.json").read_text(encoding="utf-8"))


def data() -> dict[str, Any]:
    return copy.deepcopy(CANONICAL)


def proof_index(d: dict[str, Any], code: str) -> int:
    return next(i for i, p in enumerate(d["proofs"]) if p["code"] == code)


def problems(d: object, *, schema: bool = True) -> list[Problem]:
    result = parse_catalogue(d, schema=SCHEMA if schema else None)
    assert result.catalogue is None, "a broken catalogue must not be built"
    assert not result.ok
    return result.problems


def where(found: list[Problem]) -> set[tuple[str, str]]:
    return {(p.location, p.field) for p in found}


@pytest.mark.parametrize("schema", [True, False])
def test_canonical_catalogue_parses_into_the_model(schema: bool) -> None:
    result = parse_catalogue(data(), schema=SCHEMA if schema else None)
    assert result.problems == []
    cat = result.catalogue
    assert cat is not None and cat.version == "2026.12.0"
    rental = cat.matters["zjj.public_rental"]
    assert rental.department == "金华市住房和城乡建设局"
    assert rental.department_code == "zjj" and rental.office_abbr == "金市建"
    assert rental.applicant_kind is ApplicantKind.PERSON
    methods = [p.method for p in cat.proofs_of(rental)]
    assert methods == [Method.DATA_QUERY, Method.DATA_QUERY, Method.DEPT_VERIFY,
                       Method.DATA_QUERY, Method.DROPPED]  # fmt: skip
    vehicle = cat.proofs["zjj.public_rental.vehicle"]
    assert vehicle.query is not None and vehicle.query.item == "vehicle.ownership"
    assert vehicle.query.when_not_found is True
    assert vehicle.query.conditions[0].op is Op.EQ and vehicle.query.conditions[0].value == 0
    assert vehicle.allows(Method.DEPT_VERIFY) and vehicle.verify is not None
    survivor = cat.matters["rsj.funeral_survivor"]
    assert survivor.decided_at_counter
    pledges = [p for p in cat.proofs_of(survivor) if p.method is Method.PLEDGE]
    assert {p.name for p in pledges} == {"夫妻关系证明", "无经济收入证明"}
    assert all(p.pledge and "失信" in p.pledge.consequences for p in pledges)
    death = cat.proofs["rsj.funeral_survivor.death"]
    assert death.query is not None and death.query.conditions[0].op is Op.IS_FALSE
    hours = cat.matters["rsj.flexible_hours"]
    assert hours.applicant_kind is ApplicantKind.BUSINESS and hours.office_abbr == "金市人社"
    in_list = cat.proofs["mzj.disability_subsidies.residence"].query
    assert in_list is not None and isinstance(in_list.conditions[0].value, tuple)


def test_top_level_not_an_object() -> None:
    assert where(problems([1, 2], schema=False)) == {("$", "")}
    assert ("$", "") in where(problems("text"))


def test_missing_fields_are_each_reported_once() -> None:
    d = data()
    del d["version"]
    del d["matters"][2]["legal_basis"]
    del d["proofs"][0]["issuer"]
    found = problems(d)
    assert where(found) == {("$", "version"), ("matters[2]", "legal_basis"),
                            ("proofs[0]", "issuer")}  # fmt: skip
    assert all("缺少必填字段" in p.message for p in found)


def test_missing_fields_without_schema_are_found_by_the_code_checks() -> None:
    d = data()
    del d["matters"][0]["time_limit_days"]
    assert where(problems(d, schema=False)) == {("matters[0]", "time_limit_days")}


def test_wrong_types() -> None:
    d = data()
    d["matters"][1]["time_limit_days"] = "3"
    d["matters"][1]["proofs"] = "rsj.funeral_survivor.death"
    d["proofs"][3]["synthetic"] = "yes"
    found = problems(d)
    assert {("matters[1]", "time_limit_days"), ("matters[1]", "proofs"),
            ("proofs[3]", "synthetic")} <= where(found)  # fmt: skip
    assert any("类型错误" in p.message for p in found)


def test_unknown_method_applicant_kind_and_operator() -> None:
    d = data()
    d["proofs"][1]["method"] = "fax"
    d["matters"][0]["applicant_kind"] = "robot"
    d["proofs"][0]["query"]["conditions"][0]["op"] = "~="
    for schema in (True, False):
        found = problems(d, schema=schema)
        assert {("proofs[1]", "method"), ("matters[0]", "applicant_kind"),
                ("proofs[0].query.conditions[0]", "op")} <= where(found)  # fmt: skip
        assert any("fax" in p.message for p in found)


def test_duplicate_codes_point_at_the_first_definition() -> None:
    d = data()
    d["proofs"][5]["code"] = d["proofs"][2]["code"]
    d["matters"][3]["code"] = d["matters"][0]["code"]
    d["departments"].append(dict(d["departments"][0]))
    found = problems(d)
    dup = {p.location: p.message for p in found if p.field == "code"}
    assert "proofs[2]" in dup["proofs[5]"]
    assert "matters[0]" in dup["matters[3]"]
    assert f"departments[{len(d['departments']) - 1}]" in dup


def test_undefined_references() -> None:
    d = data()
    d["matters"][0]["proofs"][1] = "zjj.no_such_proof"
    d["matters"][2]["department"] = "nowhere"
    found = problems(d)
    assert ("matters[0].proofs[1]", "proofs") in where(found)
    assert ("matters[2]", "department") in where(found)
    assert any("zjj.no_such_proof" in p.message for p in found)


def test_method_and_fallback_need_their_spec() -> None:
    d = data()
    vehicle = proof_index(d, "zjj.public_rental.vehicle")
    del d["proofs"][vehicle]["verify"]  # fallback dept_verify without spec
    death = proof_index(d, "rsj.funeral_survivor.death")
    del d["proofs"][death]["query"]  # primary data_query without spec
    found = problems(d)
    assert (f"proofs[{vehicle}].fallbacks[0]", "verify") in where(found)
    assert (f"proofs[{death}]", "query") in where(found)


def test_bad_fallbacks() -> None:
    d = data()
    d["proofs"][0]["fallbacks"] = ["dept_verify", "dropped", "data_query", "mail"]
    found = problems(d)
    assert {("proofs[0].fallbacks[1]", "fallbacks"), ("proofs[0].fallbacks[2]", "fallbacks"),
            ("proofs[0].fallbacks[3]", "fallbacks")} <= where(found)  # fmt: skip


def test_data_query_must_name_a_platform_item_and_its_fields() -> None:
    d = data()
    d["proofs"][0]["query"]["item"] = "tax.records"
    q = d["proofs"][1]["query"]
    q["fields"].append("salary")
    q["registry"] = "社保局"
    q3 = d["proofs"][3]["query"]
    q3["conditions"].append({"field": "plates", "op": "in", "value": ["x"], "description": "d"})
    q3["fields"] = ["vehicle_count"]  # plates tested but not requested
    found = problems(d)
    assert ("proofs[0].query", "item") in where(found)
    assert (f"proofs[1].query.fields[{len(q['fields']) - 1}]", "fields") in where(found)
    assert ("proofs[1].query", "registry") in where(found)
    assert ("proofs[3].query.conditions[1]", "field") in where(found)


@pytest.mark.parametrize(
    ("op", "value"),
    [("<=", "3300"), ("in", "married"), ("is_true", 1), ("==", None), (">", True)],
)
def test_condition_values_must_fit_the_operator(op: str, value: object) -> None:
    d = data()
    cond: dict[str, Any] = {"field": "monthly_income_per_capita", "op": op, "description": "x"}
    if value is not None:
        cond["value"] = value
    d["proofs"][0]["query"]["conditions"] = [cond]
    assert ("proofs[0].query.conditions[0]", "value") in where(problems(d))


def test_version_format_and_unknown_fields() -> None:
    d = data()
    d["version"] = "v2"
    d["format"] = "clerkapp-catalogue/9"
    d["matters"][0]["colour"] = "red"
    found = problems(d)
    assert {("$", "version"), ("$", "format"), ("matters[0]", "colour")} <= where(found)


def test_pinyin_must_fit_the_name() -> None:
    d = data()
    d["matters"][0]["pinyin"] = "gong gong zu lin"  # 8 characters, 4 readings
    d["proofs"][0]["pinyin"] = "jia | ting jing ji zhuang kuang zheng ming"
    result = parse_catalogue(d, schema=SCHEMA)
    assert where(result.problems) == {("matters[0]", "pinyin")}


def test_many_problems_at_once_are_all_reported_in_readable_lines() -> None:
    d = data()
    del d["issued"]
    d["matters"][0]["proofs"].append("missing.proof")
    d["proofs"][1]["method"] = "telepathy"
    d["proofs"][2]["code"] = d["proofs"][0]["code"]
    d["proofs"][3]["query"]["item"] = "weather"
    found = problems(d)
    assert len(found) >= 5
    lines = [p.render("bad.json") for p in found]
    assert (
        "bad.json: matters[0].proofs[5]: proofs: 引用了未定义的证明事项：'missing.proof'" in lines
    )
    assert all(line.startswith("bad.json: ") and line.count(": ") >= 3 for line in lines)


_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += _paths(child, (*prefix, i))
    return found


_ALL_PATHS = _paths(CANONICAL)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_ALL_PATHS), _JUNK, st.booleans()), min_size=1, max_size=4)
)
def test_any_corruption_is_reported_never_crashes(edits: list[tuple[Any, ...]]) -> None:
    d = data()
    for path, junk, delete in edits:
        parent: Any = d
        try:
            for key in path[:-1]:
                parent = parent[key]
            if delete and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = junk
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed this place
    for schema in (SCHEMA, None):
        result = parse_catalogue(d, schema=schema)
        assert (result.catalogue is None) == bool(result.problems)
        assert all(p.location and p.message for p in result.problems)
