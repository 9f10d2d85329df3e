"""Opening a store file only to read it (``clerkapp audit verify --db FILE``): SQLite's read-only
mode (``mode=ro``), never a migration, never a write — and a file that is not a ClerkApp store,
or a damaged one, refused in words instead of a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from clerkapp.errors import StoreError
from clerkapp.infra.store.migrations import LATEST

#: The first 16 bytes of every SQLite 3 database file.
SQLITE_MAGIC = b"SQLite format 3\x00"
REQUIRED_TABLES = frozenset({"meta", "audit", "cases", "outbox", "clerks"})


class NotAStore(StoreError):
    """The file is not a ClerkApp store (empty, not SQLite, another application's database)."""


class DamagedStore(StoreError):
    """The file is a ClerkApp store whose pages are damaged."""


def _damaged(path: Path, exc: sqlite3.DatabaseError) -> DamagedStore:
    return DamagedStore(
        f"store {path} damaged: {exc}",
        user_message=f"数据库文件已损坏，无法完整读取：{path}（{exc}）。请用备份核对，并联系技术支持。",
    )


def _read_only_uri(path: Path, header: bytes) -> str:
    """``mode=ro``; for a WAL-mode file with no ``-wal`` beside it (a copy, or a store no
    program has open) also ``immutable=1``: everything is in the file, and SQLite then creates no
    ``-wal`` / ``-shm`` next to the file it only checks (it did, and left them there)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    wal_mode = len(header) >= 20 and header[18] == 2 and header[19] == 2
    sidecar = path.with_name(path.name + "-wal")
    if wal_mode and not sidecar.exists():
        uri += "&immutable=1"
    return uri


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to the ClerkApp store at ``path``, checked: raises
    :class:`NotAStore` or :class:`DamagedStore` (a :class:`StoreError` with a Chinese
    ``user_message``) instead of opening something else."""
    size = path.stat().st_size
    if size == 0:
        raise NotAStore(
            f"{path} is empty", user_message=f"不是 ClerkApp 数据库：{path} 是空文件（0 字节）。"
        )
    with path.open("rb") as file:
        header = file.read(100)
    if not header.startswith(SQLITE_MAGIC):
        raise NotAStore(
            f"{path} is not SQLite (no header)",
            user_message=f"不是 ClerkApp 数据库：{path}（不是 SQLite 数据库文件，{size} 字节）。",
        )
    try:
        conn = sqlite3.connect(
            _read_only_uri(path, header), uri=True, isolation_level=None, timeout=10.0
        )
    except sqlite3.Error as exc:
        raise NotAStore(
            f"cannot open {path}: {exc}", user_message=f"无法以只读方式打开数据库：{path}（{exc}）"
        ) from exc
    try:
        conn.execute("PRAGMA query_only = ON")
        tables = {
            str(row[0])
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        conn.close()
        if "malformed" in str(exc).lower():
            raise _damaged(path, exc) from exc
        raise NotAStore(
            f"{path} is not SQLite: {exc}",
            user_message=f"不是 ClerkApp 数据库：{path}（不是 SQLite 数据库文件，{size} 字节）。",
        ) from exc
    missing = REQUIRED_TABLES - tables
    if missing or version < 1:
        conn.close()
        what = "空的 SQLite 数据库" if not tables else "缺少 " + "、".join(sorted(missing)) + " 表"
        raise NotAStore(
            f"{path} is not a ClerkApp store ({sorted(missing)}, version {version})",
            user_message=f"不是 ClerkApp 数据库：{path}（{what}）。",
        )
    if version > LATEST:
        conn.close()
        raise NotAStore(
            f"{path} schema {version} newer than {LATEST}",
            user_message=f"数据库版本（{version}）比本程序新（{LATEST}），请用新版 ClerkApp 核对。",
        )
    try:
        problems = [str(row[0]) for row in conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _damaged(path, exc) from exc
    if problems != ["ok"]:
        conn.close()
        raise DamagedStore(
            f"store {path} damaged: {problems}",
            user_message=(
                f"数据库文件已损坏：{path}（SQLite 完整性检查：{'；'.join(problems)[:300]}）。"
                "请用备份核对，并联系技术支持。"
            ),
        )
    return conn


def damaged(path: Path, exc: sqlite3.DatabaseError) -> DamagedStore:
    """The error to raise when reading a store that opened fails on a damaged page."""
    return _damaged(path, exc)
