"""The audit trail (全程留痕): append-only rows, each chained by hash to the one before it.

``hash = sha256(prev_hash + canonical JSON of the row's content)``, the first row chained to
:data:`GENESIS`. The head of the chain (last seq and hash) is also kept in ``meta`` in the same
transaction, so deleting the newest rows is noticed too. :meth:`AuditTrail.verify` walks the
chain and names the first broken entry.

Privacy: entries reference the case id, never an ID number or a name; :meth:`AuditTrail.append`
refuses data that contains something shaped like a resident ID number.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from clerkapp.infra.store.db import db_time

if TYPE_CHECKING:
    from clerkapp.infra.store.db import Store

GENESIS = "0" * 64

ACTIONS = frozenset(
    {
        "case_created",
        "proof_resolved",
        "method_switched",
        "lookup_sent",
        "lookup_answered",
        "lookup_failed",
        "lookup_queued",
        "verification_sent",
        "verification_answered",
        "verification_updated",
        "verification_expired",
        "pledge_signed",
        "credit_checked",
        "credit_reported",
        "identity_requested",
        "identity_queued",
        "identity_failed",
        "identity_checked",
        "applicant_name_corrected",
        "name_adopted_from_registry",
        "identity_override",
        "decided",
        "override",
        "withdrawn",
        "correction_requested",
        "correction_resumed",
        "not_accepted",
        "paper_received",
        "printed",
        "reprinted",
        "document_issued",
        "document_saved",
        "document_voided",
        "document_corrected",
        "voided_copy_printed",
        "voided_copy_saved",
        "approval_requested",
        "approval_approved",
        "approval_sent_back",
        "approval_refused",
        "satisfaction_rated",
        "login",
        "login_failed",
        "lockout",
        "logout",
        "clerk_added",
        "clerk_updated",
        "outbox_needs_person",
        "outbox_requeued",
        "outbox_edited",
        "outbox_cancelled",
        "verification_withdrawn",
        "auth_event",
    }
)

# What the trail refuses in clear; app.case_support.redact masks it with this same pattern.
ID_NUMBER_SHAPE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")


def contains_id_number(text: str) -> bool:
    """Whether ``text`` holds something shaped like an 18-character resident ID number."""
    return ID_NUMBER_SHAPE.search(text) is not None


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no whitespace: the same content always hashes the same."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def entry_hash(prev_hash: str, content: Mapping[str, Any]) -> str:
    """The chain hash of one entry."""
    return hashlib.sha256((prev_hash + canonical_json(dict(content))).encode()).hexdigest()


def _content(row: Mapping[str, Any]) -> dict[str, Any]:
    # ``data`` is hashed as the stored text, so any edit to the column shows.
    keys = ("seq", "at", "actor", "workstation", "case_id", "action", "data")
    return {key: row[key] for key in keys}


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit trail."""

    seq: int
    at: str
    actor: str | None
    workstation: str | None
    case_id: str | None
    action: str
    data: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class BrokenEntry:
    """The first place the chain does not hold: ``problem`` says what differs (Chinese)."""

    seq: int
    action: str
    at: str
    problem: str


@dataclass(frozen=True)
class AuditReport:
    """Result of :meth:`AuditTrail.verify`: ``intact`` entries before the first break."""

    intact: int
    broken: BrokenEntry | None

    @property
    def ok(self) -> bool:
        """Whether the whole chain holds."""
        return self.broken is None


