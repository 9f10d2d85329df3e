"""The audit trail (全程留痕): append-only rows, each chained by hash to the one before it.

``hash = HMAC-SHA256(audit key, prev_hash + canonical JSON of the row's content)`` under the
workstation's audit key (:mod:`clerkapp.infra.store.audit_chain`; entries written before schema 5
keep ``sha256(prev_hash + …)``), the first row chained to :data:`GENESIS`. The head of the chain
(last seq and hash) is also kept in ``meta`` in the same transaction, and anchored on the platform
at every sync. :meth:`AuditTrail.verify` (:mod:`clerkapp.infra.store.audit_verify`) walks the
chain, names the first broken entry and every other problem.

Privacy: entries reference the case id, never an ID number or a name; :meth:`AuditTrail.append`
refuses data that contains something shaped like a resident ID number.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import StoreError
from clerkapp.infra import secret_vault
from clerkapp.infra.store.audit_chain import (
    AuditAnchor,
    ChainMarker,
    keyed_entry_hash,
    local_anchors,
    read_marker,
)
from clerkapp.infra.store.audit_verify import (
    GENESIS,
    KEYED_SCHEMA,
    AuditReport,
    BrokenEntry,
    verify_trail,
)
from clerkapp.infra.store.db import db_time

if TYPE_CHECKING:
    from clerkapp.infra.store.db import Store

__all__ = ["GENESIS", "AuditAnchor", "AuditEntry", "AuditReport", "AuditTrail", "BrokenEntry"]

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
        "verification_deferred",
        "pledge_signed",
        "credit_checked",
        "credit_reported",
        "identity_requested",
        "identity_queued",
        "identity_failed",
        "identity_checked",
        "applicant_name_corrected",
        "contact_changed",  # issue 9: the contact of a case in progress (clerkapp.app.case_contact)
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
        "answers_reduced",  # answer retention: a count of cases, never which (app.retention)
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


class AuditTrail:
    """Append and verify the hash-chained audit trail of a store."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._marker: ChainMarker | None = None
        self._key: bytes | None = None
        self._audit_key: secret_vault.AuditKey | None = None

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
            marker, key = self._chain_key(conn)
            if key is not None and marker is not None and seq >= marker.keyed_from:
                digest = keyed_entry_hash(key, prev_hash, canonical_json(_content(row)))
            else:
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

    def verify(self, anchors: Sequence[AuditAnchor] = ()) -> AuditReport:
        """Walk the whole trail (chain, key, ``anchors``, cases); the first entry that is
        missing, altered or out of place, and every other problem, named.

        Reads a snapshot through its own connection, so the application keeps writing."""
        # The key this trail already writes under, once read (the vault is asked otherwise).
        key, problem = (self._audit_key, None) if self._audit_key else current_audit_key()
        with self._store.snapshot() as conn:
            return verify_trail(conn, key, anchors, key_problem=problem)

    def verify_at_start(self, anchors: Sequence[AuditAnchor] = ()) -> AuditReport:
        """The start-up check (issue 13): the entries since the last verified point, which moves
        to the head when everything holds (:mod:`clerkapp.infra.store.audit_checkpoint`; the
        whole trail when there is no point yet, or it does not hold)."""
        from clerkapp.infra.store.audit_checkpoint import (
            Checkpoint,
            verify_since_checkpoint,
            write_checkpoint,
        )

        key, problem = (self._audit_key, None) if self._audit_key else current_audit_key()
        with self._store.snapshot() as conn:
            report = verify_since_checkpoint(conn, key, anchors, key_problem=problem)
            head = conn.execute("SELECT hash FROM audit WHERE seq = ?", (report.intact,))
            found = head.fetchone()
        holds = report.ok and report.chain is not None and report.intact > 0
        if holds and key is not None and found is not None and report.key_id == key.key_id:
            assert report.chain is not None
            point = Checkpoint(report.chain, report.intact, str(found[0]), _now_text())
            with self._store.atomic():
                write_checkpoint(self._store.conn, point, key.key)
        return report

    # -- the keyed chain and its anchors ----------------------------------------------------

    def _chain_key(self, conn: Any) -> tuple[ChainMarker | None, bytes | None]:
        """The marker and the key new entries are chained under (None, None: a store from
        before schema 5, not migrated — only :class:`Store` with ``migrate_to`` makes one)."""
        if self._marker is None:
            marker = read_marker(conn)
            if marker is None:
                if int(conn.execute("PRAGMA user_version").fetchone()[0]) >= KEYED_SCHEMA:
                    raise StoreError(
                        "audit chain marker missing",
                        user_message=QT_TRANSLATE_NOOP(
                            "Store",
                            "本地数据库的审计链格式标记缺失（数据库被改动），不能再记录操作。"
                            "请运行 clerkapp audit verify 并联系技术支持。",
                        ),
                    )
                return None, None
            # Never a new key here: a lost key must not be replaced behind the trail's back.
            try:
                key = secret_vault.audit_key(create=False)
            except secret_vault.VaultError:
                key = None
            if key is None or key.key_id != marker.key_id or not marker.holds_under(key.key):
                raise StoreError(
                    "audit key does not match the store's chain",
                    user_message=(
                        QT_TRANSLATE_NOOP(
                            "Store",
                            "本机审计密钥与本地数据库的审计链不符（密钥丢失或数据库来自其他工作站），不能再记录操作。请联系技术支持。",
                        )
                    ),
                )
            self._marker, self._key, self._audit_key = marker, key.key, key
        return self._marker, self._key

    def head(self) -> tuple[str | None, int, str]:
        """``(chain id, entry count, head hash)`` of the trail now (GENESIS when empty)."""
        with self._store.read():
            conn = self._store.conn
            marker = read_marker(conn)
            last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        if last is None:
            return (marker.chain if marker else None), 0, GENESIS
        return (marker.chain if marker else None), int(last[0]), str(last[1])

    def record_anchor(self, anchor: AuditAnchor, *, confirmed_at: datetime) -> None:
        """Keep an anchor the platform confirmed (joining the caller's transaction)."""
        with self._store.atomic():
            self._store.conn.execute(
                "INSERT INTO audit_anchors(chain, count, head, at, workstation, confirmed_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    anchor.chain,
                    anchor.count,
                    anchor.head,
                    anchor.at,
                    anchor.workstation,
                    db_time(confirmed_at),
                ),
            )

    def local_anchors(self) -> list[AuditAnchor]:
        """The anchors of this store's chain the platform confirmed (oldest first)."""
        with self._store.read():
            marker = read_marker(self._store.conn)
            return [] if marker is None else local_anchors(self._store.conn, marker.chain)


def current_audit_key() -> tuple[secret_vault.AuditKey | None, str | None]:
    """This workstation's audit key for checking (never created here), and why it is missing
    when it cannot be read."""
    try:
        return secret_vault.audit_key(create=False), None
    except secret_vault.VaultError as exc:
        return None, exc.user_message


def _now_text() -> str:
    from datetime import UTC

    return db_time(datetime.now(UTC))


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
