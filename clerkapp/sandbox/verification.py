"""Department verification (部门核验): asynchronous tickets.

A request becomes a ``queued`` ticket; after the configured delay the department "answers" from
the dataset (confirmed / denied, or deferred / expired where the data says so), or a person
answers by hand on ``/dept``. Tickets live in the state store and survive restarts. Polls may
wait (long-poll): they wake when the ticket is due or answered by hand.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import secrets
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from clerkapp.sandbox.auth import Caller
from clerkapp.sandbox.problems import Problem
from clerkapp.sandbox.registries import Registries
from clerkapp.sandbox.store import StateStore

MAX_WAIT_S = 30.0
NEVER = 1e18  # due time of tickets answered only by hand
OPEN_STATES = ("queued", "deferred")


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


class Verifications:
    """The ticket desk of every department the sandbox plays."""

    def __init__(
        self,
        store: StateStore,
        registries: Registries,
        *,
        delay_s: float | None,
        expire_s: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.registries = registries
        self.delay_s = delay_s
        self.expire_s = expire_s
        self._clock = clock
        self._wakers: dict[str, asyncio.Event] = {}

    def create(
        self,
        caller: Caller,
        proof_code: str,
        department: str,
        question: str,
        subject: str,
        subject_kind: str,
    ) -> dict[str, Any]:
        """Queue a verification request; the ticket as answered by POST (202)."""
        now = self._clock()
        ticket = "vt_" + secrets.token_urlsafe(16)
        due = now + self.delay_s if self.delay_s is not None else NEVER
        self.store.execute(
            "INSERT INTO tickets (ticket, created_at, due_at, expires_at, state, department,"
            " question, proof_code, subject_kind, subject, workstation, case_id)"
            " VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)",
            (
                ticket,
                now,
                due,
                now + self.expire_s,
                department,
                question,
                proof_code,
                subject_kind,
                subject,
                caller.workstation,
                caller.case,
            ),
        )
        wait = self.delay_s if self.delay_s is not None else 5.0
        return {
            "ticket": ticket,
            "state": "queued",
            "poll_after_s": max(1, math.ceil(min(wait, 30))),
        }

    def _row(self, ticket: str, caller: Caller | None = None) -> dict[str, Any]:
        row = self.store.one("SELECT * FROM tickets WHERE ticket = ?", (ticket,))
        if row is None or (caller is not None and row["workstation"] != caller.workstation):
            # Another workstation's ticket is answered as one that does not exist: a ticket
            # number is a secret of the workstation that asked, and the answer confirms nothing.
            raise Problem(404, "unknown_ticket", "未找到该核验单号", source="verification")
        return self._settle(row)

    def _settle(self, row: dict[str, Any]) -> dict[str, Any]:
        """Apply what time has decided: the department's automatic answer, or expiry."""
        now = self._clock()
        if row["state"] in OPEN_STATES and now >= row["expires_at"]:
            return self._set(row, "expired", None, "核验请求超过答复期限，已过期")
        if row["state"] == "queued" and now >= row["due_at"]:
            answer, note = self.registries.verification_plan(row["subject"], row["proof_code"])
            if answer in ("confirmed", "denied"):
                return self._set(row, "answered", answer, note)
            if answer in ("deferred", "expired"):
                return self._set(row, answer, None, note)
        return row

    def _set(
        self, row: dict[str, Any], state: str, answer: str | None, note: str, by_hand: bool = False
    ) -> dict[str, Any]:
        answered_at = _iso(self._clock()) if state == "answered" else None
        # The state condition makes a race between the timer and a person harmless.
        changed = self.store.execute(
            "UPDATE tickets SET state = ?, answer = ?, answered_at = ?, note = ?, by_hand = ?"
            " WHERE ticket = ? AND state = ?",
            (state, answer, answered_at, note, int(by_hand), row["ticket"], row["state"]),
        )
        fresh = self.store.one("SELECT * FROM tickets WHERE ticket = ?", (row["ticket"],))
        assert fresh is not None
        if changed:
            waker = self._wakers.pop(row["ticket"], None)
            if waker is not None:
                waker.set()
        return fresh

    async def poll(
        self, ticket: str, wait_s: float, caller: Caller | None = None
    ) -> dict[str, Any]:
        """The ticket's state, waiting up to ``wait_s`` seconds for it to leave ``queued``.
        Given ``caller``, a ticket another workstation asked for is 404 like an unknown one."""
        deadline = self._clock() + max(0.0, min(wait_s, MAX_WAIT_S))
        while True:
            row = self._row(ticket, caller)
            now = self._clock()
            if row["state"] != "queued" or now >= deadline:
                return self.public(row)
            waker = self._wakers.setdefault(ticket, asyncio.Event())
            timeout = max(0.0, min(deadline, row["due_at"], row["expires_at"]) - now)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(waker.wait(), timeout=timeout + 0.005)

    def answer_by_hand(self, ticket: str, action: str, note: str) -> dict[str, Any]:
        """A department officer's answer from /dept: confirm, deny or defer."""
        row = self._row(ticket)
        if row["state"] not in OPEN_STATES:
            raise Problem(409, "ticket_closed", "该核验已答复或已过期", source="verification")
        if action == "confirm":
            return self._set(row, "answered", "confirmed", note or "经核实，情况属实", True)
        if action == "deny":
            return self._set(row, "answered", "denied", note or "经核实，情况不符", True)
        if action == "defer":
            return self._set(row, "deferred", None, note or "需进一步核查，延期答复", True)
        raise Problem(422, "invalid_action", "操作应为 确认 / 否认 / 延期", source="verification")

    def open_tickets(self) -> list[dict[str, Any]]:
        """Tickets waiting for a department (queued or deferred), oldest first."""
        rows = self.store.all(
            "SELECT * FROM tickets WHERE state IN ('queued', 'deferred') ORDER BY created_at"
        )
        return [r for r in (self._settle(row) for row in rows) if r["state"] in OPEN_STATES]

    @staticmethod
    def public(row: dict[str, Any]) -> dict[str, Any]:
        """A ticket as the API shows it."""
        return {
            "ticket": row["ticket"],
            "state": row["state"],
            "answer": row["answer"],
            "answered_at": row["answered_at"],
            "department": row["department"],
            "proof_code": row["proof_code"],
            "note": row["note"],
        }
