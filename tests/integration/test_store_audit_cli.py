"""`clerkapp audit verify` as a subprocess on a real store file."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from clerkapp.infra.store import Store

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)


def _run(*args: str, tz: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TZ": tz} if tz else None
    return subprocess.run(
        [sys.executable, "-m", "clerkapp", "audit", "verify", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env=env,
    )


def _store(path: Path, n: int) -> None:
    with Store(path) as store:
        for i in range(n):
            store.audit.append("login", at=T0 + timedelta(minutes=i), actor="wang")


def _tampered_store(path: Path, sql: str) -> Path:
    """A store of 7 audit entries, then ``sql`` run behind the store's back."""
    _store(path, 7)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(sql)
    conn.close()
    return path


def test_verify_intact_chain(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    _store(path, 7)
    result = _run("--db", str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "审计链完整：7 条"
    assert lines[1].startswith("全部记录由审计密钥 ")
    assert lines[1].endswith("签署，保存于本机密钥文件")
    assert lines[2].startswith("存证核对：")


def test_verify_default_store_in_clerkapp_home(clerkapp_home: Path) -> None:
    from clerkapp.infra.paths import database_path

    _store(database_path(), 3)
    result = _run()
    assert result.returncode == 0, result.stderr
    assert "审计链完整：3 条" in result.stdout


def test_verify_pinpoints_tampered_row(tmp_path: Path) -> None:
    path = _tampered_store(tmp_path / "s.sqlite3", "UPDATE audit SET actor = 'li' WHERE seq = 5")
    # A workstation set to another zone still reads the office's (Beijing) time; the JSON
    # keeps the stored UTC time.
    result = _run("--db", str(path), tz="America/New_York")
    assert result.returncode == 1
    assert "第 5 条（login，2026-11-27 09:04）" in result.stdout
    assert "此前完整：4 条" in result.stdout
    as_json = json.loads(_run("--db", str(path), "--json").stdout)
    assert as_json["ok"] is False and as_json["broken"]["seq"] == 5
    assert as_json["broken"]["at"] == "2026-11-27T01:04:00.000000Z"


def test_verify_missing_store(tmp_path: Path) -> None:
    result = _run("--db", str(tmp_path / "nope.sqlite3"))
    assert result.returncode == 2
    assert "找不到数据库文件" in result.stderr


def test_verify_deleted_rows_name_no_neighbour(tmp_path: Path) -> None:
    """A deleted entry is reported by its number alone: the neighbour's action and time are not
    passed off as the missing entry's."""
    path = _tampered_store(tmp_path / "s.sqlite3", "DELETE FROM audit WHERE seq = 4")
    result = _run("--db", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "审计链断开：第 4 条：缺少第 4 条记录（第 3 条之后）：序号跳到 5（记录被删除）"
    )

    tail = _tampered_store(tmp_path / "tail.sqlite3", "DELETE FROM audit WHERE seq >= 6")
    result = _run("--db", str(tail))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "审计链断开：第 6 条：末尾缺少 2 条记录（已被删除）"
