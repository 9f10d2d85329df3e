"""Sending one outbox row and settling its outcome: shared by the look-up fan-out and the sync
worker, so an answer is recorded the same way whichever of them sent the row.

``send`` does the HTTP call only (no database); ``settle`` records the outcome in the store — the
answer applied to the case *and* the row closed in one transaction. A crash between the two leaves
the row open; sending it again carries the same idempotency key, so the platform answers with its
stored first answer and nothing is done twice.
"""

from __future__ import annotations

import base64
import logging
import random
from collections.abc import Callable
from dataclasses import asdict, dataclass, is_dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from clerkapp.app.case_support import purpose_of
from clerkapp.core.platform_types import (
    CreditStatus,
    LookupAnswer,
    VerificationState,
    VerificationStatus,
)
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import ClerkAppError
from clerkapp.infra.platform import CallContext, PlatformCallError, PlatformClient, operations
from clerkapp.infra.platform.operations import Operation
from clerkapp.infra.store.audit_chain import AuditAnchor
from clerkapp.infra.store.db import Store
from clerkapp.infra.store.outbox import TRAINING_TARGET, OutboxKind, OutboxRow

#: The system purpose of the platform's case index (issue 9; docs/platform-api.md).
CASE_INDEX_PURPOSE = "case-index"
#: The system purpose of case summaries and the office figures (issue 12).
SUPERVISION_PURPOSE = "supervision"

log = logging.getLogger("clerkapp.sync")

Clock = Callable[[], datetime]


class CaseRecorder(Protocol):
    """What the case service offers to apply platform answers to a case (each joins the
    caller's transaction)."""

    def record_lookup_answer(self, case_id: str, proof_code: str, answer: LookupAnswer) -> Any:
        """A look-up answered."""

    def record_lookup_failure(
        self, case_id: str, proof_code: str, error: Exception, *, retrying: bool
    ) -> Any:
        """A look-up failed; ``retrying`` says whether the outbox will try again."""

    def record_verification_status(
        self, case_id: str, proof_code: str, status: VerificationStatus
    ) -> Any:
        """A verification ticket was issued or changed state."""

    def record_credit(self, case_id: str, status: CreditStatus) -> Any:
        """A dishonesty-list check result."""


@dataclass(frozen=True)
class Backoff:
    """When to try an outbox row again: ``base_s * 2**attempts`` capped at ``cap_s``, jittered
    to half–full so that many rows failed together do not return together."""

    base_s: float = 5.0
    cap_s: float = 600.0

    def next_at(self, now: datetime, attempts: int) -> datetime:
        """The next try after ``attempts`` failed tries."""
        delay = min(self.cap_s, self.base_s * 2 ** min(attempts, 20))
        return now + timedelta(seconds=delay * random.uniform(0.5, 1.0))


@dataclass(frozen=True)
class Outcome:
    """What sending a row gave: an ``answer`` or an ``error`` (never both)."""

    row: OutboxRow
    answer: Any = None
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        """Whether the platform answered usefully."""
        return self.error is None


def context_of(row: OutboxRow) -> CallContext:
    """Who asks and why, as the case service wrote it into the row."""
    payload = row.payload
    purpose = payload.get("purpose") or purpose_of(str(payload.get("matter_code", "")))
    return CallContext(
        official=str(payload.get("official") or "system"),
        purpose=str(purpose),
        case_id=str(row.case_id or payload.get("case_id") or "-"),
    )


class WrongPlatformError(ClerkAppError):
    """An outbox row was queued for another platform than the one the client talks to (work of
    training mode in front of the real platform, or the reverse): it is never sent there."""

    code = "wrong_platform"

    def __init__(self, queued_for: str | None, current: str) -> None:
        if queued_for == TRAINING_TARGET:
            words = QT_TRANSLATE_NOOP(
                "OutboxSend",
                "此操作是在培训模式中排队的，不发送到正式平台（可在培训模式中继续，或取消）",
            )
        elif current == TRAINING_TARGET:
            words = QT_TRANSLATE_NOOP("OutboxSend", "此操作是为正式平台排队的，不发送到培训沙箱")
        elif queued_for is None:
            words = QT_TRANSLATE_NOOP(
                "OutboxSend",
                "无法确定此操作排队时所用的平台（升级前的记录），不自动发送：请核对后取消或重新办理",
            )
        else:
            words = QT_TRANSLATE_NOOP(
                "OutboxSend", "此操作是为另一平台（{queued_for}）排队的，不发送到当前平台"
            ).format(queued_for=queued_for)
        super().__init__(
            f"outbox row queued for {queued_for!r}, client is {current!r}", user_message=words
        )
        self.queued_for = queued_for


