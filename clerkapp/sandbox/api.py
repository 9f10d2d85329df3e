"""The platform API (``/api/v1``, docs/CONTRACTS.md "Platform HTTP API").

Every data call goes the same way: authenticate and check purpose binding, inject configured
faults, then — in ONE state-store transaction — answer a retry from the idempotency store, or do
the work, audit it and remember the answer; after the commit an after-work fault may lose the
answer (the retry then gets the stored one). A kill at any moment leaves the work and its stored
answer both or neither: an operation is applied exactly once per Idempotency-Key.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from clerkapp import __version__
from clerkapp.sandbox.auth import Caller
from clerkapp.sandbox.problems import Problem, json_response
from clerkapp.sandbox.registries import CREDIT_REGISTRY, ITEMS
from clerkapp.sandbox.schemas import (
    CreditAnswer,
    CreditCheck,
    CreditReport,
    HealthAnswer,
    ItemsAnswer,
    LookupAnswer,
    LookupRequest,
    ProgressAnswer,
    ProgressEvent,
    ProgressEventAnswer,
    ProgressRegistration,
    ReportAnswer,
    TicketAnswer,
    VerificationAnswer,
    VerificationRequest,
    answers,
)
from clerkapp.sandbox.state import (
    BATCH_OPERATION,
    SERVICE_NAME,
    FaultAnswer,
    SandboxState,
    request_path,
    subject_of,
)
from clerkapp.sandbox.webguard import scope_headers

router = APIRouter(prefix="/api/v1")


def sandbox(request: Request) -> SandboxState:
    """The running sandbox of this app."""
    state: SandboxState = request.app.state.sandbox
    return state


Handler = Callable[[SandboxState, Caller], Awaitable[Response]]


class _Undone(Exception):  # not an error: a 5xx answer whose transaction is rolled back
    def __init__(self, response: Response) -> None:
        super().__init__("rolled back")
        self.response = response


async def _answer(handler: Handler, state: SandboxState, caller: Caller) -> Response:
    try:
        return await handler(state, caller)
    except Problem as problem:
        return problem.response()


def _at_once(step: Coroutine[Any, Any, Response]) -> Response:
    """Run a handler that must not wait (it runs inside a transaction, which holds the state
    store: yielding to the event loop there would stall every other call)."""
    try:
        step.send(None)
    except StopIteration as done:
        result: Response = done.value
        return result
    step.close()
    raise RuntimeError("a data call's handler waited inside its transaction")


def _batched(
    state: SandboxState,
    request: Request,
    target: str,
    source: str,
    handler: Handler,
    operation: tuple[Caller, bytes],
    *,
    registers: bool,
) -> Response:
    """One operation of a batch: the batch was authenticated (its nonce spent, faults applied)
    and runs in ONE transaction; here the operation's own purpose and case are checked in
    batch order (a registration earlier in the batch counts), then — in a savepoint of its
    own — its stored answer is replayed, or the work done and its answer remembered, exactly
    as a single call does. A refusal of the binding is not remembered (as for a single call)."""
    caller, body = operation
    try:
        state.binding.check(caller, request_path(request), registers=registers)
    except Problem as problem:
        state.audit.record(caller, "refused", item=target, outcome=problem.code)
        return problem.response()
    fault = state.faults.in_batch(target, source)
    if fault is not None:  # before the work, nothing remembered (as for a single call)
        return fault
    try:
        with state.store.atomic():
            stored = state.replay(request, caller, body)
            if stored is not None:
                return stored
            response = _at_once(_answer(handler, state, caller))
            if response.status_code >= 500:  # not a final answer: keep nothing of it
                raise _Undone(response)
            state.remember(request, caller, body, response)
            return response
    except _Undone as undone:
        return undone.response
    except Problem as problem:
        return problem.response()


async def _data_call(
    request: Request, target: str, source: str, handler: Handler, *, registers: bool = False
) -> Response:
    state = sandbox(request)
    operation = request.scope.get(BATCH_OPERATION)
    if operation is not None:  # inside POST /batch (clerkapp.sandbox.batch)
        return _batched(state, request, target, source, handler, operation, registers=registers)
    try:
        writes = request.method != "GET"
        caller, body = await state.guard(
            request, target, source, registers=registers, nonce_in_transaction=writes
        )
        if not writes:  # reads change nothing (and a poll may wait): no transaction
            stored = state.replay(request, caller, body)
            if stored is not None:
                return stored
            response = await _answer(handler, state, caller)
            state.remember(request, caller, body, response)
            return response
        try:
            with state.transaction(request, target, caller):
                stored = state.replay(request, caller, body)
                if stored is not None:
                    return stored
                response = _at_once(_answer(handler, state, caller))
                if response.status_code >= 500:  # not a final answer: keep nothing of it
                    raise _Undone(response)
                state.remember(request, caller, body, response)
        except _Undone as undone:
            return undone.response
        # Committed (work and answer): an after-work fault may now lose the answer.
        return state.faults.after_work(
            scope_headers(request.scope).get("x-sandbox-fault"), target, response, source
        )
    except FaultAnswer as fault:
        return fault.response
    except Problem as problem:
        return problem.response()


@router.get("/health", summary="Liveness (no authentication)", response_model=HealthAnswer)
async def health(request: Request) -> Response:
    """``{status, service, instance, version, training}``: ``service`` and ``instance`` say
    which sandbox answers (training mode reuses only its own kind, and notices another)."""
    state = sandbox(request)
    return json_response(
        {
            "status": "ok",
            "service": SERVICE_NAME,
            "instance": state.instance,
            "version": __version__,
            "training": state.settings.training,
        }
    )


@router.get(
    "/items",
    summary="Information items with registry and fields",
    responses=answers(200, ItemsAnswer),
)
async def items(request: Request) -> Response:
    """The information items a look-up may name."""

    async def handle(state: SandboxState, caller: Caller) -> Response:
        return json_response({"items": [d.as_json() for d in ITEMS.values()]})

    return await _data_call(request, "items", "平台", handle)


@router.post(
    "/lookups",
    summary="Look up one information item about one subject",
    responses=answers(200, LookupAnswer, 400),
)
async def lookup(request: Request, body: LookupRequest) -> Response:
    """200 ``{item, found, record, provenance}``; not found is ``found: false``."""
    definition = ITEMS.get(body.item)
    source = definition.registry if definition else "平台"

    async def handle(state: SandboxState, caller: Caller) -> Response:
        if definition is None:
            raise Problem(422, "unknown_item", f"平台没有信息项“{body.item}”", source="platform")
        unknown = [f for f in body.fields if f not in definition.fields]
        if unknown:
            raise Problem(
                422,
                "unknown_field",
                f"信息项 {body.item} 没有字段：{'、'.join(unknown)}",
                source=definition.registry,
            )
        _, subject = subject_of(body.subject, definition.subject)
        record = state.registries.lookup(body.item, subject)
        if record is not None and body.fields:
            record = {name: record[name] for name in body.fields}
        receipt = state.receipt_id()
        state.audit.record(
            caller,
            "lookup",
            item=body.item,
            subject=subject,
            receipt_id=receipt,
            outcome="found" if record is not None else "not_found",
        )
        return json_response(
            {
                "item": body.item,
                "found": record is not None,
                "record": record,
                "provenance": state.provenance(
                    definition.registry, definition.registry_code, receipt
                ),
            }
        )

    return await _data_call(request, body.item, source, handle)


@router.post(
    "/verifications",
    status_code=202,
    summary="Ask a department to verify",
    responses=answers(202, TicketAnswer, 400),
)
async def create_verification(request: Request, body: VerificationRequest) -> Response:
    """202 ``{ticket, state: "queued", poll_after_s}``."""

    async def handle(state: SandboxState, caller: Caller) -> Response:
        kind, subject = subject_of(body.subject)
        if not (body.department.strip() and body.question.strip() and body.proof_code.strip()):
            raise Problem(422, "invalid_request", "核验请求应写明部门、事项编码和核验问题")
        answer = state.verifications.create(
            caller, body.proof_code, body.department, body.question, subject, kind
        )
        state.audit.record(
            caller,
            "verification",
            item=body.proof_code,
            subject=subject,
            receipt_id=answer["ticket"],
            outcome="queued",
        )
        return json_response(answer, status=202)

    return await _data_call(request, "verification", body.department or "部门核验", handle)


@router.get(
    "/verifications/{ticket}",
    summary="Poll a verification ticket (long-poll)",
    responses=answers(200, VerificationAnswer, 404),
)
async def poll_verification(
    request: Request, ticket: str, wait: Annotated[float, Query(ge=0, le=60)] = 0
) -> Response:
    """The ticket's state; waits up to ``wait`` seconds (at most 30) while it is queued."""

    async def handle(state: SandboxState, caller: Caller) -> Response:
        return json_response(await state.verifications.poll(ticket, wait, caller))

    return await _data_call(request, "verification", "部门核验", handle)


