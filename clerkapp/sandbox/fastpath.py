"""A short way in for the platform API's data calls.

FastAPI's routing, dependency solving and middleware stack cost more per request than the
sandbox's own work. This ASGI middleware recognises the ``/api/v1`` calls from a small table,
validates the body with the same pydantic models and calls the same endpoint functions the
FastAPI routes declare — so behaviour is identical, and the routes still publish the OpenAPI
document (and serve anything the table does not know).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from clerkapp.sandbox import api, batch, summaries
from clerkapp.sandbox.problems import Problem, invalid_request
from clerkapp.sandbox.schemas import (
    CreditCheck,
    CreditReport,
    LookupRequest,
    ProgressEvent,
    ProgressRegistration,
    VerificationRequest,
)

log = logging.getLogger(__name__)

Endpoint = Callable[..., Awaitable[Response]]
_SEGMENT = r"([^/]+)"


class _Route:
    def __init__(
        self, method: str, pattern: str, endpoint: Endpoint, body: type[BaseModel] | None = None
    ) -> None:
        self.method = method
        self.pattern = re.compile("/api/v1" + pattern.replace("{}", _SEGMENT))
        self.endpoint = endpoint
        self.body = body


ROUTES = (
    _Route("POST", "/lookups", api.lookup, LookupRequest),
    _Route("POST", "/progress/{}/events", api.progress_event, ProgressEvent),
    _Route("PUT", "/progress/{}", api.register_progress, ProgressRegistration),
    _Route("GET", "/verifications/{}", api.poll_verification),
    _Route("POST", "/verifications", api.create_verification, VerificationRequest),
    _Route("POST", "/credit/check", api.credit_check, CreditCheck),
    _Route("POST", "/credit/reports", api.credit_report, CreditReport),
    _Route("GET", "/items", api.items),
    _Route("GET", "/health", api.health),
    _Route("POST", "/case-summaries", summaries.store_summary, summaries.CaseSummary),  # issue 12
    _Route("POST", "/batch", batch.batch),
)


class FastPathMiddleware:
    """Serves the known ``/api/v1`` calls directly; everything else goes on to FastAPI."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/v1/"):
            await self.app(scope, receive, send)
            return
        for route in ROUTES:
            if route.method != scope["method"]:
                continue
            match = route.pattern.fullmatch(scope["path"])
            if match is not None:
                response = await self._serve(route, match.groups(), scope, receive)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

    async def _serve(
        self, route: _Route, params: tuple[str, ...], scope: Scope, receive: Receive
    ) -> Response:
        request = Request(scope, receive)
        try:
            args: list[Any] = [request, *params]
            if route.body is not None:
                args.append(route.body.model_validate_json(await request.body()))
            if route.endpoint is api.poll_verification:
                args.append(_wait(request.query_params.get("wait", "0")))
            return await route.endpoint(*args)
        except ValidationError as exc:
            return invalid_request(exc.errors()).response()
        except Problem as problem:
            return problem.response()
        except Exception:  # the same answer FastAPI's error middleware would give, as a problem
            log.exception("sandbox fast path failed on %s %s", scope["method"], route.pattern)
            return Problem(500, "internal_error", "平台内部错误", retryable=True).response()


def _wait(value: str) -> float:
    try:
        wait = float(value)
    except ValueError:
        wait = -1.0
    if not 0 <= wait <= 60:
        raise Problem(422, "invalid_request", "wait 应为 0 到 60 之间的秒数")
    return wait


class FrontedApp(FastAPI):
    """A FastAPI app whose ``/api/v1`` calls go from the server straight to :attr:`front` (the
    web guard over the fast path), not through Starlette's and FastAPI's own outer layers
    (error, telemetry and body-limit middleware, each wrapping ``send``): about a tenth of
    the sandbox's CPU per call in an outbox drain (issue 10). Everything else — and a call
    the fast path does not know, through :meth:`whole` — takes the whole stack, which has
    the web guard too (checking a request twice changes nothing)."""

    front: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        front = self.front
        if front is not None and scope["type"] == "http" and scope["path"].startswith("/api/v1/"):
            scope["app"] = self
            await front(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

    async def whole(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The whole stack (FastAPI's middleware, the web guard, the routes)."""
        await super().__call__(scope, receive, send)
