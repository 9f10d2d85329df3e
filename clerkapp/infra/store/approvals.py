"""The supervisor's approval queue (审批队列): requests to void (作废) or correct (更正) an issued
document, each pending until a supervisor approves it (with a reason) or sends it back.

Storage only; the rules (who may ask, who may approve, what happens on approval) are in
:mod:`clerkapp.app.approvals`. Later work extends the queue office-wide (the platform's case
index); the row shape is kept plain for that.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import StoreError
from clerkapp.infra.store.db import db_time, parse_db_time

if TYPE_CHECKING:
    from clerkapp.infra.store.db import Store


class ApprovalState(StrEnum):
    """Where a request stands."""

    PENDING = "pending"  # 待审批
    APPROVED = "approved"  # 已批准 (and carried out)
    SENT_BACK = "sent_back"  # 已退回

    @property
    def label_zh(self) -> str:
        """The state as the supervisor reads it."""
        return {
            "pending": QT_TRANSLATE_NOOP("Store", "待审批"),
            "approved": QT_TRANSLATE_NOOP("Store", "已批准"),
            "sent_back": QT_TRANSLATE_NOOP("Store", "已退回"),
        }[self.value]


@dataclass(frozen=True)
class ApprovalRequest:
    """One request of the queue. ``changes`` holds the corrected fields of a 更正 (the new
    values: kept locally only, never audited in clear)."""

    id: int
    case_id: str
    document_number: str
    kind: str
    action: str  # void / correct
    reason: str
    requested_by: str
    requested_at: datetime
    state: ApprovalState
    changes: dict[str, str] = field(default_factory=dict)
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_reason: str | None = None


class ApprovalRepository:
    """The ``approval_requests`` table of a store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def add(
        self,
        *,
        case_id: str,
        document_number: str,
        kind: str,
        action: str,
        reason: str,
        changes: dict[str, str],
        requested_by: str,
        now: datetime,
    ) -> ApprovalRequest:
        """Queue a request (joining the caller's transaction)."""
        with self._store.atomic():
            cursor = self._store.conn.execute(
                "INSERT INTO approval_requests(case_id, document_number, kind, action, reason,"
                " changes, requested_by, requested_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    case_id,
                    document_number,
                    kind,
                    action,
                    reason,
                    json.dumps(changes, ensure_ascii=False),
                    requested_by,
                    db_time(now),
                    ApprovalState.PENDING.value,
                ),
            )
            request_id = int(cursor.lastrowid or 0)
        return self.get(request_id)

    def get(self, request_id: int) -> ApprovalRequest:
        """A request by id (StoreError when there is none)."""
        with self._store.read() as db:
            rows = list(db.query("SELECT * FROM approval_requests WHERE id = ?", [request_id]))
        if not rows:
            raise StoreError(
                f"no approval request {request_id}",
                user_message=QT_TRANSLATE_NOOP("Store", "审批申请不存在"),
            )
        return _request(rows[0])

    def pending(self) -> list[ApprovalRequest]:
        """The pending requests, oldest first."""
        return self._where("state = ?", ApprovalState.PENDING.value)

    def for_case(self, case_id: str) -> list[ApprovalRequest]:
        """A case's requests, oldest first."""
        return self._where("case_id = ?", case_id)

    def decide(
        self,
        request_id: int,
        state: ApprovalState,
        *,
        by: str,
        reason: str,
        now: datetime,
    ) -> None:
        """Close a pending request (joining the caller's transaction); a request already
        decided raises StoreError (two supervisors at once: the second one loses)."""
        with self._store.atomic():
            cursor = self._store.conn.execute(
                "UPDATE approval_requests SET state = ?, decided_by = ?, decided_at = ?,"
                " decision_reason = ? WHERE id = ? AND state = ?",
                (state.value, by, db_time(now), reason, request_id, ApprovalState.PENDING.value),
            )
            if cursor.rowcount != 1:
                raise StoreError(
                    f"approval request {request_id} is not pending",
                    user_message=QT_TRANSLATE_NOOP("Store", "该审批申请已处理，无需再次审批"),
                )

    def _where(self, condition: str, value: Any) -> list[ApprovalRequest]:
        with self._store.read() as db:
            rows = db.query(
                f"SELECT * FROM approval_requests WHERE {condition} ORDER BY requested_at, id",
                [value],
            )
            return [_request(r) for r in rows]


def _request(row: dict[str, Any]) -> ApprovalRequest:
    return ApprovalRequest(
        id=int(row["id"]),
        case_id=str(row["case_id"]),
        document_number=str(row["document_number"]),
        kind=str(row["kind"]),
        action=str(row["action"]),
        reason=str(row["reason"]),
        requested_by=str(row["requested_by"]),
        requested_at=parse_db_time(row["requested_at"]),
        state=ApprovalState(row["state"]),
        changes=dict(json.loads(row["changes"] or "{}")),
        decided_by=row["decided_by"],
        decided_at=parse_db_time(row["decided_at"]) if row["decided_at"] else None,
        decision_reason=row["decision_reason"],
    )
