"""Case summaries and the office figures (issue 12): every workstation sends, through its
outbox, a pseudonymised summary of each case event supervision and the figures need; the
platform keeps them in its office-wide database (:mod:`clerkapp.sandbox.platform_db`) and
answers the supervisors' figures over every window.

Rules (docs/platform-api.md "Case summaries and office figures"): signed calls with the system
purpose ``supervision`` (no other purpose, and it is good for nothing else), case ``-`` or the
case's number. A summary names the case, its matter, office, window, clerk, times, the method
and state of each proof, the decision, the rating and its pledges; a pledge's subject (the full
number) travels in the signed body only and is kept as the platform's keyed hash — the
platform alone can link two pledges of one person, nobody reading the figures can. A summary is
applied once per (workstation, case, seq) whatever the idempotency store says (the platform
database is another database than the sandbox's state), and a case keeps its latest summary.
The calls' request ids, stored answers and audit are the platform database's too
(:mod:`clerkapp.sandbox.platform_calls`): several workers serve them from one database.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import Response

from clerkapp.core.idnumber import normalize_id_number
from clerkapp.sandbox import rollups
from clerkapp.sandbox.auth import Caller
from clerkapp.sandbox.figures import PeriodError, Scope, office_figures, parse_period
from clerkapp.sandbox.platform_calls import platform_call
from clerkapp.sandbox.platform_db import POSTGRESQL, Cursor
from clerkapp.sandbox.problems import Problem, json_response
from clerkapp.sandbox.schemas import answers
from clerkapp.sandbox.state import SandboxState
from clerkapp.sandbox.summary_rows import (
    EVENT_SQL,
    SUMMARY_COLUMNS,
    pledge_rows,
    pledge_sql,
    summary_row,
    upsert_sql,
)

SUPERVISION_PURPOSE = "supervision"
_UPSERT = upsert_sql()
_PLEDGE = pledge_sql()
_CURRENT = (
    f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM case_summaries WHERE workstation = ? AND case_id = ?"
)


def _case(by: dict[str, Any]) -> tuple[str, str]:
    return by["workstation"], by["case_id"]


def _case_key(by: dict[str, Any]) -> str:
    return f"{by['workstation']}\n{by['case_id']}"


router = APIRouter(prefix="/api/v1")


class ProofUse(BaseModel):
    """One proof of the case: its code, the method in use and where it stands."""

    code: str = Field(min_length=1, max_length=64, examples=["p.family_economic"])
    method: str = Field(max_length=32, examples=["data_query"])
    state: str = Field(max_length=32, examples=["satisfied"])


class PledgeUse(BaseModel):
    """A signed pledge: whose (the full number, body only; kept as a keyed hash) and when."""

    proof_code: str = Field(min_length=1, max_length=64)
    subject: str = Field(min_length=15, max_length=18, examples=["330702198503141235"])
    signed_at: str = Field(min_length=1, max_length=40)


class CaseSummary(BaseModel):
    """A case as supervision sees it after one of its events (``seq`` counts them per case)."""

    case_id: str = Field(min_length=1, max_length=64, examples=["20261127-TRAIN01-0001"])
    seq: int = Field(ge=1, le=1_000_000)
    event: str = Field(min_length=1, max_length=32, examples=["approved"])
    matter: str = Field(min_length=1, max_length=128, examples=["zjj.public_rental"])
    office: str = Field(default="", max_length=200)
    window: str = Field(default="", max_length=64, examples=["TRAIN-01"])
    clerk: str = Field(default="", max_length=64, examples=["demo"])
    state: str = Field(min_length=1, max_length=32, examples=["approved"])
    decision: str | None = Field(default=None, max_length=32)
    opened_at: str = Field(min_length=1, max_length=40)
    accepted_at: str | None = Field(default=None, max_length=40)
    decided_at: str | None = Field(default=None, max_length=40)
    promised_date: str | None = Field(default=None, max_length=10, examples=["2026-12-11"])
    at: str = Field(min_length=1, max_length=40)
    proofs: list[ProofUse] = Field(default_factory=list, max_length=200)
    pledges: list[PledgeUse] = Field(default_factory=list, max_length=50)
    rating: str | None = Field(default=None, max_length=32, examples=["satisfied"])
    rated_at: str | None = Field(default=None, max_length=40)


class OfficeFigures(BaseModel):
    """The office figures (docs/CONTRACTS.md "Office figures"; more fields than listed)."""

    model_config = ConfigDict(extra="allow")

    cases: int
    concluded: int
    on_the_spot_share: float | None
    half_hour_share: float | None
    trips_saved: int


class SummaryStored(BaseModel):
    """The summary is stored (or was already: the same answer)."""

    case_id: str
    seq: int
    stored: bool


def _purpose(caller: Caller) -> None:
    if caller.purpose != SUPERVISION_PURPOSE:
        raise Problem(
            403,
            "purpose_mismatch",
            f"监管数据的用途应为“{SUPERVISION_PURPOSE}”，不是“{caller.purpose}”",
            source="platform",
        )


def _subject_key(state: SandboxState, subject: str) -> str:
    """The platform's keyed hash of a subject (the credit reports' and the case index's)."""
    return state.audit.subject_hash(normalize_id_number(subject))


