"""Fault injection for tests and training: a latency on every call, a random 503 rate (seeded),
per-request faults by header (``X-Sandbox-Fault``) and per-item faults set through
``POST /sandbox/faults`` so a GUI test can make one registry fail without custom headers.

Latency and timeouts are ``await asyncio.sleep``: they hold one request, never the event loop,
so concurrent look-ups stay concurrent.

Every fault above fails *before* the work. The ``after`` faults fail *after* it: the operation is
done and its answer stored under its Idempotency-Key (one transaction), then the answer is lost on
the way back — the connection dropped half-way through the body (``status`` 0) or a 5xx sent
instead. Only a first answer is lost, never a replay, so the client's retry with the same key gets
the stored answer (``Idempotent-Replayed: true``) and nothing is done twice.
"""

from __future__ import annotations

import asyncio
import json
import random
from dataclasses import asdict, dataclass

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from clerkapp.sandbox.problems import Problem

KINDS = ("error", "timeout", "malformed", "latency", "after")
#: ``X-Sandbox-Fault`` values of the after-work faults: drop the connection, or answer 502.
AFTER_HEADERS = {"after": 0, "after-502": 502}
MALFORMED_BODY = b'{"found": true, "record": {"name": '


@dataclass(frozen=True)
class FaultRule:
    """One injected fault: ``target`` is an item (e.g. ``marriage.record``), a component
    (``credit``, ``verification``, ``progress``) or ``*`` (every data call)."""

    target: str
    kind: str
    status: int = 503
    latency_ms: int = 0

    def as_json(self) -> dict[str, object]:
        """The rule as listed by GET /sandbox/faults."""
        return asdict(self)


class Faults:
    """The fault settings of one sandbox process."""

    def __init__(
        self,
        *,
        latency_ms: int = 0,
        rate: float = 0.0,
        seed: int = 0,
        timeout_s: float = 30.0,
        after_rate: float = 0.0,
    ) -> None:
        self.latency_ms = latency_ms
        self.rate = rate
        self.timeout_s = timeout_s
        self.after_rate = after_rate
        #: Answers lost after the work (since start): the client must have retried each.
        self.lost = 0
        self._rng = random.Random(seed)
        self._rules: dict[str, FaultRule] = {}
        self._released = False

    def set(self, rule: FaultRule) -> None:
        """Add or replace the rule for its target."""
        if rule.kind not in KINDS:
            raise Problem(
                422, "invalid_fault", f"故障类型应为 {' / '.join(KINDS)} 之一", source="sandbox"
            )
        self._rules[rule.target] = rule

    def clear(self) -> None:
        """Remove every per-item rule (the process-wide latency and rate stay)."""
        self._rules.clear()

    def rules(self) -> list[FaultRule]:
        """The current per-item rules."""
        return list(self._rules.values())

    async def apply(self, header: str | None, target: str, source: str) -> Response | None:
        """Inject what is configured for a call on ``target``: sleep, or return the faulty
        answer (None: carry on normally). ``source`` names the registry in problems."""
        if self.latency_ms:
            await asyncio.sleep(self.latency_ms / 1000)
        if header:
            response = await self._from_header(header.strip().lower(), source)
            if response is not None:
                return response
        rule = self._rules.get(target) or self._rules.get("*")
        if rule is not None:
            response = await self._from_rule(rule, source)
            if response is not None:
                return response
        if self.rate and self._rng.random() < self.rate:
            return _unavailable(503, source)
        return None

    def after_work(
        self, header: str | None, target: str, response: Response, source: str
    ) -> Response:
        """The answer to send for work just committed: ``response``, or — when an after-work
        fault is configured (header ``after`` / ``after-502``, a rule of kind ``after`` or the
        random ``after_rate``) — a lost answer in its place."""
        status: int | None = None
        value = (header or "").strip().lower()
        if value in AFTER_HEADERS:
            status = AFTER_HEADERS[value]
        else:
            rule = self._rules.get(target) or self._rules.get("*")
            if rule is not None and rule.kind == "after":
                status = rule.status if rule.status >= 500 else 0
            elif self.after_rate and self._rng.random() < self.after_rate:
                status = 0
        if status is None:
            return response
        self.lost += 1
        return _unavailable(status, source) if status else DroppedAnswer(response)

    def in_batch(self, target: str, source: str) -> Response | None:
        """The fault of one operation inside a batch (issue 13): the rule of its own target
        (``*`` and the header act on the batch request as a whole). Nothing waits inside a
        batch's transaction: a ``timeout`` rule answers 504 at once, ``latency`` and ``after``
        rules act on single calls only; ``malformed`` answers a JSON string where an object
        belongs (the batch's own JSON stays whole)."""
        rule = self._rules.get(target)
        if rule is None or rule.kind in ("latency", "after"):
            return None
        if rule.kind == "error":
            return _unavailable(rule.status, source)
        if rule.kind == "timeout":
            return _unavailable(504, source)
        return Response(json.dumps(MALFORMED_BODY.decode()), media_type="application/json")

    async def _from_header(self, value: str, source: str) -> Response | None:
        if value in AFTER_HEADERS:  # applied after the work (after_work)
            return None
        if value in ("500", "502", "503", "504"):
            return _unavailable(int(value), source)
        if value == "timeout":
            return await self._timeout(source)
        if value == "malformed":
            return Response(MALFORMED_BODY, media_type="application/json")
        if value.startswith("latency="):
            delay = value.removeprefix("latency=")
            if delay.isdigit():
                await asyncio.sleep(int(delay) / 1000)
                return None
        # A typo must not pass as "no fault": the drill or test would silently test nothing.
        return Problem(
            400,
            "unknown_fault",
            f"无法识别的 X-Sandbox-Fault：{value[:40]}（可用 500、502、503、504、timeout、"
            "malformed、latency=毫秒数、after、after-502）",
            source="sandbox",
        ).response()

    async def _from_rule(self, rule: FaultRule, source: str) -> Response | None:
        if rule.kind == "after":  # applied after the work (after_work)
            return None
        if rule.kind == "error":
            return _unavailable(rule.status, source)
        if rule.kind == "timeout":
            return await self._timeout(source)
        if rule.kind == "malformed":
            return Response(MALFORMED_BODY, media_type="application/json")
        await asyncio.sleep(rule.latency_ms / 1000)
        return None

    def release(self) -> None:
        """End every held "timeout" request now (at shutdown, so it is not held up)."""
        self._released = True

    async def _timeout(self, source: str) -> Response:
        # Longer than any client timeout; the client gives up first and the answer is lost.
        # Slept in slices so that a shutdown releases held requests instead of cancelling them.
        deadline = asyncio.get_running_loop().time() + self.timeout_s
        while not self._released:
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                break
            await asyncio.sleep(min(0.1, remaining))
        return _unavailable(504, source)


class DroppedAnswer(Response):
    """An answer cut off: its head and half its body are sent, then the connection is closed
    (the server returns without completing the response; uvicorn closes the socket)."""

    def __init__(self, answer: Response) -> None:
        super().__init__(bytes(answer.body), answer.status_code, media_type=answer.media_type)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        body = bytes(self.body)
        await send(
            {"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True}
        )


def _unavailable(status: int, source: str) -> Response:
    if status >= 500:
        detail = f"{source}暂时无法提供服务（模拟故障），请稍后重试或改用其他方式"
        return Problem(
            status, "registry_unavailable", detail, retryable=True, source=source
        ).response()
    detail = f"{source}拒绝了请求（模拟故障 {status}）"
    return Problem(status, "injected_refusal", detail, source=source).response()
