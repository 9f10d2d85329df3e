"""The office figures (issue 12 "Dashboard and reports"), computed by the platform over the
case summaries of every window: one aggregate over ``case_summaries`` for the chosen period
(cases *opened* on those office days) and office, window, clerk or matter, plus the 90th
percentile of the time from acceptance to decision. The rules of each figure are in
:mod:`clerkapp.sandbox.summary_rows` and docs/CONTRACTS.md.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from clerkapp.sandbox.platform_db import POSTGRESQL, PlatformDb
from clerkapp.sandbox.summary_rows import METHODS

#: 超期预警: a pending case whose promised date is at most this many days ahead.
WARN_DAYS = 2


class PeriodError(ValueError):
    """A period that is not ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``FROM..TO``."""


def parse_period(text: str) -> tuple[date, date]:
    """The first and last office day of ``text``: ``2026``, ``2026-11``, ``2026-11-27`` or
    ``2026-11-01..2026-11-30`` (both ends included)."""
    text = text.strip()
    try:
        if ".." in text:
            first, _, last = text.partition("..")
            start, end = date.fromisoformat(first.strip()), date.fromisoformat(last.strip())
        elif len(text) == 4:
            year = int(text)
            start, end = date(year, 1, 1), date(year, 12, 31)
        elif len(text) == 7:
            year, month = int(text[:4]), int(text[5:])
            start = date(year, month, 1)
            end = date(year, month, calendar.monthrange(year, month)[1])
        else:
            start = end = date.fromisoformat(text)
    except ValueError as exc:
        raise PeriodError(text) from exc
    if end < start:
        raise PeriodError(text)
    return start, end


@dataclass(frozen=True)
class Scope:
    """Which cases: opened from ``start`` to ``end`` (office days, included), optionally of one
    office, window (workstation), clerk or matter; ``as_of`` is the day overdue is judged on."""

    start: date
    end: date
    as_of: date
    office: str = ""
    window: str = ""
    clerk: str = ""
    matter: str = ""

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause (``?`` placeholders) and its parameters."""
        clauses = ["opened_day >= ?", "opened_day <= ?"]
        params: list[Any] = [self.start.isoformat(), self.end.isoformat()]
        for column, value in (
            ("office", self.office),
            ("window_id", self.window),
            ("clerk", self.clerk),
            ("matter", self.matter),
        ):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        return " AND ".join(clauses), params


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole, 4)


def office_figures(db: PlatformDb, scope: Scope) -> dict[str, Any]:
    """The figures of ``scope`` (docs/CONTRACTS.md "Office figures"): counts, shares (None when
    there is nothing to divide by), times in seconds."""
    where, params = scope.where()
    warn = (scope.as_of + timedelta(days=WARN_DAYS)).isoformat()
    today = scope.as_of.isoformat()
    p90 = (
        ", percentile_disc(0.9) WITHIN GROUP (ORDER BY decision_s)"
        if db.engine == POSTGRESQL
        else ""
    )
    sums = ", ".join(f"COALESCE(SUM(n_{m}), 0)" for m in (*METHODS, "paper"))
    [row] = db.query(
        "SELECT COUNT(*), COALESCE(SUM(concluded), 0), COALESCE(SUM(on_the_spot), 0),"
        " COALESCE(SUM(half_hour), 0), COUNT(decision_s), COALESCE(SUM(decision_s), 0),"
        f" {sums}, COUNT(rating_score),"
        " COALESCE(SUM(CASE WHEN rating_score >= 3 THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN rating_score <= 2 THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN pending = 1 AND promised_day < ? THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN pending = 1 AND promised_day >= ? AND promised_day <= ?"
        " THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN concluded = 1 AND decided_day > promised_day"
        " THEN 1 ELSE 0 END), 0), COALESCE(SUM(pending), 0)"
        f"{p90} FROM case_summaries WHERE {where}",
        [today, today, warn, *params],
    )
    values = [int(v) if v is not None else None for v in row]
    cases, concluded, spot, half, timed, total_s = values[:6]
    methods = dict(zip((*METHODS, "paper"), values[6:11], strict=True))
    rated, good, bad, overdue, due_soon, late, pending = values[11:18]
    assert cases is not None and concluded is not None and timed is not None
    p90_s = values[18] if db.engine == POSTGRESQL else _p90_sqlite(db, where, params, timed)
    saved = {m: int(methods[m] or 0) for m in METHODS}
    return {
        "scope": {
            "from": scope.start.isoformat(),
            "to": scope.end.isoformat(),
            "as_of": scope.as_of.isoformat(),
            "office": scope.office,
            "window": scope.window,
            "clerk": scope.clerk,
            "matter": scope.matter,
        },
        "cases": cases,
        "concluded": concluded,
        "pending": pending,
        "on_the_spot": spot,
        "on_the_spot_share": _share(spot or 0, concluded),
        "half_hour": half,
        "half_hour_share": _share(half or 0, concluded),
        "decision_time_s": {
            "count": timed,
            "mean": None if not timed else round((total_s or 0) / timed, 1),
            "p90": p90_s,
        },
        "proofs_not_demanded": {**saved, "total": sum(saved.values())},
        "proofs_on_paper": int(methods["paper"] or 0),
        "trips_saved": sum(saved.values()),
        "pledges": saved["pledge"],
        "ratings": {
            "count": rated,
            "satisfied": good,
            "dissatisfied": bad,
            "satisfaction_rate": _share(good or 0, rated or 0),
        },
        "overdue": {"pending_past_due": overdue, "due_soon": due_soon, "concluded_late": late},
    }


def _p90_sqlite(db: PlatformDb, where: str, params: list[Any], count: int) -> int | None:
    """The nearest-rank 90th percentile (PostgreSQL's ``percentile_disc(0.9)``): the value at
    rank ⌈0.9·n⌉ of the times in ascending order."""
    if count == 0:
        return None
    rank = -(-9 * count // 10)  # ceil(0.9 n) in integers
    rows = db.query(
        f"SELECT decision_s FROM case_summaries WHERE {where} AND decision_s IS NOT NULL"
        " ORDER BY decision_s LIMIT 1 OFFSET ?",
        [*params, rank - 1],
    )
    return int(rows[0][0]) if rows else None
