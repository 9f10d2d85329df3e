"""One clock for people: a workstation whose own zone is not the office's (TZ=America/New_York,
TZ=UTC) prints, shows and numbers exactly what an Asia/Shanghai one does.

Each zone runs in a process of its own (``TZ`` is read when a process starts — by Python's
``time``, by Qt): tests/integration/tz_probe.py builds real documents and reads their text back,
fills the real proofs board, and opens a case at an instant that is already the next day in
Beijing; and the suite's own document and board tests run again under New York time.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ZONES = ("Asia/Shanghai", "America/New_York", "UTC")
BUDGET_S = 60


def _env(tz: str) -> dict[str, str]:
    return {**os.environ, "TZ": tz, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


def _comparable(result: dict[str, Any]) -> dict[str, Any]:
    """The probe's output without what differs by design: the zone itself, and the signature
    hashes (they bind the random case number)."""
    text = json.dumps(
        {k: v for k, v in result.items() if k not in ("tz", "workstation_offset_s")},
        ensure_ascii=False,
    )
    return json.loads(re.sub(r"[0-9a-f]{64}", "<sha256>", text))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def probes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The probe's output in each zone (run side by side, within the time budget)."""
    out = tmp_path_factory.mktemp("tz-probes")
    started = time.monotonic()
    running = {
        tz: subprocess.Popen(
            [sys.executable, "-m", "tests.integration.tz_probe", str(out / f"{i}.json")],
            cwd=ROOT,
            env=_env(tz),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for i, tz in enumerate(ZONES)
    }
    results = {}
    for i, (tz, process) in enumerate(running.items()):
        left = max(1.0, BUDGET_S - (time.monotonic() - started))
        output, _ = process.communicate(timeout=left)
        assert process.returncode == 0, f"probe in {tz} failed:\n{output}"
        results[tz] = json.loads((out / f"{i}.json").read_text(encoding="utf-8"))
    return results


def test_the_probes_really_ran_in_different_zones(probes: dict[str, dict[str, Any]]) -> None:
    offsets = {tz: probes[tz]["workstation_offset_s"] for tz in ZONES}
    assert offsets["Asia/Shanghai"] == 8 * 3600
    assert offsets["UTC"] == 0
    assert offsets["America/New_York"] in (-5 * 3600, -4 * 3600)


def test_documents_board_and_counter_read_the_same_in_every_zone(
    probes: dict[str, dict[str, Any]],
) -> None:
    reference = _comparable(probes["Asia/Shanghai"])
    for tz in ZONES[1:]:
        assert _comparable(probes[tz]) == reference, f"{tz} differs from Asia/Shanghai"


def test_the_text_is_beijing_time(probes: dict[str, dict[str, Any]]) -> None:
    """Not merely equal: each run shows the office's (Beijing) times and day."""
    for tz in ZONES:
        result = probes[tz]
        docs = result["documents"]
        # the look-ups' data as of 2026-11-26 09:00+08:00, the department's answer at 09:50
        assert "数据截至2026-11-2609:00" in docs["decision"], tz
        assert "答复日期2026-11-27" in docs["decision"], tz
        assert "你于二〇二六年十一月二十七日提出" in docs["refusal"], tz
        # the pledges were signed at 09:35 Beijing time (stored as 01:35 UTC)
        assert "签署时间：二〇二六年十一月二十七日09:35" in docs["pledge"], tz
        assert docs["pledge_step_signed_at"] == "11-27 09:35", tz
        board = "\n".join(result["board"])
        assert "数据截至 11-26 09:00" in board and "11-27 09:50" in board, tz
        counter = result["counter"]
        # 17:30 UTC on 11-27 is 01:30 on 11-28 in Beijing: the office's day numbers and lists
        assert counter["case_id"].startswith("20261128-"), tz
        assert counter["listed"] == {"2026-11-27": [], "2026-11-28": [counter["case_id"]]}, tz
        assert counter["clock_offset_s"] == 8 * 3600, tz  # the app clock is the office's


def test_suite_document_and_board_tests_pass_in_new_york() -> None:
    """The suite's document-content tests and the public rental wizard test (board rows against
    the real sandbox) hold their Beijing-time expectations on a New York workstation."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-x",
            "-p",
            "no:cacheprovider",
            "tests/integration/test_documents_content.py",
            "tests/gui/test_case_public_rental.py",
        ],
        cwd=ROOT,
        env=_env("America/New_York"),
        capture_output=True,
        text=True,
        timeout=BUDGET_S,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout), result.stdout[-2000:]
