"""The local store: one SQLite file (WAL) opened through sqlite-utils, migrated at open.

Thread rules (the GUI calls services from worker threads, the sync worker runs in its own):

- One :class:`Store` owns one connection, opened with ``check_same_thread=False``.
- Every use of that connection — reads included — happens under the store's re-entrant lock:
  :meth:`Store.atomic` for writes, :meth:`Store.read` for reads. Reads take the lock too because
  a connection shared between threads would otherwise let one thread read another thread's
  uncommitted transaction.
- Transactions are short (milliseconds); never do network or PDF work inside one.
- Other processes (``clerkapp audit verify`` while the app runs) open their own :class:`Store`;
  WAL lets them read while this one writes, and ``BEGIN IMMEDIATE`` plus the busy timeout
  serialise writers without deadlocks.
"""

from __future__ import annotations

import logging
import os
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import StoreError
from clerkapp.infra.file_modes import PRIVATE_FILE, private_dir, restrict
from clerkapp.infra.store import migrations

if TYPE_CHECKING:
    from clerkapp.infra.store.audit import AuditTrail
    from clerkapp.infra.store.cases import CaseRepository
    from clerkapp.infra.store.clerks import ClerkRepository
    from clerkapp.infra.store.documents import DocumentRepository
    from clerkapp.infra.store.outbox import Outbox
    from clerkapp.infra.store.pledges import PledgeRepository
    from clerkapp.infra.store.ratings import RatingRepository

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 10.0

#: Told, after a transaction committed, the ids of the cases it changed (on the committing
#: thread; must be quick and must not use the store).
CaseChangeListener = Callable[[frozenset[str]], None]


def db_time(moment: datetime) -> str:
    """A datetime as stored: UTC, fixed width, so text order is time order.

    A naive datetime is taken to be UTC already.
    """
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_db_time(text: str) -> datetime:
    """The aware UTC datetime of a stored time (inverse of :func:`db_time`)."""
    # fromisoformat reads the "Z" form (3.11+) ~50× faster than strptime: the outbox parses
    # several times per row when the sync worker drains thousands of rows.
    return datetime.fromisoformat(text).astimezone(UTC)


def _private_store_files(path: Path) -> None:
    """The store file created owner-only before SQLite opens it (SQLite gives its ``-wal`` and
    ``-shm`` files the database file's mode), and existing ones tightened."""
    if path.exists() or str(path) == ":memory:":
        for suffix in ("", "-wal", "-shm", "-journal"):
            restrict(path.with_name(path.name + suffix))
        return
    private_dir(path.parent)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:  # another process created it meanwhile
        restrict(path)


