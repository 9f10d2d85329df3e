"""The dataset format: deterministic generation, a trainer's dataset loaded by the sandbox,
and broken datasets refused with file, line and field."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from clerkapp.core.idnumber import check_id_number, make_id_number
from clerkapp.core.uscc import check_uscc
from clerkapp.sandbox import demo
from clerkapp.sandbox.config import SandboxSettings
from clerkapp.sandbox.dataset import TABLES, DatasetError, load_dataset
from clerkapp.sandbox.server import ThreadedSandbox
from clerkapp.sandbox.synth import COUNTIES
from tests.sandbox_fixture import SandboxHandle

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clerkapp", "platform", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dataset") / "a"
    result = _cli("dataset", "--out", str(out), "--people", "300", "--seed", "7")
    assert result.returncode == 0, result.stderr
    return out


def test_same_seed_same_files_other_seed_other_files(written: Path, tmp_path: Path) -> None:
    again = tmp_path / "b"
    assert _cli("dataset", "--out", str(again), "--people", "300", "--seed", "7").returncode == 0
    assert _digest(again) == _digest(written)
    other = tmp_path / "c"
    assert _cli("dataset", "--out", str(other), "--people", "300", "--seed", "8").returncode == 0
    assert _digest(other)["people.jsonl"] != _digest(written)["people.jsonl"]


def test_written_dataset_is_valid_and_realistic(written: Path) -> None:
    manifest = json.loads((written / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "clerkapp-sandbox-dataset" and manifest["seed"] == 7
    assert set(manifest["counts"]) == set(TABLES)
    dataset = load_dataset(written)
    people = dataset.tables["people"]
    assert len(people) >= 300
    today = dataset.as_of.date()
    for row in people:
        assert not [p for p in check_id_number(row["id_number"], today) if p.severity == "error"]
        assert row["id_number"][:6] == row["county_code"] and row["county_code"] in COUNTIES
    assert {row["county_code"] for row in people} == set(COUNTIES)
    for row in dataset.tables["businesses"]:
        assert not [p for p in check_uscc(row["uscc"]) if not p.warning]
    plates = [p for row in dataset.tables["vehicles"] for p in row["plates"]]
    assert plates and all(p.startswith("浙G") for p in plates)
    assert dataset.tables["dishonesty"] and dataset.tables["family_economic"]
    assert demo.LI_MING in {row["id_number"] for row in people}  # demo subjects included


def _copy(src: Path, dst: Path) -> Path:
    dst.mkdir()
    for path in src.iterdir():
        (dst / path.name).write_bytes(path.read_bytes())
    return dst


def test_check_dataset_reports_file_line_and_field(written: Path, tmp_path: Path) -> None:
    broken = _copy(written, tmp_path / "broken")
    lines = (broken / "people.jsonl").read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[2])
    bad_id = row["id_number"][:17] + ("0" if row["id_number"][17] != "0" else "1")
    lines[2] = json.dumps({**row, "id_number": bad_id}, ensure_ascii=False)
    lines[4] = lines[4][:-5]  # cut: invalid JSON
    row5 = json.loads(lines[5])
    del row5["gender"]
    lines[5] = json.dumps(row5, ensure_ascii=False)
    (broken / "people.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with (broken / "vehicles.jsonl").open("a", encoding="utf-8") as fh:
        stranger = make_id_number("330782", date(1990, 1, 1), 999)
        fh.write(json.dumps({"id_number": stranger, "plates": ["沪A12345"]}) + "\n")

    with pytest.raises(DatasetError) as caught:
        load_dataset(broken)
    problems = caught.value.problems
    assert any(p.startswith("people.jsonl:3: id_number: 身份证号码校验不通过") for p in problems)
    # file:line: field: what — and where on the line (line, column, byte offset in the file)
    assert any(
        p.startswith("people.jsonl:5: -: 不是有效的 JSON") and "（第 5 行第 " in p for p in problems
    )
    assert "people.jsonl:6: gender: 缺少字段" in problems
    vehicles_line = len((broken / "vehicles.jsonl").read_text(encoding="utf-8").splitlines())
    assert f'vehicles.jsonl:{vehicles_line}: plates: 应为车牌号列表，如 ["浙G3A7K2"]' in problems
    assert any(p.startswith("manifest.json: counts.people") for p in problems)

    result = _cli("check-dataset", str(broken))
    assert result.returncode == 1 and "people.jsonl:3: id_number" in result.stderr


def test_reference_to_an_unknown_person_is_reported(written: Path, tmp_path: Path) -> None:
    broken = _copy(written, tmp_path / "ref")
    stranger = make_id_number("330782", date(1990, 1, 1), 998)
    with (broken / "realestate.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id_number": stranger, "property_count": 1, "total_area_m2": 80}))
        fh.write("\n")
    manifest = json.loads((broken / "manifest.json").read_text(encoding="utf-8"))
    manifest["counts"]["realestate"] += 1
    (broken / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        load_dataset(broken)
    line = manifest["counts"]["realestate"]
    assert caught.value.problems == [
        f"realestate.jsonl:{line}: id_number: 在 people.jsonl 中不存在"
    ]


def test_serve_refuses_a_broken_dataset(written: Path, tmp_path: Path) -> None:
    broken = _copy(written, tmp_path / "serve-broken")
    (broken / "businesses.jsonl").write_text('{"uscc": "91330702MA2J8K1TX0"}\n', encoding="utf-8")
    result = _cli("serve", "--port", "0", "--data", str(broken))
    assert result.returncode == 1
    assert "businesses.jsonl:1: uscc:" in result.stderr and "沙箱不能启动" in result.stderr


def test_sandbox_serves_a_trainers_dataset(written: Path, tmp_path: Path) -> None:
    data = _copy(written, tmp_path / "trainer")
    text = (data / "people.jsonl").read_text(encoding="utf-8")
    people = [json.loads(line) for line in text.splitlines()]
    someone = next(p for p in people if p["id_number"] not in demo.DEMO_IDS)
    server = ThreadedSandbox(SandboxSettings(data_dir=data, verify_delay_s=0)).start()
    try:
        handle = SandboxHandle(server, data)
        answer = handle.call(
            "POST",
            "/api/v1/lookups",
            {
                "item": "population.basic",
                "subject": {"id_number": someone["id_number"]},
                "fields": ["name"],
            },
        ).json()
        assert answer["found"] is True and answer["record"]["name"] == someone["name"]
        manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
        assert answer["provenance"]["as_of"] == manifest["as_of"]
        handle.close()
    finally:
        server.stop()


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_every_generated_dataset_passes_its_own_validation(seed: int, tmp_path: Path) -> None:
    from clerkapp.sandbox.dataset import write_dataset
    from clerkapp.sandbox.synth import generate

    dataset = generate(120, seed)
    write_dataset(dataset, tmp_path)
    loaded = load_dataset(tmp_path)
    assert loaded.tables == dataset.tables
    assert loaded.list_version == dataset.list_version
