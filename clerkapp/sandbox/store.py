"""The sandbox's persistent state: progress registry, verification tickets, credit reports,
idempotent answers, the nonces of the clock window and which workstation registered which case,
in one small SQLite file in the data directory (so training receipts printed yesterday still scan
today, and tickets, registrations and nonces survive a restart).

Each statement is short; a lock serialises them because uvicorn's event loop and the test threads
may share one connection. A data call's work and its idempotent answer are written in ONE
transaction (:meth:`StateStore.transaction`): statements made inside it (by the same thread) join
it, so a kill leaves either both or neither (docs/CONTRACTS.md "Idempotency").
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS idempotency (
    workstation TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL, body BLOB NOT NULL, media_type TEXT NOT NULL,
    created_at REAL NOT NULL, PRIMARY KEY (workstation, key));
CREATE TABLE IF NOT EXISTS tickets (
    ticket TEXT PRIMARY KEY, created_at REAL NOT NULL, due_at REAL NOT NULL,
    expires_at REAL NOT NULL, state TEXT NOT NULL, answer TEXT, answered_at TEXT,
    department TEXT NOT NULL, question TEXT NOT NULL, proof_code TEXT NOT NULL,
    subject_kind TEXT NOT NULL, subject TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',
    workstation TEXT NOT NULL, case_id TEXT NOT NULL, by_hand INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS tickets_state ON tickets(state);
CREATE TABLE IF NOT EXISTS progress (
    token TEXT PRIMARY KEY, short_code TEXT NOT NULL, matter_name TEXT NOT NULL,
    office TEXT NOT NULL, expected_completion TEXT, created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS progress_code ON progress(short_code);
CREATE TABLE IF NOT EXISTS progress_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT, token TEXT NOT NULL, status TEXT NOT NULL,
    label TEXT NOT NULL, at TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS progress_events_token ON progress_events(token);
CREATE TABLE IF NOT EXISTS credit_reports (
    report_id TEXT PRIMARY KEY, created_at TEXT NOT NULL, subject_hash TEXT NOT NULL,
    proof_code TEXT NOT NULL, reason TEXT NOT NULL, workstation TEXT NOT NULL,
    official TEXT NOT NULL, case_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nonces (
    workstation TEXT NOT NULL, request_id TEXT NOT NULL, seen_at REAL NOT NULL,
    PRIMARY KEY (workstation, request_id)) WITHOUT ROWID;
-- No index on seen_at: only the purge (once per clock window) reads by it, and an index
-- cost every call's nonce insert (issue 10); a file made before drops it.
DROP INDEX IF EXISTS nonces_seen;
CREATE TABLE IF NOT EXISTS registered_cases (
    workstation TEXT NOT NULL, case_id TEXT NOT NULL, matter TEXT NOT NULL,
    registered_at TEXT NOT NULL, PRIMARY KEY (workstation, case_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS progress_owners (
    token TEXT PRIMARY KEY, workstation TEXT NOT NULL, case_id TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, line TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit_anchors (
    id INTEGER PRIMARY KEY AUTOINCREMENT, workstation TEXT NOT NULL, chain TEXT NOT NULL,
    count INTEGER NOT NULL, head TEXT NOT NULL, at TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS audit_anchors_chain ON audit_anchors(workstation, chain, count);
"""


#: Commits between two checkpoints (each commit adds a few pages to the WAL).
CHECKPOINT_EVERY = 128


