"""Daily rollups of the case summaries (issue 12): what the office figures add up, kept per
office day, office, window and clerk (``figures_daily``), and the times from acceptance to
decision as a histogram per office day and office (``decision_times_daily``) — so that a
dashboard over a year of a city's million summaries adds up thousands of rows, not a million.

They are kept in the summary's own transaction: a case's later summary takes its earlier
contribution out and puts its own in (a case counts once, as it stands now). A histogram
bucket is named by its upper edge: a minute up to an hour, an hour up to a week, a day beyond —
the 90th percentile over the rollups is that bucket's edge (exact to its resolution); the mean
is exact. Scopes narrower than an office (a window, a clerk, a matter) are read from the
summaries themselves, exactly.
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
KEY = ("opened_day", "office", "window_id", "clerk")
BUCKET_SQL = (
    f"CASE WHEN decision_s <= {HOUR} THEN ((decision_s + 59) / 60) * 60"
    f" WHEN decision_s <= {WEEK} THEN ((decision_s + {HOUR - 1}) / {HOUR}) * {HOUR}"
    f" ELSE ((decision_s + {DAY - 1}) / {DAY}) * {DAY} END"
)

CREATE = (
    "CREATE TABLE figures_daily (opened_day TEXT NOT NULL, office TEXT NOT NULL,"
    " window_id TEXT NOT NULL, clerk TEXT NOT NULL, "
    + ", ".join(f"{name} BIGINT NOT NULL" for name, _ in MEASURES)
    + ", PRIMARY KEY (opened_day, office, window_id, clerk))",
    "CREATE INDEX figures_daily_office ON figures_daily (office, opened_day)",
    "CREATE TABLE decision_times_daily (opened_day TEXT NOT NULL, office TEXT NOT NULL,"
    " edge_s BIGINT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (opened_day, office, edge_s))",
    "CREATE INDEX decision_times_office ON decision_times_daily (office, opened_day)",
    "CREATE INDEX case_summaries_pending ON case_summaries (opened_day, promised_day)"
    " WHERE pending = 1",
)
REBUILD = (
    "DELETE FROM figures_daily",
    "DELETE FROM decision_times_daily",
    f"INSERT INTO figures_daily ({', '.join(KEY)}, {', '.join(n for n, _ in MEASURES)})"
    f" SELECT {', '.join(KEY)}, {', '.join(f'SUM({e})' for _, e in MEASURES)}"
    f" FROM case_summaries GROUP BY {', '.join(KEY)}",
    f"INSERT INTO decision_times_daily (opened_day, office, edge_s, n)"
    f" SELECT opened_day, office, {BUCKET_SQL}, COUNT(*) FROM case_summaries"
    f" WHERE decision_s IS NOT NULL GROUP BY opened_day, office, {BUCKET_SQL}",
)


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


_ADD = (
    f"INSERT INTO figures_daily ({', '.join(KEY)}, {', '.join(n for n, _ in MEASURES)})"
    f" VALUES ({', '.join('?' for _ in (*KEY, *MEASURES))})"
    f" ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET "
    + ", ".join(f"{n} = figures_daily.{n} + excluded.{n}" for n, _ in MEASURES)
)
_ADD_TIME = (
    "INSERT INTO decision_times_daily (opened_day, office, edge_s, n) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (opened_day, office, edge_s) DO UPDATE SET n = decision_times_daily.n"
    " + excluded.n"
)


def move(cur: Cursor, old: Sequence[Any] | None, new: Sequence[Any]) -> None:
    """Replace a case's contribution ``old`` (its earlier ``case_summaries`` row, None for a
    new case) by ``new``, in the caller's transaction. Keys are updated in a fixed order, so
    two workers moving cases never wait on each other in a circle."""
    changes: dict[tuple[Any, ...], list[int]] = {}
    times: dict[tuple[Any, ...], int] = {}
    for row, sign in ((old, -1), (new, 1)):
        if row is None:
            continue
        by = dict(zip(SUMMARY_COLUMNS, row, strict=True))
        key = tuple(by[k] for k in KEY)
        values = [sign * v for v in _measures(by)]
        before = changes.get(key)
        changes[key] = (
            values if before is None else [a + b for a, b in zip(before, values, strict=True)]
        )
        if by["decision_s"] is not None:
            bucket = (by["opened_day"], by["office"], edge(int(by["decision_s"])))
            times[bucket] = times.get(bucket, 0) + sign
    for key in sorted(changes):
        if any(changes[key]):
            cur.execute(_ADD, (*key, *changes[key]))
    for bucket in sorted(times):
        if times[bucket]:
            cur.execute(_ADD_TIME, (*bucket, times[bucket]))
