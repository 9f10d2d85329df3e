"""Each tampering of issue 11 on a real store file, caught by `clerkapp audit verify` (a
subprocess, read-only) and named in words: edit + re-chain, truncate, wipe, swap, delete, a
`cases` edit, an empty file, a damaged page, a 1-byte file, another app's database, a missing
audit key, a moved chain marker — and the checked file is never written."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from clerkapp.core.case import Decision
from clerkapp.infra.store import Store
from clerkapp.infra.store.audit_chain import AuditAnchor
from tests.integration.case_fixtures import (
    PERSON_ID,
    STROKES,
    SURVIVOR,
    SURVIVOR_RELATED,
    answer,
    confirm_identity,
    png,
    service,
)

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)
KEYS = ("seq", "at", "actor", "workstation", "case_id", "action", "data")


def _verify(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clerkapp", "audit", "verify", "--db", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def _store(path: Path, n: int = 8, *, anchor_at: int | None = None) -> Path:
    """A store of ``n`` entries; with ``anchor_at``, the platform confirmed the head at that
    count (kept in the store, as a sync leaves it)."""
    with Store(path) as store:
        for i in range(n):
            store.audit.append("login", at=T0 + timedelta(minutes=i), actor="wang")
            if anchor_at == i + 1:
                chain, count, head = store.audit.head()
                assert chain is not None
                anchor = AuditAnchor(chain, count, head, "2026-11-27T02:00:00.000000Z", "TRAIN-01")
                store.audit.record_anchor(anchor, confirmed_at=T0)
    return path


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()


def _rechain_plainly(path: Path, start: int) -> None:
    """What a forger without the key does after an edit: recompute every hash from ``start`` on
    (plain SHA-256) and fix the head in ``meta``."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    with conn:
        rows = [dict(r) for r in conn.execute("SELECT * FROM audit ORDER BY seq")]
        prev = rows[start - 2]["hash"] if start > 1 else "0" * 64
        for row in rows[start - 1 :]:
            content = json.dumps(
                {k: row[k] for k in KEYS}, sort_keys=True, ensure_ascii=False, separators=(",", ":")
            )
            digest = hashlib.sha256((prev + content).encode()).hexdigest()
            conn.execute(
                "UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, row["seq"])
            )
            prev = digest
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"{rows[-1]['seq']}:{prev}",)
        )
    conn.close()


