"""The outbox: every platform call that changes something or must not be lost is first written
here, in the same transaction as the case change, then sent by the sync worker.

Rows are ``open`` (to send, at or after ``next_attempt_at``), ``sent`` (answer recorded) or
``needs_person`` (a 4xx or an answer that cannot be used: a person must look at it). The
idempotency key is unique: enqueuing the same key again is a no-op that returns the first row,
and the key goes with the HTTP request so a resend after a crash is not a second call.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import StoreError
from clerkapp.infra.store.db import db_time, parse_db_time
from clerkapp.infra.store.outbox_scrub import scrub_answer, scrub_text

if TYPE_CHECKING:
    from clerkapp.infra.store.db import Store


TRAINING_TARGET = "training"


def platform_target(url: str, *, training: bool) -> str:
    """The platform a row is queued for, as stamped on it: ``training`` for the training
    sandbox (whatever port it listens on), else the platform's address (scheme and host in
    lower case, no trailing slash)."""
    if training:
        return TRAINING_TARGET
    url = url.strip().rstrip("/")
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    host, slash, path = rest.partition("/")
    return f"{scheme.lower()}://{host.lower()}{slash}{path}"


_INSERT = (
    "INSERT INTO outbox(kind, case_id, payload, idempotency_key, state, attempts,"
    " next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'open', 0, ?, ?)"
    " ON CONFLICT(idempotency_key) DO NOTHING"
)
_INSERT_STAMPED = (
    "INSERT INTO outbox(kind, case_id, payload, idempotency_key, state, attempts,"
    " next_attempt_at, created_at, target) VALUES (?, ?, ?, ?, 'open', 0, ?, ?, ?)"
    " ON CONFLICT(idempotency_key) DO NOTHING"
)


class OutboxKind(StrEnum):
    """What an outbox row asks the platform to do (docs/CONTRACTS.md)."""

    LOOKUP = "lookup"
    VERIFICATION = "verification"
    VERIFICATION_POLL = "verification_poll"
    PROGRESS_REGISTER = "progress_register"
    PROGRESS_EVENT = "progress_event"
    CREDIT_REPORT = "credit_report"
    # The audit chain's head (entry count and hash, never personal data), anchored on the
    # platform at every sync (clerkapp.app.audit_anchor).
    AUDIT_ANCHOR = "audit_anchor"
    # The case in the platform's case index (issue 9): found from other windows by the
    # applicant's number, which the platform keeps as a keyed hash (scrubbed here once sent).
    CASE_INDEX = "case_index"
    # An SMS notice to the applicant (issue 9: 送达方式 短信通知), queued with the state change.
    NOTIFICATION = "notification"
    # An issued decision's PDF for the progress page's download (issue 9), with the keyed
    # hashes of the last four digits that open it.
    DOCUMENT_UPLOAD = "document_upload"
    # A pseudonymised summary of a case event for supervision and the office figures (issue
    # 12): matter, office, window, clerk, times, proofs' methods, decision, rating, pledges
    # (their subject's number, hashed by the platform on arrival and scrubbed here once sent).
    CASE_SUMMARY = "case_summary"


class OutboxState(StrEnum):
    """Life of an outbox row."""

    OPEN = "open"
    SENT = "sent"
    NEEDS_PERSON = "needs_person"


@dataclass(frozen=True)
class OutboxRow:
    """One outbox row as stored."""

    id: int
    kind: str
    case_id: str | None
    payload: dict[str, Any]
    idempotency_key: str
    state: OutboxState
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    answer: dict[str, Any] | None
    created_at: datetime
    sent_at: datetime | None
    # The platform the row was queued for (platform_target); None: written before rows were
    # stamped and not settled yet. Sent only to that platform (clerkapp.app.outbox_send.send).
    target: str | None = None


class Outbox:
    """Enqueue and settle outbox rows of a store. ``target``: the platform new rows are
    stamped for (None: unstamped — stores opened by tools and tests that send nothing)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.target: str | None = None

    def enqueue(
        self,
        kind: str,
        case_id: str | None,
        payload: dict[str, Any],
        idempotency_key: str,
        *,
        now: datetime,
        not_before: datetime | None = None,
    ) -> OutboxRow:
        """Add a row due at ``not_before`` (default now), joining the caller's transaction; the
        same key again returns the existing row unchanged.

        ``not_before`` is a lease for a caller that sends the row itself right away (the look-up
        fan-out): the sync worker leaves the row alone until then, and takes it over after a
        crash."""
        kind = OutboxKind(kind).value
        with self._store.atomic():
            values: tuple[Any, ...] = (
                kind,
                case_id,
                json.dumps(payload, ensure_ascii=False, sort_keys=True),
                idempotency_key,
                db_time(not_before or now),
                db_time(now),
            )
            # The stamp only when there is one (a store at an older schema has no column).
            if self.target is None:
                self._store.conn.execute(_INSERT, values)
            else:
                self._store.conn.execute(_INSERT_STAMPED, (*values, self.target))
            row = self.by_key(idempotency_key)
        assert row is not None
        return row

    def get(self, row_id: int) -> OutboxRow | None:
        """A row by id."""
        return self._one("SELECT * FROM outbox WHERE id = ?", (row_id,))

    def by_key(self, idempotency_key: str) -> OutboxRow | None:
        """A row by its idempotency key."""
        return self._one("SELECT * FROM outbox WHERE idempotency_key = ?", (idempotency_key,))

    def due(
        self, now: datetime, limit: int = 100, kinds: set[str] | None = None
    ) -> list[OutboxRow]:
        """Open rows whose time has come, oldest first."""
        sql = "SELECT * FROM outbox WHERE state = 'open' AND next_attempt_at <= ?"
        params: list[Any] = [db_time(now)]
        if kinds:
            sql += f" AND kind IN ({','.join('?' for _ in kinds)})"
            params.extend(sorted(kinds))
        sql += " ORDER BY next_attempt_at, id LIMIT ?"
        params.append(limit)
        return self._many(sql, params)

    def due_except(self, now: datetime, seen: set[int], limit: int) -> list[OutboxRow]:
        """What :meth:`due` gives (at most ``limit`` rows) less the rows of ``seen``, without
        reading a seen row whole: the ids come first, then only the new rows (a drain keeps
        thousands of rows in flight, still open, and re-read them on every page — a third of
        its CPU, issue 13)."""
        with self._store.read():
            ids = self._store.conn.execute(
                "SELECT id FROM outbox WHERE state = 'open' AND next_attempt_at <= ?"
                " ORDER BY next_attempt_at, id LIMIT ?",
                (db_time(now), len(seen) + limit),
            ).fetchall()
        wanted = [i for (i,) in ids if i not in seen][:limit]
        if not wanted:
            return []
        rows: list[OutboxRow] = []
        for start in range(0, len(wanted), 500):  # SQLite's bound on parameters
            part = wanted[start : start + 500]
            marks = ",".join("?" for _ in part)
            rows += self._many(
                f"SELECT * FROM outbox WHERE id IN ({marks}) AND state = 'open'", list(part)
            )
        order = {row_id: n for n, row_id in enumerate(wanted)}
        return sorted(rows, key=lambda r: order[r.id])

    def next_due_at(self) -> datetime | None:
        """When the next open row falls due (None: nothing open) — lets a worker sleep exactly."""
        with self._store.read():
            row = self._store.conn.execute(
                "SELECT min(next_attempt_at) FROM outbox WHERE state = 'open'"
            ).fetchone()
        return None if row[0] is None else parse_db_time(row[0])

    def for_case(self, case_id: str) -> list[OutboxRow]:
        """All rows of a case, oldest first."""
        return self._many("SELECT * FROM outbox WHERE case_id = ? ORDER BY id", [case_id])

    def unregistered(self, case_ids: Iterable[str]) -> set[str]:
        """Those of ``case_ids`` whose progress registration — the platform's record that this
        workstation handles the case, needed before any other call of it — is not delivered yet:
        still open, or held for a person (its calls would only be refused until it is fixed)."""
        wanted = sorted(set(case_ids))
        found: set[str] = set()
        with self._store.read():
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                rows = self._store.conn.execute(
                    "SELECT DISTINCT case_id FROM outbox WHERE kind = ?"
                    " AND state IN ('open', 'needs_person')"
                    f" AND case_id IN ({','.join('?' for _ in chunk)})",
                    [OutboxKind.PROGRESS_REGISTER.value, *chunk],
                ).fetchall()
                found.update(str(r[0]) for r in rows)
        return found

    def mark_sent(self, row_id: int, answer: dict[str, Any] | None, *, now: datetime) -> None:
        """Close a row with the platform's answer (joining the caller's transaction); its
        personal data is scrubbed in the same transaction (:mod:`.outbox_scrub`)."""
        with self._store.atomic():
            payload, answer = self._scrubbed(row_id, answer)
            self._update(
                row_id,
                "state = 'sent', attempts = attempts + 1, answer = ?, sent_at = ?,"
                " last_error = NULL, payload = coalesce(?, payload)",
                (json.dumps(answer, ensure_ascii=False, sort_keys=True), db_time(now), payload),
            )

    def mark_sent_many(
        self, answers: list[tuple[int, dict[str, Any] | None]], *, now: datetime
    ) -> None:
        """Close many open rows with their answers in one statement (the sync worker's batches;
        joining the caller's transaction)."""
        sent_at = db_time(now)
        with self._store.atomic():
            salt = self._store.subject_salt()
            payloads = self._payloads([row_id for row_id, _ in answers])
            params = []
            for row_id, answer in answers:
                stored = payloads.get(row_id)
                payload = None if stored is None else scrub_text(stored, salt)
                text = _json(answer)
                params.append((scrub_text(text, salt) or text, sent_at, payload, row_id))
            self._store.conn.executemany(
                "UPDATE outbox SET state = 'sent', attempts = attempts + 1, answer = ?,"
                " sent_at = ?, last_error = NULL, payload = coalesce(?, payload) WHERE id = ?",
                params,
            )

    def _scrubbed(
        self, row_id: int, answer: dict[str, Any] | None
    ) -> tuple[str | None, dict[str, Any] | None]:
        """The row's payload (as stored, None: no such row) and ``answer``, both without their
        personal data: what a delivered row keeps."""
        salt = self._store.subject_salt()
        stored = self._payloads([row_id]).get(row_id)
        payload = None if stored is None else scrub_text(stored, salt)
        return payload, scrub_answer(answer, salt)

    def _payloads(self, row_ids: list[int]) -> dict[int, str]:
        """The stored payloads of rows (in the caller's transaction), by id."""
        found: dict[int, str] = {}
        for start in range(0, len(row_ids), 500):
            chunk = row_ids[start : start + 500]
            marks = ",".join("?" for _ in chunk)
            rows = self._store.conn.execute(
                f"SELECT id, payload FROM outbox WHERE id IN ({marks})", chunk
            ).fetchall()
            found.update((int(r[0]), str(r[1])) for r in rows)
        return found

    def mark_retry(self, row_id: int, error: str, next_attempt_at: datetime) -> None:
        """A try failed in a way worth retrying (network, 5xx): try again at ``next_attempt_at``."""
        self._update(
            row_id,
            "state = 'open', attempts = attempts + 1, last_error = ?, next_attempt_at = ?",
            (error, db_time(next_attempt_at)),
        )

    def mark_needs_person(self, row_id: int, problem: str, *, now: datetime | None = None) -> None:
        """Stop sending a row: a person must look at ``problem`` (a 4xx, an unusable answer).
        The refusal is audited (``outbox_needs_person``: row, kind, problem with ID numbers
        masked) in the same transaction — the row's history in the 需人工处理 list."""
        with self._store.atomic():
            self._update(
                row_id,
                "state = 'needs_person', attempts = attempts + 1, last_error = ?",
                (problem,),
            )
            from clerkapp.infra.store.outbox_people import audit_refusal

            audit_refusal(self._store, row_id, problem, now)

    def requeue(self, row_id: int, *, now: datetime) -> None:
        """Send a ``needs_person`` row again (a person fixed the cause)."""
        self._update(
            row_id,
            "state = 'open', next_attempt_at = ?",
            (db_time(now),),
            only_state=OutboxState.NEEDS_PERSON,
        )

    def retry_now(self, now: datetime) -> int:
        """The platform is back: rows waiting out a retry backoff after a failed try are due
        at ``now`` (not minutes later); a department's polls keep their schedule. How many."""
        with self._store.atomic():
            cursor = self._store.conn.execute(
                "UPDATE outbox SET next_attempt_at = ? WHERE state = 'open'"
                " AND next_attempt_at > ? AND attempts > 0 AND last_error IS NOT NULL"
                " AND kind != ?",
                (db_time(now), db_time(now), OutboxKind.VERIFICATION_POLL.value),
            )
            return int(cursor.rowcount)

    def lease(self, row_id: int, until: datetime) -> None:
        """Keep the sync worker off an open row until ``until`` (someone else is sending it)."""
        self._update(row_id, "next_attempt_at = ?", (db_time(until),), only_state=OutboxState.OPEN)

    def pending_count(self) -> int:
        """How many rows are still to be sent."""
        with self._store.read():
            row = self._store.conn.execute(
                "SELECT count(*) FROM outbox WHERE state = 'open'"
            ).fetchone()
        return int(row[0])

    def backlog(self) -> tuple[int, datetime | None]:
        """Operations waiting to be sent — open rows except the polls of a department's answer
        (those wait for the department, not for the platform) — and when the oldest was
        written (None: nothing waits)."""
        with self._store.read():
            row = self._store.conn.execute(
                "SELECT count(*), min(created_at) FROM outbox WHERE state = 'open' AND kind != ?",
                (OutboxKind.VERIFICATION_POLL.value,),
            ).fetchone()
        return int(row[0]), None if row[1] is None else parse_db_time(row[1])

    def needs_person(self) -> list[OutboxRow]:
        """Rows waiting for a person, oldest first."""
        return self._many("SELECT * FROM outbox WHERE state = 'needs_person' ORDER BY id", [])

    def compact_delivered(self, limit: int | None = None) -> int:
        """Compact the delivered rows not compacted yet (issue 13: what idempotency and the
        application still read is kept, bodies go; :mod:`.outbox_compact`); how many."""
        from clerkapp.infra.store.outbox_compact import compact_delivered

        with self._store.atomic():
            return compact_delivered(self._store.conn, limit=limit)

    def counts(self) -> dict[str, int]:
        """Number of rows per state."""
        with self._store.read():
            rows = self._store.conn.execute(
                "SELECT state, count(*) FROM outbox GROUP BY state"
            ).fetchall()
        return {str(state): int(n) for state, n in rows}

    # -- helpers --------------------------------------------------------------------------------

    def _update(
        self,
        row_id: int,
        assignments: str,
        params: tuple[Any, ...],
        *,
        only_state: OutboxState | None = None,
    ) -> None:
        sql = f"UPDATE outbox SET {assignments} WHERE id = ?"
        all_params: tuple[Any, ...] = (*params, row_id)
        if only_state is not None:
            sql += " AND state = ?"
            all_params = (*all_params, only_state.value)
        with self._store.atomic():
            cursor = self._store.conn.execute(sql, all_params)
            if cursor.rowcount != 1 and only_state is None:
                raise StoreError(
                    f"no outbox row {row_id}",
                    user_message=QT_TRANSLATE_NOOP("Store", "待发送记录不存在。"),
                )

    def _one(self, sql: str, params: tuple[Any, ...]) -> OutboxRow | None:
        rows = self._many(sql, list(params))
        return rows[0] if rows else None

    def _many(self, sql: str, params: list[Any]) -> list[OutboxRow]:
        with self._store.read() as db:
            return [_row(r) for r in db.query(sql, params)]


def _json(value: dict[str, Any] | None) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _time(value: str | None) -> datetime | None:
    return None if value is None else parse_db_time(value)


def _row(r: dict[str, Any]) -> OutboxRow:
    return OutboxRow(
        id=int(r["id"]),
        kind=str(r["kind"]),
        case_id=r["case_id"],
        payload=json.loads(r["payload"]),
        idempotency_key=str(r["idempotency_key"]),
        state=OutboxState(r["state"]),
        attempts=int(r["attempts"]),
        next_attempt_at=_time(r["next_attempt_at"]),
        last_error=r["last_error"],
        answer=None if r["answer"] is None else json.loads(r["answer"]),
        created_at=parse_db_time(r["created_at"]),
        sent_at=_time(r["sent_at"]),
        target=r.get("target"),
    )
