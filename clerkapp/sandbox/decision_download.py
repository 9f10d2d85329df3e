"""The decision on the progress page (issue 9, "Contact and delivery"): the workstation puts an
issued decision (or refusal) on the platform (``PUT /api/v1/progress/{token}/document``), and
the applicant downloads it from the public progress page after typing the 查询码 and the last
four characters of their ID number (or of their phone).

Private by design (docs/platform-api.md "Decision download"): the upload is a signed data call
(purpose the case's matter, the case registered, the token the caller's own); the platform keeps
the PDF under the token and, to open it, only keyed hashes of the accepted last-four digits
(:func:`clerkapp.core.contact.download_check`, keyed with the token) — never the digits. The
download is a POST form (the digits never in a URL), throttled per client and per case
(:class:`~clerkapp.sandbox.throttle.Throttle`), answered ``Cache-Control: no-store``; a wrong
code and wrong digits get the same refusal.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
from datetime import UTC, datetime
from html import escape
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from starlette.responses import HTMLResponse, Response

from clerkapp.core.contact import download_check
from clerkapp.sandbox import pages
from clerkapp.sandbox.api import _data_call, sandbox
from clerkapp.sandbox.auth import Caller
from clerkapp.sandbox.problems import Problem, json_response
from clerkapp.sandbox.schemas import answers
from clerkapp.sandbox.state import SandboxState
from clerkapp.sandbox.throttle import Throttle
from clerkapp.sandbox.web_rules import client_key

#: Download attempts: per client a minute (burst), and per case an hour.
PER_CLIENT_PER_MIN, PER_CLIENT_BURST = 5.0, 5
PER_CASE_PER_HOUR, PER_CASE_BURST = 10.0, 10
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS progress_documents (token TEXT PRIMARY KEY, kind TEXT NOT NULL,"
    " number TEXT NOT NULL, pdf BLOB NOT NULL, checks TEXT NOT NULL, received_at TEXT NOT NULL)"
    " WITHOUT ROWID",
)
_TITLES = {"decision": "决定书", "refusal": "决定书"}

router = APIRouter(prefix="/api/v1")
#: The public download (no authentication; throttled).
public_router = APIRouter()


class DocumentStored(BaseModel):
    """The document was kept (``bytes``: its size)."""

    kind: str
    bytes: int


class DocumentUpload(BaseModel):
    """An issued decision: its kind and number, the PDF (base64) and the keyed hashes of the
    last-four digits that open it."""

    kind: str = Field(pattern="^(decision|refusal)$")
    number: str = Field(default="", max_length=80)
    pdf: str = Field(min_length=8)
    checks: list[str] = Field(min_length=1, max_length=4)


def _ready(state: SandboxState) -> None:
    for statement in _SCHEMA:
        state.store.execute(statement)


def _owned(state: SandboxState, caller: Caller, token: str) -> None:
    owner = state.store.one(
        "SELECT workstation, case_id FROM progress_owners WHERE token = ?", (token,)
    )
    if owner is None or (owner["workstation"], owner["case_id"]) != (
        caller.workstation,
        caller.case.strip(),
    ):
        raise Problem(
            403,
            "not_owner",
            "该办件进度由其他工作站（或其他办件）登记，本工作站无权更改",
            source="progress",
        )


def _pdf(body: DocumentUpload) -> bytes:
    try:
        pdf = base64.b64decode(body.pdf, validate=True)
    except (binascii.Error, ValueError):
        pdf = b""
    if not pdf.startswith(b"%PDF-"):
        raise Problem(422, "not_a_pdf", "上传的文书不是 PDF 文件", source="progress")
    if any(len(c) != 64 or not all(x in "0123456789abcdef" for x in c) for c in body.checks):
        raise Problem(422, "invalid_request", "校验值应为64位十六进制散列", source="progress")
    return pdf


@router.put(
    "/progress/{token}/document",
    status_code=201,
    summary="Put an issued decision on the case's progress page for download",
    responses={**answers(201, DocumentStored, 400), 200: {"model": DocumentStored}},
)
async def upload_document(request: Request, token: str, body: DocumentUpload) -> Response:
    """201 when the case had no document yet, 200 when it replaced one (a corrected decision)."""

    async def handle(state: SandboxState, caller: Caller) -> Response:
        _ready(state)
        _owned(state, caller, token)
        pdf = _pdf(body)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with state.store.atomic() as conn:
            known = conn.execute(
                "SELECT 1 FROM progress_documents WHERE token = ?", (token,)
            ).fetchone()
            conn.execute(
                "INSERT OR REPLACE INTO progress_documents VALUES (?, ?, ?, ?, ?, ?)",
                (token, body.kind, body.number, pdf, json.dumps(body.checks), now),
            )
        state.audit.record(caller, "document_upload", outcome=body.kind)
        status = 200 if known else 201
        return json_response({"kind": body.kind, "bytes": len(pdf)}, status=status)

    return await _data_call(request, "progress", "办件进度登记", handle)


def document_of(state: SandboxState, token: str) -> dict[str, Any] | None:
    """The document kept for ``token`` (kind, number, pdf, checks), if any."""
    _ready(state)
    return state.store.one(
        "SELECT kind, number, pdf, checks FROM progress_documents WHERE token = ?", (token,)
    )


def download_form(state: SandboxState, token: str) -> str:
    """The progress page's download card, when the case has a document (else ``""``)."""
    if document_of(state, token) is None:
        return ""
    return (
        '<div class="card"><div class="muted">下载决定书</div>'
        '<form method="post" action="/p/download">'
        '<p><label>查询码 <input name="code" autocomplete="off" required></label></p>'
        '<p><label>身份证号码（或手机号码）后四位 <input name="digits" maxlength="4" '
        'autocomplete="off" required></label></p>'
        '<p><button type="submit">下载</button></p></form></div>'
    )


