"""Delivered outbox rows, compacted (issue 13: store size per case).

Once a row is ``sent`` its answer is applied to the case in the same transaction, and its
payload has been scrubbed of personal data (:mod:`.outbox_scrub`); what the application still
reads of it is little: the kind, the case, the idempotency key (enqueuing the same key again is a
no-op — exactly once), the state and times, ``proof_code`` (numbering of a case's later
look-ups, the identity question), a verification's ``ticket``, an audit anchor's head (``chain``,
``count``, ``head``, ``at``, ``workstation``: the next anchor is queued only when it moved), and
whether the row was withdrawn instead of sent (``cancelled``, the sync report). So a delivered
row keeps those, and its answer becomes its outcome: ``{"digest": …}`` — the first 16 hex
characters of the SHA-256 of the answer as stored (scrubbed) — plus ``cancelled`` when it was
withdrawn. A compacted row has no ``next_attempt_at`` (only open rows are due), which is how
:func:`compact_delivered` finds the rows still to compact through the (state, next_attempt_at)
index.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Any

#: Payload fields a delivered row keeps, for every kind.
KEPT = ("proof_code", "ticket")
#: An audit anchor's payload is its head (counts and hashes, never personal data): kept whole.
ANCHOR_KEPT = ("at", "chain", "count", "head", "workstation")
DIGEST_CHARS = 16


def compact_payload(kind: str, payload: str) -> str:
    """What a delivered row keeps of its stored ``payload`` (JSON text)."""
    try:
        value = json.loads(payload)
    except ValueError:
        return "{}"
    if not isinstance(value, dict):
        return "{}"
    fields = ANCHOR_KEPT if kind == "audit_anchor" else KEPT
    kept = {k: value[k] for k in fields if value.get(k) not in (None, "")}
    return json.dumps(kept, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def compact_answer(answer: str | None) -> str:
    """A delivered row's outcome: the digest of its stored answer, and ``cancelled`` (why it
    was withdrawn) when it was."""
    text = answer or "null"
    if is_compact_answer(text):
        return text
    outcome: dict[str, Any] = {"digest": hashlib.sha256(text.encode()).hexdigest()[:DIGEST_CHARS]}
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if isinstance(value, dict) and "cancelled" in value:
        outcome["cancelled"] = value["cancelled"]
    return json.dumps(outcome, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def is_compact_answer(text: str) -> bool:
    """Whether a stored answer is already an outcome."""
    try:
        value = json.loads(text)
    except ValueError:
        return False
    return isinstance(value, dict) and "digest" in value and set(value) <= {"digest", "cancelled"}


def compact_delivered(conn: sqlite3.Connection, *, limit: int | None = None) -> int:
    """Compact the delivered rows not compacted yet (joining the caller's transaction; at most
    ``limit``, oldest first); the number of rows compacted."""
    sql = (
        "SELECT id, kind, payload, answer FROM outbox"
        " WHERE state = 'sent' AND next_attempt_at IS NOT NULL ORDER BY id"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = conn.execute(sql).fetchall()
    conn.executemany(
        "UPDATE outbox SET payload = ?, answer = ?, next_attempt_at = NULL, last_error = NULL"
        " WHERE id = ? AND state = 'sent'",
        [
            (compact_payload(str(kind), str(payload)), compact_answer(answer), row_id)
            for row_id, kind, payload, answer in rows
        ],
    )
    return len(rows)
