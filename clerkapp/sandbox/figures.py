"""The office figures (issue 12 "Dashboard and reports"), computed by the platform over the
case summaries of every window: one aggregate over ``case_summaries`` for the chosen period
(cases *opened* on those office days) and office, window or clerk, over the daily
rollups of :mod:`clerkapp.sandbox.rollups`, plus the 90th percentile of the time from
acceptance to decision and the overdue cases (judged on a given day). The rules of each figure
are in :mod:`clerkapp.sandbox.summary_rows` and docs/CONTRACTS.md.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from clerkapp.sandbox import rollups
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
    office, window (workstation) or clerk; ``as_of`` is the day overdue is judged on."""

    start: date
    end: date
    as_of: date
    office: str = ""
    window: str = ""
    clerk: str = ""

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause (``?`` placeholders) and its parameters."""
        clauses = ["opened_day >= ?", "opened_day <= ?"]
        params: list[Any] = [self.start.isoformat(), self.end.isoformat()]
        for column, value in (
            ("office", self.office),
            ("window_id", self.window),
            ("clerk", self.clerk),
        ):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        return " AND ".join(clauses), params


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole, 4)


def office_figures(db: PlatformDb, scope: Scope) -> dict[str, Any]:
    """The figures of ``scope`` (docs/CONTRACTS.md "Office figures"): counts, shares (None when
    there is nothing to divide by), times in seconds. Totals come from the daily rollups (per
    clerk for a window or a clerk, else per office); the 90th percentile from the decision-time
    histogram for an office or the city, exactly from the summaries for a window or a clerk."""
    where, params = scope.where()
    narrow = bool(scope.window or scope.clerk)
    level = rollups.LEVELS[0 if narrow else 1][0]
    sums = ", ".join(f"COALESCE(SUM({name}), 0)" for name, _ in rollups.MEASURES)
    [totals] = db.query(f"SELECT {sums} FROM {level} WHERE {where}", params)
    by = {name: int(value) for (name, _), value in zip(rollups.MEASURES, totals, strict=True)}
    if narrow:
        p90 = _p90_exact(db, where, params, by["timed"])
    else:
        table = rollups.HISTOGRAMS[0 if scope.office else 1][0]
        p90 = _p90_histogram(db, table, where, params, by["timed"])
    warn = (scope.as_of + timedelta(days=WARN_DAYS)).isoformat()
    today = scope.as_of.isoformat()
    [(overdue, due_soon)] = db.query(
        "SELECT COALESCE(SUM(CASE WHEN promised_day < ? THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN promised_day >= ? AND promised_day <= ? THEN 1 ELSE 0 END), 0)"
        f" FROM case_summaries WHERE pending = 1 AND {where}",
        [today, today, warn, *params],
    )
    return _answer(scope, by, p90, int(overdue), int(due_soon))


def _answer(
    scope: Scope, by: dict[str, int], p90: int | None, overdue: int, due_soon: int
) -> dict[str, Any]:
    saved = {m: by[f"n_{m}"] for m in METHODS}
    concluded, timed = by["concluded"], by["timed"]
    return {
        "scope": {
            "from": scope.start.isoformat(),
            "to": scope.end.isoformat(),
            "as_of": scope.as_of.isoformat(),
            "office": scope.office,
            "window": scope.window,
            "clerk": scope.clerk,
        },
        "cases": by["cases"],
        "concluded": concluded,
        "pending": by["pending"],
        "on_the_spot": by["on_the_spot"],
        "on_the_spot_share": _share(by["on_the_spot"], concluded),
        "half_hour": by["half_hour"],
        "half_hour_share": _share(by["half_hour"], concluded),
        "decision_time_s": {
            "count": timed,
            "mean": None if not timed else round(by["sum_decision_s"] / timed, 1),
            "p90": p90,
        },
        "proofs_not_demanded": {**saved, "total": sum(saved.values())},
        "proofs_on_paper": by["n_paper"],
        "trips_saved": sum(saved.values()),
        "pledges": saved["pledge"],
        "ratings": {
            "count": by["rated"],
            "satisfied": by["satisfied"],
            "dissatisfied": by["dissatisfied"],
            "satisfaction_rate": _share(by["satisfied"], by["rated"]),
        },
        "overdue": {
            "pending_past_due": overdue,
            "due_soon": due_soon,
            "concluded_late": by["late"],
        },
    }


def _rank(count: int) -> int:
    """The nearest rank of the 90th percentile among ``count`` values: ⌈0.9·n⌉."""
    return -(-9 * count // 10)


def _p90_histogram(
    db: PlatformDb, table: str, where: str, params: list[Any], count: int
) -> int | None:
    """The 90th percentile from the daily histogram: the upper edge of the bucket holding the
    value of rank ⌈0.9·n⌉."""
    if count == 0:
        return None
    rows = db.query(
        f"SELECT edge_s, SUM(n) FROM {table} WHERE {where} GROUP BY edge_s ORDER BY edge_s",
        params,
    )
    seen, rank = 0, _rank(count)
    for edge_s, n in rows:
        seen += int(n)
        if seen >= rank:
            return int(edge_s)
    return None


def _p90_exact(db: PlatformDb, where: str, params: list[Any], count: int) -> int | None:
    """The nearest-rank 90th percentile of the summaries' times (PostgreSQL's
    ``percentile_disc(0.9)``): the value at rank ⌈0.9·n⌉ in ascending order."""
    if count == 0:
        return None
    if db.engine == POSTGRESQL:
        [(value,)] = db.query(
            "SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY decision_s)"
            f" FROM case_summaries WHERE {where} AND decision_s IS NOT NULL",
            params,
        )
        return None if value is None else int(value)
    rows = db.query(
        f"SELECT decision_s FROM case_summaries WHERE {where} AND decision_s IS NOT NULL"
        " ORDER BY decision_s LIMIT 1 OFFSET ?",
        [*params, _rank(count) - 1],
    )
    return int(rows[0][0]) if rows else None
