"""Batch delivery (``POST /api/v1/batch``, docs/CONTRACTS.md "Batch delivery"): many operations
in one signed request, each with its own idempotency key, purpose binding and answer.

The request is signed once (signature v2, purpose ``batch``, no Idempotency-Key of its own): its
body digest covers every operation's method, path, key, official, purpose, case and body, so the
one signature binds them all — a per-operation signature would add an HMAC and a nonce per
operation and guard nothing more (nobody without the workstation's secret can take an operation
out of a batch and send it alone, nor change one). Faults are injected once per batch, before
and after its work.

Each operation is applied exactly as the single call would be (the same endpoint function, in
:func:`clerkapp.sandbox.api._batched`): its purpose and case are checked in batch order — so a
case's registration must come BEFORE its other operations in the batch, or in an earlier
request —, a replayed key gets its stored answer, a key reused with another body is refused, a
refusal or failure of one operation does not touch its neighbours. The operation's body travels
as the exact JSON text of the single call's body, so its fingerprint — and a key's stored answer
— is the same whichever way the operation came. ``depends_on`` (the index of an earlier
operation) skips an operation whose predecessor was not answered 2xx (424, nothing done, nothing
remembered): the order of a case's progress events survives a failure inside the batch.

The whole batch is ONE state-store transaction (each operation a savepoint of it): one commit
per batch instead of one per operation (measured on the drain of 10,000 operations in batches
of 200: sandbox CPU 1.4–1.7 s so, 2.5–3.0 s with a transaction per operation). A kill during
a batch leaves none of it applied; a client that lost the answer resends the batch (or what had
no answer) and gets each operation once. A batch holds the state store while it runs (about
30 ms for 200 operations): other calls wait that long at most.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import unquote

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field, ValidationError
from starlette.responses import Response

from clerkapp.sandbox import anchors, api, case_index, notifications
from clerkapp.sandbox.api import _at_once, sandbox
from clerkapp.sandbox.auth import Caller
from clerkapp.sandbox.problems import Problem, invalid_request
from clerkapp.sandbox.schemas import (
    CreditCheck,
    CreditReport,
    LookupRequest,
    ProgressEvent,
    ProgressRegistration,
    VerificationRequest,
    answers,
)
from clerkapp.sandbox.state import BATCH_OPERATION, FaultAnswer, SandboxState
from clerkapp.sandbox.webguard import HEADERS_KEY, scope_headers

router = APIRouter(prefix="/api/v1")

BATCH_PATH = "/api/v1/batch"
#: The purpose a batch request itself states (each operation states its own).
BATCH_PURPOSE = "batch"

Endpoint = Callable[..., Coroutine[Any, Any, Response]]


class _Kind:
    def __init__(
        self, method: str, pattern: str, endpoint: Endpoint, body: type[BaseModel]
    ) -> None:
        self.method = method
        self.pattern = re.compile("/api/v1" + pattern.replace("{}", "([^/]+)"))
        self.endpoint = endpoint
        self.body = body


def _kinds() -> tuple[_Kind, ...]:
    return (
        _Kind("POST", "/lookups", api.lookup, LookupRequest),
        _Kind("POST", "/progress/{}/events", api.progress_event, ProgressEvent),
        _Kind("PUT", "/progress/{}", api.register_progress, ProgressRegistration),
        _Kind("POST", "/verifications", api.create_verification, VerificationRequest),
        _Kind("POST", "/credit/check", api.credit_check, CreditCheck),
        _Kind("POST", "/credit/reports", api.credit_report, CreditReport),
        _Kind("POST", "/audit-anchors", anchors.anchor, anchors.AuditAnchorRequest),
        _Kind("POST", "/case-index", case_index.index_case, case_index.CaseIndexEntry),
        _Kind(
            "POST",
            "/notifications",
            notifications.send_notification,
            notifications.NotificationRequest,
        ),
    )


_KINDS = _kinds()

#: Fields of one operation: all strings except ``depends_on`` (an earlier index, optional).
_FIELDS = ("method", "path", "idempotency_key", "official", "purpose", "case", "body")


def _too_large(detail: str) -> Problem:
    return Problem(413, "batch_too_large", detail, source="platform")


def _refuse(detail: str) -> Problem:
    return Problem(422, "invalid_batch", detail, source="platform")


def parse(raw: bytes, max_operations: int) -> list[dict[str, Any]]:
    """The operations of a batch body ``{"operations": [...]}``, checked for shape and count
    (a :class:`Problem` for the whole batch when they do not hold)."""
    try:
        data = json.loads(raw)
    except ValueError:
        raise _refuse("批量请求不是有效的 JSON") from None
    operations = data.get("operations") if isinstance(data, dict) else None
    if not isinstance(operations, list) or not operations:
        raise _refuse('批量请求应为 {"operations": [操作, …]}，且至少含一项操作')
    if len(operations) > max_operations:
        raise _too_large(
            f"批量请求最多含 {max_operations} 项操作，本次含 {len(operations)} 项：请分批发送"
        )
    keys: set[str] = set()
    for index, op in enumerate(operations):
        if not isinstance(op, dict) or not all(isinstance(op.get(f), str) for f in _FIELDS):
            raise _refuse(f"第 {index + 1} 项操作应写明 {'、'.join(_FIELDS)}（均为字符串）")
        key = op["idempotency_key"]
        if not key.strip() or len(key) > 128:
            raise _refuse(f"第 {index + 1} 项操作缺少幂等键（Idempotency-Key），或超过 128 个字符")
        if key in keys:
            raise _refuse(f"第 {index + 1} 项操作的幂等键与本批中另一项相同")
        keys.add(key)
        after = op.get("depends_on")
        if after is not None and not (
            isinstance(after, int) and not isinstance(after, bool) and 0 <= after < index
        ):
            raise _refuse(f"第 {index + 1} 项操作的 depends_on 应为本批中更早一项的序号")
    return operations


class BatchOperation(BaseModel):
    """One operation of a batch: the single call's method, path, Idempotency-Key, purpose
    headers (as sent there) and exact JSON body text; ``depends_on``: an earlier index."""

    method: str = Field(examples=["POST"])
    path: str = Field(examples=["/api/v1/progress/TOKEN/events"])
    idempotency_key: str = Field(min_length=1, max_length=128)
    official: str
    purpose: str = Field(examples=["matter:zjj.public_rental"])
    case: str
    body: str = Field(examples=['{"status": "accepted", "label": "已受理", "at": "…"}'])
    depends_on: int | None = Field(default=None, ge=0)


class BatchRequest(BaseModel):
    """``POST /api/v1/batch``: up to 500 operations (1 MiB), applied in order."""

    operations: list[BatchOperation]


class BatchResult(BaseModel):
    """One operation's answer: the status and body the single call would have answered."""

    key: str
    status: int
    replayed: bool
    answer: Any


