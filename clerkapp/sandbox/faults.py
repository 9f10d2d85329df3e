"""Fault injection for tests and training: a latency on every call, a random 503 rate (seeded),
per-request faults by header (``X-Sandbox-Fault``) and per-item faults set through
``POST /sandbox/faults`` so a GUI test can make one registry fail without custom headers.

Latency and timeouts are ``await asyncio.sleep``: they hold one request, never the event loop,
so concurrent look-ups stay concurrent.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import asdict, dataclass

from starlette.responses import Response

from clerkapp.sandbox.problems import Problem

KINDS = ("error", "timeout", "malformed", "latency")
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
        self, *, latency_ms: int = 0, rate: float = 0.0, seed: int = 0, timeout_s: float = 30.0
    ) -> None:
        self.latency_ms = latency_ms
        self.rate = rate
        self.timeout_s = timeout_s
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

    async def _from_header(self, value: str, source: str) -> Response | None:
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
            "malformed、latency=毫秒数）",
            source="sandbox",
        ).response()

    async def _from_rule(self, rule: FaultRule, source: str) -> Response | None:
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


def _unavailable(status: int, source: str) -> Response:
    if status >= 500:
        detail = f"{source}暂时无法提供服务（模拟故障），请稍后重试或改用其他方式"
        return Problem(
            status, "registry_unavailable", detail, retryable=True, source=source
        ).response()
    detail = f"{source}拒绝了请求（模拟故障 {status}）"
    return Problem(status, "injected_refusal", detail, source=source).response()
