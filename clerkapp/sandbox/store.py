"""The sandbox's persistent state: progress registry, verification tickets, credit reports,
idempotent answers, the nonces of the clock window and which workstation registered which case,
in one small SQLite file in the data directory (so training receipts printed yesterday still scan
today, and tickets, registrations and nonces survive a restart).

Each statement is short; a lock serialises them because uvicorn's event loop and the test threads
may share one connection.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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
CREATE INDEX IF NOT EXISTS nonces_seen ON nonces(seen_at);
CREATE TABLE IF NOT EXISTS registered_cases (
    workstation TEXT NOT NULL, case_id TEXT NOT NULL, matter TEXT NOT NULL,
    registered_at TEXT NOT NULL, PRIMARY KEY (workstation, case_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS progress_owners (
    token TEXT PRIMARY KEY, workstation TEXT NOT NULL, case_id TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS audit_anchors (
    id INTEGER PRIMARY KEY AUTOINCREMENT, workstation TEXT NOT NULL, chain TEXT NOT NULL,
    count INTEGER NOT NULL, head TEXT NOT NULL, at TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS audit_anchors_chain ON audit_anchors(workstation, chain, count);
"""


class StateStore:
    """One SQLite file (WAL) holding the sandbox's state."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable across a process kill in WAL mode, and much faster than FULL.
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(_SCHEMA)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; the number of rows it changed."""
        with self._lock:
            return self._conn.execute(sql, params).rowcount

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
        """Several statements in one transaction."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()
