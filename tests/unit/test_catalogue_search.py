"""Catalogue search: Chinese substrings, pinyin (full, spaced, initials, mixed), polyphones,
abbreviations, and ranking."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerkapp.core.catalogue import (
    ApplicantKind,
    Catalogue,
    DropSpec,
    Matter,
    Method,
    ProofItem,
)
from clerkapp.core.catalogue_parse import parse_catalogue
from clerkapp.core.search import CatalogueIndex, normalise_query, parse_reading, reading_of

BUNDLED = Path(__file__).resolve().parents[2] / "resources" / "catalogue" / "jinhua.json"


@cache
def full_index() -> CatalogueIndex:
    result = parse_catalogue(json.loads(BUNDLED.read_text(encoding="utf-8")))
    assert result.catalogue is not None
    return CatalogueIndex.build(result.catalogue)


def small_catalogue() -> Catalogue:
    """A hand-made catalogue without stored readings (the index computes them)."""

    def matter(code: str, name: str, synthetic: bool = True) -> Matter:
        return Matter(code, name, "某局", ApplicantKind.PERSON, "依据", 0, (), synthetic=synthetic)

    def proof(code: str, name: str) -> ProofItem:
        return ProofItem(code, name, "某单位", Method.DROPPED, drop=DropSpec("依据"))

    matters = [
        matter("m.rental", "公共租赁住房申请", synthetic=False),
        matter("m.subsidy", "住房租赁补贴申请"),
        matter("m.long", "长期护理保险待遇申请"),
        matter("m.bank", "银行账户变更"),
        matter("m.cq", "重庆户籍人员居住登记"),
        matter("m.syn", "公共场所卫生许可"),
    ]
    proofs = [
        proof("p.rental", "公共租赁住房资格证明"),
        proof("p.si", "社会保险参保证明"),
        proof("p.lease", "房屋租赁情况证明"),
    ]
    return Catalogue("1", "2026-01-01", {m.code: m for m in matters}, {p.code: p for p in proofs})


@pytest.fixture(scope="module")
def small() -> CatalogueIndex:
    return CatalogueIndex.build(small_catalogue())


def codes(index: CatalogueIndex, query: str, **kw: object) -> list[str]:
    return [h.code for h in index.search(query, **kw)]  # type: ignore[arg-type]


def test_reading_format_fits_the_name() -> None:
    for name in ["公共租赁住房申请", "B超（复印件）2号", "长期护理保险待遇申请"]:
        reading = reading_of(name)
        assert parse_reading(name, reading) is not None, reading
    assert reading_of("公共租赁").replace(" | ", " ").split() == ["gong", "gong", "zu", "lin"]
    assert "zhang" in reading_of("长期护理") and "chang" in reading_of("长期护理")


def test_query_normalisation() -> None:
    assert normalise_query(" Gong Gong ZU'lin ") == "gonggongzulin"
    assert normalise_query("ＧＧＺＬ") == "ggzl"


@pytest.mark.parametrize(
    "query",
    ["公共租赁", "租赁", "gonggongzulin", "gong gong zu lin", "ggzl", "公共zl", "gonggzl",
     "gongg", "GGZL"],
)  # fmt: skip
def test_public_rental_is_found_by_every_way_of_typing(small: CatalogueIndex, query: str) -> None:
    assert "m.rental" in codes(small, query)


def test_two_character_queries(small: CatalogueIndex) -> None:
    found = codes(small, "租赁")
    assert set(found) == {"m.rental", "m.subsidy", "p.rental", "p.lease"}
    assert codes(small, "保险") == ["m.long", "p.si"]


def test_ranking_exact_then_prefix_then_word_start_then_substring(small: CatalogueIndex) -> None:
    hits = small.search("公共租赁住房申请")
    assert hits[0].code == "m.rental" and hits[0].score > hits[1].score if len(hits) > 1 else True
    # prefix (公共租赁住房申请, 公共租赁住房资格证明) before the word start (住房租赁补贴申请) …
    found = codes(small, "租赁")
    assert found.index("m.rental") < found.index("p.lease")
    scores = {h.code: h.score for h in small.search("住房")}
    assert scores["m.subsidy"] > scores["m.rental"]  # prefix beats a later word start
    # … and matters before proof items at an equal score
    assert codes(small, "gonggong")[:2] == ["m.rental", "m.syn"]
    assert codes(small, "gonggong")[-1] == "p.rental"


def test_canonical_matters_rank_first_at_equal_tier(small: CatalogueIndex) -> None:
    hits = small.search("gg")
    assert [h.code for h in hits][:2] == ["m.rental", "m.syn"]
    assert hits[0].score > hits[1].score


def test_polyphones_do_not_hide_obvious_hits(small: CatalogueIndex) -> None:
    assert codes(small, "changqi") == ["m.long"]
    assert codes(small, "zhangqi") == ["m.long"]  # the "wrong" reading still finds it
    assert codes(small, "chongqing") == ["m.cq"]
    assert codes(small, "zhongqing") == ["m.cq"]
    assert "m.bank" in codes(small, "yinhang") and "m.bank" in codes(small, "yinxing")


def test_abbreviations(small: CatalogueIndex) -> None:
    assert codes(small, "社保") == ["p.si"]
    assert codes(small, "公租房") == ["m.rental", "p.rental"]
    assert codes(small, "公租")[:2] == ["m.rental", "p.rental"]  # typing 公租房, one key early
    assert "p.si" in codes(small, "shebao")


def test_kinds_limit_and_empty_queries(small: CatalogueIndex) -> None:
    assert codes(small, "租赁", kinds=("proof",)) == ["p.rental", "p.lease"]
    assert codes(small, "租赁", kinds=("matter",)) == ["m.rental", "m.subsidy"]
    assert len(small.search("租赁", limit=1)) == 1
    assert small.search("") == [] and small.search("   ") == []
    assert small.search("xyzzy") == [] and small.search("无此事项") == []


def test_hits_describe_what_they_found(small: CatalogueIndex) -> None:
    hit = small.search("公共租赁住房申请")[0]
    assert (hit.kind, hit.name, hit.department, hit.detail) == (
        "matter",
        "公共租赁住房申请",
        "某局",
        "即办件",
    )


def test_full_catalogue_queries() -> None:
    index = full_index()
    assert len(index) > 3000
    assert index.search("公共租赁")[0].code == "zjj.public_rental"
    assert index.search("ggzl")[0].code == "zjj.public_rental"
    assert index.search("gong gong zu lin")[0].code == "zjj.public_rental"
    assert index.search("丧葬")[0].code == "rsj.funeral_survivor"
    assert index.search("综合计算工时")[0].code == "rsj.flexible_hours"
    social = index.search("社保", limit=100)
    assert 50 <= len(social) < 100  # every one of them, no noise
    assert any(h.name == "社会保险参保证明" for h in social)
    assert all("社保" in h.name or "社会保险" in h.name for h in social)
    proofs = index.search("证明", limit=50, kinds=("proof",))
    assert len(proofs) == 50 and all("证明" in h.name for h in proofs)
    scores = [h.score for h in index.search("zm", limit=200)]
    assert scores == sorted(scores, reverse=True)
    only_matters = index.search("s", limit=30, kinds=("matter",))
    assert len(only_matters) == 30 and {h.kind for h in only_matters} == {"matter"}


def test_typing_character_by_character_gives_the_same_hits_as_a_fresh_search() -> None:
    typed = CatalogueIndex.build(small_catalogue())
    for text in ["gonggongzulin", "公共租赁住房", "zhangqihuli", "社保证明", "ggzl", "zfzl"]:
        for n in range(1, len(text) + 1):
            fresh = CatalogueIndex.build(small_catalogue())
            assert typed.search(text[:n]) == fresh.search(text[:n]), text[:n]
    full = full_index()
    sequence = ["z", "zh", "zhu", "zhuf", "zhufa", "zhufang", "zhufangg", "zhufang公", "s", "sb"]
    for query in sequence:
        got = full.search(query, limit=10)
        full._last = None  # forget what was typed before: the same query from scratch
        assert full.search(query, limit=10) == got, query
        full.search(query, limit=10)  # and type on from there


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="gonzulihafqsebxj公共租赁住房长期保险 ", min_size=1, max_size=10))
def test_narrowing_never_changes_the_hits(text: str) -> None:
    typed = CatalogueIndex.build(small_catalogue())
    fresh = CatalogueIndex.build(small_catalogue())
    for n in range(1, len(text) + 1):
        fresh._last = None
        assert typed.search(text[:n], limit=3) == fresh.search(text[:n], limit=3)


def test_names_with_markup_characters_do_not_break_the_index() -> None:
    odd = ProofItem("p.odd", "甲|乙#丙~丁证明", "某单位", Method.DROPPED, drop=DropSpec("依据"))
    base = small_catalogue()
    index = CatalogueIndex.build(Catalogue("1", "2026-01-01", base.matters, {"p.odd": odd}))
    assert [h.code for h in index.search("丙")] == ["p.odd"]
    assert [h.code for h in index.search("dingzheng")] == ["p.odd"]
    assert [h.code for h in index.search("jia|yi")] == ["p.odd"]
    assert [h.code for h in index.search("m.rental")] == []  # codes are not searched


def test_full_width_punctuation_in_names_matches_either_width() -> None:
    index = full_index()
    for query in ["提取（购房）", "提取(购房)", "（购房"]:
        assert index.search(query)[0].name == "住房公积金提取（购房）", query