@router.put(
    "/progress/{token}",
    status_code=201,
    summary="Register a case for tracking",
    responses={**answers(201, ProgressAnswer, 400, 409), 200: {"model": ProgressAnswer}},
)
async def register_progress(request: Request, token: str, body: ProgressRegistration) -> Response:
    """201 when new, 200 when the token was already registered (updated) by the same workstation
    and case; registers the case (``X-Case``) with the workstation for its matter."""

    async def handle(state: SandboxState, caller: Caller) -> Response:
        created = state.progress.register(
            token,
            body.short_code,
            body.matter_name,
            body.office,
            body.expected_completion,
            owner=caller,
        )
        state.binding.register(caller)
        state.audit.record(caller, "progress_register", outcome="created" if created else "updated")
        return json_response(
            {"token": token, "short_code": body.short_code, "created": created},
            status=201 if created else 200,
        )

    return await _data_call(request, "progress", "办件进度登记", handle, registers=True)


@router.post(
    "/progress/{token}/events",
    status_code=201,
    summary="Append a status event",
    responses=answers(201, ProgressEventAnswer, 400, 404),
)
async def progress_event(request: Request, token: str, body: ProgressEvent) -> Response:
    """201 with the stored event."""

    async def handle(state: SandboxState, caller: Caller) -> Response:
        event = state.progress.add_event(token, body.status, body.label, body.at, owner=caller)
        state.audit.record(caller, "progress_event", outcome=body.status)
        return json_response(event, status=201)

    return await _data_call(request, "progress", "办件进度登记", handle)


