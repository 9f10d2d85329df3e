"""Signed calls whose state is the platform database's (issue 12: case summaries and the
office figures), so that several worker processes serve them from one database.

The rules are the other data calls' (docs/CONTRACTS.md "Platform HTTP API"): the signature,
the clock window and the purpose are checked the same way (:meth:`SandboxState.guard`'s first
half), a request id is spent once, a POST carries an ``Idempotency-Key`` and the same key again
is answered with the first answer (``Idempotent-Replayed: true``; another body: 422). But the
request id, the work, the stored answer and the audit entry commit in ONE transaction of the
platform database — not of the sandbox's SQLite state file, whose writes the worker processes
would otherwise take in turn (a shared SQLite file measured 63 summaries/s with three workers,
and "database is locked" after 5 s waits).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from clerkapp.sandbox.api import sandbox
from clerkapp.sandbox.auth import Caller
from clerkapp.sandbox.platform_db import Cursor, PlatformDb
from clerkapp.sandbox.problems import Problem
from clerkapp.sandbox.state import SandboxState
from clerkapp.sandbox.webguard import scope_headers

#: A data call's work, given the transaction's cursor (None for a GET: it only reads): its
#: answer (a 5xx undoes the work).
Work = Callable[[SandboxState, Caller, Cursor | None], Response]

_NONCE = (
    "INSERT INTO platform_nonces (workstation, request_id, seen_at) VALUES (?, ?, ?)"
    " ON CONFLICT (workstation, request_id) DO NOTHING"
)
_ANSWER = (
    "SELECT fingerprint, status, body, media_type FROM platform_answers"
    " WHERE workstation = ? AND idem_key = ?"
)
_KEEP = (
    "INSERT INTO platform_answers (workstation, idem_key, fingerprint, status, body, media_type,"
    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workstation, idem_key) DO NOTHING"
)
_AUDIT = (
    "INSERT INTO platform_audit (at, workstation, official, purpose, case_id, request_id,"
    " action, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
#: Request ids are remembered for twice the clock window (older requests are stale anyway).
_KEEP_NONCES_S = 600.0
_next_purge = [0.0]


class _Undone(Exception):  # a 5xx answer: its transaction is rolled back
    def __init__(self, response: Response) -> None:
        super().__init__("undone")
        self.response = response


def _spend(cur: Cursor, caller: Caller) -> None:
    cur.execute(_NONCE, (caller.workstation, caller.request_id, time.time()))
    if not cur.rowcount:
        raise Problem(401, "replayed", "该请求编号已使用过，平台拒绝重放的请求", source="auth")


def _purge(db: PlatformDb) -> None:
    now = time.time()
    if now < _next_purge[0]:
        return
    _next_purge[0] = now + _KEEP_NONCES_S / 2
    with db.transaction() as cur:
        cur.execute("DELETE FROM platform_nonces WHERE seen_at < ?", (now - _KEEP_NONCES_S,))
        cur.execute("DELETE FROM platform_answers WHERE created_at < ?", (now - 7 * 86400.0,))


def _audit(cur: Cursor, caller: Caller, action: str, outcome: str) -> None:
    """The platform's audit entry of a call (who, for what purpose; never a subject), in the
    call's transaction."""
    cur.execute(
        _AUDIT,
        (
            datetime.now(UTC).isoformat(timespec="milliseconds"),
            caller.workstation,
            caller.official,
            caller.purpose,
            caller.case,
            caller.request_id,
            action,
            outcome,
        ),
    )


def audit_tail(db: PlatformDb, limit: int, case: str | None = None) -> list[dict[str, Any]]:
    """The latest entries of the platform database's audit (oldest first), shaped like the
    sandbox audit's (``/sandbox/audit`` shows both)."""
    where, params = ("WHERE case_id = ?", [case]) if case is not None else ("", [])
    rows = db.query(
        "SELECT at, workstation, official, purpose, case_id, request_id, action, outcome"
        f" FROM platform_audit {where} ORDER BY at DESC LIMIT ?",
        [*params, limit],
    )
    keys = ("at", "workstation", "official", "purpose", "case", "request_id", "action", "outcome")
    return [
        {**dict(zip(keys, row, strict=True)), "item": "", "subject_hash": "", "receipt_id": ""}
        for row in reversed(rows)
    ]


async def platform_call(request: Request, target: str, source: str, work: Work) -> Response:
    """Authenticate, check the purpose, inject faults, then spend the request id, do the
    ``work`` — answering a retry from its stored answer — and audit the call (``target``, the
    answer's status) in one platform-database transaction. A GET's work only reads, outside
    the transaction (a read holds no writer up); its request id is spent after it."""
    state = sandbox(request)
    db = state.platform_db
    headers = scope_headers(request.scope)
    body = await request.body()
    caller: Caller | None = None
    try:
        try:
            caller = state.auth.authenticate(
                request.method, request.url.path, headers, body, keep_nonce=False
            )
            state.binding.check(caller, request.url.path)
        except Problem as problem:
            state.refused(request, target, problem)
            return problem.response()
        _purge(db)
        fault = await state.faults.apply(headers.get("x-sandbox-fault"), target, source)
        if fault is not None:
            with db.transaction() as cur:
                _spend(cur, caller)
            return fault
        if request.method == "GET":
            response = work(state, caller, None)
            with db.transaction() as cur:
                _spend(cur, caller)
                _audit(cur, caller, target, str(response.status_code))
            return response
        key = headers.get("idempotency-key", "")
        if not key:
            raise Problem(
                400,
                "idempotency_key_missing",
                "请求缺少 Idempotency-Key（幂等键）",
                source="platform",
            )
        fingerprint = hashlib.sha256(
            request.method.encode() + b" " + request.url.path.encode() + b"\n" + body
        ).hexdigest()
        try:
            with db.transaction() as cur:
                _spend(cur, caller)
                cur.execute(_ANSWER, (caller.workstation, key))
                stored = cur.fetchone()
                if stored is not None:
                    if stored[0] != fingerprint:
                        raise Problem(
                            422,
                            "idempotency_conflict",
                            "同一幂等键对应了不同的请求内容",
                            source="platform",
                        )
                    return Response(
                        str(stored[2]).encode("utf-8"),
                        status_code=int(stored[1]),
                        media_type=str(stored[3]),
                        headers={"Idempotent-Replayed": "true"},
                    )
                response = work(state, caller, cur)
                if response.status_code >= 500:
                    raise _Undone(response)
                _audit(cur, caller, target, str(response.status_code))
                cur.execute(
                    _KEEP,
                    (
                        caller.workstation,
                        key,
                        fingerprint,
                        response.status_code,
                        bytes(response.body).decode("utf-8"),
                        response.media_type or "application/json",
                        time.time(),
                    ),
                )
        except _Undone as undone:
            with db.transaction() as cur:  # the request id stays spent
                cur.execute(_NONCE, (caller.workstation, caller.request_id, time.time()))
            return undone.response
        return state.faults.after_work(headers.get("x-sandbox-fault"), target, response, source)
    except Problem as problem:
        if caller is not None and problem.code != "replayed":
            # A refused or failed call spends its request id all the same.
            with db.transaction() as cur:
                cur.execute(_NONCE, (caller.workstation, caller.request_id, time.time()))
                _audit(cur, caller, target, problem.code)
        return problem.response()
