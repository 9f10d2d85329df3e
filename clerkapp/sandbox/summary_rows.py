"""What a case summary becomes in the platform database (issue 12): the figures' inputs are
computed once, on arrival, so that a dashboard query only adds up columns.

Rules (docs/CONTRACTS.md "Case summaries and the office figures"):
- **acceptance** is the case's 受理 as a 承诺件 (``accepted_at``) when it was accepted, else its
  opening at the counter (``opened_at``); ``decision_s`` runs from acceptance to the decision
  (approved or refused), in whole seconds;
- **即办** (``on_the_spot``): decided at the counter, never accepted as a 承诺件;
- **半小时办结** (``half_hour``): decided within 30 minutes of the case's opening;
- **proofs no longer demanded**, by method: every proof resolved without a paper proof (waived,
  looked up, verified, pledged — whatever the answer) counts for its method; one handed in on
  paper (``paper_checked``) counts as ``paper``; one not resolved yet counts for nothing;
- **trips saved**: one per proof no longer demanded (each used to need a visit to its office);
- office days are the platform's office zone's.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, tzinfo
from typing import Any

METHODS = ("dropped", "pledge", "data_query", "dept_verify")
#: Proof states that mean the proof was resolved without paper (the method did its work).
RESOLVED = frozenset({"satisfied", "not_satisfied", "pledged", "confirmed", "denied", "waived"})
PAPER = "paper_checked"
CONCLUDED = frozenset({"approved", "refused"})
PENDING = frozenset({"open", "accepted"})
HALF_HOUR_S = 30 * 60
#: The five 好差评 levels and their scores (clerkapp.core.satisfaction).
SCORES = {
    "very_satisfied": 5,
    "satisfied": 4,
    "basically_satisfied": 3,
    "dissatisfied": 2,
    "very_dissatisfied": 1,
}

#: Column order of ``case_summaries`` as :func:`summary_row` returns it.
SUMMARY_COLUMNS = (
    "workstation",
    "case_id",
    "seq",
    "event",
    "matter",
    "office",
    "window_id",
    "clerk",
    "state",
    "decision",
    "opened_at",
    "opened_day",
    "accepted_at",
    "decided_at",
    "decided_day",
    "promised_day",
    "decision_s",
    "concluded",
    "pending",
    "on_the_spot",
    "half_hour",
    "n_dropped",
    "n_pledge",
    "n_data_query",
    "n_dept_verify",
    "n_paper",
    "proofs",
    "rating",
    "rating_score",
    "rated_at",
    "updated_at",
    "received_at",
)
PLEDGE_COLUMNS = (
    "workstation",
    "case_id",
    "proof_code",
    "subject_hash",
    "signed_at",
    "matter",
    "office",
    "window_id",
    "clerk",
    "opened_day",
)


def moment(text: str | None) -> datetime | None:
    """An ISO time with its offset (a naive one is taken as UTC), None for none."""
    if not text:
        return None
    value = datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _utc(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat(timespec="seconds")


def _day(value: datetime | None, zone: tzinfo) -> str | None:
    return None if value is None else value.astimezone(zone).date().isoformat()


def method_counts(proofs: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Proofs no longer demanded, by method, and those handed in on paper (``paper``)."""
    counts = dict.fromkeys((*METHODS, "paper"), 0)
    for proof in proofs:
        state, method = str(proof.get("state", "")), str(proof.get("method", ""))
        if state == PAPER:
            counts["paper"] += 1
        elif state in RESOLVED and method in METHODS:
            counts[method] += 1
    return counts


def summary_row(
    workstation: str,
    body: Mapping[str, Any],
    zone: tzinfo,
    received: datetime,
) -> tuple[Any, ...]:
    """The ``case_summaries`` row (:data:`SUMMARY_COLUMNS`) of one summary ``body`` (the
    endpoint's validated JSON). Raises ValueError on a time that is not ISO."""
    opened = moment(body["opened_at"])
    assert opened is not None
    accepted = moment(body.get("accepted_at"))
    decided = moment(body.get("decided_at"))
    state = str(body["state"])
    concluded = state in CONCLUDED and decided is not None
    decision_s = None
    if concluded and decided is not None:
        decision_s = max(0, int((decided - (accepted or opened)).total_seconds()))
    proofs = list(body.get("proofs") or [])
    counts = method_counts(proofs)
    rating = body.get("rating") or None
    return (
        workstation,
        str(body["case_id"]),
        int(body["seq"]),
        str(body["event"]),
        str(body["matter"]),
        str(body.get("office", "")),
        str(body.get("window", "")),
        str(body.get("clerk", "")),
        state,
        body.get("decision") or None,
        _utc(opened),
        _day(opened, zone),
        _utc(accepted),
        _utc(decided) if concluded else None,
        _day(decided, zone) if concluded else None,
        body.get("promised_date") or None,
        decision_s,
        int(concluded),
        int(state in PENDING),
        int(concluded and accepted is None),
        int(
            concluded and decided is not None and (decided - opened).total_seconds() <= HALF_HOUR_S
        ),
        counts["dropped"],
        counts["pledge"],
        counts["data_query"],
        counts["dept_verify"],
        counts["paper"],
        json.dumps(
            [{k: p.get(k) for k in ("code", "method", "state")} for p in proofs],
            ensure_ascii=False,
            separators=(",", ":"),
        ),
        rating,
        SCORES.get(str(rating)) if rating else None,
        _utc(moment(body.get("rated_at"))),
        _utc(moment(body.get("at"))) or _utc(received),
        _utc(received),
    )


def pledge_rows(
    row: Sequence[Any], pledges: Sequence[Mapping[str, Any]], key: Callable[[str], str]
) -> list[tuple[Any, ...]]:
    """The ``summary_pledges`` rows (:data:`PLEDGE_COLUMNS`) of a summary whose case row is
    ``row``; ``key`` turns a subject's number into the platform's keyed hash."""
    by = dict(zip(SUMMARY_COLUMNS, row, strict=True))
    return [
        (
            by["workstation"],
            by["case_id"],
            str(p["proof_code"]),
            key(str(p["subject"])),
            _utc(moment(str(p["signed_at"]))),
            by["matter"],
            by["office"],
            by["window_id"],
            by["clerk"],
            by["opened_day"],
        )
        for p in pledges
    ]


def upsert_sql() -> str:
    """The statement that stores a case's summary unless a later one (higher ``seq``) is
    stored already."""
    columns = ", ".join(SUMMARY_COLUMNS)
    marks = ", ".join("?" for _ in SUMMARY_COLUMNS)
    updates = ", ".join(
        f"{c} = excluded.{c}" for c in SUMMARY_COLUMNS if c not in ("workstation", "case_id")
    )
    return (
        f"INSERT INTO case_summaries ({columns}) VALUES ({marks})"
        f" ON CONFLICT (workstation, case_id) DO UPDATE SET {updates}"
        " WHERE excluded.seq > case_summaries.seq"
    )


def pledge_sql() -> str:
    """The statement that stores a pledge (a later summary's copy of it changes nothing)."""
    columns = ", ".join(PLEDGE_COLUMNS)
    marks = ", ".join("?" for _ in PLEDGE_COLUMNS)
    return (
        f"INSERT INTO summary_pledges ({columns}) VALUES ({marks})"
        " ON CONFLICT (workstation, case_id, proof_code) DO NOTHING"
    )


EVENT_SQL = (
    "INSERT INTO summary_events (workstation, case_id, seq, event, at, received_at)"
    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (workstation, case_id, seq) DO NOTHING"
)
