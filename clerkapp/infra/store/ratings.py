"""The applicant's satisfaction rating (好差评) of a case: one row per case. A second press
replaces the first (the change count goes up); the audit trail keeps every press."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from clerkapp.infra.store.db import db_time, parse_db_time

if TYPE_CHECKING:
    from clerkapp.infra.store.db import Store


@dataclass(frozen=True)
class RatingRecord:
    """The rating of one case as stored; ``replaced`` is the level the last press replaced
    (None for a first rating)."""

    case_id: str
    level: str
    rated_at: datetime
    changes: int
    clerk: str | None
    replaced: str | None = None


class RatingRepository:
    """Satisfaction ratings of a store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def record(self, case_id: str, level: str, *, at: datetime, clerk: str | None) -> RatingRecord:
        """Store ``level`` as the case's rating, replacing an earlier one (joins the caller's
        transaction)."""
        with self._store.atomic():
            before = self.for_case(case_id)
            changes = 0 if before is None else before.changes + 1
            self._store.conn.execute(
                "INSERT INTO satisfaction_ratings(case_id, level, rated_at, changes, clerk)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(case_id) DO UPDATE SET"
                " level = excluded.level, rated_at = excluded.rated_at,"
                " changes = excluded.changes, clerk = excluded.clerk",
                (case_id, level, db_time(at), changes, clerk),
            )
            stored = self.for_case(case_id)
        assert stored is not None
        replaced = before.level if before is not None else None
        return RatingRecord(
            stored.case_id, stored.level, stored.rated_at, stored.changes, stored.clerk, replaced
        )

    def for_case(self, case_id: str) -> RatingRecord | None:
        """The case's rating (None: not rated)."""
        with self._store.read():
            row = self._store.conn.execute(
                "SELECT case_id, level, rated_at, changes, clerk FROM satisfaction_ratings"
                " WHERE case_id = ?",
                (case_id,),
            ).fetchone()
        if row is None:
            return None
        return RatingRecord(str(row[0]), str(row[1]), parse_db_time(row[2]), int(row[3]), row[4])

    def count(self) -> int:
        """How many cases are rated."""
        with self._store.read():
            return int(
                self._store.conn.execute("SELECT count(*) FROM satisfaction_ratings").fetchone()[0]
            )
