"""The hash-chained audit trail: intact chains verify; a changed, deleted or reordered row is
pinpointed; ID numbers never go into the trail."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clerkapp.infra.store import AuditReport, Store
from clerkapp.infra.store.audit import GENESIS, canonical_json, entry_hash

T0 = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)
ACTIONS = ["case_created", "lookup_sent", "lookup_answered", "pledge_signed", "decided", "printed"]


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "audit.sqlite3"
    with Store(path) as store:
        for i, action in enumerate(ACTIONS * 2):
            store.audit.append(
                action,
                at=T0 + timedelta(seconds=i),
                actor="wang",
                workstation="TRAIN-01",
                case_id=f"C-{i // 6}",
                data={"step": i, "matter": "公共租赁住房"},
            )
    return path


def _raw(path: Path, *sql: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        for statement in sql:
            conn.execute(statement)
    conn.close()


def _verify(path: Path) -> AuditReport:
    with Store(path) as store:
        return store.audit.verify()


def test_entry_hash_chains_prev_hash_and_canonical_content() -> None:
    content = {"b": 1, "a": "甲"}
    assert canonical_json(content) == '{"a":"甲","b":1}'
    first = entry_hash(GENESIS, content)
    assert first == entry_hash(GENESIS, {"a": "甲", "b": 1})  # key order does not matter
    assert first != entry_hash("1" * 64, content)  # the link matters
    assert first != entry_hash(GENESIS, {"a": "甲", "b": 2})  # the content matters


def test_intact_chain_verifies(store_path: Path) -> None:
    report = _verify(store_path)
    assert report.ok
    assert report.intact == 12


def test_each_row_links_to_the_previous_hash(store_path: Path) -> None:
    with Store(store_path) as store:
        entries = store.audit.entries()
        assert entries[0].prev_hash == GENESIS
        for before, after in itertools.pairwise(entries):
            assert after.prev_hash == before.hash
        assert [e.action for e in store.audit.entries("C-1")] == ACTIONS


def test_tampered_data_is_pinpointed(store_path: Path) -> None:
    _raw(
        store_path,
        """UPDATE audit SET data = '{"matter":"公共租赁住房","step":99}' WHERE seq = 5""",
    )
    report = _verify(store_path)
    assert report.broken is not None
    assert (report.broken.seq, report.broken.action, report.intact) == (5, "decided", 4)
    assert "哈希不符" in report.broken.problem


def test_tampered_actor_is_pinpointed(store_path: Path) -> None:
    _raw(store_path, "UPDATE audit SET actor = 'li' WHERE seq = 8")
    report = _verify(store_path)
    assert report.broken is not None and report.broken.seq == 8


def test_rehashed_row_without_the_key_is_pinpointed(store_path: Path) -> None:
    """A forger who recomputes the changed row's own hash without the audit key (plain SHA-256,
    as the chain was before schema 5) is caught at that very row."""
    with Store(store_path) as store:
        row = next(iter(store.db.query("SELECT * FROM audit WHERE seq = 3")))
    row["actor"] = "forger"
    keys = ("seq", "at", "actor", "workstation", "case_id", "action", "data")
    forged = entry_hash(row["prev_hash"], {k: row[k] for k in keys})
    _raw(store_path, f"UPDATE audit SET actor = 'forger', hash = '{forged}' WHERE seq = 3")
    report = _verify(store_path)
    assert report.broken is not None and report.broken.seq == 3
    assert "密钥哈希不符" in report.broken.problem


def test_deleted_row_is_pinpointed(store_path: Path) -> None:
    _raw(store_path, "DELETE FROM audit WHERE seq = 7")
    report = _verify(store_path)
    assert report.broken is not None
    assert report.broken.seq == 7 and report.intact == 6
    assert "缺少第 7 条" in report.broken.problem


def test_deleted_newest_rows_are_noticed(store_path: Path) -> None:
    _raw(store_path, "DELETE FROM audit WHERE seq >= 11")
    report = _verify(store_path)
    assert report.broken is not None
    assert report.broken.seq == 11 and report.intact == 10
    assert "末尾缺少 2 条" in report.broken.problem


def test_reordered_rows_are_pinpointed(store_path: Path) -> None:
    _raw(
        store_path,
        "UPDATE audit SET seq = -1 WHERE seq = 4",
        "UPDATE audit SET seq = 4 WHERE seq = 5",
        "UPDATE audit SET seq = 5 WHERE seq = -1",
    )
    report = _verify(store_path)
    assert report.broken is not None
    assert report.broken.seq == 4 and report.intact == 3


def test_appending_after_verify_continues_the_chain(store_path: Path) -> None:
    with Store(store_path) as store:
        store.audit.append("logout", at=T0 + timedelta(hours=1), actor="wang")
        report = store.audit.verify()
    assert report.ok and report.intact == 13


def test_id_numbers_are_refused_in_the_trail(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        with pytest.raises(ValueError, match="ID number"):
            store.audit.append("case_created", at=T0, data={"applicant": "33070219900101123X"})
        with pytest.raises(ValueError, match="unknown audit action"):
            store.audit.append("coffee_break", at=T0)
        assert store.audit.count() == 0
