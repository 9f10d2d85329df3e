"""CLI mistakes an IT person can make end in a Chinese message and an exit code, never a
traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clerkapp", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_data_directory_that_is_a_file(tmp_path: Path) -> None:
    home = tmp_path / "home.txt"
    home.write_text("", encoding="utf-8")
    result = _cli("catalogue", "stats", env={**os.environ, "CLERKAPP_HOME": str(home)})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "无法访问文件或目录" in result.stderr and str(home) in result.stderr


def test_port_out_of_range() -> None:
    result = _cli("platform", "serve", "--port", "99999")
    assert result.returncode == 2
    assert "端口应为 0–65535 之间的整数" in result.stderr


def test_search_limit_must_be_positive() -> None:
    result = _cli("catalogue", "search", "公共", "--limit", "0")
    assert result.returncode == 2
    assert "条数应为正整数" in result.stderr
