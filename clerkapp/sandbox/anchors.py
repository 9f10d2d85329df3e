"""Audit anchors (``/api/v1/audit-anchors``): the platform keeps, per workstation and chain, the
audit-chain heads the workstation anchored at each sync, and answers for them — so a workstation
whose trail was truncated, wiped or rewritten cannot make it agree with the platform again.

Rules (docs/platform-api.md): a signed call with the system purpose ``audit-anchor`` and case
``-``; a workstation reads and writes only its own anchors; an anchor never goes back (a count
below the last one is refused, ``anchor_regressed``), and the same count with another head is
refused (``anchor_conflict``) — both are what a tampered trail looks like. Counts and hashes only:
nothing personal is stored.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from clerkapp.sandbox.api import _data_call
from clerkapp.sandbox.auth import Caller
from clerkapp.sandbox.problems import Problem, json_response
from clerkapp.sandbox.schemas import (
    AuditAnchorAnswer,
    AuditAnchorList,
    AuditAnchorRequest,
    answers,
)
from clerkapp.sandbox.state import SandboxState

ANCHOR_PURPOSE = "audit-anchor"
PAGE = 500

router = APIRouter(prefix="/api/v1")


def _purpose(caller: Caller) -> None:
    if caller.purpose != ANCHOR_PURPOSE:
        raise Problem(
            403,
            "purpose_mismatch",
            f"审计存证的用途应为“{ANCHOR_PURPOSE}”，不是“{caller.purpose}”",
            source="platform",
        )


def _row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in ("id", "workstation", "chain", "count", "head", "at", "received_at")}


@router.post(
    "/audit-anchors",
    status_code=201,
    summary="Anchor the head of the caller's audit chain",
    responses={**answers(201, AuditAnchorAnswer, 400, 409), 200: {"model": AuditAnchorAnswer}},
)
async def anchor(request: Request, body: AuditAnchorRequest) -> Response:
    """201 with the stored anchor (200 when the same head was anchored before); 409 when the
    chain went back or the same count has another head."""

    async def handle(state: SandboxState, caller: Caller) -> Response:
        _purpose(caller)
        with state.store.atomic() as conn:
            last = conn.execute(
                "SELECT * FROM audit_anchors WHERE workstation = ? AND chain = ?"
                " ORDER BY count DESC, id DESC LIMIT 1",
                (caller.workstation, body.chain),
            ).fetchone()
            if last is not None and body.count < last["count"]:
                raise Problem(
                    409,
                    "anchor_regressed",
                    f"审计链变短：平台已存证 {last['count']} 条，本次只有 {body.count} 条",
                    source="platform",
                )
            if last is not None and body.count == last["count"]:
                if body.head != last["head"]:
                    raise Problem(
                        409,
                        "anchor_conflict",
                        f"第 {body.count} 条的链头与平台已存证的不同（审计链被改写）",
                        source="platform",
                    )
                return json_response(_row(dict(last)), status=200)
            cursor = conn.execute(
                "INSERT INTO audit_anchors(workstation, chain, count, head, at, received_at)"
                " VALUES (?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
                (caller.workstation, body.chain, body.count, body.head, body.at),
            )
            stored = conn.execute(
                "SELECT * FROM audit_anchors WHERE id = ?", (cursor.lastrowid,)
            ).fetchone()
        state.audit.record(caller, "audit_anchor", outcome="anchored")
        return json_response(_row(dict(stored)), status=201)

    return await _data_call(request, "audit-anchor", "审计存证", handle)


@router.get(
    "/audit-anchors",
    summary="The caller's anchors of one chain",
    responses=answers(200, AuditAnchorList),
)
async def anchors(
    request: Request,
    chain: Annotated[str, Query(min_length=1, max_length=64)],
    after: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """The caller's own anchors of ``chain`` with an id above ``after``, oldest first (at most
    500 a page: ask again with the last id)."""

    async def handle(state: SandboxState, caller: Caller) -> Response:
        _purpose(caller)
        rows = state.store.all(
            "SELECT * FROM audit_anchors WHERE workstation = ? AND chain = ? AND id > ?"
            " ORDER BY id LIMIT ?",
            (caller.workstation, chain, after, PAGE),
        )
        return json_response({"anchors": [_row(r) for r in rows]})

    return await _data_call(request, "audit-anchor", "审计存证", handle)