class _Checkpointer(threading.Thread):
    """Copies the WAL into the database file off the serving thread. SQLite's automatic
    checkpoint runs inside the COMMIT that crosses its threshold, and its two fsyncs held the
    event loop up to ~100 µs per call on average in an outbox drain (issue 10). Here a
    connection of its own checkpoints (PASSIVE: never waits for, nor holds up, a reader or a
    writer) when told to after :data:`CHECKPOINT_EVERY` commits, and at least once a second.
    Durability is SQLite's WAL with ``synchronous=NORMAL`` either way: a committed call
    survives a killed process."""

    def __init__(self, path: Path) -> None:
        super().__init__(name="sandbox-checkpoint", daemon=True)
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._wake = threading.Event()
        self._stopping = False

    def run(self) -> None:
        while True:
            self._wake.wait(1.0)
            self._wake.clear()
            if self._stopping:
                break
            try:
                self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error as exc:  # busy or I/O: the next round tries again
                log.warning("sandbox state checkpoint failed: %s", exc)
        self._conn.close()

    def nudge(self) -> None:
        """Checkpoint soon."""
        self._wake.set()

    def stop(self) -> None:
        """End the thread (and close its connection)."""
        self._stopping = True
        self._wake.set()
        self.join(5)


class StateStore:
    """One SQLite file (WAL) holding the sandbox's state."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # Re-entrant: statements inside a transaction (same thread) join it.
        self._lock = threading.RLock()
        self._depth = 0
        self._after_commit: list[Callable[[], None]] = []
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable across a process kill in WAL mode, and much faster than FULL.
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(_SCHEMA)
        # Checkpoints are the checkpointer thread's (never inside a data call's COMMIT).
        self._conn.execute("PRAGMA wal_autocheckpoint=0")
        self._commits = 0
        self._checkpointer = _Checkpointer(path)
        self._checkpointer.start()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; the number of rows it changed."""
        with self._lock:
            return self._conn.execute(sql, params).rowcount

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one INSERT; the rowid of the row it made."""
        with self._lock:
            rowid = self._conn.execute(sql, params).lastrowid
        if rowid is None:
            raise RuntimeError("the statement inserted no row")
        return rowid

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        """The first row of a query, as a dict."""
        with self._lock:
            row = self._conn.execute(sql, params).fetchone()
        return dict(row) if row is not None else None

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """All rows of a query, as dicts."""
        with self._lock:
            return [dict(r) for r in self._conn.execute(sql, params).fetchall()]

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """Several statements in one transaction; inside :meth:`transaction` a savepoint of it
        (undone alone when the block raises, e.g. a refusal after a first insert)."""
        with self._lock:
            nested = self._depth > 0
            self._conn.execute("SAVEPOINT atomic" if nested else "BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield self._conn
            except BaseException:
                self._depth -= 1
                if nested:
                    self._conn.execute("ROLLBACK TO atomic")
                    self._conn.execute("RELEASE atomic")
                else:
                    self._rollback()
                raise
            self._depth -= 1
            if nested:
                self._conn.execute("RELEASE atomic")
            else:
                self._commit()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One BEGIN IMMEDIATE … COMMIT around a whole data call: the work's rows (event,
        ticket, report, audit entry) and the idempotency row commit together or not at all.
        Held by one thread; the caller must not yield to the event loop inside it."""
        with self.atomic() as conn:
            yield conn

    @property
    def in_transaction(self) -> bool:
        """Whether the calling thread is inside :meth:`atomic` / :meth:`transaction`."""
        with self._lock:
            return self._depth > 0

    def after_commit(self, action: Callable[[], None]) -> None:
        """Run ``action`` once the current transaction commits (at once outside one); dropped
        on rollback. Actions run in commit order, under the store's lock."""
        with self._lock:
            if self._depth > 0:
                self._after_commit.append(action)
                return
        action()

    def _commit(self) -> None:
        self._conn.execute("COMMIT")
        self._commits += 1
        if self._commits % CHECKPOINT_EVERY == 0:
            self._checkpointer.nudge()
        actions, self._after_commit = self._after_commit, []
        for action in actions:
            action()

    def _rollback(self) -> None:
        self._after_commit = []
        self._conn.execute("ROLLBACK")

    def close(self) -> None:
        """Close the connection (its last checkpoint folds the WAL into the file)."""
        self._checkpointer.stop()
        with self._lock:
            self._conn.close()
