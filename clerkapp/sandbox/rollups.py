"""Daily rollups of the case summaries (issue 12): what the office figures add up, kept per
office day, office, window and clerk (``figures_daily``) and per office day and office
(``figures_office_daily``), and the times from acceptance to decision as histograms per office
day and office (``decision_times_daily``) and city-wide (``decision_times_city``) — so that a
dashboard over a year of a city's million summaries adds up thousands of rows, not a million.

They are kept in the summary's own transaction: a case's later summary takes its earlier
contribution out and puts its own in (a case counts once, as it stands now). A histogram
bucket is named by its upper edge: a minute up to an hour, an hour up to a week, a day beyond —
the 90th percentile over the rollups is that bucket's edge (exact to its resolution); the mean
is exact. The percentile of a window or a clerk is read from the summaries themselves,
exactly (a covering index).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from clerkapp.sandbox.platform_db import Cursor
from clerkapp.sandbox.summary_rows import SUMMARY_COLUMNS

HOUR = 3600
WEEK = 7 * 24 * HOUR
DAY = 24 * HOUR

#: The additive figures of a rollup row, and how each is computed from a summary row (SQL).
MEASURES: tuple[tuple[str, str], ...] = (
    ("cases", "1"),
    ("concluded", "concluded"),
    ("pending", "pending"),
    ("on_the_spot", "on_the_spot"),
    ("half_hour", "half_hour"),
    ("timed", "CASE WHEN decision_s IS NULL THEN 0 ELSE 1 END"),
    ("sum_decision_s", "COALESCE(decision_s, 0)"),
    ("n_dropped", "n_dropped"),
    ("n_pledge", "n_pledge"),
    ("n_data_query", "n_data_query"),
    ("n_dept_verify", "n_dept_verify"),
    ("n_paper", "n_paper"),
    ("rated", "CASE WHEN rating_score IS NULL THEN 0 ELSE 1 END"),
    ("satisfied", "CASE WHEN rating_score >= 3 THEN 1 ELSE 0 END"),
    ("dissatisfied", "CASE WHEN rating_score <= 2 THEN 1 ELSE 0 END"),
    ("late", "CASE WHEN concluded = 1 AND decided_day > promised_day THEN 1 ELSE 0 END"),
)
#: The rollup tables and their keys: per clerk (window and clerk scopes), per office (office
#: and city scopes).
LEVELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("figures_daily", ("opened_day", "office", "window_id", "clerk")),
    ("figures_office_daily", ("opened_day", "office")),
)
#: The decision-time histograms and their keys (besides the bucket): per office, city-wide.
HISTOGRAMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("decision_times_daily", ("opened_day", "office")),
    ("decision_times_city", ("opened_day",)),
)
BUCKET_SQL = (
    f"CASE WHEN decision_s <= {HOUR} THEN ((decision_s + 59) / 60) * 60"
    f" WHEN decision_s <= {WEEK} THEN ((decision_s + {HOUR - 1}) / {HOUR}) * {HOUR}"
    f" ELSE ((decision_s + {DAY - 1}) / {DAY}) * {DAY} END"
)
_NAMES = ", ".join(n for n, _ in MEASURES)


def _create() -> tuple[str, ...]:
    made: list[str] = []
    for table, key in LEVELS:
        columns = ", ".join(f"{k} TEXT NOT NULL" for k in key)
        measures = ", ".join(f"{n} BIGINT NOT NULL" for n, _ in MEASURES)
        made.append(f"CREATE TABLE {table} ({columns}, {measures}, PRIMARY KEY ({', '.join(key)}))")
    for table, key in HISTOGRAMS:
        columns = ", ".join(f"{k} TEXT NOT NULL" for k in key)
        made.append(
            f"CREATE TABLE {table} ({columns}, edge_s BIGINT NOT NULL, n BIGINT NOT NULL,"
            f" PRIMARY KEY ({', '.join(key)}, edge_s))"
        )
    return (
        *made,
        "CREATE INDEX figures_daily_office ON figures_daily (office, opened_day)",
        "CREATE INDEX figures_daily_window ON figures_daily (window_id, opened_day)",
        "CREATE INDEX figures_daily_clerk ON figures_daily (clerk, opened_day)",
        "CREATE INDEX figures_office_daily_office ON figures_office_daily (office, opened_day)",
        "CREATE INDEX decision_times_office ON decision_times_daily (office, opened_day)",
        # The cases still waiting (overdue is judged on the day asked): few, read directly.
        "CREATE INDEX case_summaries_pending ON case_summaries (opened_day, promised_day)"
        " WHERE pending = 1",
        "CREATE INDEX case_summaries_pending_office ON case_summaries"
        " (office, opened_day, promised_day) WHERE pending = 1",
    )


def _rebuild() -> tuple[str, ...]:
    made = [f"DELETE FROM {table}" for table, _ in (*LEVELS, *HISTOGRAMS)]
    for table, key in LEVELS:
        keys = ", ".join(key)
        sums = ", ".join(f"SUM({e})" for _, e in MEASURES)
        made.append(
            f"INSERT INTO {table} ({keys}, {_NAMES}) SELECT {keys}, {sums}"
            f" FROM case_summaries GROUP BY {keys}"
        )
    for table, key in HISTOGRAMS:
        keys = ", ".join(key)
        made.append(
            f"INSERT INTO {table} ({keys}, edge_s, n) SELECT {keys}, {BUCKET_SQL}, COUNT(*)"
            f" FROM case_summaries WHERE decision_s IS NOT NULL GROUP BY {keys}, {BUCKET_SQL}"
        )
    return tuple(made)


CREATE = _create()
#: Empty the rollups and fill them from the summaries (migration 2, benchmarks, repairs).
REBUILD = _rebuild()
#: Fill them (the rollups empty).
FILL = tuple(s for s in REBUILD if not s.startswith("DELETE"))


def edge(seconds: int) -> int:
    """The upper edge of the histogram bucket of ``seconds`` (as :data:`BUCKET_SQL`)."""
    if seconds <= HOUR:
        return -(-seconds // 60) * 60
    if seconds <= WEEK:
        return -(-seconds // HOUR) * HOUR
    return -(-seconds // DAY) * DAY


def _measures(row: Mapping[str, Any]) -> list[int]:
    score = row["rating_score"]
    decision_s = row["decision_s"]
    late = row["concluded"] == 1 and (row["decided_day"] or "") > (row["promised_day"] or "")
    return [
        1,
        int(row["concluded"]),
        int(row["pending"]),
        int(row["on_the_spot"]),
        int(row["half_hour"]),
        0 if decision_s is None else 1,
        int(decision_s or 0),
        int(row["n_dropped"]),
        int(row["n_pledge"]),
        int(row["n_data_query"]),
        int(row["n_dept_verify"]),
        int(row["n_paper"]),
        0 if score is None else 1,
        int(score is not None and score >= 3),
        int(score is not None and score <= 2),
        int(late and row["promised_day"] is not None),
    ]


def _add_sql(table: str, key: tuple[str, ...]) -> str:
    marks = ", ".join("?" for _ in (*key, *MEASURES))
    sets = ", ".join(f"{n} = {table}.{n} + excluded.{n}" for n, _ in MEASURES)
    return (
        f"INSERT INTO {table} ({', '.join(key)}, {_NAMES}) VALUES ({marks})"
        f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET {sets}"
    )


def _add_time_sql(table: str, key: tuple[str, ...]) -> str:
    marks = ", ".join("?" for _ in (*key, "edge_s", "n"))
    return (
        f"INSERT INTO {table} ({', '.join(key)}, edge_s, n) VALUES ({marks})"
        f" ON CONFLICT ({', '.join(key)}, edge_s) DO UPDATE SET n = {table}.n + excluded.n"
    )


_ADD = tuple((_add_sql(t, k), k) for t, k in LEVELS)
_ADD_TIME = tuple((_add_time_sql(t, k), k) for t, k in HISTOGRAMS)


def move(cur: Cursor, old: Sequence[Any] | None, new: Sequence[Any]) -> None:
    """Replace a case's contribution ``old`` (its earlier ``case_summaries`` row, None for a
    new case) by ``new`` in every rollup, in the caller's transaction. Keys are updated in a
    fixed order, so two workers moving cases never wait on each other in a circle."""
    rows = [
        (dict(zip(SUMMARY_COLUMNS, row, strict=True)), sign)
        for row, sign in ((old, -1), (new, 1))
        if row is not None
    ]
    for sql, key in _ADD:
        changes: dict[tuple[Any, ...], list[int]] = {}
        for by, sign in rows:
            at = tuple(by[k] for k in key)
            before = changes.get(at, [0] * len(MEASURES))
            changes[at] = [a + sign * b for a, b in zip(before, _measures(by), strict=True)]
        for at in sorted(changes):
            if any(changes[at]):
                cur.execute(sql, (*at, *changes[at]))
    for sql, key in _ADD_TIME:
        times: dict[tuple[Any, ...], int] = {}
        for by, sign in rows:
            if by["decision_s"] is not None:
                at = (*(by[k] for k in key), edge(int(by["decision_s"])))
                times[at] = times.get(at, 0) + sign
        for at in sorted(times):
            if times[at]:
                cur.execute(sql, (*at, times[at]))
