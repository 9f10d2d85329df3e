"""Archived documents (file + SHA-256, copy number) and gapless document numbers per office
series and year (e.g. 金市人社决〔2026〕123号).

The number register (``document_number_claims``) keeps every number's fate: claimed, issued
(first output), and — after a supervisor-approved 作废 or 更正 — retired as ``voided`` or
``superseded`` with who asked, who approved and why. A retired number stays in the register (the
series never has a gap nobody can explain); the case's next document of that kind claims a new
one. Per number, the archive copy (``copy_no`` 0) is kept when the number is first issued and is
never a print; printed papers count from 1 (the original handed to the applicant), ≥ 2 being a
副本.

A document filed under the store's own directory is recorded by its path relative to it, so
the data directory can be moved or restored elsewhere as a whole and every archived document
still opens and verifies; rows of older versions (absolute paths) keep working."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clerkapp.infra.file_modes import private_dir, write_private
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

    @property
    def is_archive_copy(self) -> bool:
        """Whether this is the archive copy kept on issue (not a print)."""
        return self.copy_no == 0


class NumberState(StrEnum):
    """The fate of a number in the register."""

    CURRENT = "current"  # the case's valid number of that kind (issued or not yet)
    VOIDED = "voided"  # 作废
    SUPERSEDED = "superseded"  # replaced by a corrected document (更正)


@dataclass(frozen=True)
class RegisterEntry:
    """One number of the register (登记簿) and its fate."""

    series: str  # e.g. 金市人社决
    year: int
    seq: int
    case_id: str
    kind: str
    state: NumberState
    issued_at: datetime | None
    issued_by: str | None
    retired_at: datetime | None
    retired_by: str | None
    approved_by: str | None
    reason: str | None
    replaces: str | None
    replaced_by: str | None

    @property
    def number(self) -> str:
        """The formatted number, e.g. 金市人社决〔2026〕3号."""
        return format_number(self.series, self.year, self.seq)

    @property
    def issued(self) -> bool:
        """Whether the number was ever output (printed or saved)."""
        return self.issued_at is not None


def format_number(series: str, year: int, seq: int) -> str:
    """``series〔year〕seq号`` (the same format as ``infra.documents.format_document_number``)."""
    return f"{series}〔{year}〕{seq}号"


class DocumentRepository:
    """Document archive and numbering of a store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def claim_number(
        self, office: str, year: int, case_id: str, kind: str, *, replaces: str | None = None
    ) -> int:
        """The document number of (case, kind) in the series (office, year): the next free one
        the first time, the same one on every later call — so the series has neither gaps nor
        repeats, online or offline. A retired (voided or superseded) number is never handed out
        again: the next call claims a new one, recording the number it ``replaces`` (更正)."""
        with self._store.atomic():
            conn = self._store.conn
            row = conn.execute(
                "SELECT number FROM document_number_claims WHERE case_id = ? AND kind = ?"
                " AND office = ? AND year = ? AND state IS NULL",
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
                "INSERT INTO document_number_claims(office, year, number, case_id, kind, replaces)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (office, year, number, case_id, kind, replaces),
            )
        return number

    def register(self, case_id: str) -> list[RegisterEntry]:
        """Every number of a case, retired ones included, in claiming order."""
        with self._store.read() as db:
            rows = db.query(
                "SELECT rowid AS _row, * FROM document_number_claims WHERE case_id = ?"
                " ORDER BY rowid",
                [case_id],
            )
            return [_entry(r) for r in rows]

    def current(self, case_id: str, kind: str) -> RegisterEntry | None:
        """The case's current (not retired) number of ``kind``, if claimed."""
        return next(
            (
                e
                for e in self.register(case_id)
                if e.kind == kind and e.state is NumberState.CURRENT
            ),
            None,
        )

    def entry(self, case_id: str, number: str) -> RegisterEntry | None:
        """The register entry of a formatted number of the case."""
        return next((e for e in self.register(case_id) if e.number == number), None)

    def mark_issued(self, entry: RegisterEntry, *, at: datetime, by: str | None) -> None:
        """Record the first output of a number (joining the caller's transaction)."""
        self._update(entry, "issued_at = coalesce(issued_at, ?), issued_by = ?", (db_time(at), by))

    def retire(
        self,
        entry: RegisterEntry,
        state: NumberState,
        *,
        at: datetime,
        by: str,
        approved_by: str,
        reason: str,
    ) -> None:
        """Mark a current number voided or superseded (it stays in the register)."""
        if state is NumberState.CURRENT:
            raise ValueError("retire to voided or superseded")
        self._update(
            entry,
            "state = ?, retired_at = ?, retired_by = ?, approved_by = ?, retire_reason = ?",
            (state.value, db_time(at), by, approved_by, reason),
            current_only=True,
        )

    def set_replaced_by(self, entry: RegisterEntry, number: str) -> None:
        """Name the number of the corrected document on the superseded one."""
        self._update(entry, "replaced_by = ?", (number,))

    def _update(
        self,
        entry: RegisterEntry,
        assignments: str,
        params: tuple[Any, ...],
        *,
        current_only: bool = False,
    ) -> None:
        where = " AND state IS NULL" if current_only else ""
        with self._store.atomic():
            cursor = self._store.conn.execute(
                f"UPDATE document_number_claims SET {assignments}"
                f" WHERE office = ? AND year = ? AND number = ?{where}",
                (*params, entry.series, entry.year, entry.seq),
            )
            if cursor.rowcount != 1:
                raise ValueError(f"no current register entry {entry.number}")

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
        archive_copy: bool = False,
    ) -> DocumentRecord:
        """Write the PDF under ``directory/<case>/`` and record it (joining the caller's
        transaction); the copy number counts earlier prints of the same kind and number (1 the
        original); ``archive_copy`` records the archive copy kept on issue (copy number 0)."""
        for name in (case_id, kind):
            if not _SAFE_NAME.match(name):
                raise ValueError(f"unsafe name for a file path: {name!r}")
        digest = hashlib.sha256(pdf_bytes).hexdigest()
        with self._store.atomic():
            conn = self._store.conn
            copy_no = (
                0
                if archive_copy
                else 1
                + int(
                    conn.execute(
                        "SELECT coalesce(max(copy_no), 0) FROM documents"
                        " WHERE case_id = ? AND kind = ? AND number IS ?",
                        (case_id, kind, number),
                    ).fetchone()[0]
                )
            )
            # Per number: a corrected document (new number) starts its own copies.
            name = "archive" if archive_copy else str(copy_no)
            if number:
                name = f"{hashlib.sha256(number.encode()).hexdigest()[:8]}-{name}"
            path = directory / case_id / f"{kind}-{name}.pdf"
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


def _entry(row: dict[str, Any]) -> RegisterEntry:
    def when(value: Any) -> datetime | None:
        return parse_db_time(value) if value else None

    return RegisterEntry(
        series=str(row["office"]),
        year=int(row["year"]),
        seq=int(row["number"]),
        case_id=str(row["case_id"]),
        kind=str(row["kind"]),
        state=NumberState(row["state"] or NumberState.CURRENT.value),
        issued_at=when(row["issued_at"]),
        issued_by=row["issued_by"],
        retired_at=when(row["retired_at"]),
        retired_by=row["retired_by"],
        approved_by=row["approved_by"],
        reason=row["retire_reason"],
        replaces=row["replaces"],
        replaced_by=row["replaced_by"],
    )


def _write_atomically(path: Path, data: bytes) -> None:
    # Owner-only: the archive copies carry names and ID numbers (docs/security.md).
    private_dir(path.parent.parent)
    private_dir(path.parent)
    tmp = path.with_suffix(path.suffix + ".part")
    write_private(tmp, data)
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
