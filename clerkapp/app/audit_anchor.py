"""Anchoring the audit chain on the platform: at every sync, when the chain's head moved since the
last anchor, one outbox row (``audit_anchor``) carries ``{chain, count, head, at, workstation}`` —
counts and hashes only, never personal data — to ``POST /api/v1/audit-anchors``. The platform
keeps the anchors per workstation and chain and answers for them; the ones it confirmed are also
kept in the store (``audit_anchors``). ``clerkapp audit verify`` checks the trail against them.

Calls state the system purpose ``audit-anchor`` with case ``-`` (no case is concerned).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.infra.platform import CallContext, PlatformClient
from clerkapp.infra.store.audit_chain import AuditAnchor, anchor_digest
from clerkapp.infra.store.db import Store, db_time
from clerkapp.infra.store.outbox import OutboxKind, OutboxRow

ANCHOR_PURPOSE = "audit-anchor"
ANCHOR_CASE = "-"
ANCHOR_OFFICIAL = "system"


def anchor_context() -> CallContext:
    """Who asks and why, for anchor calls."""
    return CallContext(official=ANCHOR_OFFICIAL, purpose=ANCHOR_PURPOSE, case_id=ANCHOR_CASE)


def current_anchor(store: Store, workstation: str, now: datetime) -> AuditAnchor | None:
    """The anchor of the chain's head now (None: an empty chain, or a store without the keyed
    chain's marker)."""
    chain, count, head = store.audit.head()
    if chain is None or count == 0:
        return None
    return AuditAnchor(chain, count, head, db_time(now), workstation)


def enqueue_if_moved(store: Store, workstation: str, now: datetime) -> OutboxRow | None:
    """Queue one anchor when the head moved since the last anchor row (sent or not) and no
    anchor is waiting to be sent; returns the row queued, or None."""
    anchor = current_anchor(store, workstation, now)
    if anchor is None:
        return None
    with store.atomic():
        last = store.conn.execute(
            "SELECT payload, state FROM outbox WHERE kind = ? ORDER BY id DESC LIMIT 1",
            (OutboxKind.AUDIT_ANCHOR.value,),
        ).fetchone()
        if last is not None:
            if str(last[1]) == "open":
                return None  # one at a time: the next sync anchors the newer head
            sent = AuditAnchor.from_json(_json(str(last[0])))
            if sent is not None and (sent.chain, sent.count, sent.head) == (
                anchor.chain,
                anchor.count,
                anchor.head,
            ):
                return None
        payload = {
            **anchor.as_json(),
            "official": ANCHOR_OFFICIAL,
            "purpose": ANCHOR_PURPOSE,
            "case_id": ANCHOR_CASE,
        }
        key = f"audit-anchor:{anchor.chain}:{anchor.count}:{anchor_digest(anchor)}"
        return store.outbox.enqueue(OutboxKind.AUDIT_ANCHOR.value, None, payload, key, now=now)


def platform_anchors(client: PlatformClient, chain: str) -> list[AuditAnchor]:
    """Every anchor the platform keeps for this workstation's chain ``chain`` (oldest first).
    Raises :class:`~clerkapp.infra.platform.PlatformCallError` when it cannot be asked."""
    found: list[AuditAnchor] = []
    after = 0
    while True:
        rows = client.audit_anchors(chain, after, context=anchor_context())
        for row in rows:
            anchor = AuditAnchor.from_json(row)
            if anchor is not None and anchor.chain == chain:
                found.append(anchor)
        ids = [int(r["id"]) for r in rows if isinstance(r.get("id"), int)]
        if not rows or not ids or max(ids) <= after:
            return found
        after = max(ids)


@dataclass(frozen=True)
class RefusedAnchor:
    """An anchor the platform refused, waiting in 需人工处理 (issue 9: shown to supervisors in
    the header and on that page, not only by ``clerkapp audit verify`` and the log): the outbox
    row, the trail's length it anchored, when (office time), the platform's code and reason."""

    row_id: int
    count: int
    at: str
    code: str
    reason: str

    @property
    def meaning(self) -> str:
        """What the refusal says about the local trail, in the supervisor's words."""
        return anchor_meaning(self.code)


def anchor_meaning(code: str) -> str:
    """What a refusal with the platform's problem ``code`` says about the local audit trail."""
    if code == "anchor_regressed":
        return QT_TRANSLATE_NOOP(
            "AuditAnchor", "平台已存证的审计链比本机的长：本机审计记录可能被删减，或从旧备份恢复"
        )
    if code == "anchor_conflict":
        return QT_TRANSLATE_NOOP(
            "AuditAnchor", "平台已存证的同一位置链头与本机不同：本机审计记录可能被改写"
        )
    return QT_TRANSLATE_NOOP(
        "AuditAnchor", "平台未接受本机审计链的存证，本机审计记录的完整性无法由平台证明"
    )


def refused_anchor(store: Store) -> RefusedAnchor | None:
    """The latest anchor the platform refused that still waits for a person (None: none)."""
    from clerkapp.app.needs_person import reason_of
    from clerkapp.infra.office_clock import show_time

    rows = [r for r in store.outbox.needs_person() if r.kind == OutboxKind.AUDIT_ANCHOR.value]
    if not rows:
        return None
    row = rows[-1]
    code, reason = reason_of(row.last_error)
    count = row.payload.get("count")
    at = show_time(str(row.payload.get("at") or "")) or show_time(row.created_at)
    return RefusedAnchor(row.id, count if isinstance(count, int) else 0, at, code, reason)


def _json(text: str) -> object:
    import json

    try:
        return json.loads(text)
    except ValueError:
        return None
