"""The case summary a workstation sends the platform after each case event (issue 12): what
supervision and the office figures need, pseudonymised — never a name, never an ID number in
clear but a pledge's subject, which travels in the signed body only (the platform keeps it as
its own keyed hash: only the platform can tell two pledges of one person apart; the outbox row
is scrubbed once delivered). docs/CONTRACTS.md "Case summaries and the office figures".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from clerkapp.core.case import Case
from clerkapp.infra.store.ratings import RatingRecord

#: Events a summary is sent for besides a state change (its value).
OPENED = "opened"
RATED = "rated"


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def summary_body(
    case: Case,
    *,
    seq: int,
    event: str,
    office: str,
    window: str,
    clerk: str,
    promised_date: str | None,
    now: datetime,
    pledges: Sequence[tuple[str, str]] = (),
    rating: RatingRecord | None = None,
) -> dict[str, Any]:
    """The summary of ``case`` after ``event`` (its ``seq``-th summary): the case's matter,
    office, window, the acting clerk, its times, each proof's method and state, the decision,
    the latest pledge of each proof (``pledges``: ``(proof_code, signed_at)`` in signing order)
    with its subject, and the rating."""
    latest: dict[str, str] = {}
    for proof_code, signed_at in pledges:  # a re-signed pledge supersedes the earlier one
        latest[proof_code] = signed_at
    return {
        "case_id": case.id,
        "seq": seq,
        "event": event,
        "matter": case.matter_code,
        "office": office,
        "window": window,
        "clerk": clerk,
        "state": case.state.value,
        "decision": case.decision.value if case.decision is not None else None,
        "opened_at": case.created_at.isoformat(),
        "accepted_at": _iso(case.accepted_at),
        "decided_at": _iso(case.decided_at),
        "promised_date": promised_date,
        "at": now.isoformat(),
        "proofs": [
            {"code": p.code, "method": p.method.value, "state": p.state.value}
            for p in case.proofs.values()
        ],
        "pledges": [
            {"proof_code": code, "subject": case.applicant_id, "signed_at": at}
            for code, at in latest.items()
        ],
        "rating": rating.level if rating is not None else None,
        "rated_at": _iso(rating.rated_at) if rating is not None else None,
    }