def _throttles(request: Request) -> tuple[Throttle, Throttle]:
    app_state = request.app.state
    if not hasattr(app_state, "download_throttles"):
        app_state.download_throttles = (
            Throttle(PER_CLIENT_PER_MIN, PER_CLIENT_BURST),
            Throttle(PER_CASE_PER_HOUR / 60.0, PER_CASE_BURST),
        )
    found: tuple[Throttle, Throttle] = app_state.download_throttles
    return found


def _refused(state: SandboxState, message: str, status: int, **headers: str) -> Response:
    page = pages._page(
        "下载决定书",
        f'<div class="card"><p>{escape(message)}</p><p><a href="/p">返回查询</a></p></div>',
        training=state.settings.training,
    )
    return HTMLResponse(page, status_code=status, headers={"Cache-Control": "no-store", **headers})


@public_router.post("/p/download", summary="Download a case's decision (code + last four)")
async def download(request: Request) -> Response:
    """The PDF when the code names a case with a document and the digits match; 403 (the same
    words for a wrong code and wrong digits) otherwise; 429 when throttled."""
    state = sandbox(request)
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    code = form.get("code", [""])[0]
    digits = form.get("digits", [""])[0].strip().upper()
    per_client, per_case = _throttles(request)
    wait = per_client.take(client_key(request.client.host if request.client else ""))
    token = state.progress.find_by_code(code) if code.strip() else None
    if wait <= 0 and token is not None:
        wait = per_case.take(token)
    if wait > 0:
        return _refused(
            state, "尝试次数过多，请稍后再试", 429, **{"Retry-After": Throttle.retry_after(wait)}
        )
    document = document_of(state, token) if token is not None else None
    if document is None or len(digits) != 4:
        return _refused(state, "查询码或号码后四位不正确，或该办件尚无可下载的决定书", 403)
    typed = download_check(token or "", digits)
    if not any(hmac.compare_digest(typed, c) for c in json.loads(document["checks"])):
        return _refused(state, "查询码或号码后四位不正确，或该办件尚无可下载的决定书", 403)
    name = f"{_TITLES.get(document['kind'], '决定书')}.pdf"
    return Response(
        bytes(document["pdf"]),
        media_type="application/pdf",
        headers={
            "Content-Disposition": "attachment; filename=\"decision.pdf\"; filename*=UTF-8''"
            + "".join(f"%{b:02X}" for b in name.encode()),
            "Cache-Control": "no-store",
        },
    )
