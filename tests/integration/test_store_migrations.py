"""Schema migrations on a real SQLite file: fresh store, upgrade from v1 with data, refusal of a
newer schema, and a failed migration leaving the old schema untouched."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlite_utils

from clerkapp.errors import StoreError
from clerkapp.infra.store import Store, migrations


def test_fresh_store_is_at_latest_version_in_wal_mode(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        assert store.schema_version == migrations.LATEST
        assert store.db.journal_mode == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert {"clerks", "cases", "proof_resolutions", "pledges", "documents"} <= set(
            store.db.table_names()
        )
        assert {"document_numbers", "outbox", "audit"} <= set(store.db.table_names())


def _v1_store_with_data(path: Path) -> None:
    store = Store(path, migrate_to=1)
    assert store.schema_version == 1
    assert "pledges" not in store.db.table_names()
    with store.atomic():
        store.conn.execute(
            "INSERT INTO clerks(username, display_name, role, password_hash, created_at)"
            " VALUES ('wang', '王芳', 'clerk', 'scrypt$x', '2026-01-05T01:00:00.000000Z')"
        )
        for n, token in enumerate(["tok-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "tok-bbbbbbbbbbbbbbb"]):
            store.conn.execute(
                "INSERT INTO cases(id, matter_code, applicant_kind, applicant_id, state, json,"
                " created_at, tracking_token) VALUES (?, 'M1', 'person', '330702199001011234',"
                " 'open', '{}', '2026-01-05T01:00:00.000000Z', ?)",
                (f"C-{n}", token),
            )
        store.conn.execute(
            "INSERT INTO proof_resolutions(case_id, code, method, state) VALUES"
            " ('C-0', 'P1', 'data_query', 'pending')"
        )
    store.outbox.enqueue(
        "verification", "C-0", {"ticket": None}, "verify:C-0:P1", now=_at("2026-01-05T01:00:00")
    )
    store.audit.append("login", at=datetime(2026, 1, 5, 1, 0), actor="wang")
    store.close()


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_upgrade_from_v1_keeps_data_and_backfills(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _v1_store_with_data(path)

    with Store(path) as store:
        assert store.schema_version == migrations.LATEST
        clerk = store.clerks.get("wang")
        assert clerk is not None and clerk.display_name == "王芳" and clerk.office == ""
        rows = list(store.db.query("SELECT id, short_code, tracking_token FROM cases ORDER BY id"))
        assert [r["id"] for r in rows] == ["C-0", "C-1"]
        codes = [r["short_code"] for r in rows]
        assert all(len(c) == 8 and set(c) <= set(migrations.CROCKFORD) for c in codes)
        assert codes[0] != codes[1]
        assert store.db["proof_resolutions"].count == 1
        row = store.outbox.by_key("verify:C-0:P1")
        assert row is not None and row.case_id == "C-0"
        assert store.audit.verify().intact == 1
        # The new tables work on the upgraded file.
        assert store.documents.claim_number("金市人社决", 2026, "C-0", "decision") == 1


def test_upgrade_is_idempotent_on_reopen(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    _v1_store_with_data(path)
    Store(path).close()
    with Store(path) as store:
        assert store.schema_version == migrations.LATEST
        assert store.db["cases"].count == 2


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    with pytest.raises(StoreError) as info:
        Store(path)
    assert "升级 ClerkApp" in info.value.user_message


def test_failed_migration_leaves_previous_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.sqlite3"
    _v1_store_with_data(path)

    def broken(db: sqlite_utils.Database) -> None:
        db["pledges"].create({"id": int}, pk="id")
        db.execute("INSERT INTO no_such_table VALUES (1)")

    monkeypatch.setattr(migrations, "MIGRATIONS", [migrations.MIGRATIONS[0], broken])
    monkeypatch.setattr(migrations, "LATEST", 2)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert "数据未改动" in info.value.user_message
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "pledges" not in tables
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 2
    conn.close()


def test_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert "无法打开本地数据库" in info.value.user_message
