"""The platform's office-wide database (issue 12): case summaries from every workstation, for
supervision and the reform's figures. SQLite by default (training, one machine, zero set-up:
``DATA/platform.sqlite3``) or PostgreSQL (``--database postgresql://…``, an office or a city),
the same schema on both by one list of migrations (:mod:`clerkapp.sandbox.platform_schema`).

Portable SQL only: statements are written with ``?`` placeholders (turned into ``%s`` for
psycopg), ``INSERT … ON CONFLICT``, no engine functions except where :attr:`PlatformDb.engine`
chooses. Several uvicorn workers may serve one database: nothing here is kept in the process
but the connection; every write is one short transaction of its own, and the migration runner
takes a lock (PostgreSQL: an advisory lock; SQLite: ``BEGIN IMMEDIATE``) so that workers
starting together apply each migration once.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from clerkapp.errors import ClerkAppError

log = logging.getLogger(__name__)

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
#: The advisory lock key of the migration runner (PostgreSQL): "clerkapp" in ASCII, cut to 63 bits.
_MIGRATION_LOCK = 0x636C65726B617070


class PlatformDbError(ClerkAppError):
    """The platform database cannot be opened, migrated or reached."""


def is_postgresql(database: str) -> bool:
    """Whether ``database`` names a PostgreSQL server (a ``postgresql://`` or ``postgres://``
    URL) rather than a SQLite file."""
    return database.startswith(("postgresql://", "postgres://"))


def shown(database: str) -> str:
    """``database`` as it may be shown or logged: a URL without its password."""
    if not is_postgresql(database):
        return database
    scheme, _, rest = database.partition("://")
    creds, at, host = rest.rpartition("@")
    if not at:
        return database
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}@{host}"


class PlatformDb:
    """One connection to the platform database (per process; a lock serialises its use by the
    threads of one process). ``database``: a ``postgresql://`` URL or a SQLite file path."""

    def __init__(self, database: str | Path) -> None:
        self.database = str(database)
        self.engine = POSTGRESQL if is_postgresql(self.database) else SQLITE
        self._lock = threading.RLock()
        self._conn: Any = None
        self._connect()

    # ------------------------------------------------------------------ connection

    def _connect(self) -> None:
        try:
            if self.engine == POSTGRESQL:
                import psycopg  # the [platform] extra: only a PostgreSQL platform needs it

                self._conn = psycopg.connect(self.database, autocommit=True, connect_timeout=10)
            else:
                path = Path(self.database)
                path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(
                    path, check_same_thread=False, isolation_level=None, timeout=30
                )
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                self._conn = conn
        except ImportError as exc:
            raise PlatformDbError(
                "psycopg missing",
                user_message="使用 PostgreSQL 需要安装 psycopg：pip install 'clerkapp[platform]'",
            ) from exc
        except Exception as exc:  # driver errors differ: one message for either engine
            raise PlatformDbError(
                f"cannot open platform database {shown(self.database)}: {type(exc).__name__}",
                user_message=f"无法打开平台数据库 {shown(self.database)}：{exc}",
            ) from exc

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def sql(self, statement: str) -> str:
        """``statement`` (written with ``?``) in the driver's placeholder style (psycopg: ``%s``,
        and a literal ``%`` doubled)."""
        if self.engine != POSTGRESQL:
            return statement
        return statement.replace("%", "%%").replace("?", "%s")

    def _run(self, cur: Any, statement: str, params: Sequence[Any]) -> Any:
        """Execute on a driver cursor (without parameters: the statement as written)."""
        if not params:
            return cur.execute(statement)
        return cur.execute(self.sql(statement), tuple(params))

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        """One transaction (commit on success, rollback on any error); statements go through
        the yielded cursor with ``?`` placeholders already converted by :meth:`run`."""
        with self._lock:
            if self._conn is None:
                self._connect()
            conn = self._conn
            try:
                if self.engine == POSTGRESQL:
                    with conn.transaction(), conn.cursor() as cur:
                        yield Cursor(cur, self)
                else:
                    conn.execute("BEGIN IMMEDIATE")
                    try:
                        yield Cursor(conn.cursor(), self)
                    except BaseException:
                        conn.execute("ROLLBACK")
                        raise
                    conn.execute("COMMIT")
            except Exception as exc:
                if self._broken(exc):
                    self._drop()
                raise

    def query(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of one read statement (its own snapshot)."""
        with self._lock:
            if self._conn is None:
                self._connect()
            try:
                cur = self._conn.cursor()
                try:
                    self._run(cur, statement, params)
                    return [tuple(r) for r in cur.fetchall()]
                finally:
                    cur.close()
            except Exception as exc:
                if self._broken(exc):
                    self._drop()
                raise

    def execute_alone(self, statement: str) -> None:
        """Run one statement outside any transaction (PostgreSQL's ``VACUUM``, a maintenance
        ``ANALYZE``)."""
        with self._lock:
            if self._conn is None:
                self._connect()
            self._conn.execute(statement)

    def _broken(self, exc: Exception) -> bool:
        if self.engine != POSTGRESQL:
            return False
        import psycopg

        return isinstance(exc, psycopg.OperationalError) or bool(self._conn and self._conn.closed)

    def _drop(self) -> None:  # a lost server connection: the next call connects again
        with contextlib.suppress(Exception):  # it is broken already
            self._conn.close()
        self._conn = None

    # ------------------------------------------------------------------ migrations

    def migrate(self, migrations: Sequence[tuple[int, str, Sequence[str]]]) -> list[int]:
        """Apply the ``(version, name, statements)`` not applied yet, in version order, each in
        one transaction with its row in ``schema_migrations``; the versions applied now. Safe
        when several processes start together: they take turns, and each finds what the
        others applied."""
        applied_now: list[int] = []
        with self.transaction() as cur:
            cur.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                " name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
        for version, name, statements in sorted(migrations):
            with self.transaction() as cur:
                if self.engine == POSTGRESQL:
                    cur.execute(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
                cur.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (version,))
                if cur.fetchone() is not None:
                    continue
                for statement in statements:
                    cur.execute(statement)
                cur.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, datetime.now(UTC).isoformat(timespec="seconds")),
                )
                applied_now.append(version)
                log.info("platform database: migration %d %s applied", version, name)
        return applied_now

    def versions(self) -> list[int]:
        """The migrations applied, in order."""
        return [int(r[0]) for r in self.query("SELECT version FROM schema_migrations ORDER BY 1")]


class Cursor:
    """A cursor that takes ``?`` placeholders whatever the driver."""

    def __init__(self, cur: Any, db: PlatformDb) -> None:
        self._cur = cur
        self._db = db

    @property
    def rowcount(self) -> int:
        return int(self._cur.rowcount)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement (``?`` placeholders)."""
        return self._db._run(self._cur, sql, params)

    def executemany(self, sql: str, params: Any) -> Any:
        """Run one statement for each parameter tuple."""
        return self._cur.executemany(self._db.sql(sql), params)

    def fetchone(self) -> Any:
        return self._cur.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self._cur.fetchall())
