"""The city catalogue generator: deterministic, the reform's size and split, all synthetic."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from clerkapp.core.catalogue import PLATFORM_ITEMS, Method
from clerkapp.core.catalogue_parse import parse_catalogue
from tools import gen_catalogue

RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "catalogue"


def test_generation_is_deterministic_and_matches_the_committed_file(tmp_path: Path) -> None:
    committed = (RESOURCES / "jinhua.json").read_text(encoding="utf-8")
    first = gen_catalogue.render(gen_catalogue.generate())
    assert first == committed, "jinhua.json is out of date: run python tools/gen_catalogue.py"
    out = tmp_path / "jinhua.json"
    assert gen_catalogue.main(["--output", str(out)]) == 0  # a second run: the same bytes
    assert out.read_bytes() == (RESOURCES / "jinhua.json").read_bytes()
    out.write_text(committed.replace(gen_catalogue.VERSION, "2099.1.1", 1), encoding="utf-8")
    assert gen_catalogue.main(["--check", "--output", str(out)]) == 1


def test_bundled_catalogue_has_the_reform_scale_and_split() -> None:
    data = json.loads((RESOURCES / "jinhua.json").read_text(encoding="utf-8"))
    schema = json.loads((RESOURCES / "schema.json").read_text(encoding="utf-8"))
    result = parse_catalogue(data, schema=schema)
    assert result.problems == []
    cat = result.catalogue
    assert cat is not None
    assert len(cat.proofs) >= 2700
    split = Counter(p.method for p in cat.proofs.values())
    assert 580 <= split[Method.DROPPED] <= 650
    assert 400 <= split[Method.PLEDGE] <= 450
    assert 670 <= split[Method.DATA_QUERY] <= 700
    assert 1000 <= split[Method.DEPT_VERIFY] <= 1050
    assert 38 <= len(cat.departments) <= 42
    assert all(d.office_abbr.startswith("金市") for d in cat.departments.values())
    assert len({m.department for m in cat.matters.values()}) == len(cat.departments)
    # every proof item belongs to a matter; everything generated is marked synthetic
    referenced = {code for m in cat.matters.values() for code in m.proofs}
    assert referenced == set(cat.proofs)
    canonical = json.loads((RESOURCES / "canonical.json").read_text(encoding="utf-8"))
    hand_made = {p["code"] for p in canonical["proofs"]} | {m["code"] for m in canonical["matters"]}
    for entry in [*cat.proofs.values(), *cat.matters.values()]:
        assert entry.synthetic or entry.code in hand_made
        assert entry.pinyin, f"{entry.code} has no stored reading"
    assert hand_made <= set(cat.proofs) | set(cat.matters)
    # data queries only name platform items, with their registry
    for p in cat.proofs.values():
        if p.query is not None:
            assert p.query.registry == PLATFORM_ITEMS[p.query.item].registry
    used = {p.query.item for p in cat.proofs.values() if p.query is not None}
    assert used == set(PLATFORM_ITEMS)


def test_generated_names_are_plausible_and_specs_complete() -> None:
    data = gen_catalogue.generate()
    names = Counter(p["name"] for p in data["proofs"])
    for expected in [
        "无犯罪记录证明",
        "亲属关系证明",
        "未再婚证明",
        "无房证明",
        "人事档案存放证明",
    ]:
        assert any(expected in name for name in names), expected
    endings = ("证明", "复印件", "核验", "意见", "信", "报告", "照片", "声明", "说明", "证明书")
    assert all(name.endswith(endings) for name in names)
    for proof in data["proofs"]:
        for method in [proof["method"], *proof.get("fallbacks", [])]:
            key = {"dropped": "drop", "pledge": "pledge", "data_query": "query",
                   "dept_verify": "verify"}[method]  # fmt: skip
            assert key in proof, proof["code"]
        if "pledge" in proof:
            assert "承诺" in proof["pledge"]["text"] and "失信" in proof["pledge"]["consequences"]
    for matter in data["matters"]:
        assert 1 <= len(matter["proofs"]) <= gen_catalogue.MAX_PROOFS


def test_platform_items_match_what_the_sandbox_serves() -> None:
    from clerkapp.sandbox.registries import ITEMS

    assert set(ITEMS) == set(PLATFORM_ITEMS)
    for name, item in PLATFORM_ITEMS.items():
        served = ITEMS[name]
        assert (served.registry, served.subject, tuple(served.fields)) == (
            item.registry,
            item.subject,
            item.fields,
        ), name


def test_the_city_with_its_nine_counties_is_ten_times_the_city() -> None:
    from tools.gen_catalogue_counties import COUNTIES, generate_counties

    data = generate_counties()
    result = parse_catalogue(data)  # the code checks (the schema pass: see the CLI test)
    assert result.problems == []
    cat = result.catalogue
    assert cat is not None
    assert len(cat.proofs) == 10 * 2729 and len(COUNTIES) == 9
    split = Counter(p.method for p in cat.proofs.values())
    assert split[Method.DEPT_VERIFY] == 10 * gen_catalogue.TARGET["dept_verify"]
    city = gen_catalogue.generate()
    assert data["proofs"][: len(city["proofs"])] == city["proofs"]  # the city as bundled
    yiwu = cat.matters["yw.zjj.public_rental"]
    assert yiwu.name == "公共租赁住房申请" and yiwu.synthetic  # only the city's rank as canonical
    assert yiwu.department == "义乌市住房和城乡建设局" and yiwu.office_abbr == "义建"
    assert cat.departments["wc.mzj"].name == "金华市婺城区民政局"
    assert cat.departments["yw.gjj"].name == "金华市住房公积金管理中心义乌分中心"
    assert cat.departments["yk.swju"].name == "国家税务总局永康市税务局"
    # a county's own mix of proof items, not a copy of the city's
    city_names = [p["name"] for p in city["proofs"]]
    county_names = [p.name for p in cat.proofs.values() if p.code.startswith("yw.")]
    assert county_names != city_names and len(county_names) == len(city_names)
    assert all(p.pinyin for p in cat.proofs.values())