@router.post(
    "/case-summaries",
    status_code=201,
    summary="Store a case's summary (supervision and the office figures)",
    responses=answers(201, SummaryStored, 400),
)
async def store_summary(request: Request, body: CaseSummary) -> Response:
    """201 ``{case_id, seq, stored: true}`` — also for a summary stored before (a retry)."""

    def handle(state: SandboxState, caller: Caller, cur: Cursor | None) -> Response:
        _purpose(caller)
        assert cur is not None  # a POST's work runs in the call's transaction
        data = body.model_dump()
        now = datetime.now(UTC)
        try:
            row = summary_row(caller.workstation, data, state.settings.zone, now)
            pledges = pledge_rows(row, data["pledges"], lambda s: _subject_key(state, s))
            if body.promised_date:
                date.fromisoformat(body.promised_date)
        except ValueError as exc:
            raise Problem(422, "invalid_request", f"办件摘要中的时间或日期无效：{exc}") from exc
        by = dict(zip(SUMMARY_COLUMNS, row, strict=True))
        if state.platform_db.engine == POSTGRESQL:  # one case at a time (rollups move)
            cur.execute("SELECT pg_advisory_xact_lock(hashtext(?))", (_case_key(by),))
        cur.execute(
            EVENT_SQL, (*_case(by), body.seq, body.event, by["updated_at"], by["received_at"])
        )
        if cur.rowcount:  # first time: the case's row, its rollups and its pledges
            cur.execute(_CURRENT, _case(by))
            old = cur.fetchone()
            if old is None or int(old[2]) < body.seq:
                cur.execute(_UPSERT, row)
                rollups.move(cur, old, row)
            if pledges:
                cur.executemany(_PLEDGE, pledges)
        return json_response({"case_id": body.case_id, "seq": body.seq, "stored": True}, 201)

    return await platform_call(request, "case_summary", "监管数据", handle)


@router.get(
    "/office/figures",
    summary="The office figures over every window (supervisors)",
    responses=answers(200, OfficeFigures, 400),
)
async def figures(
    request: Request,
    period: Annotated[str, Query(min_length=4, max_length=32, examples=["2026-11"])],
    office: Annotated[str, Query(max_length=200)] = "",
    window: Annotated[str, Query(max_length=64)] = "",
    clerk: Annotated[str, Query(max_length=64)] = "",
    as_of: Annotated[str, Query(max_length=10)] = "",
) -> Response:
    """The figures of the cases opened in ``period`` (``2026``, ``2026-11``, ``2026-11-27`` or
    ``FROM..TO``), optionally of one office, window or clerk; overdue is judged on
    ``as_of`` (default: today, office time)."""

    def handle(state: SandboxState, caller: Caller, cur: Cursor | None) -> Response:
        _purpose(caller)
        try:
            start, end = parse_period(period)
            day = date.fromisoformat(as_of) if as_of else datetime.now(state.settings.zone).date()
        except (PeriodError, ValueError) as exc:
            raise Problem(
                422,
                "invalid_period",
                f"统计期间无效：{exc}（应为 2026、2026-11、2026-11-27 或 起..止）",
            ) from exc
        scope = Scope(start, end, day, office, window, clerk)
        return json_response(office_figures(state.platform_db, scope))

    return await platform_call(request, "office_figures", "监管数据", handle)
