"""Batch delivery on the client's side (docs/CONTRACTS.md "Batch delivery", issue 13): many
:class:`~clerkapp.infra.platform.operations.Operation` in one signed ``POST /api/v1/batch``,
one result per operation.

Each operation keeps its own Idempotency-Key, purpose binding and exact body, so sending it in a
batch or alone is the same operation to the platform: a batch that got no answer is sent again
whole (or its operations alone), and each is applied once. A platform without the endpoint
answers 404 or 405: that is remembered for its URL for :data:`RECHECK_S` (the sync worker sends
one request per operation meanwhile), then tried again — a platform may gain it by an upgrade.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from clerkapp.infra.platform.errors import (
    PlatformBadAnswer,
    PlatformCallError,
    PlatformUnavailable,
    Problem,
    error_for,
)
from clerkapp.infra.platform.operations import Operation
from clerkapp.infra.platform.signing import CallContext, header_value

if TYPE_CHECKING:
    from clerkapp.infra.platform.client import PlatformClient

log = logging.getLogger("clerkapp.platform")

API = "/api/v1"
#: The batch request's own binding: the system purpose ``batch`` (each operation states its own).
BATCH_CONTEXT = CallContext(official="batch", purpose="batch", case_id="-")
#: Seconds a platform's "no batch endpoint" is believed before a batch is tried again.
RECHECK_S = 3600.0
#: The status of an operation not applied because the one it depends on failed.
DEPENDENCY_FAILED = 424

_unsupported: dict[str, float] = {}  # platform URL → when its 404/405 was seen (monotonic)
_lock = threading.Lock()


class BatchUnsupported(Exception):
    """The platform has no batch endpoint (404/405): send the operations one by one."""


class BatchTooLarge(Exception):
    """The platform refused the batch's size (413): send fewer operations per batch."""


@dataclass(frozen=True)
class OperationResult:
    """One operation's outcome in a batch: its HTTP status and decoded ``answer``, or the
    typed ``error`` it would have raised alone. ``replayed``: the platform's stored answer."""

    status: int
    answer: Any = None
    error: PlatformCallError | None = None
    replayed: bool = False

    @property
    def ok(self) -> bool:
        """Whether the operation was answered usefully."""
        return self.error is None

    @property
    def skipped(self) -> bool:
        """Not applied because the operation it depends on failed (nothing done: resend)."""
        return self.status == DEPENDENCY_FAILED


def supported(base_url: str) -> bool:
    """Whether a batch is worth trying at ``base_url`` now."""
    with _lock:
        seen = _unsupported.get(base_url)
        if seen is None:
            return True
        if time.monotonic() - seen > RECHECK_S:
            del _unsupported[base_url]
            return True
        return False


def forget(base_url: str | None = None) -> None:
    """Forget what was learnt of one platform's (or every platform's) batch endpoint."""
    with _lock:
        if base_url is None:
            _unsupported.clear()
        else:
            _unsupported.pop(base_url, None)


def _entry(op: Operation, after: int | None) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "method": op.method,
        "path": API + op.path,
        "idempotency_key": op.idempotency_key or str(uuid.uuid4()),
        # As the single call's headers carry them (percent-encoded beyond ASCII).
        "official": header_value(op.context.official),
        "purpose": header_value(op.context.purpose),
        "case": header_value(op.context.case_id),
        "body": op.payload.decode("utf-8"),
    }
    if after is not None:
        entry["depends_on"] = after
    return entry


def send(
    client: PlatformClient, ops: Sequence[Operation], depends_on: Sequence[int | None] | None
) -> list[OperationResult]:
    """See :meth:`PlatformClient.send_batch`."""
    if not ops:
        return []
    afters = list(depends_on) if depends_on is not None else [None] * len(ops)
    entries = [_entry(op, after) for op, after in zip(ops, afters, strict=True)]
    try:
        data = client._call(
            "POST",
            "/batch",
            op=f"batch[{len(ops)}]",
            source="platform",
            context=BATCH_CONTEXT,
            body={"operations": entries},
            idempotency_key="",
        )
    except PlatformCallError as exc:
        if exc.status in (404, 405):
            with _lock:
                _unsupported[client.base_url] = time.monotonic()
            log.info("platform has no batch endpoint (%s): one request per operation", exc.status)
            raise BatchUnsupported(str(exc)) from exc
        if exc.status == 413:
            raise BatchTooLarge(str(exc)) from exc
        raise
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list) or len(results) != len(ops):
        raise PlatformBadAnswer.build("platform", "batch answer without one result per operation")
    return [_result(op, entry, got) for op, entry, got in zip(ops, entries, results, strict=True)]


def _result(op: Operation, entry: dict[str, Any], got: Any) -> OperationResult:
    if (
        not isinstance(got, dict)
        or got.get("key") != entry["idempotency_key"]
        or not isinstance(got.get("status"), int)
    ):
        bad = PlatformBadAnswer.build(op.source, "batch result does not match its operation")
        return OperationResult(0, error=bad)
    status: int = got["status"]
    answer = got.get("answer")
    replayed = got.get("replayed") is True
    if status < 300:
        try:
            return OperationResult(status, op.decode(answer), replayed=replayed)
        except PlatformCallError as exc:
            return OperationResult(status, error=exc, replayed=replayed)
    problem = Problem.from_json(status, answer)
    if status == DEPENDENCY_FAILED:  # not done: worth sending again (after what it waits for)
        error: PlatformCallError = PlatformUnavailable.build(
            op.source, code=problem.code, status=status, detail=problem.detail
        )
    else:
        error = error_for(op.source, problem)
    return OperationResult(status, error=error, replayed=replayed)