def _problem(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "platform" not in result.stderr  # no log line for a platform that did not answer
    assert words in result.stdout + result.stderr, result.stdout + result.stderr


def test_intact_store_verifies_and_is_not_written(tmp_path: Path) -> None:
    path = _store(tmp_path / "s.sqlite3", anchor_at=8)
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    result = _verify(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("审计链完整：8 条")
    assert "本地保存的平台已确认存证 1 条" in result.stdout
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    # a WAL-mode store checked while no program has it open: no -wal / -shm left beside it
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("s.sqlite3-")]


def test_edit_and_rechain_without_the_key(tmp_path: Path) -> None:
    path = _store(tmp_path / "s.sqlite3")
    _sql(path, "UPDATE audit SET actor = 'forger' WHERE seq = 3")
    _rechain_plainly(path, 3)
    result = _verify(path)
    _problem(result, "审计链断开：第 3 条（login，")
    assert "记录内容与其密钥哈希不符" in result.stdout


def test_truncation_below_an_anchor(tmp_path: Path) -> None:
    path = _store(tmp_path / "s.sqlite3", anchor_at=7)
    conn = sqlite3.connect(path)
    [head] = conn.execute("SELECT hash FROM audit WHERE seq = 5").fetchone()
    conn.close()
    # The forger also fixes the head in meta: only the anchor still knows.
    _sql(
        path,
        "DELETE FROM audit WHERE seq > 5",
        f"UPDATE meta SET value = '5:{head}' WHERE key = 'audit_head'",
    )
    _problem(_verify(path), "审计链只有 5 条，少于 2026-11-27 10:00 平台存证的 7 条")


def test_wipe_with_an_anchor(tmp_path: Path) -> None:
    path = _store(tmp_path / "s.sqlite3", anchor_at=8)
    _sql(path, "DELETE FROM audit", "DELETE FROM meta WHERE key = 'audit_head'")
    _problem(_verify(path), "审计链为空，但 2026-11-27 10:00 平台存证时已有 8 条")


def test_swapped_entries(tmp_path: Path) -> None:
    path = _store(tmp_path / "s.sqlite3")
    _sql(
        path,
        "UPDATE audit SET seq = -1 WHERE seq = 4",
        "UPDATE audit SET seq = 4 WHERE seq = 5",
        "UPDATE audit SET seq = 5 WHERE seq = -1",
    )
    _problem(_verify(path), "审计链断开：第 4 条")


def test_deleted_entry(tmp_path: Path) -> None:
    path = _store(tmp_path / "s.sqlite3")
    _sql(path, "DELETE FROM audit WHERE seq = 4")
    _problem(_verify(path), "缺少第 4 条记录（第 3 条之后）")


def test_cases_edit_names_the_case(tmp_path: Path) -> None:
    svc = service(tmp_path)
    case = svc.open_case(SURVIVOR, "person", PERSON_ID, "王五", "wang", related=SURVIVOR_RELATED)
    svc.record_credit(case.id, svc_clear())
    confirm_identity(svc, case.id)
    [row] = svc.begin_lookups(case.id, "wang")
    died = {"alive": False, "died_on": "2026-10-02"}
    svc.record_lookup_answer(
        case.id, f"{SURVIVOR}.death", answer("population.basic", died), outbox_id=row.id
    )
    for code in (f"{SURVIVOR}.marriage", f"{SURVIVOR}.no_income"):
        svc.sign_pledge(case.id, code, STROKES, png(), "wang")
    svc.decide(case.id, Decision.APPROVE, None, "wang")
    svc.store.close()
    path = tmp_path / "store.sqlite3"
    assert _verify(path).returncode == 0
    _sql(
        path,
        "UPDATE cases SET state = 'refused',"
        " json = json_set(json, '$.state', 'refused', '$.decision', 'refuse')",
    )
    _problem(
        _verify(path),
        f"办件 {case.id} 在 cases 表中为“已办结（不予）”，"
        "审计记录为“已办结（准予）”（cases 表被改动）",
    )


def svc_clear() -> object:
    from clerkapp.core.platform_types import CreditStatus

    return CreditStatus(listed=False, list_version="2026-11-26")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    path.write_bytes(b"")
    _problem(_verify(path), "是空文件（0 字节）")
    assert path.read_bytes() == b""


def test_one_byte_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    path.write_bytes(b"x")
    mtime = path.stat().st_mtime_ns
    _problem(_verify(path), "不是 ClerkApp 数据库")
    # what it is, not "an empty SQLite database" (SQLite opens a 1-byte file as one)
    _problem(_verify(path), "（不是 SQLite 数据库文件，1 字节）")
    assert path.read_bytes() == b"x" and path.stat().st_mtime_ns == mtime
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("s.sqlite3-")]


def test_empty_sqlite_and_another_apps_database_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite3"  # a valid SQLite file without a table
    _sql(empty, "CREATE TABLE t(x)", "DROP TABLE t")
    assert empty.stat().st_size > 0
    _problem(_verify(empty), "不是 ClerkApp 数据库：" + str(empty) + "（空的 SQLite 数据库）")
    other = tmp_path / "other.sqlite3"
    _sql(other, "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT)")
    before = other.read_bytes()
    _problem(_verify(other), "不是 ClerkApp 数据库")
    assert other.read_bytes() == before


