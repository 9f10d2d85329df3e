"""The look-up fan-out: all look-ups of a case at once, in parallel, off the GUI thread.

The case service writes the look-up outbox rows (marking the proofs in flight) in one
transaction; :class:`LookupRunner` sends them all concurrently and records each answer as it
arrives — through the same :class:`~clerkapp.app.outbox_send.Settler` the sync worker uses, so the
answer is applied to the case and the row closed together. One failure never blocks the others: a
retryable failure leaves the row queued for the sync worker, a refusal goes to a person. When the
matter has pledges, a dishonesty-list check runs alongside.

The platform answers nothing about a case before the case's progress registration (it records
that this workstation handles the case): :meth:`LookupRunner.register_first` sends an open
registration first, and when it cannot be sent the look-ups are not sent either — they wait,
queued, for the sync worker, which sends them behind the registration.

Progress is reported per proof through ``on_progress(proof_code, state)`` from worker threads
(the GUI's background-op helper turns it into a signal).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, as_completed
from dataclasses import dataclass, field
from typing import Any, Protocol

from clerkapp.app import case_support as support
from clerkapp.app.outbox_send import CaseRecorder, Clock, Outcome, Settler, context_of, send
from clerkapp.core.case import Case
from clerkapp.core.catalogue import Catalogue, Method
from clerkapp.core.platform_types import CreditStatus
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.infra.platform import (
    INTERACTIVE_RETRY,
    INTERACTIVE_TIMEOUTS,
    CallContext,
    PlatformCallError,
    PlatformClient,
)
from clerkapp.infra.store.db import Store
from clerkapp.infra.store.outbox import OutboxKind, OutboxRow, OutboxState

log = logging.getLogger("clerkapp.lookups")

CREDIT = "credit"  # the pseudo proof code under which the credit check reports progress

# States reported to ``on_progress``.
IN_FLIGHT = "in_flight"
ANSWERED = "answered"
QUEUED = "queued"  # failed for now; the sync worker will try again
FAILED = "failed"  # refused or unusable: needs a person (or another method)

ProgressCallback = Callable[[str, str], None]


class LookupService(CaseRecorder, Protocol):
    """The parts of the case service the fan-out uses."""

    store: Store
    catalogue: Catalogue

    def begin_lookups(self, case_id: str, clerk: str | None = None) -> Sequence[OutboxRow]:
        """Mark the case's look-ups in flight and return their open outbox rows."""

    def get_case(self, case_id: str) -> Case:
        """The case."""


def needs_credit_check(case: Case, catalogue: Catalogue) -> bool:
    """Whether the case's matter lets the applicant pledge (so the dishonesty list matters) and
    the applicant has not been checked yet."""
    if case.credit_listed is not None:
        return False
    matter = catalogue.matters.get(case.matter_code)
    if matter is None:
        return False
    return any(item.allows(Method.PLEDGE) for item in catalogue.proofs_of(matter))


@dataclass
class ProofOutcome:
    """How one proof's look-up ended in this run."""

    proof_code: str
    state: str  # ANSWERED, QUEUED or FAILED
    error: Exception | None = None

    @property
    def user_message(self) -> str:
        """Why it failed, in the clerk's words ("" when answered)."""
        if self.error is None:
            return ""
        return str(
            getattr(
                self.error, "user_message", QT_TRANSLATE_NOOP("Lookups", "查询失败，请稍后重试")
            )
        )


@dataclass
class LookupRun:
    """The result of one fan-out."""

    case_id: str
    proofs: dict[str, ProofOutcome] = field(default_factory=dict)
    credit: CreditStatus | None = None
    credit_error: Exception | None = None

    @property
    def all_answered(self) -> bool:
        """Whether every look-up got an answer."""
        return all(p.state == ANSWERED for p in self.proofs.values())


