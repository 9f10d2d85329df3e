"""Case search over every date (issue 9: any case, any day, any window).

One page of cases, newest first, by one key — the keyed hash of a full ID number or USCC, a
document number (文号, retired ones included), a case number (办件编号), a short code (查询码), or
a name's start / a set of matters — combined with the filters of the case list (states, a date
range). Pages follow each other by keyset (``created_at``, ``id``): a page costs the same at
the 1st or the 1000th page, and cases added meanwhile do not shift it. Every key has its index
(migration 7); the full number is never compared in clear (``cases.applicant_id_hash`` is an
HMAC under the store's secret salt, :meth:`CaseRepository.subject_hash`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from clerkapp.infra.store.cases import WAITING_PROOF_STATES, CaseSummary, _summary, present_of
from clerkapp.infra.store.db import db_time

if TYPE_CHECKING:
    from clerkapp.infra.store.db import Store

#: Cases on one page of the search.
PAGE_SIZE = 50
_SATISFYING = ("satisfied", "pledged", "confirmed", "waived", "paper_checked")
_FAILED = ("not_satisfied", "denied")
#: The highest code point: ``prefix <= name < prefix + _TOP`` is "name starts with prefix".
_TOP = "\U0010ffff"


@dataclass(frozen=True)
class PageKey:
    """Where the next page starts: after this case in (created_at, id) descending order."""

    created_at: str
    case_id: str


@dataclass(frozen=True)
class CaseKey:
    """What to look for: one of the exact keys (hash, 文号, case number), or any of the others
    (a case matching one of them is found). Nothing set: the most recent cases.
    ``subject_hash`` is never the number itself."""

    subject_hash: str | None = None
    document: tuple[str, int, int] | None = None  # (series, year, seq) of a 文号
    case_id: str | None = None
    short_code: str | None = None
    name_prefix: str | None = None
    matter_codes: tuple[str, ...] = ()
    id_prefix: str | None = None  # e.g. a day "20261127" or "20261127-TRAIN01"


@dataclass(frozen=True)
class CaseFilters:
    """The case list's filters, combined with the key by AND."""

    states: tuple[str, ...] = ()
    created_from: datetime | None = None
    created_to: datetime | None = None  # exclusive


@dataclass(frozen=True)
class CasePage:
    """One page of results and the key of the next one (None: this was the last)."""

    cases: list[CaseSummary] = field(default_factory=list)
    next_page: PageKey | None = None


def search_cases(
    store: Store,
    key: CaseKey,
    filters: CaseFilters | None = None,
    *,
    after: PageKey | None = None,
    limit: int = PAGE_SIZE,
) -> CasePage:
    """One page of cases matching ``key`` and ``filters``, newest first, after ``after``."""
    filters = filters or CaseFilters()
    where, params = _key_terms(key)
    if filters.states:
        where.append(f"c.state IN ({', '.join('?' * len(filters.states))})")
        params.extend(filters.states)
    if filters.created_from is not None:
        where.append("c.created_at >= ?")
        params.append(db_time(filters.created_from))
    if filters.created_to is not None:
        where.append("c.created_at < ?")
        params.append(db_time(filters.created_to))
    if after is not None:
        where.append("(c.created_at < ? OR (c.created_at = ? AND c.id < ?))")
        params.extend([after.created_at, after.created_at, after.case_id])
    sql = "SELECT c.* FROM cases c"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY c.created_at DESC, c.id DESC LIMIT ?"
    params.append(limit + 1)
    with store.read() as db:
        rows = list(db.query(sql, params))
        more = len(rows) > limit
        rows = rows[:limit]
        counts = _proof_counts(store, [str(r["id"]) for r in rows])
        present = present_of(store, [str(r["id"]) for r in rows])
    cases = [
        _summary({**r, **counts.get(str(r["id"]), _NO_PROOFS), **present.get(str(r["id"]), {})})
        for r in rows
    ]
    last = rows[-1] if rows and more else None
    next_page = PageKey(str(last["created_at"]), str(last["id"])) if last else None
    return CasePage(cases, next_page)


_NO_PROOFS = {"total": 0, "satisfying": 0, "waiting": 0, "failed": 0}


def _key_terms(key: CaseKey) -> tuple[list[str], list[Any]]:
    if key.subject_hash is not None:
        return ["c.applicant_id_hash = ?"], [key.subject_hash]
    if key.document is not None:
        return [
            "c.id IN (SELECT case_id FROM document_number_claims"
            " WHERE office = ? AND year = ? AND number = ?)"
        ], list(key.document)
    if key.case_id is not None:
        return ["c.id = ?"], [key.case_id]
    alternatives: list[str] = []
    params: list[Any] = []
    if key.short_code is not None:
        alternatives.append("c.short_code = ?")
        params.append(key.short_code)
    if key.name_prefix:
        alternatives.append("(c.applicant_name >= ? AND c.applicant_name < ?)")
        params.extend([key.name_prefix, key.name_prefix + _TOP])
    if key.matter_codes:
        alternatives.append(f"c.matter_code IN ({', '.join('?' * len(key.matter_codes))})")
        params.extend(key.matter_codes)
    if key.id_prefix:
        alternatives.append("(c.id >= ? AND c.id < ?)")
        params.extend([key.id_prefix, key.id_prefix + _TOP])
    if not alternatives:
        return [], []
    return ["(" + " OR ".join(alternatives) + ")"], params


def _proof_counts(store: Store, case_ids: list[str]) -> dict[str, dict[str, int]]:
    """Proof tallies of the page's cases (one grouped query over the page, not the table)."""
    if not case_ids:
        return {}
    marks = ", ".join("?" * len(case_ids))
    sql = (
        "SELECT case_id, count(*) AS total,"
        f" sum(state IN ({', '.join('?' * len(_SATISFYING))})) AS satisfying,"
        f" sum(state IN ({', '.join('?' * len(WAITING_PROOF_STATES))})) AS waiting,"
        f" sum(state IN ({', '.join('?' * len(_FAILED))})) AS failed"
        f" FROM proof_resolutions WHERE case_id IN ({marks}) GROUP BY case_id"
    )
    params = [*_SATISFYING, *WAITING_PROOF_STATES, *_FAILED, *case_ids]
    return {
        str(r["case_id"]): {k: int(r[k] or 0) for k in _NO_PROOFS}
        for r in store.db.query(sql, params)
    }