def send(client: PlatformClient, row: OutboxRow) -> Outcome:
    """Make the platform call a row asks for (HTTP only; the store is not touched). A row
    stamped for another platform than ``client.target`` is not sent: its outcome is a
    :class:`WrongPlatformError` (a person looks at it)."""
    if client.target is not None and row.target != client.target:
        return Outcome(row, error=WrongPlatformError(row.target, client.target))
    p = row.payload
    ctx = context_of(row)
    key = row.idempotency_key
    try:
        kind = OutboxKind(row.kind)
        answer: Any
        if kind is OutboxKind.LOOKUP:
            answer = client.lookup(
                p["item"], p["subject"], p.get("fields", []), context=ctx, idempotency_key=key
            )
        elif kind is OutboxKind.VERIFICATION:
            answer = client.submit_verification(
                p["proof_code"],
                p["department"],
                p["question"],
                p["subject"],
                context=ctx,
                idempotency_key=key,
            )
        elif kind is OutboxKind.VERIFICATION_POLL:
            answer = client.poll_verification(p["ticket"], 0, context=ctx)
        elif kind is OutboxKind.PROGRESS_REGISTER:
            client.register_progress(
                p["token"],
                p["short_code"],
                p["matter_name"],
                p.get("office", ""),
                p.get("expected_completion"),
                context=ctx,
                idempotency_key=key,
            )
            answer = {"registered": True}
        elif kind is OutboxKind.PROGRESS_EVENT:
            client.progress_event(
                p["token"], p["status"], p["label"], p["at"], context=ctx, idempotency_key=key
            )
            answer = {"recorded": True}
        elif kind is OutboxKind.AUDIT_ANCHOR:
            answer = client.anchor_audit(p, context=ctx, idempotency_key=key)
        elif kind is OutboxKind.CASE_INDEX:
            index_ctx = CallContext(ctx.official, CASE_INDEX_PURPOSE, ctx.case_id)
            answer = client.index_case(p, context=index_ctx, idempotency_key=key)
        elif kind is OutboxKind.CASE_SUMMARY:
            summary_ctx = CallContext(ctx.official, SUPERVISION_PURPOSE, ctx.case_id)
            answer = client.send_case_summary(p, context=summary_ctx, idempotency_key=key)
        elif kind is OutboxKind.NOTIFICATION:
            answer = client.send_notification(
                p["token"],
                p["phone"],
                p["event"],
                p["text"],
                p["at"],
                context=ctx,
                idempotency_key=key,
            )
        elif kind is OutboxKind.DOCUMENT_UPLOAD:
            answer = client.upload_document(
                p["token"],
                p["kind"],
                p["number"],
                base64.b64decode(p["pdf"]),
                list(p["checks"]),
                context=ctx,
                idempotency_key=key,
            )
        else:  # credit_report
            answer = {
                "report_id": client.report_false_pledge(
                    p["subject"],
                    p["proof_code"],
                    p.get("reason", ""),
                    context=ctx,
                    idempotency_key=key,
                )
            }
    except PlatformCallError as exc:
        return Outcome(row, error=exc)
    except (KeyError, TypeError, ValueError) as exc:
        # A row this build cannot send (corrupt or from a newer version): a person must look.
        return Outcome(row, error=exc)
    return Outcome(row, answer=answer)


def _registered(_: Any) -> dict[str, Any]:
    return {"registered": True}


def _recorded(_: Any) -> dict[str, Any]:
    return {"recorded": True}


def _report(report_id: Any) -> dict[str, Any]:
    return {"report_id": report_id}


def _same(answer: Any) -> Any:
    return answer


#: Turns an operation's decoded answer into the row's outcome answer.
Shape = Callable[[Any], Any]


