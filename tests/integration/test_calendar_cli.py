"""The real `clerkapp calendar …` commands, run as a process: checking override files (the
installed one by default) and counting working days across holidays and unknown years."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "calendar" / "example-holidays.json"
# Test data shaped like a notice (not the real 2027 schedule).
OVERRIDE_2027 = {
    "format": "clerkapp-holidays/1",
    "years": {
        "2027": {
            "source": "测试用安排",
            "holidays": [f"2027-02-{d:02d}" for d in range(6, 15)],
            "workdays": ["2027-02-20"],
        }
    },
}


def cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CLERKAPP_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "clerkapp", "calendar", *args],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )  # fmt: skip


def install(home: Path, data: object) -> Path:
    path = home / "calendar" / "holidays.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_check_without_an_installed_file_lists_the_shipped_years(clerkapp_home: Path) -> None:
    out = cli("check", home=clerkapp_home)
    assert out.returncode == 0, out.stderr
    assert "本机没有节假日覆盖文件" in out.stdout
    assert "chinesecalendar" in out.stdout and "2004–2026" in out.stdout


def test_check_the_installed_file_adds_its_years(clerkapp_home: Path) -> None:
    path = install(clerkapp_home, OVERRIDE_2027)
    out = cli("check", home=clerkapp_home)
    assert out.returncode == 0, out.stderr
    assert f"{path}: 校验通过" in out.stdout
    assert "2027 年：放假 9 天，调休上班 1 天，依据：测试用安排" in out.stdout
    assert "合计：2004–2027" in out.stdout


def test_check_the_shipped_example(clerkapp_home: Path) -> None:
    out = cli("check", str(EXAMPLE), home=clerkapp_home)
    assert out.returncode == 0, out.stderr
    assert "2026 年：放假 33 天，调休上班 6 天" in out.stdout


def test_check_prints_every_problem_and_exits_1(clerkapp_home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    year = {"holidays": ["2027-13-01", "2026-10-01"], "workdays": ["2027-02-06"]}
    data = {"format": "holidays", "years": {"2027": year}}
    bad.write_text(json.dumps(data), encoding="utf-8")
    out = cli("check", str(bad), home=clerkapp_home)
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert len(lines) == 3, lines
    assert lines[0] == f"{bad}: $: format: 未知的格式“holidays”，应为“clerkapp-holidays/1”"
    assert lines[1] == f"{bad}: years.2027: holidays[0]: “2027-13-01”不是有效的日期"
    assert lines[2] == f"{bad}: years.2027: holidays[1]: 2026-10-01 不在 2027 年内"
    assert "校验失败：3 个问题" in out.stderr
    missing = cli("check", str(tmp_path / "none.json"), home=clerkapp_home)
    assert missing.returncode == 1 and "无法读取文件" in missing.stdout


def test_add_days_across_spring_festival_2026(clerkapp_home: Path) -> None:
    out = cli("add-days", "2026-02-13", "15", home=clerkapp_home)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "2026-03-12" and out.stderr == ""
    assert cli("add-days", "2026-02-13", "1", home=clerkapp_home).stdout.strip() == "2026-02-14"
    assert cli("add-days", "2026-02-13", "0", home=clerkapp_home).stdout.strip() == "2026-02-13"


def test_add_days_into_an_unknown_year_says_so_until_a_file_covers_it(
    clerkapp_home: Path,
) -> None:
    out = cli("add-days", "2027-02-05", "5", home=clerkapp_home)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "2027-02-12"  # weekends only
    assert "2027 年的法定节假日安排未知，按周末计算" in out.stderr
    install(clerkapp_home, OVERRIDE_2027)
    out = cli("add-days", "2027-02-05", "5", home=clerkapp_home)
    assert out.stdout.strip() == "2027-02-19" and out.stderr == ""


def test_add_days_with_a_broken_installed_file_uses_the_shipped_schedule(
    clerkapp_home: Path,
) -> None:
    install(clerkapp_home, {"format": "clerkapp-holidays/1", "years": {"2026": []}})
    out = cli("add-days", "2026-02-13", "2", home=clerkapp_home)
    assert out.returncode == 0
    assert out.stdout.strip() == "2026-02-24"
    assert "1 个问题，已忽略" in out.stderr and "clerkapp calendar check" in out.stderr


def test_add_days_refuses_bad_arguments_in_chinese(clerkapp_home: Path) -> None:
    out = cli("add-days", "2026-02-30", "3", home=clerkapp_home)
    assert out.returncode == 2 and "日期应为 YYYY-MM-DD 格式：2026-02-30" in out.stderr
    out = cli("add-days", "2026-02-13", "-1", home=clerkapp_home)
    assert out.returncode == 2 and "工作日数应为非负整数" in out.stderr
