"""The platform's case index (``/api/v1/case-index``, issue 9: any case, any window): which
workstations registered a case of an applicant, so that a clerk at one window finds the cases
other windows opened for the person at the counter.

Rules (docs/platform-api.md "Case index"): signed calls with the system purpose ``case-index``
(no other purpose is accepted, and ``case-index`` is good for nothing else). A workstation
indexes its own cases only (``POST /case-index``: the case number, the applicant's full number
in the signed body — never in a URL — and what a window may know of a case: matter, state,
office, window, dates); the platform keeps the number only as a keyed hash under its own key
(the audit trail's salt), never in clear. ``POST /case-index/search`` with a number answers the
cases *other* workstations indexed for it, newest first (at most 50): matter, state, office,
window, dates and their case number — no name, no ID number, nothing the asking office does not
already hold about the person it is serving.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from clerkapp.sandbox.api import _data_call
from clerkapp.sandbox.auth import Caller
from clerkapp.sandbox.problems import Problem, json_response
from clerkapp.sandbox.schemas import answers
from clerkapp.sandbox.state import SandboxState

INDEX_PURPOSE = "case-index"
PAGE = 50
_FIELDS = ("matter", "matter_name", "state", "office", "window", "opened_at", "updated_at")
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS case_index (workstation TEXT NOT NULL, case_id TEXT NOT NULL,"
    " subject_hash TEXT NOT NULL, matter TEXT NOT NULL, matter_name TEXT NOT NULL,"
    " state TEXT NOT NULL, office TEXT NOT NULL, window TEXT NOT NULL, opened_at TEXT NOT NULL,"
    " updated_at TEXT NOT NULL, received_at TEXT NOT NULL, PRIMARY KEY (workstation, case_id))"
    " WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS case_index_subject ON case_index(subject_hash, opened_at)",
)

router = APIRouter(prefix="/api/v1")


class CaseIndexEntry(BaseModel):
    """A case as the index keeps it; ``subject`` is hashed on arrival and never stored."""

    case_id: str = Field(min_length=1, max_length=64, examples=["20261127-TRAIN01-0001"])
    subject: str = Field(min_length=15, max_length=18, examples=["330702198503141235"])
    matter: str = Field(min_length=1, max_length=128, examples=["zjj.public_rental"])
    matter_name: str = Field(max_length=200, examples=["公共租赁住房资格申请"])
    state: str = Field(min_length=1, max_length=32, examples=["awaiting_correction"])
    office: str = Field(default="", max_length=200, examples=["金华市住房和城乡建设局"])
    window: str = Field(default="", max_length=200, examples=["TRAIN-01"])
    opened_at: str = Field(min_length=1, max_length=40, examples=["2026-11-27T09:00:00+08:00"])
    updated_at: str = Field(default="", max_length=40)


class CaseIndexQuery(BaseModel):
    """Whose cases: the applicant's full number (in the signed body, never in the URL)."""

    subject: str = Field(min_length=15, max_length=18, examples=["330702198503141235"])


class IndexedCase(BaseModel):
    """A case another workstation indexed: nothing personal."""

    workstation: str
    case_id: str
    matter: str
    matter_name: str
    state: str
    office: str
    window: str
    opened_at: str
    updated_at: str


class CaseIndexAnswer(BaseModel):
    """The cases of the number at other workstations, newest first."""

    cases: list[IndexedCase]


class CaseIndexed(BaseModel):
    """The entry was stored (``created``: first time for this case)."""

    case_id: str
    created: bool


def _purpose(caller: Caller) -> None:
    if caller.purpose != INDEX_PURPOSE:
        raise Problem(
            403,
            "purpose_mismatch",
            f"办件索引的用途应为“{INDEX_PURPOSE}”，不是“{caller.purpose}”",
            source="platform",
        )


def _ready(state: SandboxState) -> None:
    for statement in _SCHEMA:
        state.store.execute(statement)


def _key(state: SandboxState, subject: str) -> str:
    return state.audit.subject_hash(subject.strip().upper())


@router.post(
    "/case-index",
    status_code=201,
    summary="Index one of the caller's cases under its applicant (keyed hash)",
    responses={**answers(201, CaseIndexed, 400), 200: {"model": CaseIndexed}},
)
async def index_case(request: Request, body: CaseIndexEntry) -> Response:
    """201 when the case is new to the index, 200 when its entry was updated (a state change)."""

    async def handle(state: SandboxState, caller: Caller) -> Response:
        _purpose(caller)
        _ready(state)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with state.store.atomic() as conn:
            known = conn.execute(
                "SELECT 1 FROM case_index WHERE workstation = ? AND case_id = ?",
                (caller.workstation, body.case_id),
            ).fetchone()
            conn.execute(
                "INSERT OR REPLACE INTO case_index VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    caller.workstation,
                    body.case_id,
                    _key(state, body.subject),
                    body.matter,
                    body.matter_name,
                    body.state,
                    body.office,
                    body.window,
                    body.opened_at,
                    body.updated_at or body.opened_at,
                    now,
                ),
            )
        state.audit.record(
            caller, "case_index", subject=body.subject, outcome="updated" if known else "created"
        )
        created = known is None
        return json_response(
            {"case_id": body.case_id, "created": created}, status=201 if created else 200
        )

    return await _data_call(request, "case-index", "办件索引", handle)


@router.post(
    "/case-index/search",
    summary="Cases other workstations indexed for an applicant",
    responses=answers(200, CaseIndexAnswer, 400),
)
async def search_index(request: Request, body: CaseIndexQuery) -> Response:
    """The number's cases at other workstations (the caller's own it holds itself)."""

    async def handle(state: SandboxState, caller: Caller) -> Response:
        _purpose(caller)
        _ready(state)
        rows = state.store.all(
            "SELECT * FROM case_index WHERE subject_hash = ? AND workstation != ?"
            " ORDER BY opened_at DESC LIMIT ?",
            (_key(state, body.subject), caller.workstation, PAGE),
        )
        state.audit.record(
            caller, "case_index_search", subject=body.subject, outcome=str(len(rows))
        )
        cases = [{"workstation": r["workstation"], "case_id": r["case_id"]} for r in rows]
        for case, row in zip(cases, rows, strict=True):
            case.update({k: row[k] for k in _FIELDS})
        return json_response({"cases": cases})

    return await _data_call(request, "case-index", "办件索引", handle)