@router.post(
    "/credit/check",
    summary="Is the subject on the dishonesty list?",
    responses=answers(200, CreditAnswer, 400),
)
async def credit_check(request: Request, body: CreditCheck) -> Response:
    """``{listed, list_version, entry, provenance}``."""

    async def handle(state: SandboxState, caller: Caller) -> Response:
        _, subject = subject_of(body.subject)
        row = state.registries.dishonesty.get(subject)
        entry = {k: v for k, v in row.items() if k != "subject"} if row else None
        receipt = state.receipt_id()
        state.audit.record(
            caller,
            "credit_check",
            subject=subject,
            receipt_id=receipt,
            outcome="listed" if entry else "not_listed",
        )
        return json_response(
            {
                "listed": entry is not None,
                "list_version": state.dataset.list_version,
                "entry": entry,
                "provenance": state.provenance(CREDIT_REGISTRY, "credit", receipt),
            }
        )

    return await _data_call(request, "credit", CREDIT_REGISTRY, handle)


@router.post(
    "/credit/reports",
    status_code=201,
    summary="Report a false pledge",
    responses=answers(201, ReportAnswer, 400),
)
async def credit_report(request: Request, body: CreditReport) -> Response:
    """201 ``{report_id}``."""

    async def handle(state: SandboxState, caller: Caller) -> Response:
        _, subject = subject_of(body.subject)
        if not body.reason.strip():
            raise Problem(422, "invalid_request", "请写明虚假承诺的情况")
        report_id = "CR" + state.receipt_id()[2:]
        state.store.execute(
            "INSERT INTO credit_reports VALUES (?, datetime('now'), ?, ?, ?, ?, ?, ?)",
            (
                report_id,
                state.audit.subject_hash(subject),
                body.proof_code,
                body.reason,
                caller.workstation,
                caller.official,
                caller.case,
            ),
        )
        state.audit.record(
            caller,
            "credit_report",
            item=body.proof_code,
            subject=subject,
            receipt_id=report_id,
            outcome="reported",
        )
        return json_response({"report_id": report_id}, status=201)

    return await _data_call(request, "credit", CREDIT_REGISTRY, handle)
