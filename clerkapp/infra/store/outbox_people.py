"""The store's side of the 需人工处理 list: outbox rows the platform refused, their history in
the audit trail, and the changes a person makes to them (the use-cases are in
:mod:`clerkapp.app.needs_person`).

A row's history is kept in the audit trail, never in the row: the refusal
(``outbox_needs_person``, written by :meth:`Outbox.mark_needs_person`) and each person's action
(``outbox_requeued``, ``outbox_edited``, ``outbox_cancelled``), each with the row's id in
``data.outbox_id`` and never any personal data (ID numbers masked).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from clerkapp.core.idnumber import mask_id_number
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import StoreError
from clerkapp.infra.store.audit import ID_NUMBER_SHAPE
from clerkapp.infra.store.db import parse_db_time

if TYPE_CHECKING:
    from clerkapp.infra.store.db import Store

#: The audit actions that make up an outbox row's history.
HISTORY_ACTIONS = ("outbox_needs_person", "outbox_requeued", "outbox_edited", "outbox_cancelled")
PROBLEM_LIMIT = 300


def masked(text: str) -> str:
    """``text`` with anything shaped like a resident ID number masked."""
    return ID_NUMBER_SHAPE.sub(lambda m: mask_id_number(m.group(0)), text)


@dataclass(frozen=True)
class HistoryEntry:
    """One step of an outbox row's life as the audit trail has it."""

    at: datetime
    action: str
    actor: str | None
    data: dict[str, Any]


def audit_refusal(store: Store, row_id: int, problem: str, now: datetime | None) -> None:
    """Audit that row ``row_id`` now needs a person (joining the caller's transaction)."""
    row = store.outbox.get(row_id)
    if row is None:
        return
    store.audit.append(
        "outbox_needs_person",
        at=now or datetime.now(UTC),
        actor="system",
        case_id=row.case_id,
        data={
            "outbox_id": row.id,
            "kind": row.kind,
            "attempts": row.attempts,
            "problem": masked(problem)[:PROBLEM_LIMIT],
        },
    )


def history(store: Store, row_id: int) -> list[HistoryEntry]:
    """The audited steps of row ``row_id``, oldest first."""
    marks = ",".join("?" for _ in HISTORY_ACTIONS)
    sql = (
        f"SELECT at, actor, action, data FROM audit WHERE action IN ({marks})"
        " AND json_extract(data, '$.outbox_id') = ? ORDER BY seq"
    )
    with store.read():
        rows = store.conn.execute(sql, (*HISTORY_ACTIONS, row_id)).fetchall()
    return [
        HistoryEntry(parse_db_time(at), str(action), actor, json.loads(data))
        for at, actor, action, data in rows
    ]


def amend(store: Store, row_id: int, payload: dict[str, Any], idempotency_key: str) -> None:
    """Change what a ``needs_person`` row asks (a person corrected it) and give it a new
    idempotency key: the platform keeps its refusal under the old one (joining the caller's
    transaction)."""
    with store.atomic():
        cursor = store.conn.execute(
            "UPDATE outbox SET payload = ?, idempotency_key = ? WHERE id = ?"
            " AND state = 'needs_person'",
            (json.dumps(payload, ensure_ascii=False, sort_keys=True), idempotency_key, row_id),
        )
        if cursor.rowcount != 1:
            raise StoreError(
                f"outbox row {row_id} is not waiting for a person",
                user_message=QT_TRANSLATE_NOOP("Store", "该记录已不在需人工处理列表中。"),
            )


def needs_person_count(store: Store) -> int:
    """How many rows wait for a person."""
    with store.read():
        row = store.conn.execute(
            "SELECT count(*) FROM outbox WHERE state = 'needs_person'"
        ).fetchone()
    return int(row[0])
