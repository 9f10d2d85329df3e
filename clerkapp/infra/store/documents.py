"""Archived documents (file + SHA-256, copy number) and gapless document numbers per office
series and year (e.g. 金市人社决〔2026〕123号).

A document filed under the store's own directory is recorded by its path relative to it, so
the data directory can be moved or restored elsewhere as a whole and every archived document
still opens and verifies; rows of older versions (absolute paths) keep working."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clerkapp.infra.store.db import db_time, parse_db_time

if TYPE_CHECKING:
    from clerkapp.infra.store.db import Store

_SAFE_NAME = re.compile(r"^[0-9A-Za-z_.-]+$")


@dataclass(frozen=True)
class DocumentRecord:
    """An archived printed document; ``copy_no`` > 1 is a reprint (marked as a copy)."""

    id: int
    case_id: str
    kind: str
    number: str | None
    path: Path
    sha256: str
    provisional: bool
    copy_no: int
    printed_at: datetime
    printed_by: str | None

    @property
    def is_reprint(self) -> bool:
        """Whether this is a reprint (副本) rather than the original."""
        return self.copy_no > 1


class DocumentRepository:
    """Document archive and numbering of a store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def claim_number(self, office: str, year: int, case_id: str, kind: str) -> int:
        """The document number of (case, kind) in the series (office, year): the next free one
        the first time, the same one on every later call — so the series has neither gaps nor
        repeats, online or offline."""
        with self._store.atomic():
            conn = self._store.conn
            row = conn.execute(
                "SELECT number FROM document_number_claims WHERE case_id = ? AND kind = ?"
                " AND office = ? AND year = ?",
                (case_id, kind, office, year),
            ).fetchone()
            if row is not None:
                return int(row[0])
            conn.execute(
                "INSERT INTO document_numbers(office, year, last) VALUES (?, ?, 0)"
                " ON CONFLICT(office, year) DO NOTHING",
                (office, year),
            )
            number = int(
                conn.execute(
                    "UPDATE document_numbers SET last = last + 1 WHERE office = ? AND year = ?"
                    " RETURNING last",
                    (office, year),
                ).fetchone()[0]
            )
            conn.execute(
                "INSERT INTO document_number_claims(office, year, number, case_id, kind)"
                " VALUES (?, ?, ?, ?, ?)",
                (office, year, number, case_id, kind),
            )
        return number

    def archive(
        self,
        case_id: str,
        kind: str,
        pdf_bytes: bytes,
        *,
        number: str | None,
        provisional: bool,
        printed_by: str | None,
        now: datetime,
        directory: Path,
    ) -> DocumentRecord:
        """Write the PDF under ``directory/<case>/`` and record it (joining the caller's
        transaction); the copy number counts earlier prints of the same kind."""
        for name in (case_id, kind):
            if not _SAFE_NAME.match(name):
                raise ValueError(f"unsafe name for a file path: {name!r}")
        digest = hashlib.sha256(pdf_bytes).hexdigest()
        with self._store.atomic():
            conn = self._store.conn
            copy_no = 1 + int(
                conn.execute(
                    "SELECT coalesce(max(copy_no), 0) FROM documents"
                    " WHERE case_id = ? AND kind = ?",
                    (case_id, kind),
                ).fetchone()[0]
            )
            path = directory / case_id / f"{kind}-{copy_no}.pdf"
            _write_atomically(path, pdf_bytes)
            stored = self._stored_path(path)
            try:
                cursor = conn.execute(
                    "INSERT INTO documents(case_id, kind, number, path, sha256, provisional,"
                    " copy_no, printed_at, printed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        case_id,
                        kind,
                        number,
                        stored,
                        digest,
                        int(provisional),
                        copy_no,
                        db_time(now),
                        printed_by,
                    ),
                )
            except BaseException:
                path.unlink(missing_ok=True)
                raise
            row_id = int(cursor.lastrowid or 0)
        record = self.get(row_id)
        assert record is not None
        return record

    def get(self, document_id: int) -> DocumentRecord | None:
        """A document by id."""
        with self._store.read() as db:
            rows = list(db.query("SELECT * FROM documents WHERE id = ?", [document_id]))
        return self._record(rows[0]) if rows else None

    def for_case(self, case_id: str) -> list[DocumentRecord]:
        """The documents of a case, in print order."""
        with self._store.read() as db:
            rows = db.query("SELECT * FROM documents WHERE case_id = ? ORDER BY id", [case_id])
            return [self._record(r) for r in rows]

    @property
    def _base(self) -> Path:
        return self._store.path.resolve().parent

    def _stored_path(self, path: Path) -> str:
        """``path`` as recorded: relative to the store's directory when inside it."""
        try:
            return path.resolve().relative_to(self._base).as_posix()
        except ValueError:
            return str(path)

    def _record(self, row: dict[str, Any]) -> DocumentRecord:
        return _record(row, self._base / row["path"])

    def verify_file(self, record: DocumentRecord) -> bool:
        """Whether the archived file is still the one printed (its SHA-256 matches)."""
        try:
            return hashlib.sha256(record.path.read_bytes()).hexdigest() == record.sha256
        except OSError:
            return False


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".part")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _record(row: dict[str, Any], path: Path) -> DocumentRecord:
    return DocumentRecord(
        id=int(row["id"]),
        case_id=str(row["case_id"]),
        kind=str(row["kind"]),
        number=row["number"],
        path=path,
        sha256=str(row["sha256"]),
        provisional=bool(row["provisional"]),
        copy_no=int(row["copy_no"]),
        printed_at=parse_db_time(row["printed_at"]),
        printed_by=row["printed_by"],
    )