class LookupRunner:
    """Runs the look-ups of a case concurrently on ``executor``."""

    def __init__(
        self,
        client: PlatformClient,
        service: LookupService,
        executor: Executor,
        *,
        clock: Clock,
        interactive: bool = True,
    ) -> None:
        # The clerk is waiting: fail fast (the outbox keeps trying in the background).
        if interactive:
            client = client.with_options(retry=INTERACTIVE_RETRY, timeouts=INTERACTIVE_TIMEOUTS)
        self.client = client
        self.service = service
        self.executor = executor
        self.settler = Settler(service.store, service, clock)

    def run(
        self,
        case_id: str,
        *,
        clerk: str | None = None,
        on_progress: ProgressCallback | None = None,
        credit_check: bool | None = None,
    ) -> LookupRun:
        """Fire the case's look-ups at once — and its dishonesty-list check when the matter has
        pledges (``credit_check`` None) or when asked — and return when every one has an answer
        or has failed. Blocks: call it off the GUI thread."""
        rows = [
            r for r in self.service.begin_lookups(case_id, clerk) if r.kind == OutboxKind.LOOKUP
        ]
        case = self.service.get_case(case_id)
        if credit_check is None:
            credit_check = needs_credit_check(case, self.service.catalogue)
        subject = credit_context = None
        if credit_check:
            subject = support.subject_of(case)
            official = support.call_context(case, clerk)
            credit_context = CallContext(official["official"], official["purpose"], case_id)
        return self.run_rows(
            case_id,
            rows,
            on_progress=on_progress,
            credit_subject=subject,
            credit_context=credit_context,
        )

    def run_rows(
        self,
        case_id: str,
        rows: Sequence[OutboxRow],
        *,
        on_progress: ProgressCallback | None = None,
        credit_subject: dict[str, str] | None = None,
        credit_context: CallContext | None = None,
    ) -> LookupRun:
        """Send the given look-up rows concurrently (e.g. one row again after 重试), once the
        case's registration is sent (:meth:`register_first`); without it they are settled as
        failed with the registration's error (queued when it may pass on a retry)."""
        report = _Reporter(on_progress)
        run = LookupRun(case_id)
        futures: dict[Future[Any], str] = {}
        unregistered = self.register_first(case_id) if rows or credit_subject else None
        if unregistered is not None:
            for row in rows:
                code = str(row.payload.get("proof_code"))
                settled = self.settler.settle(Outcome(row, error=unregistered))
                run.proofs[code] = ProofOutcome(
                    code, QUEUED if settled == "retry" else FAILED, unregistered
                )
                report(code, run.proofs[code].state)
            if credit_subject is not None:
                run.credit_error = unregistered
                report(CREDIT, FAILED)
            return run
        for row in rows:
            code = str(row.payload.get("proof_code"))
            report(code, IN_FLIGHT)
            futures[self.executor.submit(self._one, row)] = code
        if credit_subject is not None:
            context = credit_context or (context_of(rows[0]) if rows else None)
            if context is not None:
                report(CREDIT, IN_FLIGHT)
                futures[self.executor.submit(self._credit, case_id, credit_subject, context)] = (
                    CREDIT
                )
        for future in as_completed(futures):
            code = futures[future]
            try:
                result = future.result()
            except Exception as exc:  # a failure of one never stops the others
                log.exception("look-up %s of case %s could not be recorded", code, case_id)
                result = ProofOutcome(code, FAILED, exc)
            if code == CREDIT:
                if isinstance(result, CreditStatus):
                    run.credit = result
                    report(CREDIT, ANSWERED)
                else:
                    run.credit_error = result.error
                    report(CREDIT, FAILED)
                continue
            run.proofs[code] = result
            report(code, result.state)
        return run

    def register_first(self, case_id: str) -> Exception | None:
        """Send the case's open progress registration now, if it has one (the platform answers
        nothing else about the case before it): None when the case is registered or has nothing
        to register, else the error the registration got (the row is settled either way: sent,
        or left to the sync worker's retry, or to a person)."""
        for row in self.service.store.outbox.for_case(case_id):
            if row.kind != OutboxKind.PROGRESS_REGISTER or row.state != OutboxState.OPEN:
                continue
            outcome = send(self.client, row)
            self.settler.settle(outcome)
            if outcome.error is not None:
                return outcome.error
        return None

    def _one(self, row: OutboxRow) -> ProofOutcome:
        code = str(row.payload.get("proof_code"))
        outcome: Outcome = send(self.client, row)
        settled = self.settler.settle(outcome)
        if outcome.ok and settled == "sent":
            return ProofOutcome(code, ANSWERED)
        state = QUEUED if settled == "retry" else FAILED
        return ProofOutcome(code, state, outcome.error)

    def _credit(
        self, case_id: str, subject: dict[str, str], context: CallContext
    ) -> CreditStatus | ProofOutcome:
        try:
            status = self.client.credit_check(subject, context=context)
        except PlatformCallError as exc:
            return ProofOutcome(CREDIT, FAILED, exc)
        with self.service.store.atomic():
            self.service.record_credit(case_id, status)
        return status


class _Reporter:
    """Calls ``on_progress`` and keeps a broken callback from breaking the fan-out."""

    def __init__(self, callback: ProgressCallback | None) -> None:
        self._callback = callback

    def __call__(self, code: str, state: str) -> None:
        if self._callback is None:
            return
        try:
            self._callback(code, state)
        except Exception:
            log.exception("progress callback failed")
