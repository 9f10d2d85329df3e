"""Issue 13 (audit verify at start-up, incremental): the start-up check reads only the entries
since the last verified point and moves the point; a change after the point is named at the
next start; a change before it is left to the full check — which also names a point that was
rewritten or that no longer matches its entry; the fast walk names the same first break as
the entry-by-entry check."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from clerkapp.infra.store import Store
from clerkapp.infra.store.audit_checkpoint import CHECKPOINT_KEY, read_checkpoint
from clerkapp.infra.store.audit_verify import _hmac_hex

T0 = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)


def _append(store: Store, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        data = {"n": i, "note": 'quote " back \\ line\n tab\t 中文'}
        store.audit.append("login", at=T0 + timedelta(minutes=i), actor="wang", data=data)


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_the_point_moves_and_only_new_entries_are_read(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    with Store(path) as store:
        _append(store, 20)
        first = store.audit.verify_at_start()
        assert first.ok and first.since == 0 and first.intact == 20
        point = read_checkpoint(store.conn)
        assert point is not None and point.seq == 20
        _append(store, 5, 20)
        second = store.audit.verify_at_start()
        assert second.ok and second.since == 20 and second.intact == 25
        assert store.audit.verify().ok  # the full check agrees, point included
        _append(store, 5, 25)
    # A change after the point is named at the next start; the point stays.
    _sql(path, "UPDATE audit SET actor = 'li' WHERE seq = 28")
    with Store(path) as store:
        report = store.audit.verify_at_start()
        assert not report.ok and report.broken is not None and report.broken.seq == 28
        assert report.since == 25
        assert read_checkpoint(store.conn).seq == 25  # type: ignore[union-attr]


def test_a_change_before_the_point_is_named_by_the_full_check(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    with Store(path) as store:
        _append(store, 10)
        assert store.audit.verify_at_start().ok
    _sql(path, "UPDATE audit SET actor = 'li' WHERE seq = 3")
    with Store(path) as store:
        assert store.audit.verify_at_start().ok  # before the point: not read at start
        full = store.audit.verify()
        assert not full.ok and full.broken is not None and full.broken.seq == 3


def test_a_rewritten_point_is_named_and_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    with Store(path) as store:
        _append(store, 10)
        assert store.audit.verify_at_start().ok
        point = read_checkpoint(store.conn)
        assert point is not None
    # Moving the point forward without the key: its HMAC no longer holds.
    text = json.dumps({**json.loads(point.to_text()), "seq": 9}, sort_keys=True)
    _sql(path, f"UPDATE meta SET value = '{text}' WHERE key = '{CHECKPOINT_KEY}'")
    with Store(path) as store:
        start = store.audit.verify_at_start()
        assert not start.ok and start.since == 0  # the whole trail was read instead
        assert any("核对点被改动" in f for f in start.findings)
        assert any("核对点被改动" in f for f in store.audit.verify().findings)


def test_old_entries_deleted_and_rechained_plainly_break_the_point(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    with Store(path) as store:
        _append(store, 6)
        assert store.audit.verify_at_start().ok
    # The entry at the point rewritten (its hash changes): named by both checks.
    _sql(path, "UPDATE audit SET hash = '" + "0" * 64 + "' WHERE seq = 6")
    with Store(path) as store:
        assert any("上次核对时的哈希不符" in f for f in store.audit.verify().findings)
        assert not store.audit.verify_at_start().ok


def test_the_fast_hmac_is_hmac_sha256() -> None:
    for key in (os.urandom(32), os.urandom(64), os.urandom(100)):
        message = "链".encode() * 50
        assert _hmac_hex(key)(message) == hmac.new(key, message, hashlib.sha256).hexdigest()