class Store:
    """The workstation's SQLite store. ``Store(path)`` opens (creating if needed) and migrates.

    Repositories hang off the store: :attr:`audit`, :attr:`outbox`, :attr:`cases`,
    :attr:`clerks`, :attr:`pledges`, :attr:`documents`, :attr:`ratings`. Use
    ``with store.atomic():`` around every change that touches more than one row; repositories'
    write methods join the caller's transaction when there is one.
    """

    def __init__(self, path: str | Path, *, migrate_to: int | None = None) -> None:
        self.path = Path(path)
        _private_store_files(self.path)
        self._lock = threading.RLock()
        self._tx_thread: int | None = None
        self._subject_salt: bytes | None = None  # it never changes once stored: read it once
        self._touched: set[str] = set()  # cases changed by the transaction in progress
        self._case_listeners: list[CaseChangeListener] = []
        try:
            conn = sqlite3.connect(
                str(self.path),
                check_same_thread=False,
                timeout=BUSY_TIMEOUT_S,
                isolation_level=None,  # transactions are explicit: BEGIN IMMEDIATE in atomic()
            )
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot open store {self.path}: {exc}",
                user_message=QT_TRANSLATE_NOOP(
                    "Store", "无法打开本地数据库（{path}）：{exc}"
                ).format(path=self.path.name, exc=exc),
            ) from exc
        try:
            # No sqlite-utils plugins: whatever is installed beside the app must not hook the
            # store's connection, and looking for them scans every installed package (~60 ms
            # of the start-up, issue 13).
            self.db = sqlite_utils.Database(conn, execute_plugins=False)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            self.db.enable_wal()
            _private_store_files(self.path)  # -wal / -shm left by an older version
            conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: no corruption on crash
            # What is deleted or overwritten (a delivered outbox row's ID numbers, answers past
            # their retention) is zeroed in the file, not left in its free space.
            conn.execute("PRAGMA secure_delete = ON")
            migrations.apply(self, target=migrate_to)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(
                f"cannot open store {self.path.name}: {exc}",
                user_message=QT_TRANSLATE_NOOP(
                    "Store", "无法打开本地数据库（{path}）：文件损坏或不是数据库。"
                ).format(path=self.path.name),
            ) from exc
        except BaseException:
            conn.close()
            raise
        self._build_repositories()

    def _build_repositories(self) -> None:
        # Imported here: the repositories import this module for db_time and Store typing.
        from clerkapp.infra.store.audit import AuditTrail
        from clerkapp.infra.store.cases import CaseRepository
        from clerkapp.infra.store.clerks import ClerkRepository
        from clerkapp.infra.store.documents import DocumentRepository
        from clerkapp.infra.store.outbox import Outbox
        from clerkapp.infra.store.pledges import PledgeRepository
        from clerkapp.infra.store.ratings import RatingRepository

        self.audit: AuditTrail = AuditTrail(self)
        self.outbox: Outbox = Outbox(self)
        self.cases: CaseRepository = CaseRepository(self)
        self.clerks: ClerkRepository = ClerkRepository(self)
        self.pledges: PledgeRepository = PledgeRepository(self)
        self.documents: DocumentRepository = DocumentRepository(self)
        self.ratings: RatingRepository = RatingRepository(self)

    # -- transactions -------------------------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection:
        """The raw connection (use only under :meth:`atomic` or :meth:`read`)."""
        return self.db.conn

    @property
    def in_transaction(self) -> bool:
        """Whether the calling thread is inside :meth:`atomic`."""
        return self._tx_thread == threading.get_ident() and self.conn.in_transaction

    @contextmanager
    def atomic(self) -> Iterator[sqlite_utils.Database]:
        """One transaction: everything inside commits together or not at all.

        Nested use joins the outer transaction through a savepoint (an exception inside the
        inner block undoes only the inner block if the caller catches it).
        """
        changed: frozenset[str] = frozenset()
        with self._lock:
            if self.conn.in_transaction:
                with self.db.atomic():
                    yield self.db
                return
            # IMMEDIATE takes the write lock now, so two writers never deadlock upgrading.
            self.conn.execute("BEGIN IMMEDIATE")
            self._tx_thread = threading.get_ident()
            self._touched.clear()
            try:
                yield self.db
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
                changed = frozenset(self._touched)
            finally:
                self._tx_thread = None
                self._touched.clear()
        if changed:
            self._tell_case_listeners(changed)

    # -- who is told of committed case changes (issue 10: views that follow the store) ----------

    def touch_case(self, case_id: str) -> None:
        """Note that the transaction in progress changes ``case_id`` (the case repository does
        it on every insert and save); the listeners hear of it once the transaction commits."""
        self._touched.add(case_id)

    def add_case_listener(self, listener: CaseChangeListener) -> None:
        """Call ``listener(case_ids)`` after every commit that changed cases (on the committing
        thread, outside the store's lock where the transaction was the outermost one)."""
        self._case_listeners.append(listener)

    def remove_case_listener(self, listener: CaseChangeListener) -> None:
        """Stop telling ``listener``."""
        if listener in self._case_listeners:
            self._case_listeners.remove(listener)

    def changed_elsewhere(self, case_ids: frozenset[str]) -> None:
        """Another process committed changes of ``case_ids`` to this store file (the sync worker's
        child process reports them): tell the listeners as if this store had committed them."""
        if case_ids:
            self._tell_case_listeners(case_ids)

    def _tell_case_listeners(self, changed: frozenset[str]) -> None:
        for listener in list(self._case_listeners):
            try:
                listener(changed)
            except Exception:  # a listener's bug must not turn a committed change into an error
                log.exception("case change listener failed")

    @contextmanager
    def read(self) -> Iterator[sqlite_utils.Database]:
        """Hold the connection for a consistent read (no other thread's writes in between)."""
        with self._lock:
            yield self.db

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A separate read-only connection inside one read transaction: a consistent view for
        long reads (verifying the audit chain) that does not hold up this store's writers."""
        conn = sqlite3.connect(
            f"{self.path.resolve().as_uri()}?mode=ro",
            uri=True,
            timeout=BUSY_TIMEOUT_S,
            isolation_level=None,
            check_same_thread=False,
        )
        conn.row_factory = sqlite3.Row
        try:
            conn.execute("BEGIN")
            yield conn
        finally:
            conn.close()

    # -- small key/value settings of this store -------------------------------------------------

    def meta(self, key: str) -> str | None:
        """A value of the ``meta`` table (store-level settings such as the ID hashing salt)."""
        with self.read():
            row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Set a value of the ``meta`` table."""
        with self.atomic():
            self.conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def subject_salt(self) -> bytes:
        """The per-store secret salt for hashing ID numbers (created on first use)."""
        with self._lock:
            if self._subject_salt is not None:
                return self._subject_salt
            # Kept only once committed: inside a caller's transaction a new salt may still be
            # rolled back with it.
            committed = not self.conn.in_transaction
            with self.atomic():
                salt = self.meta("subject_salt")
                if salt is None:
                    salt = secrets.token_hex(32)
                    self.set_meta("subject_salt", salt)
                else:
                    committed = True  # stored before this transaction: it cannot roll back
            if committed:
                self._subject_salt = bytes.fromhex(salt)
            return bytes.fromhex(salt)

    @property
    def schema_version(self) -> int:
        """The applied migration version."""
        with self.read():
            return migrations.current_version(self.conn)

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
