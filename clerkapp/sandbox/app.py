"""The sandbox FastAPI application: the platform API, the public progress pages, the
department desk and the training controls (faults, settings, demo subjects, audit)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, RedirectResponse, Response

from clerkapp import __version__
from clerkapp.sandbox import pages
from clerkapp.sandbox.anchors import router as anchors_router
from clerkapp.sandbox.api import router, sandbox
from clerkapp.sandbox.batch import router as batch_router
from clerkapp.sandbox.case_index import router as case_index_router
from clerkapp.sandbox.config import TRAINING_WORKSTATION, SandboxSettings
from clerkapp.sandbox.csrf import FIELD as CSRF_FIELD
from clerkapp.sandbox.csrf import CsrfGuard, CsrfRefused
from clerkapp.sandbox.dataset import Dataset
from clerkapp.sandbox.decision_download import download_form
from clerkapp.sandbox.decision_download import public_router as download_router
from clerkapp.sandbox.decision_download import router as document_router
from clerkapp.sandbox.demo import DEMO_SUBJECTS
from clerkapp.sandbox.fastpath import FastPathMiddleware, FrontedApp
from clerkapp.sandbox.faults import FaultRule
from clerkapp.sandbox.notifications import router as notifications_router
from clerkapp.sandbox.notifications import trainer_router as sms_router
from clerkapp.sandbox.platform_calls import audit_tail
from clerkapp.sandbox.problems import Problem, invalid_request, json_response
from clerkapp.sandbox.progress import TOKEN_RE
from clerkapp.sandbox.state import SandboxState
from clerkapp.sandbox.summaries import router as summaries_router
from clerkapp.sandbox.throttle import Throttle
from clerkapp.sandbox.web_rules import client_key, training_networks
from clerkapp.sandbox.webguard import WebGuardMiddleware

DESCRIPTION = """ClerkApp's reference data-sharing platform (数据共享平台) for training and tests:
synthetic registries, department verification, progress registry, credit check. Every
`/api/v1` call except `/health` is signed and purpose-bound (see docs/platform-api.md)."""


class FaultSetting(BaseModel):
    """An injected fault for one item or component (``*``: every data call)."""

    item: str = "*"
    kind: str
    status: int = 503
    latency_ms: int = 0


class RuntimeSettings(BaseModel):
    """Settings a trainer or a test may change while the sandbox runs."""

    verify_delay_s: float | None = None
    latency_ms: int | None = None
    fault_rate: float | None = None
    after_fault_rate: float | None = None
    batch: bool | None = None  # serve POST /api/v1/batch (off: 404, as a platform without it)


def loopback_only(request: Request) -> None:
    """Trainer controls and the department desk answer only on this machine: with
    ``--host 0.0.0.0`` (phones scanning receipts) the LAN sees the public pages and the signed
    API, not the audit, the desk or the fault switches."""
    client = request.client.host if request.client else ""
    if client not in ("127.0.0.1", "::1", "localhost") and not client.startswith("127."):
        raise Problem(403, "loopback_only", "该页面只能在运行沙箱的计算机上打开", source="sandbox")


def create_app(settings: SandboxSettings, dataset: Dataset | None = None) -> FastAPI:
    """A sandbox app over ``settings.data_dir`` (dataset loaded or generated now)."""
    state = SandboxState(settings, dataset)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FrontedApp(
        title="ClerkApp sandbox data platform",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        # No OpenTelemetry here: without this FastAPI asks the global providers on every call.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.sandbox = state
    if settings.fast_path:
        app.add_middleware(FastPathMiddleware)
    training_networks(settings.web, settings.data_dir)  # a broken trainers.json: refuse to start
    app.add_middleware(  # added last: the outermost layer, before the fast path reads a body
        WebGuardMiddleware,
        rules=settings.web,
        data_dir=settings.data_dir,
        workstations=settings.workstations,
    )
    if settings.fast_path:  # the data calls' short way in, with the same web guard first
        app.front = WebGuardMiddleware(
            FastPathMiddleware(app.whole),
            rules=settings.web,
            data_dir=settings.data_dir,
            workstations=settings.workstations,
        )
    app.state.code_throttle = Throttle(
        settings.web.code_lookups_per_min, settings.web.code_lookup_burst
    )
    app.state.csrf = CsrfGuard()
    app.include_router(router)
    app.include_router(batch_router)  # many operations per request (issue 13)
    app.include_router(anchors_router)  # audit anchors (issue 11)
    app.include_router(case_index_router)  # the platform's case index (issue 9)
    app.include_router(summaries_router)  # case summaries, office figures (issue 12)
    app.include_router(notifications_router)  # SMS notices (issue 9)
    app.include_router(sms_router, dependencies=[Depends(loopback_only)])  # /sandbox/sms
    app.include_router(document_router)  # decisions for the progress page (issue 9)
    app.include_router(download_router)  # POST /p/download (code + last four, throttled)
    _exception_handlers(app)
    _pages(app)
    _controls(app)
    return app


def _exception_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def on_problem(request: Request, exc: Problem) -> Response:
        return exc.response()

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        return invalid_request(exc.errors()).response()

    @app.exception_handler(HTTPException)
    async def on_http(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith(("/api/", "/sandbox/")):
            code = "not_found" if exc.status_code == 404 else f"http_{exc.status_code}"
            detail = "没有这个接口" if exc.status_code == 404 else "请求方法不被支持"
            return Problem(exc.status_code, code, detail).response()
        training = sandbox(request).settings.training
        return HTMLResponse(pages.not_found_page(training=training), status_code=exc.status_code)


def _pages(app: FastAPI) -> None:
    @app.get("/p/{token}.json", summary="Public progress of a case (JSON)")
    async def progress_json(request: Request, token: str) -> Response:
        progress = sandbox(request).progress.get(token) if TOKEN_RE.fullmatch(token) else None
        if progress is None:
            return Problem(404, "unknown_token", "未找到该办件", source="progress").response()
        return json_response(progress)

    @app.get("/p/{token}", response_class=HTMLResponse, summary="Public progress page")
    async def progress_page(request: Request, token: str) -> Response:
        state = sandbox(request)
        progress = state.progress.get(token) if TOKEN_RE.fullmatch(token) else None
        training = state.settings.training
        if progress is None:
            return HTMLResponse(pages.not_found_page(training=training), status_code=404)
        zone = state.settings.zone
        extra = download_form(state, token)  # the decision's download (issue 9)
        page = pages.progress_page(progress, training=training, zone=zone, extra=extra)
        return HTMLResponse(page)

    @app.get("/p", response_class=HTMLResponse, summary="Find a case by its short code")
    async def progress_by_code(request: Request, code: str = "") -> Response:
        state = sandbox(request)
        training = state.settings.training
        if not code.strip():
            return HTMLResponse(pages.code_form_page(training=training))
        throttle: Throttle = request.app.state.code_throttle
        wait = throttle.take(client_key(request.client.host if request.client else ""))
        if wait > 0:
            return HTMLResponse(
                pages.throttled_page(wait, training=training),
                status_code=429,
                headers={"Retry-After": Throttle.retry_after(wait)},
            )
        token = state.progress.find_by_code(code)
        if token is None:
            return HTMLResponse(pages.not_found_page(training=training), status_code=404)
        return RedirectResponse(f"/p/{token}", status_code=303)

    desk = APIRouter(dependencies=[Depends(loopback_only)])

    @desk.get("/dept", response_class=HTMLResponse, summary="Department desk (by hand)")
    async def dept(request: Request) -> Response:
        state = sandbox(request)
        tickets = state.verifications.open_tickets()
        names = {t["subject"]: state.registries.display_name(t["subject"]) for t in tickets}
        csrf: CsrfGuard = request.app.state.csrf
        session, new = csrf.session(request.cookies)
        page = pages.dept_page(
            tickets, names, training=state.settings.training, csrf=csrf.token(session)
        )
        # Never framed by another page (clicks steered onto its buttons), never cached.
        headers = {"X-Frame-Options": "DENY", "Cache-Control": "no-store"}
        if new:
            headers["Set-Cookie"] = csrf.cookie_header(session)
        return HTMLResponse(page, headers=headers)

    @desk.post("/dept/{ticket}", summary="Answer a verification by hand (form)")
    async def dept_answer(request: Request, ticket: str) -> Response:
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        csrf: CsrfGuard = request.app.state.csrf
        try:
            csrf.check(request.cookies, request.headers, form.get(CSRF_FIELD, [""])[0])
        except CsrfRefused as refused:
            training = sandbox(request).settings.training
            return HTMLResponse(pages.refused_page(str(refused), training=training), 403)
        action = form.get("action", [""])[0]
        note = form.get("note", [""])[0].strip()
        sandbox(request).verifications.answer_by_hand(ticket, action, note)
        return RedirectResponse("/dept", status_code=303)

    app.include_router(desk)


def _controls(app: FastAPI) -> None:
    router = APIRouter(dependencies=[Depends(loopback_only)])

    @router.get("/sandbox/demo", summary="Demo subjects (training sheet)")
    async def demo(request: Request) -> Response:
        return json_response(
            {
                "training_workstation": TRAINING_WORKSTATION,
                "subjects": [s.as_json() for s in DEMO_SUBJECTS],
            }
        )

    @router.get("/sandbox/faults", summary="Injected faults")
    async def list_faults(request: Request) -> Response:
        state = sandbox(request)
        return json_response(_fault_state(state))

    @router.post("/sandbox/faults", status_code=201, summary="Inject a fault for an item")
    async def set_fault(request: Request, body: FaultSetting) -> Response:
        state = sandbox(request)
        state.faults.set(FaultRule(body.item, body.kind, body.status, body.latency_ms))
        return json_response(_fault_state(state), status=201)

    @router.delete("/sandbox/faults", summary="Clear the injected per-item faults")
    async def clear_faults(request: Request) -> Response:
        state = sandbox(request)
        state.faults.clear()
        return json_response(_fault_state(state))

    @router.get("/sandbox/settings", summary="Runtime settings")
    async def get_settings(request: Request) -> Response:
        return json_response(_runtime(sandbox(request)))

    @router.post("/sandbox/settings", summary="Change runtime settings")
    async def set_settings(request: Request, body: RuntimeSettings) -> Response:
        state = sandbox(request)
        given = body.model_fields_set
        if "verify_delay_s" in given:
            state.verifications.delay_s = body.verify_delay_s
        if body.latency_ms is not None:
            state.faults.latency_ms = max(0, body.latency_ms)
        if body.fault_rate is not None:
            state.faults.rate = min(1.0, max(0.0, body.fault_rate))
        if body.after_fault_rate is not None:
            state.faults.after_rate = min(1.0, max(0.0, body.after_fault_rate))
        if body.batch is not None:
            state.batch_enabled = body.batch
        return json_response(_runtime(state))

    @router.get("/sandbox/audit", summary="The sandbox's audit of data calls (trainers)")
    async def audit(
        request: Request,
        limit: Annotated[int, Query(ge=1, le=10000)] = 200,
        case: str | None = None,
    ) -> Response:
        state = sandbox(request)
        # The calls served from the platform database are audited there (issue 12): both, in
        # time order.
        entries = state.audit.tail(limit, case) + audit_tail(state.platform_db, limit, case)
        entries.sort(key=lambda e: str(e.get("at", "")))
        return json_response({"entries": entries[-limit:]})

    app.include_router(router)


def _fault_state(state: SandboxState) -> dict[str, Any]:
    return {
        "latency_ms": state.faults.latency_ms,
        "fault_rate": state.faults.rate,
        "after_fault_rate": state.faults.after_rate,
        "rules": [r.as_json() for r in state.faults.rules()],
        # Since start: answers lost after the work, and retries answered from a stored answer.
        "answers_lost": state.faults.lost,
        "replayed": state.replayed,
    }


def _runtime(state: SandboxState) -> dict[str, Any]:
    return {
        "verify_delay_s": state.verifications.delay_s,
        "latency_ms": state.faults.latency_ms,
        "fault_rate": state.faults.rate,
        "after_fault_rate": state.faults.after_rate,
        "batch": state.batch_enabled,
        "as_of": state.as_of,
        "list_version": state.dataset.list_version,
    }
