"""The real `clerkapp catalogue …` commands, run as a process, on the shipped catalogue and on
broken files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "resources" / "catalogue" / "jinhua.json"
CANONICAL = ROOT / "resources" / "catalogue" / "canonical.json"


def cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CLERKAPP_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "clerkapp", "catalogue", *args],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )  # fmt: skip


def canonical(version: str = "2026.12.1") -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CANONICAL.read_text(encoding="utf-8"))
    data["version"] = version
    return data


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def test_validate_the_shipped_catalogue(clerkapp_home: Path) -> None:
    out = cli("validate", str(BUNDLED), home=clerkapp_home)
    assert out.returncode == 0, out.stderr
    assert "校验通过" in out.stdout and "2729" in out.stdout and "2026.12.0" in out.stdout


def test_validate_reports_invalid_json_with_line_and_column(
    clerkapp_home: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n "format": "clerkapp-catalogue/1",\n "version": "1"\n "issued": 1}')
    out = cli("validate", str(bad), home=clerkapp_home)
    assert out.returncode == 1
    assert out.stdout.strip() == (
        f"{bad}: 第 4 行第 2 列（字节 54）: -: 不是有效的 JSON：Expecting ',' delimiter"
    )


def test_validate_reports_every_problem_with_file_location_and_field(
    clerkapp_home: Path, tmp_path: Path
) -> None:
    data = canonical()
    del data["matters"][1]["legal_basis"]  # missing field
    data["proofs"][2]["method"] = "carrier_pigeon"  # unknown method
    data["proofs"][4]["code"] = data["proofs"][0]["code"]  # duplicate code
    data["matters"][0]["proofs"][2] = "zjj.public_rental.no_such"  # undefined reference
    path = write(tmp_path / "broken.json", data)
    out = cli("validate", str(path), home=clerkapp_home)
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert f"{path}: matters[1]: legal_basis: 缺少必填字段" in lines
    assert any(
        line.startswith(f"{path}: proofs[2]: method: ") and "carrier_pigeon" in line
        for line in lines
    )
    assert any(
        line.startswith(f"{path}: proofs[4]: code: 编码重复") and "proofs[0]" in line
        for line in lines
    )
    assert any(
        line.startswith(f"{path}: matters[0].proofs[2]: proofs: 引用了未定义的证明事项")
        for line in lines
    )
    # renaming proofs[4] also left its matter pointing at a code no longer defined
    undefined = "引用了未定义的证明事项：'zjj.public_rental.hukou_copy'"
    assert f"{path}: matters[0].proofs[4]: proofs: {undefined}" in lines
    assert len(lines) == 5 and "5 个问题" in out.stderr


def test_import_keeps_the_version_and_refuses_older(clerkapp_home: Path, tmp_path: Path) -> None:
    installed = clerkapp_home / "catalogue" / "current.json"
    out = cli("import", str(write(tmp_path / "a.json", canonical("2026.12.2"))), home=clerkapp_home)
    assert out.returncode == 0, out.stderr
    assert "2026.12.2" in out.stdout
    assert json.loads(installed.read_text(encoding="utf-8"))["version"] == "2026.12.2"
    before = installed.read_bytes()

    older = cli(
        "import", str(write(tmp_path / "b.json", canonical("2026.9.30"))), home=clerkapp_home
    )
    assert older.returncode == 1 and "早于" in older.stderr
    same = cli(
        "import", str(write(tmp_path / "c.json", canonical("2026.12.2"))), home=clerkapp_home
    )
    assert same.returncode == 0 and "已经安装" in same.stdout  # nothing to do, not a failure
    broken = canonical("2027.1.1")
    broken["proofs"][0]["query"]["item"] = "horoscope.daily"
    bad = cli("import", str(write(tmp_path / "d.json", broken)), home=clerkapp_home)
    assert bad.returncode == 1 and "horoscope.daily" in bad.stdout and "未做任何更改" in bad.stderr
    assert installed.read_bytes() == before
    assert sorted(p.name for p in installed.parent.iterdir()) == ["current.json"]

    stats = cli("stats", "--json", home=clerkapp_home)
    figures = json.loads(stats.stdout)
    assert (figures["version"], figures["matters"], figures["proofs"]) == ("2026.12.2", 12, 43)


def test_search_the_bundled_catalogue(clerkapp_home: Path) -> None:
    out = cli("search", "ggzl", "--json", "--limit", "3", home=clerkapp_home)
    assert out.returncode == 0, out.stderr
    hits = json.loads(out.stdout)
    assert hits[0]["code"] == "zjj.public_rental" and hits[0]["kind"] == "matter"
    assert hits[0]["department"] == "金华市住房和城乡建设局"
    text = cli("search", "租赁", home=clerkapp_home)
    first = text.stdout.splitlines()[0]
    assert "公共租赁住房申请" in first and "事项" in first
    proofs = json.loads(
        cli("search", "社保", "--json", "--kind", "proof", home=clerkapp_home).stdout
    )
    assert len(proofs) == 20 and {h["kind"] for h in proofs} == {"proof"}
    none = cli("search", "zzzzqqq", home=clerkapp_home)
    assert none.returncode == 0 and "没有找到" in none.stdout


def test_stats_of_the_bundled_catalogue(clerkapp_home: Path) -> None:
    out = cli("stats", "--json", home=clerkapp_home)
    assert out.returncode == 0, out.stderr
    stats = json.loads(out.stdout)
    assert stats["proofs"] == sum(stats["methods"].values()) >= 2700
    assert stats["methods"] == {
        "dropped": 610, "pledge": 420, "data_query": 677, "dept_verify": 1022
    }  # fmt: skip
    assert stats["departments"] == 40 and stats["file"].endswith("jinhua.json")
    text = cli("stats", home=clerkapp_home).stdout
    assert "数据查询 (data_query)：677" in text and "部门核验 (dept_verify)：1022" in text
