"""The answer retention of the store (docs/security.md "Retention").

Cases closed (decided, refused, withdrawn, not accepted) more than ``answer_retention_days`` ago
(setting, default 365) keep of the platform's answers only what their decision and papers need
(:func:`clerkapp.core.retention.reduce_answers`). :func:`apply_answer_retention` runs at start-up
and after each sync that delivered something; each run is one transaction, audited as a count
(``answers_reduced``: how many cases, the period — never which case or whose), and remembers how
far it got (``meta.answer_retention_through``) so a case is looked at once, not at every run.
Outbox rows need no period: they lose their personal data when delivered
(:mod:`clerkapp.infra.store.outbox_scrub`).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from clerkapp.core.case import Case, CaseState
from clerkapp.core.retention import reduce_answers
from clerkapp.infra.settings import DEFAULT_ANSWER_RETENTION_DAYS
from clerkapp.infra.store.db import Store, db_time, parse_db_time

log = logging.getLogger(__name__)

WATERMARK = "answer_retention_through"
AUDIT_ACTION = "answers_reduced"
_CLOSED = tuple(s.value for s in CaseState if s.final)


@dataclass(frozen=True)
class RetentionRun:
    """What one run did: ``reduced`` cases changed, ``examined`` closed cases looked at, every
    case closed before ``cutoff`` now done."""

    reduced: int
    examined: int
    cutoff: datetime


def apply_answer_retention(
    store: Store,
    now: datetime,
    days: int = DEFAULT_ANSWER_RETENTION_DAYS,
    *,
    workstation: str | None = None,
) -> RetentionRun:
    """Reduce the answers of the cases closed more than ``days`` days before ``now`` (those not
    done by an earlier run), in one transaction with its audit entry (only when a case changed).
    """
    cutoff = now - timedelta(days=max(1, days))
    marks = ",".join("?" for _ in _CLOSED)
    with store.atomic():
        since = store.meta(WATERMARK) or ""
        rows = store.conn.execute(
            f"SELECT json, updated_at FROM cases WHERE state IN ({marks})"
            " AND decided_at IS NOT NULL AND decided_at > ? AND decided_at <= ?"
            " ORDER BY decided_at",
            (*_CLOSED, since, db_time(cutoff)),
        ).fetchall()
        reduced = 0
        for text, updated_at in rows:
            case = Case.from_dict(json.loads(text))
            if reduce_answers(case):
                # The case's own last change stays its last change: retention is not an act.
                store.cases.save(case, now=parse_db_time(updated_at))
                reduced += 1
        if since < db_time(cutoff):
            store.set_meta(WATERMARK, db_time(cutoff))
        if reduced:
            store.audit.append(
                AUDIT_ACTION,
                at=now,
                actor="system",
                workstation=workstation,
                data={"cases": reduced, "retention_days": max(1, days)},
            )
    if reduced:
        log.info("answer retention: %d closed cases reduced (%d days)", reduced, days)
    return RetentionRun(reduced, len(rows), cutoff)