class AuditTrail:
    """Append and verify the hash-chained audit trail of a store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def append(
        self,
        action: str,
        *,
        at: datetime,
        actor: str | None = None,
        workstation: str | None = None,
        case_id: str | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> int:
        """Append one entry (joining the caller's transaction); returns its seq."""
        if action not in ACTIONS:
            raise ValueError(f"unknown audit action {action!r}")
        data_text = canonical_json(dict(data or {}))
        for text in (data_text, actor or "", case_id or ""):
            if contains_id_number(text):
                raise ValueError(f"audit entry {action!r} would contain an ID number in clear")
        with self._store.atomic():
            conn = self._store.conn
            last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
            seq, prev_hash = (1, GENESIS) if last is None else (int(last[0]) + 1, str(last[1]))
            row: dict[str, Any] = {
                "seq": seq,
                "at": db_time(at),
                "actor": actor,
                "workstation": workstation,
                "case_id": case_id,
                "action": action,
                "data": data_text,
            }
            digest = entry_hash(prev_hash, _content(row))
            conn.execute(
                "INSERT INTO audit(seq, at, actor, workstation, case_id, action, data, prev_hash,"
                " hash) VALUES (:seq, :at, :actor, :workstation, :case_id, :action, :data,"
                " :prev_hash, :hash)",
                {**row, "prev_hash": prev_hash, "hash": digest},
            )
            self._store.set_meta("audit_head", f"{seq}:{digest}")
        return seq

    def entries(self, case_id: str | None = None, *, limit: int | None = None) -> list[AuditEntry]:
        """Entries in order, all or those of one case."""
        sql = "SELECT * FROM audit"
        params: list[Any] = []
        if case_id is not None:
            sql += " WHERE case_id = ?"
            params.append(case_id)
        sql += " ORDER BY seq"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        with self._store.read() as db:
            rows = list(db.query(sql, params))
        return [_entry(row) for row in rows]

    def count(self) -> int:
        """Number of entries."""
        with self._store.read():
            return int(self._store.conn.execute("SELECT count(*) FROM audit").fetchone()[0])

    def verify(self) -> AuditReport:
        """Walk the whole chain; the first entry that is missing, altered or out of place.

        Reads a snapshot through its own connection, so the application keeps writing."""
        with self._store.snapshot() as conn:
            prev_hash = GENESIS
            expected = 1
            last: dict[str, Any] | None = None
            for raw in conn.execute("SELECT * FROM audit ORDER BY seq"):
                row = dict(raw)
                broken = _check(row, expected, prev_hash, last)
                if broken is not None:
                    return AuditReport(intact=expected - 1, broken=broken)
                prev_hash = str(row["hash"])
                expected += 1
                last = row
            found = conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
        head = None if found is None else str(found[0])
        count = expected - 1
        if head is not None:
            head_seq, head_hash = head.split(":", 1)
            if int(head_seq) != count or head_hash != prev_hash:
                missing = int(head_seq) - count
                problem = (
                    f"末尾缺少 {missing} 条记录（已被删除）"
                    if missing > 0
                    else "链尾与记录的链头不符（链头之后有来历不明的记录或链尾被改写）"
                )
                return AuditReport(
                    intact=count,
                    broken=BrokenEntry(
                        seq=count + 1 if missing > 0 else count,
                        # Deleted newest entries left nothing to show; otherwise the last one.
                        action=str(last["action"]) if last and missing <= 0 else "",
                        at=str(last["at"]) if last and missing <= 0 else "",
                        problem=problem,
                    ),
                )
        return AuditReport(intact=count, broken=None)


def _check(
    row: dict[str, Any], expected: int, prev_hash: str, last: dict[str, Any] | None
) -> BrokenEntry | None:
    seq = int(row["seq"])
    action, at = str(row["action"]), str(row["at"])
    if seq != expected:
        after = f"（第 {last['seq']} 条之后）" if last else ""
        # The missing entry's own action and time are gone: the row found is its successor.
        return BrokenEntry(
            seq=expected,
            action="",
            at="",
            problem=f"缺少第 {expected} 条记录{after}：序号跳到 {seq}（记录被删除）",
        )
    if row["prev_hash"] != prev_hash:
        return BrokenEntry(
            seq=seq,
            action=action,
            at=at,
            problem="与上一条记录的哈希链接断开（上一条被改写，或记录顺序被调换）",
        )
    if entry_hash(prev_hash, _content(row)) != row["hash"]:
        return BrokenEntry(
            seq=seq, action=action, at=at, problem="记录内容与其哈希不符（记录被改动或调换）"
        )
    return None


def _entry(row: dict[str, Any]) -> AuditEntry:
    return AuditEntry(
        seq=int(row["seq"]),
        at=str(row["at"]),
        actor=row["actor"],
        workstation=row["workstation"],
        case_id=row["case_id"],
        action=str(row["action"]),
        data=json.loads(row["data"]),
        prev_hash=str(row["prev_hash"]),
        hash=str(row["hash"]),
    )