def test_damaged_page_is_reported_in_words(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with Store(path) as store:
        for i in range(400):
            store.audit.append("login", at=T0 + timedelta(seconds=i), actor="wang", data={"n": i})
    raw = bytearray(path.read_bytes())
    page = 4096
    assert len(raw) > 8 * page
    # Garble an interior page of the audit table (past the schema page).
    for offset in range(len(raw) - 3 * page, len(raw) - 2 * page):
        raw[offset] = 0xA5
    path.write_bytes(bytes(raw))
    result = _verify(path)
    _problem(result, "数据库文件已损坏")


def test_missing_audit_key(tmp_path: Path, clerkapp_home: Path) -> None:
    path = _store(tmp_path / "s.sqlite3")
    (clerkapp_home / "keys" / "audit-key.json").unlink()
    _problem(_verify(path), "本机没有审计密钥：第 1 条起带密钥的记录无法核对")


def test_moved_chain_marker(tmp_path: Path) -> None:
    path = _store(tmp_path / "s.sqlite3")
    _sql(
        path,
        "UPDATE meta SET value = json_set(value, '$.keyed_from', 100) WHERE key = 'audit_chain'",
    )
    _problem(_verify(path), "审计链格式标记被改动")


def test_old_store_is_checked_as_it_is_and_not_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with Store(path, migrate_to=4) as store:
        store.audit.append("login", at=T0, actor="wang")
    before = path.read_bytes()
    result = _verify(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "审计链完整：1 条" in result.stdout and "没有带密钥的审计链" in result.stdout
    assert path.read_bytes() == before
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    conn.close()


def test_migration_keeps_old_entries_verifiable(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with Store(path, migrate_to=4) as store:
        for i in range(3):
            store.audit.append("login", at=T0 + timedelta(minutes=i), actor="wang")
    with Store(path) as store:  # migrated: keyed from entry 4 on
        store.audit.append("logout", at=T0 + timedelta(hours=1), actor="wang")
        report = store.audit.verify()
    assert report.ok and report.intact == 4 and report.keyed_from == 4
    result = _verify(path)
    assert result.returncode == 0, result.stdout
    assert "第 1–3 条为旧格式（无密钥）；第 4 条起由审计密钥" in result.stdout


def test_os_keyring_keeps_the_audit_key_off_the_disk(
    tmp_path: Path, clerkapp_home: Path, monkeypatch: object
) -> None:
    """With a real keyring backend (an in-memory one, installed through the keyring package's
    own API) the key is not in the data directory: a copy of it cannot verify — or forge."""
    import keyring
    from keyring.backend import KeyringBackend

    from clerkapp.infra import secret_vault

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.values: dict[tuple[str, str], str] = {}

        def set_password(self, service: str, username: str, password: str) -> None:
            self.values[(service, username)] = password

        def get_password(self, service: str, username: str) -> str | None:
            return self.values.get((service, username))

        def delete_password(self, service: str, username: str) -> None:
            self.values.pop((service, username), None)

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    os.environ.pop("CLERKAPP_NO_KEYRING", None)
    keyring.set_keyring(backend)
    try:
        secret_vault.forget_cached_keys()
        assert secret_vault.backend_in_use() == "keyring"
        assert "操作系统密钥环" in secret_vault.describe()
        with Store(tmp_path / "s.sqlite3") as store:
            store.audit.append("login", at=T0, actor="wang")
            assert store.audit.verify().ok
        [(service, _)] = backend.values
        assert service == secret_vault.AUDIT_SERVICE
        key_hex = next(iter(backend.values.values()))
        on_disk = b"".join(p.read_bytes() for p in clerkapp_home.rglob("*") if p.is_file())
        assert key_hex.encode() not in on_disk
        record = json.loads((clerkapp_home / "keys" / "audit-key.json").read_text("utf-8"))
        assert record["backend"] == "keyring" and record["token"] == ""
        backend.values.clear()  # the disk copied to another machine: no keyring entry there
        secret_vault.forget_cached_keys()
        with Store(tmp_path / "s.sqlite3") as store:
            report = store.audit.verify()
        assert not report.ok and "本机没有审计密钥" in report.findings[0]
    finally:
        keyring.set_keyring(previous)
        secret_vault.forget_cached_keys()


def test_no_entry_is_written_without_the_key_or_the_marker(
    tmp_path: Path, clerkapp_home: Path
) -> None:
    import pytest

    from clerkapp.errors import StoreError
    from clerkapp.infra import secret_vault

    path = _store(tmp_path / "s.sqlite3", 2)
    (clerkapp_home / "keys" / "audit-key.json").unlink()
    secret_vault.forget_cached_keys()
    with Store(path) as store, pytest.raises(StoreError) as lost:
        store.audit.append("login", at=T0, actor="wang")
    assert "本机审计密钥与本地数据库的审计链不符" in lost.value.user_message
    assert secret_vault.audit_key(create=False) is None  # no new key made behind the trail

    other = _store(tmp_path / "t.sqlite3", 2)
    _sql(other, "DELETE FROM meta WHERE key = 'audit_chain'")
    with Store(other) as store, pytest.raises(StoreError) as unmarked:
        store.audit.append("login", at=T0, actor="wang")
    assert "格式标记缺失" in unmarked.value.user_message
    _problem(_verify(other), "审计链格式标记缺失（meta 表被改动）")
