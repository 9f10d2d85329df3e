"""Case search over every date (issue 9: any case, any day, any window).

One page of cases, newest first, by one key — the keyed hash of a full ID number or USCC, a
document number (文号, retired ones included), a case number (办件编号), a short code (查询码), or
a name's start / the last four of the number / a set of matters — combined with the filters of
the case list (states, a date range). Pages follow each other by keyset (``created_at``,
``id``): a page costs the same at the 1st or the 1000th page, and cases added meanwhile do not
shift it. Every key has its index
(migration 8); a name's start and the number's last four come newest first from
``case_search_keys`` (issue 13, :mod:`clerkapp.infra.store.case_keys`), so a page reads a page
of key rows however many cases match; several keys of one search are a UNION of one page from
each index. The full number is never compared in clear (``cases.applicant_id_hash`` is an
HMAC under the store's secret salt, :meth:`CaseRepository.subject_hash`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from clerkapp.infra.store.case_keys import NAME_KEY_LENGTH, name_key, tail_key
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
    id_tail: str | None = None  # the last four characters of the applicant's number (issue 13)


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
    streams = _streams(key, filters, after, limit + 1)
    if len(streams) == 1:
        sql, params = streams[0]
    else:
        # Each stream is newest first from its own index and stops after a page; the page is
        # the newest of them (a case found by two keys once).
        sql = " UNION ".join(f"SELECT created_at, id FROM ({part})" for part, _ in streams)
        sql += " ORDER BY created_at DESC, id DESC LIMIT ?"
        params = [p for _, part_params in streams for p in part_params] + [limit + 1]
    with store.read():
        conn = store.conn
        found = [(str(r[0]), str(r[1])) for r in conn.execute(sql, params)]
        more = len(found) > limit
        found = found[:limit]
        ids = [case_id for _, case_id in found]
        rows = _rows(conn, ids)
        counts = _proof_counts(store, ids)
        present = present_of(store, ids)
    cases = [
        _summary({**rows[i], **counts.get(i, _NO_PROOFS), **present.get(i, {})})
        for i in ids
        if i in rows
    ]
    last = found[-1] if found and more else None
    next_page = PageKey(last[0], last[1]) if last else None
    return CasePage(cases, next_page)


_NO_PROOFS = {"total": 0, "satisfying": 0, "waiting": 0, "failed": 0}
#: What a list line reads of a case (never its JSON).
_COLUMNS = (
    "id, matter_code, matter_name, applicant_kind, applicant_name, applicant_id_masked, state,"
    " short_code, created_at, updated_at"
)
#: Matters searched each from its own index; more (a word in many matters' names) are one
#: stream over the cases' creation order.
_MATTER_STREAMS = 8


def _rows(conn: Any, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    cursor = conn.execute(
        f"SELECT {_COLUMNS} FROM cases WHERE id IN ({', '.join('?' * len(ids))})", ids
    )
    names = [d[0] for d in cursor.description]
    return {str(r[0]): dict(zip(names, r, strict=True)) for r in cursor}


def _filter_terms(
    filters: CaseFilters, after: PageKey | None, created: str, ident: str
) -> tuple[list[str], list[Any]]:
    """The list's filters and the keyset on (``created``, ``ident``) columns."""
    where: list[str] = []
    params: list[Any] = []
    if filters.states:
        where.append(f"c.state IN ({', '.join('?' * len(filters.states))})")
        params.extend(filters.states)
    if filters.created_from is not None:
        where.append(f"{created} >= ?")
        params.append(db_time(filters.created_from))
    if filters.created_to is not None:
        where.append(f"{created} < ?")
        params.append(db_time(filters.created_to))
    if after is not None:
        where.append(f"({created} < ? OR ({created} = ? AND {ident} < ?))")
        params.extend([after.created_at, after.created_at, after.case_id])
    return where, params


def _case_stream(
    term: str, term_params: list[Any], filters: CaseFilters, after: PageKey | None, n: int
) -> tuple[str, list[Any]]:
    where, params = _filter_terms(filters, after, "c.created_at", "c.id")
    if term:
        where.insert(0, term)
        params = [*term_params, *params]
    sql = "SELECT c.created_at AS created_at, c.id AS id FROM cases c"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql + " ORDER BY c.created_at DESC, c.id DESC LIMIT ?", [*params, n]


def _key_stream(
    search_key: str,
    check: tuple[str, list[Any]] | None,
    filters: CaseFilters,
    after: PageKey | None,
    n: int,
) -> tuple[str, list[Any]]:
    """Cases of one ``case_search_keys`` key, newest first from the key table itself."""
    where, params = _filter_terms(filters, after, "k.created_at", "k.case_id")
    where.insert(0, "k.key = ?")
    params.insert(0, search_key)
    if check is not None:
        where.append(check[0])
        params.extend(check[1])
    join = " JOIN cases c ON c.id = k.case_id" if filters.states or check else ""
    sql = (
        f"SELECT k.created_at AS created_at, k.case_id AS id FROM case_search_keys k{join}"
        f" WHERE {' AND '.join(where)} ORDER BY k.created_at DESC, k.case_id DESC LIMIT ?"
    )
    return sql, [*params, n]


def _streams(
    key: CaseKey, filters: CaseFilters, after: PageKey | None, n: int
) -> list[tuple[str, list[Any]]]:
    if key.subject_hash is not None:
        return [_case_stream("c.applicant_id_hash = ?", [key.subject_hash], filters, after, n)]
    if key.document is not None:
        term = (
            "c.id IN (SELECT case_id FROM document_number_claims"
            " WHERE office = ? AND year = ? AND number = ?)"
        )
        return [_case_stream(term, list(key.document), filters, after, n)]
    if key.case_id is not None:
        return [_case_stream("c.id = ?", [key.case_id], filters, after, n)]
    streams: list[tuple[str, list[Any]]] = []
    if key.short_code is not None:
        streams.append(_case_stream("c.short_code = ?", [key.short_code], filters, after, n))
    if key.name_prefix:
        prefix = key.name_prefix
        check = None
        if len(prefix) > NAME_KEY_LENGTH:  # the key holds its start: the name says the rest
            check = ("c.applicant_name >= ? AND c.applicant_name < ?", [prefix, prefix + _TOP])
        streams.append(_key_stream(name_key(prefix), check, filters, after, n))
    if key.id_tail:
        streams.append(_key_stream(tail_key(key.id_tail), None, filters, after, n))
    if key.matter_codes and len(key.matter_codes) <= _MATTER_STREAMS:
        for code in key.matter_codes:
            streams.append(_case_stream("c.matter_code = ?", [code], filters, after, n))
    elif key.matter_codes:
        term = f"c.matter_code IN ({', '.join('?' * len(key.matter_codes))})"
        streams.append(_case_stream(term, list(key.matter_codes), filters, after, n))
    if key.id_prefix:
        term = "(c.id >= ? AND c.id < ?)"
        streams.append(_case_stream(term, [key.id_prefix, key.id_prefix + _TOP], filters, after, n))
    if not streams:
        streams.append(_case_stream("", [], filters, after, n))
    return streams


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
        str(r[0]): {
            "total": r[1],
            "satisfying": r[2] or 0,
            "waiting": r[3] or 0,
            "failed": r[4] or 0,
        }
        for r in store.conn.execute(sql, params)
    }
