"""The case search of the case list (issue 9: any case, any day, any window).

Turns what the clerk typed (:func:`clerkapp.core.case_query.parse_case_query`) and the list's
filters into one page of the store's search (:mod:`clerkapp.infra.store.case_search`): a full ID
number or USCC is looked up by its keyed hash, a malformed one is refused with the reason
(:class:`~clerkapp.core.case_query.MalformedSubject`), nothing typed lists the most recent cases.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from clerkapp.core.case_query import QueryKind, parse_case_query
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import ClerkAppError
from clerkapp.infra.store.case_search import (
    PAGE_SIZE,
    CaseFilters,
    CaseKey,
    PageKey,
    search_cases,
)

if TYPE_CHECKING:
    from clerkapp.app.context import CaseSummary
    from clerkapp.core.catalogue import Catalogue
    from clerkapp.infra.store.db import Store


@dataclass(frozen=True)
class CaseSearchResult:
    """One page of the search: the cases (newest first), where the next page starts (None: no
    more), and what the text was recognised as. ``subject`` holds the full number of an ID/USCC
    search only for the platform's case index (never shown, never logged)."""

    cases: list[CaseSummary] = field(default_factory=list)
    next_page: PageKey | None = None
    kind: QueryKind = QueryKind.RECENT
    subject: str = field(default="", repr=False)
    #: The applicant's cases at other windows (the platform's case index; first page of an
    #: ID/USCC search only): dicts of :data:`~clerkapp.infra.platform.answers.INDEXED_CASE_FIELDS`.
    elsewhere: list[dict[str, str]] = field(default_factory=list)
    #: Why the other windows' cases could not be asked for ("" when they were, or not needed).
    elsewhere_error: str = ""


_DAY_DIGITS = 8
_TAIL = re.compile(r"[0-9A-Z]{4}")

#: The case list's date filters: how many days back from the office's today (0: today only).
PERIODS: dict[str, int] = {"today": 0, "7d": 6, "30d": 29, "365d": 364}


def period_start(period: str, now: datetime) -> datetime | None:
    """The first moment of a ``period`` of :data:`PERIODS` ending ``now`` (the office's local
    midnight so many days back); None for any other value (all dates)."""
    days = PERIODS.get(period)
    if days is None:
        return None
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight - timedelta(days=days)


#: Asks the platform's case index for an applicant's cases at other workstations.
IndexLookup = Callable[[str], list[dict[str, str]]]


def search(
    store: Store,
    catalogue: Catalogue,
    today: date,
    text: str,
    *,
    states: tuple[str, ...] = (),
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    after: PageKey | None = None,
    limit: int = PAGE_SIZE,
    index: IndexLookup | None = None,
) -> CaseSearchResult:
    """*worker* — one page of the cases matching ``text`` and the filters, over every date
    (``today``: the office's day, for checking a typed ID number's birth date).
    Raises :class:`~clerkapp.core.case_query.MalformedSubject` for a malformed ID or USCC.
    ``index`` asks the platform's case index for the first page of an ID/USCC search; when the
    platform cannot answer, the local cases still come, with ``elsewhere_error`` saying so."""
    from clerkapp.app.context import CaseSummary

    query = parse_case_query(text, today=today)
    subject = ""
    if query.kind is QueryKind.SUBJECT:
        subject = query.value
        key = CaseKey(subject_hash=store.cases.subject_hash(query.value))
    elif query.kind is QueryKind.DOCUMENT_NUMBER:
        key = CaseKey(document=(query.series, query.year, query.seq))
    elif query.kind is QueryKind.CASE_ID:
        key = CaseKey(case_id=query.value)
    elif query.kind is QueryKind.SHORT_CODE:
        # Eight digits are a legacy code or a day's case numbers (20261127): either.
        key = CaseKey(
            short_code=query.value, id_prefix=query.value if query.value.isdigit() else None
        )
    elif query.kind is QueryKind.TEXT:
        matters = tuple(code for code, m in catalogue.matters.items() if query.value in m.name)
        # A day's case numbers at least (20261127…): a shorter run of digits is not one day.
        ascii_text = query.value.upper() if query.value.isascii() else ""
        id_prefix = ascii_text if len(ascii_text) >= _DAY_DIGITS else None
        # Four characters as the end of a shown number (…1234, …123X): its last four.
        id_tail = ascii_text if _TAIL.fullmatch(ascii_text) else None
        key = CaseKey(
            name_prefix=query.value, matter_codes=matters, id_prefix=id_prefix, id_tail=id_tail
        )
    else:
        key = CaseKey()
    filters = CaseFilters(states=states, created_from=created_from, created_to=created_to)
    page = search_cases(store, key, filters, after=after, limit=limit)
    ids = {s.id for s in page.cases}
    stuck = {r.case_id for r in store.outbox.needs_person() if r.case_id in ids}
    matters_all = catalogue.matters
    cases = [
        CaseSummary(
            case_id=s.id,
            matter_name=s.matter_name,
            applicant_name=s.applicant_name,
            id_masked=s.applicant_masked,
            state=s.state.value,
            updated_at=s.updated_at.isoformat(),
            waiting=s.waiting,
            waiting_lookup=s.waiting and s.state.value == "open",
            needs_person=s.id in stuck,
            procedure=m.procedure.value if (m := matters_all.get(s.matter_code)) else "",
            decidable=s.decidable,
            created_at=s.created_at.isoformat(),
            present_role=s.present_role,
            present_masked=s.present_masked,
        )
        for s in page.cases
    ]
    elsewhere: list[dict[str, str]] = []
    elsewhere_error = ""
    if subject and index is not None and after is None:
        local = {c.case_id for c in cases}
        try:
            elsewhere = [c for c in index(subject) if c["case_id"] not in local]
        except ClerkAppError as exc:
            elsewhere_error = QT_TRANSLATE_NOOP(
                "CaseSearch", "未能查询其他窗口的办件：{user_message}"
            ).format(user_message=exc.user_message)
    return CaseSearchResult(cases, page.next_page, query.kind, subject, elsewhere, elsewhere_error)
