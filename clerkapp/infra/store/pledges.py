"""Signed pledges (告知承诺书): the exact text signed, the strokes and the signature image, bound
together by hash so that neither the text, the time nor the signature can change unnoticed.

- ``text_sha256`` = sha256 of the pledge text and its consequences, as signed (UTF-8, joined
  by a newline);
- ``signature_sha256`` = sha256 of "\\n".join([case_id, proof_code, text_sha256, signed_at,
  png_sha256]) — printed on the pledge letter and the decision.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from clerkapp.infra.store.db import db_time

if TYPE_CHECKING:
    from clerkapp.infra.store.db import Store

Stroke = list[tuple[float, float, float]]  # (x, y, pressure) points of one pen-down..pen-up


def text_digest(pledge_text: str, consequences: str) -> str:
    """The SHA-256 of the pledge text as signed."""
    return hashlib.sha256(f"{pledge_text}\n{consequences}".encode()).hexdigest()


def signature_digest(
    case_id: str, proof_code: str, text_sha256: str, signed_at: str, png_sha256: str
) -> str:
    """The SHA-256 binding text, time and signature image of one pledge."""
    joined = "\n".join([case_id, proof_code, text_sha256, signed_at, png_sha256])
    return hashlib.sha256(joined.encode()).hexdigest()


@dataclass(frozen=True)
class PledgeRecord:
    """A signed pledge as stored."""

    id: int
    case_id: str
    proof_code: str
    pledge_text: str
    consequences: str
    text_sha256: str
    signed_at: str  # stored time text, part of the binding
    strokes: list[Any]
    signature_png: bytes
    png_sha256: str
    signature_sha256: str
    clerk: str | None

    def intact(self) -> bool:
        """Whether text, time and image still match their hashes."""
        return (
            text_digest(self.pledge_text, self.consequences) == self.text_sha256
            and hashlib.sha256(self.signature_png).hexdigest() == self.png_sha256
            and signature_digest(
                self.case_id, self.proof_code, self.text_sha256, self.signed_at, self.png_sha256
            )
            == self.signature_sha256
        )


class PledgeRepository:
    """Signed pledges of a store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def record(
        self,
        case_id: str,
        proof_code: str,
        *,
        pledge_text: str,
        consequences: str,
        strokes: list[Any],
        png_bytes: bytes,
        signed_at: datetime,
        clerk: str | None,
    ) -> PledgeRecord:
        """Store a signed pledge with its hashes (joining the caller's transaction)."""
        at = db_time(signed_at)
        text_sha = text_digest(pledge_text, consequences)
        png_sha = hashlib.sha256(png_bytes).hexdigest()
        binding = signature_digest(case_id, proof_code, text_sha, at, png_sha)
        with self._store.atomic():
            cursor = self._store.conn.execute(
                "INSERT INTO pledges(case_id, proof_code, pledge_text, consequences, text_sha256,"
                " signed_at, strokes, signature_png, png_sha256, signature_sha256, clerk)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    case_id,
                    proof_code,
                    pledge_text,
                    consequences,
                    text_sha,
                    at,
                    json.dumps(strokes),
                    png_bytes,
                    png_sha,
                    binding,
                    clerk,
                ),
            )
            row_id = int(cursor.lastrowid or 0)
        record = self.get(row_id)
        assert record is not None
        return record

    def get(self, pledge_id: int) -> PledgeRecord | None:
        """A pledge by id."""
        with self._store.read() as db:
            rows = list(db.query("SELECT * FROM pledges WHERE id = ?", [pledge_id]))
        return _record(rows[0]) if rows else None

    def for_case(self, case_id: str) -> list[PledgeRecord]:
        """The pledges of a case, in signing order."""
        with self._store.read() as db:
            rows = db.query("SELECT * FROM pledges WHERE case_id = ? ORDER BY id", [case_id])
            return [_record(r) for r in rows]

    def signed(self, case_id: str) -> list[tuple[str, str]]:
        """``(proof_code, signed_at)`` of a case's pledges, in signing order — what a case
        summary names (issue 12), without the signatures."""
        with self._store.read() as db:
            rows = db.query(
                "SELECT proof_code, signed_at FROM pledges WHERE case_id = ? ORDER BY id",
                [case_id],
            )
            return [(str(r["proof_code"]), str(r["signed_at"])) for r in rows]

    def latest(self, case_id: str, proof_code: str) -> PledgeRecord | None:
        """The last pledge signed for a proof of a case (a re-signed pledge supersedes)."""
        with self._store.read() as db:
            rows = list(
                db.query(
                    "SELECT * FROM pledges WHERE case_id = ? AND proof_code = ?"
                    " ORDER BY id DESC LIMIT 1",
                    [case_id, proof_code],
                )
            )
        return _record(rows[0]) if rows else None


def _record(row: dict[str, Any]) -> PledgeRecord:
    return PledgeRecord(
        id=int(row["id"]),
        case_id=str(row["case_id"]),
        proof_code=str(row["proof_code"]),
        pledge_text=str(row["pledge_text"]),
        consequences=str(row["consequences"] or ""),
        text_sha256=str(row["text_sha256"]),
        signed_at=str(row["signed_at"]),
        strokes=json.loads(row["strokes"] or "[]"),
        signature_png=bytes(row["signature_png"] or b""),
        png_sha256=str(row["png_sha256"]),
        signature_sha256=str(row["signature_sha256"]),
        clerk=row["clerk"],
    )
