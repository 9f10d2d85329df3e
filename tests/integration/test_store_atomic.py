"""Transactions of the store on a real file: all or nothing, nested blocks, threads, and a
second process reading while this one writes (WAL)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from clerkapp.infra.store import Store

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


class BoomError(Exception):
    pass


def test_exception_mid_transaction_leaves_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    with pytest.raises(BoomError), store.atomic():
        store.outbox.enqueue("lookup", None, {"n": 1}, "k1", now=NOW)
        store.audit.append("login", at=NOW, actor="wang")
        store.set_meta("marker", "set inside the failed transaction")
        raise BoomError
    assert store.outbox.pending_count() == 0
    assert store.audit.count() == 0
    assert store.meta("marker") is None
    store.close()
    # And nothing on disk either.
    conn = sqlite3.connect(tmp_path / "s.sqlite3")
    assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    conn.close()


def test_integrity_error_rolls_back_the_whole_change(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    with pytest.raises(sqlite3.IntegrityError), store.atomic():
        store.audit.append("login", at=NOW, actor="wang")
        # A pledge for a case that does not exist violates the foreign key.
        store.pledges.record(
            "missing",
            "P1",
            pledge_text="本人承诺",
            consequences="后果",
            strokes=[],
            png_bytes=b"png",
            signed_at=NOW,
            clerk="wang",
        )
    assert store.audit.count() == 0
    assert store.audit.verify().ok


def test_nested_block_failure_caught_keeps_outer_work(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    with store.atomic():
        store.outbox.enqueue("lookup", None, {}, "outer", now=NOW)
        with pytest.raises(BoomError), store.atomic():
            store.outbox.enqueue("lookup", None, {}, "inner", now=NOW)
            raise BoomError
    assert store.outbox.by_key("outer") is not None
    assert store.outbox.by_key("inner") is None


def test_threads_write_through_one_store_without_losing_rows(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            for i in range(50):
                with store.atomic():
                    store.outbox.enqueue("progress_event", None, {"i": i}, f"{name}-{i}", now=NOW)
                    store.audit.append("login", at=NOW, actor=name)
        except BaseException as exc:  # reported to the test thread below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(f"t{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.outbox.pending_count() == 200
    report = store.audit.verify()
    assert report.ok and report.intact == 200


def test_other_process_reads_committed_data_while_store_is_open(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = Store(path)
    store.audit.append("login", at=NOW, actor="wang")
    code = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
        "print(c.execute('select count(*) from audit').fetchone()[0])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "1"
    store.close()


def test_reader_thread_never_sees_another_threads_uncommitted_write(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    inside = threading.Event()
    release = threading.Event()
    seen: list[int] = []

    def writer() -> None:
        with store.atomic():
            store.outbox.enqueue("lookup", None, {}, "w", now=NOW)
            inside.set()
            release.wait(timeout=10)

    def reader() -> None:
        seen.append(store.outbox.pending_count())

    w = threading.Thread(target=writer)
    w.start()
    assert inside.wait(timeout=10)
    r = threading.Thread(target=reader)
    r.start()
    r.join(timeout=0.2)
    assert r.is_alive() and seen == []  # waits for the writer instead of reading its work
    release.set()
    w.join(timeout=10)
    r.join(timeout=10)
    assert seen == [1]


def test_audit_verify_reads_a_snapshot_while_a_write_is_open(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    store.audit.append("login", at=NOW, actor="wang")
    with store.atomic():
        store.audit.append("logout", at=NOW, actor="wang")
        report = store.audit.verify()  # the uncommitted entry is not part of the snapshot
    assert report.ok and report.intact == 1
    assert store.audit.verify().intact == 2


def test_a_subject_salt_rolled_back_is_not_kept(tmp_path: Path) -> None:
    """The ID-hashing salt is read once; one created inside a transaction that fails is not
    remembered, so every stored hash is under the salt on disk."""
    path = tmp_path / "s.sqlite3"
    with Store(path) as store:
        with pytest.raises(BoomError), store.atomic():
            store.subject_salt()
            raise BoomError
        assert store.meta("subject_salt") is None
        salt = store.subject_salt()
        assert store.subject_salt() == salt
        hashed = store.cases.subject_hash("330702199003151234")
    with Store(path) as reopened:
        assert reopened.subject_salt() == salt
        assert reopened.cases.subject_hash("330702199003151234") == hashed
