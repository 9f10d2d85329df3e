"""The platform's SMS notices (``POST /api/v1/notifications``, issue 9 "Contact and delivery"):
when a case changes state and its applicant chose 短信通知, the workstation asks the platform to
send a text to the applicant's mobile phone. The sandbox sends nothing: it records the text and
shows it to trainers on ``GET /sandbox/sms`` (loopback only) as the applicant would receive it.

Rules (docs/platform-api.md "Notifications"): a signed call like every data call, purpose the
case's matter and the case registered by this workstation (:mod:`clerkapp.sandbox.binding`);
the progress ``token`` must be the caller's own case's; the phone a mainland mobile number; the
text at most 300 characters and without an ID number (422 ``personal_data``). Idempotent by
``Idempotency-Key`` like every POST.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field
from starlette.responses import Response

from clerkapp.core.contact import mask_phone
from clerkapp.sandbox import pages
from clerkapp.sandbox.api import _data_call, sandbox
from clerkapp.sandbox.auth import Caller
from clerkapp.sandbox.problems import Problem, json_response
from clerkapp.sandbox.schemas import answers
from clerkapp.sandbox.state import SandboxState

TEXT_MAX = 300
_MOBILE = re.compile(r"1[3-9]\d{9}")
_ID_SHAPE = re.compile(r"(?<![0-9])\d{17}[\dXx](?![0-9A-Za-z])|(?<![0-9])\d{15}(?![0-9])")
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS notifications (id INTEGER PRIMARY KEY, workstation TEXT NOT NULL,"
    " case_id TEXT NOT NULL, token TEXT NOT NULL, phone TEXT NOT NULL, event TEXT NOT NULL,"
    " text TEXT NOT NULL, at TEXT NOT NULL, received_at TEXT NOT NULL)",
)

router = APIRouter(prefix="/api/v1")
#: Trainer pages; the app includes them behind ``loopback_only``.
trainer_router = APIRouter()


class NotificationRequest(BaseModel):
    """An SMS notice to send: the case's progress token, the mobile number, the finished text."""

    token: str = Field(min_length=22, max_length=128)
    phone: str = Field(min_length=11, max_length=11, examples=["13812345678"])
    event: str = Field(min_length=1, max_length=40, examples=["accepted"])
    text: str = Field(min_length=1, max_length=TEXT_MAX)
    at: str = Field(min_length=1, max_length=40, examples=["2026-11-27T09:30:00+08:00"])


class NotificationAnswer(BaseModel):
    """The notice was taken (the sandbox: recorded, shown on /sandbox/sms)."""

    id: int
    status: str


def _ready(state: SandboxState) -> None:
    for statement in _SCHEMA:
        state.store.execute(statement)


def _check(state: SandboxState, caller: Caller, body: NotificationRequest) -> None:
    if not _MOBILE.fullmatch(body.phone):
        raise Problem(422, "invalid_phone", "短信只能发送到11位手机号码", source="platform")
    if _ID_SHAPE.search(body.text):
        raise Problem(
            422, "personal_data", "短信内容含有身份证号码：通知不得包含证件号码", source="platform"
        )
    owner = state.store.one(
        "SELECT workstation, case_id FROM progress_owners WHERE token = ?", (body.token,)
    )
    if owner is None or (owner["workstation"], owner["case_id"]) != (
        caller.workstation,
        caller.case.strip(),
    ):
        raise Problem(
            403, "not_owner", "该进度令牌不属于本工作站的本办件，平台不发送通知", source="platform"
        )


@router.post(
    "/notifications",
    status_code=201,
    summary="Send an SMS notice to a case's applicant",
    responses=answers(201, NotificationAnswer, 400, 403),
)
async def send_notification(request: Request, body: NotificationRequest) -> Response:
    """201 with the notice's id; the sandbox records the text (trainers: /sandbox/sms)."""

    async def handle(state: SandboxState, caller: Caller) -> Response:
        _ready(state)
        _check(state, caller, body)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with state.store.atomic() as conn:
            cursor = conn.execute(
                "INSERT INTO notifications(workstation, case_id, token, phone, event, text, at,"
                " received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    caller.workstation,
                    caller.case.strip(),
                    body.token,
                    body.phone,
                    body.event,
                    body.text,
                    body.at,
                    now,
                ),
            )
            notice_id = int(cursor.lastrowid or 0)
        state.audit.record(caller, "notification", outcome=body.event)
        return json_response({"id": notice_id, "status": "sent"}, status=201)

    return await _data_call(request, "notifications", "短信通知", handle)


def recorded(state: SandboxState, limit: int = 100) -> list[dict[str, str]]:
    """The notices recorded, newest first (for trainers and tests)."""
    _ready(state)
    return state.store.all(
        "SELECT id, workstation, case_id, token, phone, event, text, at FROM notifications"
        " ORDER BY id DESC LIMIT ?",
        (limit,),
    )


@trainer_router.get("/sandbox/sms", response_class=HTMLResponse, summary="SMS notices sent")
async def sms_page(request: Request) -> Response:
    """The texts the applicants would have received, newest first (the number masked)."""
    state = sandbox(request)
    rows = recorded(state)
    items = "".join(
        f'<li class="sms"><div class="muted">{escape(mask_phone(r["phone"]))} · '
        f"{escape(pages.local_time(r['at']))} · {escape(r['case_id'])}</div>"
        f"<p>{escape(r['text'])}</p></li>"
        for r in rows
    )
    body = (
        '<div class="card"><h1>短信通知</h1>'
        '<div class="muted">培训用：申请人将收到的短信（沙箱不真正发送）</div></div>'
        f'<div class="card"><ol>{items or "<li>尚无短信</li>"}</ol></div>'
    )
    page = pages._page("短信通知", body, training=state.settings.training)
    return HTMLResponse(page, headers={"Cache-Control": "no-store"})


@trainer_router.get("/sandbox/sms.json", summary="SMS notices sent (JSON)")
async def sms_json(request: Request) -> Response:
    """The recorded notices as JSON, newest first."""
    return json_response({"notifications": recorded(sandbox(request))})