class BatchAnswer(BaseModel):
    """One result per operation, in the batch's order."""

    results: list[BatchResult]


@router.post(
    "/batch",
    summary="Many operations in one request (each with its own key and answer)",
    responses=answers(200, BatchAnswer, 404, 413),
)
async def batch(request: Request, body: BatchRequest | None = None) -> Response:
    """``{"operations": [{method, path, idempotency_key, official, purpose, case, body,
    depends_on?}]}`` → 200 ``{"results": [{key, status, replayed, answer}]}`` in order
    (docs/CONTRACTS.md "Batch delivery"). ``body``: for the published schema only — the raw
    body is read (and checked) here, the operations' bodies as the exact bytes sent."""
    state = sandbox(request)
    if not state.batch_enabled:  # a platform without batch delivery (client falls back)
        return Problem(404, "not_found", "平台不提供批量接口", source="platform").response()
    try:
        caller, raw = await state.guard(request, "batch", "平台", nonce_in_transaction=True)
        with state.transaction(request, "batch", caller):
            operations = parse(raw, state.settings.batch_max_operations)
            results = _apply(state, request, caller, operations)
        response = Response(_answer_body(operations, results), media_type="application/json")
        if all(r.headers.get("idempotent-replayed") for r in results):
            return response  # as for a single call: a replay's answer is never lost
        return state.faults.after_work(
            scope_headers(request.scope).get("x-sandbox-fault"), "batch", response, "平台"
        )
    except FaultAnswer as fault:
        return fault.response
    except Problem as problem:
        return problem.response()


def _apply(
    state: SandboxState, request: Request, batch_caller: Caller, operations: list[dict[str, Any]]
) -> list[Response]:
    limit = state.settings.web.max_json_bytes
    results: list[Response] = []
    for index, op in enumerate(operations):
        after = op.get("depends_on")
        if after is not None and results[after].status_code >= 300:
            results.append(
                Problem(
                    424,
                    "dependency_failed",
                    f"本项依赖第 {after + 1} 项操作，该项未成功：本项未执行，可稍后重发",
                    retryable=True,
                ).response()
            )
            continue
        caller = Caller(
            batch_caller.workstation,
            op["official"],
            op["purpose"],
            op["case"],
            f"{batch_caller.request_id}#{index}",
        )
        results.append(_one(state, request, caller, op, limit))
    return results


def _one(
    state: SandboxState, request: Request, caller: Caller, op: dict[str, Any], limit: int
) -> Response:
    method, path = op["method"].upper(), unquote(op["path"])
    body = op["body"].encode("utf-8")
    if len(body) > limit:
        return _too_large(f"单项操作的请求体不得超过 {limit // 1024} KiB").response()
    for kind in _KINDS:
        if kind.method != method:
            continue
        match = kind.pattern.fullmatch(path)
        if match is None:
            continue
        scope = dict(request.scope)
        scope["method"] = method
        scope["path"] = path
        scope["raw_path"] = path.encode("utf-8")
        scope["query_string"] = b""
        scope["headers"] = [(b"idempotency-key", op["idempotency_key"].encode("latin-1"))]
        scope[HEADERS_KEY] = {"idempotency-key": op["idempotency_key"]}
        scope[BATCH_OPERATION] = (caller, body)
        sub = Request(scope)
        try:
            model = kind.body.model_validate_json(body)
        except ValidationError as exc:
            return invalid_request(exc.errors()).response()
        try:
            return _at_once(kind.endpoint(sub, *match.groups(), model))
        except Problem as problem:
            return problem.response()
    return Problem(
        404, "unknown_operation", f"批量请求不接受该操作：{method} {path}", source="platform"
    ).response()


def _answer_body(operations: list[dict[str, Any]], results: list[Response]) -> bytes:
    """``{"results": [...]}`` with each answer's JSON as the single call would have sent it."""
    parts: list[bytes] = []
    for op, response in zip(operations, results, strict=True):
        replayed = b"true" if response.headers.get("idempotent-replayed") else b"false"
        parts.append(
            b'{"key":'
            + json.dumps(op["idempotency_key"]).encode()
            + b',"status":'
            + str(response.status_code).encode()
            + b',"replayed":'
            + replayed
            + b',"answer":'
            + (bytes(response.body) or b"null")
            + b"}"
        )
    return b'{"results":[' + b",".join(parts) + b"]}"
