"""The kind of act of each matter (procedure) and what it grants: parsed, validated, migrated."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from clerkapp.core.catalogue import ProcedureKind
from clerkapp.core.catalogue_parse import FORMAT, parse_catalogue

RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "catalogue"
SCHEMA = json.loads((RESOURCES / "schema.json").read_text(encoding="utf-8"))
CANONICAL = json.loads((RESOURCES / "canonical.json").read_text(encoding="utf-8"))
JINHUA = json.loads((RESOURCES / "jinhua.json").read_text(encoding="utf-8"))


def data() -> dict[str, Any]:
    return copy.deepcopy(CANONICAL)


def rental(d: dict[str, Any]) -> dict[str, Any]:
    return next(m for m in d["matters"] if m["code"] == "zjj.public_rental")


@pytest.mark.parametrize("schema", [True, False])
def test_the_act_fields_are_read_into_the_matter(schema: bool) -> None:
    result = parse_catalogue(data(), schema=SCHEMA if schema else None)
    assert result.ok, result.problems
    assert result.catalogue is not None
    m = result.catalogue.matters
    assert m["zjj.public_rental"].procedure is ProcedureKind.BENEFIT
    assert m["rsj.funeral_survivor"].procedure is ProcedureKind.BENEFIT
    assert m["rsj.flexible_hours"].procedure is ProcedureKind.LICENCE
    assert m["zjj.enterprise_qualification"].procedure is ProcedureKind.LICENCE
    assert m["gaj.birth_registration"].procedure is ProcedureKind.CONFIRMATION
    assert m["rsj.personnel_file_transfer"].procedure is ProcedureKind.PUBLIC_SERVICE
    funeral = m["rsj.funeral_survivor"]
    assert (
        funeral.basis_article == "第十七条"
        and funeral.legal_basis == "《中华人民共和国社会保险法》"
    )
    assert "丧葬补助金" in funeral.grant_scope and "按月发放" in funeral.validity
    assert m["zjj.enterprise_qualification"].validity == "资质证书有效期五年"
    assert m["zjj.public_rental"].public_code == "JH-GF-0101"


@pytest.mark.parametrize("schema", [True, False])
def test_format_2_requires_a_known_procedure(schema: bool) -> None:
    d = data()
    del rental(d)["procedure"]
    d["matters"][1]["procedure"] = "permit"
    result = parse_catalogue(d, schema=SCHEMA if schema else None)
    assert result.catalogue is None
    found = {(p.location, p.field): p.message for p in result.problems}
    assert found[("matters[0]", "procedure")] == "缺少必填字段"
    assert "'permit'" in found[("matters[1]", "procedure")]
    assert len(result.problems) == 2, result.problems


@pytest.mark.parametrize("schema", [True, False])
def test_bad_act_fields_are_each_reported(schema: bool) -> None:
    d = data()
    m = rental(d)
    m["basis_article"] = "第7款"
    m["public_code"] = "公租房 01"
    m["grant_scope"] = ""
    m["validity"] = 5
    result = parse_catalogue(d, schema=SCHEMA if schema else None)
    assert result.catalogue is None
    fields = {(p.location, p.field) for p in result.problems}
    assert fields == {
        ("matters[0]", "basis_article"),
        ("matters[0]", "public_code"),
        ("matters[0]", "grant_scope"),
        ("matters[0]", "validity"),
    }, result.problems


@pytest.mark.parametrize("article", ["第十二条", "第十二条第一款", "第十二条第（五）项", "第3条"])
def test_articles_are_accepted_in_their_usual_forms(article: str) -> None:
    d = data()
    rental(d)["basis_article"] = article
    result = parse_catalogue(d, schema=SCHEMA)
    assert result.ok, result.problems
    assert result.catalogue is not None
    assert result.catalogue.matters["zjj.public_rental"].basis_article == article


@pytest.mark.parametrize("schema", [True, False])
def test_a_format_1_file_without_kinds_reads_as_other(schema: bool) -> None:
    """An older file names no kind: its matters get the neutral wording, never the licence one."""
    d = data()
    d["format"] = "clerkapp-catalogue/1"
    for matter in d["matters"]:
        matter.pop("procedure")
    rental(d)["procedure"] = "benefit"  # a /1 file may already name some
    result = parse_catalogue(d, schema=SCHEMA if schema else None)
    assert result.ok, result.problems
    assert result.catalogue is not None
    kinds = {c: m.procedure for c, m in result.catalogue.matters.items()}
    assert kinds.pop("zjj.public_rental") is ProcedureKind.BENEFIT
    assert set(kinds.values()) == {ProcedureKind.OTHER}


def test_an_unknown_format_is_refused() -> None:
    d = data()
    d["format"] = "clerkapp-catalogue/3"
    result = parse_catalogue(d, schema=SCHEMA)
    assert result.catalogue is None
    assert any(p.field == "format" for p in result.problems)


def test_the_shipped_catalogue_names_a_kind_for_every_matter() -> None:
    assert JINHUA["format"] == FORMAT == CANONICAL["format"]
    for matter in JINHUA["matters"]:
        assert matter["procedure"] in {k.value for k in ProcedureKind}, matter["code"]
    result = parse_catalogue(JINHUA)
    assert result.ok and result.catalogue is not None
    counts: dict[ProcedureKind, int] = {}
    for m in result.catalogue.matters.values():
        counts[m.procedure] = counts.get(m.procedure, 0) + 1
    assert set(counts) == set(ProcedureKind)  # every kind is represented
    by_code = result.catalogue.matters
    assert by_code["rsj.funeral_survivor"].procedure is ProcedureKind.BENEFIT
    assert by_code["rsj.flexible_hours"].procedure is ProcedureKind.LICENCE
    names = {m.name: m.procedure for m in by_code.values()}
    assert names["失业保险金申领"] is ProcedureKind.BENEFIT
    assert names["结婚登记"] is ProcedureKind.CONFIRMATION
    assert names["排污许可核发"] is ProcedureKind.LICENCE
    assert names["住房公积金提取（购房）"] is ProcedureKind.PUBLIC_SERVICE
    assert names["技术改造项目备案"] is ProcedureKind.OTHER