def operation_of(row: OutboxRow) -> tuple[Operation, Shape] | None:
    """The platform operation a row asks for in a batch (issue 13), and how its answer becomes
    the row's outcome answer — the same call, body and answer :func:`send` makes of it alone
    (tests/integration/test_batch_delivery.py sends a key both ways); None for a row that does
    not go in a batch (a verification poll reads; a decision's upload is too large to share
    one). Raises KeyError, TypeError or ValueError for a row this build cannot send."""
    p = row.payload
    ctx = context_of(row)
    key = row.idempotency_key
    kind = OutboxKind(row.kind)
    if kind is OutboxKind.LOOKUP:
        return operations.lookup(p["item"], p["subject"], p.get("fields", []), ctx, key), _same
    if kind is OutboxKind.VERIFICATION:
        op = operations.verification(
            p["proof_code"], p["department"], p["question"], p["subject"], ctx, key
        )
        return op, _same
    if kind is OutboxKind.PROGRESS_REGISTER:
        op = operations.progress_register(
            p["token"], p["short_code"], p["matter_name"], p.get("office", ""),
            p.get("expected_completion"), ctx, key,
        )  # fmt: skip
        return op, _registered
    if kind is OutboxKind.PROGRESS_EVENT:
        op = operations.progress_event(p["token"], p["status"], p["label"], p["at"], ctx, key)
        return op, _recorded
    if kind is OutboxKind.AUDIT_ANCHOR:
        return operations.audit_anchor(p, ctx, key), _same
    if kind is OutboxKind.CASE_INDEX:
        index_ctx = CallContext(ctx.official, CASE_INDEX_PURPOSE, ctx.case_id)
        return operations.case_index(p, index_ctx, key), _same
    if kind is OutboxKind.NOTIFICATION:
        op = operations.notification(
            p["token"], p["phone"], p["event"], p["text"], p["at"], ctx, key
        )
        return op, _same
    if kind is OutboxKind.CREDIT_REPORT:
        op = operations.credit_report(p["subject"], p["proof_code"], p.get("reason", ""), ctx, key)
        return op, _report
    return None


def stored_answer(answer: Any) -> dict[str, Any] | None:
    """The answer as kept in the outbox row (JSON-friendly)."""
    if answer is None:
        return None
    if is_dataclass(answer) and not isinstance(answer, type):
        return asdict(answer)
    if isinstance(answer, dict):
        return answer
    return {"value": str(answer)}


class Settler:
    """Records outcomes: the answer applied to the case and the row closed together."""

    def __init__(
        self, store: Store, recorder: CaseRecorder, clock: Clock, backoff: Backoff | None = None
    ) -> None:
        self.store = store
        self.recorder = recorder
        self.clock = clock
        self.backoff = backoff or Backoff()

    def settle(self, outcome: Outcome) -> str:
        """Record one outcome; returns what became of the row: ``sent``, ``retry``,
        ``waiting`` (a ticket not answered yet) or ``needs_person``."""
        row, now = outcome.row, self.clock()
        with self.store.atomic():
            if outcome.error is None:
                return self._success(row, outcome.answer, now)
            return self._failure(row, outcome.error, now)

    def _success(self, row: OutboxRow, answer: Any, now: datetime) -> str:
        outbox, case_id, proof = self.store.outbox, row.case_id or "", row.payload.get("proof_code")
        if row.kind == OutboxKind.AUDIT_ANCHOR:
            anchor = AuditAnchor.from_json(row.payload)
            if anchor is not None:  # what we sent, now confirmed: kept for verify offline
                self.store.audit.record_anchor(anchor, confirmed_at=now)
        elif row.kind == OutboxKind.LOOKUP:
            self.recorder.record_lookup_answer(case_id, str(proof), answer)
        elif row.kind == OutboxKind.VERIFICATION:
            self.recorder.record_verification_status(case_id, str(proof), answer)
        elif row.kind == OutboxKind.VERIFICATION_POLL:
            status: VerificationStatus = answer
            if status.state in (VerificationState.QUEUED, VerificationState.DEFERRED):
                if status.state is VerificationState.DEFERRED:
                    # The department will answer later: the case says so, with the new date.
                    self.recorder.record_verification_status(case_id, str(proof), status)
                # Not answered yet: look again later, without counting it as a failure.
                wait = float(row.payload.get("poll_every_s", 60))
                outbox.mark_retry(row.id, f"waiting:{status.state}", now + timedelta(seconds=wait))
                return "waiting"
            self.recorder.record_verification_status(case_id, str(proof), status)
        outbox.mark_sent(row.id, stored_answer(answer), now=now)
        return "sent"

    def _failure(self, row: OutboxRow, error: Exception, now: datetime) -> str:
        retrying = isinstance(error, PlatformCallError) and error.retryable
        code = getattr(error, "code", type(error).__name__)
        note = f"{code}: {getattr(error, 'user_message', '')}"[:500]
        if row.kind == OutboxKind.LOOKUP:
            # The proof must not stay "in flight": queued (retrying) or back to the clerk.
            self.recorder.record_lookup_failure(
                row.case_id or "", str(row.payload.get("proof_code")), error, retrying=retrying
            )
        if retrying:
            self.store.outbox.mark_retry(row.id, note, self.backoff.next_at(now, row.attempts))
            log.info("outbox %s row=%d case=%s retry (%s)", row.kind, row.id, row.case_id, code)
            return "retry"
        self.store.outbox.mark_needs_person(row.id, note, now=now)
        log.warning(
            "outbox %s row=%d case=%s needs a person (%s)", row.kind, row.id, row.case_id, code
        )
        return "needs_person"
