"""The case use-cases that talk to the data platform through the outbox: look-ups, method
switches, department verification and the credit check. Mixed into
:class:`clerkapp.app.case_service.CaseService`."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta

from clerkapp.app import case_support as support
from clerkapp.app.case_base import CaseServiceBase
from clerkapp.core.case import Case, EventKind, Evidence, ProofState
from clerkapp.core.catalogue import APPLICANT, DataQuerySpec, Method, ProofItem, VerifySpec
from clerkapp.core.platform_types import (
    CreditStatus,
    LookupAnswer,
    VerificationState,
    VerificationStatus,
)
from clerkapp.core.rules import evaluate
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import ValidationError
from clerkapp.infra.office_clock import office_day
from clerkapp.infra.store import OutboxKind, OutboxRow

LOOKUP_LEASE = timedelta(seconds=30)  # the fan-out sends at once; the sync worker after this
RETRY_AFTER = timedelta(seconds=30)  # default wait before the sync worker retries a look-up
POLL_EVERY_S = 15  # how often the sync worker asks about a department verification


class PlatformActions(CaseServiceBase):
    """Look-ups, verification and credit-check actions of a case."""

    # ---- look-ups -----------------------------------------------------------------------------

    def begin_lookups(self, case_id: str, clerk: str | None = None) -> list[OutboxRow]:
        """Put the case's pending or queued look-ups in flight and return their outbox rows for
        the fan-out to send now (leased from the sync worker for a while; after a crash the
        sync worker sends them). Rows of look-ups already in flight are returned again."""
        with self._change(case_id, clerk) as (case, now):
            official = clerk or self.store.cases.clerk_of(case_id)
            open_rows = self._open_rows(case_id, OutboxKind.LOOKUP)
            rows: list[OutboxRow] = []
            for p in case.proofs.values():
                if p.method is not Method.DATA_QUERY:
                    continue
                row = open_rows.get(p.code)
                if p.state in (ProofState.PENDING, ProofState.QUEUED):
                    case.start_lookup(p.code, now)
                elif not (p.state is ProofState.IN_FLIGHT and row is not None):
                    continue
                if row is None:
                    item = self._item(p.code)
                    subject = self._subject(case, item.query)
                    if subject is None:  # nobody to ask about: the clerk must use another way
                        case.lookup_failed(p.code, self._no_subject(case, item.query), now)
                        continue
                    row = self._enqueue_lookup(case, item, subject, official, now)
                self.store.outbox.lease(row.id, now + LOOKUP_LEASE)
                rows.append(row)
        return rows

    def record_lookup_answer(
        self,
        case_id: str,
        proof_code: str,
        answer: LookupAnswer,
        outbox_id: int | None = None,
        actor: str | None = None,
    ) -> Case:
        """Apply a look-up answer: the catalogue's rule decides satisfied / not satisfied, with
        the registry, data date and receipt as evidence. A late or duplicate answer (the proof no
        longer waits for one) changes nothing. Given ``outbox_id``, the row is closed too."""
        with self._change(case_id, actor) as (case, now):
            p = case.proofs.get(proof_code)
            if p is not None and self._awaits_lookup(case, proof_code):
                spec = self._item(proof_code).query
                assert spec is not None  # a data-query proof has its spec (catalogue_parse)
                outcome = evaluate(spec, answer)
                evidence = Evidence(
                    method=Method.DATA_QUERY,
                    source=answer.provenance.registry or spec.registry,
                    as_of=answer.provenance.as_of,
                    receipt_id=answer.provenance.receipt_id,
                    detail=outcome.summary,
                    at=now.isoformat(),
                )
                case.lookup_answered(proof_code, outcome.satisfied, evidence, now)
            if outbox_id is not None:
                self.store.outbox.mark_sent(outbox_id, asdict(answer), now=now)
        return case

    def record_lookup_failure(
        self,
        case_id: str,
        proof_code: str,
        error: str | Exception,
        *,
        retrying: bool,
        outbox_id: int | None = None,
        retry_at: datetime | None = None,
        actor: str | None = None,
    ) -> Case:
        """A look-up failed. ``retrying`` (network, 5xx): the proof is queued and the row stays
        open for the sync worker; otherwise the proof goes back to pending with the error (the
        clerk retries or switches method) and the row needs a person. Given ``outbox_id`` the
        row is updated here; without it the caller (the outbox settler) does that."""
        message = str(getattr(error, "user_message", "") or error)
        with self._change(case_id, actor) as (case, now):
            p = case.proofs.get(proof_code)
            if p is not None and self._awaits_lookup(case, proof_code):
                if not retrying:
                    case.lookup_failed(proof_code, message, now)
                elif p.state is ProofState.IN_FLIGHT:
                    case.queue_lookup(proof_code, now)
            if outbox_id is not None:
                if retrying:
                    self.store.outbox.mark_retry(outbox_id, message, retry_at or now + RETRY_AFTER)
                else:
                    self.store.outbox.mark_needs_person(outbox_id, message, now=now)
        return case

    def switch_method(
        self, case_id: str, proof_code: str, method: Method | str, clerk: str
    ) -> Case:
        """Satisfy a pending or queued proof another way the catalogue allows; an open look-up
        row of it is withdrawn from the outbox."""
        with self._change(case_id, clerk) as (case, now):
            case.switch_method(proof_code, Method(method), now)
            row = self._open_rows(case_id, OutboxKind.LOOKUP).get(proof_code)
            if row is not None:
                self.store.outbox.mark_sent(row.id, {"cancelled": "method_switched"}, now=now)
        return case

    # ---- department verification ----------------------------------------------------------

    def request_verification(self, case_id: str, proof_code: str, clerk: str) -> OutboxRow:
        """Ask the department (outbox ``verification``); the proof awaits its answer."""
        spec = self._item(proof_code).verify
        if spec is None:
            raise ValidationError(
                "no verify spec",
                user_message=QT_TRANSLATE_NOOP("CasePlatform", "该证明事项不能以部门核验方式办理"),
            )
        with self._change(case_id, clerk) as (case, now):
            subject = self._subject(case, spec)
            if subject is None:
                message = self._no_subject(case, spec)
                raise ValidationError("no related person", user_message=message)
            case.request_verification(proof_code, "", now)  # the ticket comes with the answer
            n = self._count(case_id, OutboxKind.VERIFICATION, proof_code) + 1
            row = self._enqueue(
                OutboxKind.VERIFICATION,
                case,
                clerk,
                f"verification:{case_id}:{proof_code}:{n}",
                {
                    "proof_code": proof_code,
                    "department": spec.department,
                    "question": spec.question,
                    "subject": subject,
                },
                now,
            )
        return row

    def record_verification_ticket(
        self, case_id: str, proof_code: str, ticket: str, outbox_id: int | None = None
    ) -> Case:
        """The platform took the verification request under ``ticket``."""
        status = VerificationStatus(ticket=ticket, state=VerificationState.QUEUED)
        return self.record_verification_status(case_id, proof_code, status, outbox_id)

    def record_verification_status(
        self,
        case_id: str,
        proof_code: str,
        status: VerificationStatus,
        outbox_id: int | None = None,
        actor: str | None = None,
    ) -> Case:
        """A verification ticket as last seen: a new ticket is kept with the proof and polled
        through the outbox (so it survives restarts); answered → confirmed / denied with the
        department's answer as evidence; expired → back to pending; deferred → still awaited,
        by a new date (recorded once: a deferred ticket polled again changes nothing)."""
        if status.state is VerificationState.DEFERRED and outbox_id is None:
            current = self.store.cases.load(case_id)
            known = current.proofs.get(proof_code)
            if known is not None and known.deferred_until and known.ticket == status.ticket:
                return current
        with self._change(case_id, actor) as (case, now):
            p = case.proofs.get(proof_code)
            waiting = (
                p is not None
                and not case.state.final
                and p.method is Method.DEPT_VERIFY
                and p.state is ProofState.AWAITING_DEPT
            )
            if p is not None and waiting:
                if status.ticket and p.ticket != status.ticket:
                    self._learn_ticket(case, proof_code, status, actor, now)
                if status.state is VerificationState.ANSWERED:
                    confirmed = bool(status.confirmed)
                    spec = self._item(proof_code).verify
                    evidence = Evidence(
                        method=Method.DEPT_VERIFY,
                        source=status.department or (spec.department if spec else ""),
                        as_of=status.answered_at,
                        receipt_id=status.ticket,
                        detail=status.note
                        or (
                            QT_TRANSLATE_NOOP("CasePlatform", "部门核验属实")
                            if confirmed
                            else QT_TRANSLATE_NOOP("CasePlatform", "部门核验不属实")
                        ),
                        at=now.isoformat(),
                    )
                    case.verification_answered(proof_code, confirmed, evidence, now)
                    self._notify(case, actor, now, "verification")
                elif status.state is VerificationState.EXPIRED:
                    case.verification_expired(proof_code, now)
                elif status.state is VerificationState.DEFERRED and p.deferred_until is None:
                    case.verification_deferred(
                        proof_code, self._deferred_until(proof_code, now), now
                    )
            if outbox_id is not None:
                self.store.outbox.mark_sent(outbox_id, asdict(status), now=now)
        return case

    def _deferred_until(self, proof_code: str, now: datetime) -> str:
        """When a deferred verification is now expected: the item's promised working days
        counted again from today, on the office's working-day calendar (the platform's answer
        names no date)."""
        spec = self._item(proof_code).verify
        days = spec.expected_days if spec is not None else 0
        return self.calendar.add_working_days(office_day(now), max(1, days)).isoformat()

    def _learn_ticket(
        self, case: Case, code: str, status: VerificationStatus, actor: str | None, now: datetime
    ) -> None:
        # The state machine has no event for this: the ticket is a detail of awaiting_dept.
        case.proofs[code].ticket = status.ticket
        self.store.audit.append(
            "verification_updated",
            at=now,
            actor=actor or "system",
            workstation=self.workstation or None,
            case_id=case.id,
            data={"proof": code, "ticket": status.ticket, "state": status.state.value},
        )
        if status.state in (VerificationState.QUEUED, VerificationState.DEFERRED):
            self._enqueue(
                OutboxKind.VERIFICATION_POLL,
                case,
                self.store.cases.clerk_of(case.id),
                f"poll:{status.ticket}",
                {"ticket": status.ticket, "proof_code": code, "poll_every_s": POLL_EVERY_S},
                now,
                not_before=now + timedelta(seconds=POLL_EVERY_S),
            )

    # ---- credit check and pledges ---------------------------------------------------------

    def record_credit(self, case_id: str, status: CreditStatus, actor: str | None = None) -> Case:
        """The dishonesty-list check (a listed applicant's pledges stop counting)."""
        with self._change(
            case_id, actor, extra={EventKind.CREDIT_CHECKED: {"list_version": status.list_version}}
        ) as (case, now):
            case.record_credit(status.listed, now)
        return case

    # ---- helpers ----------------------------------------------------------------------------

    @staticmethod
    def _subject(case: Case, spec: DataQuerySpec | VerifySpec | None) -> dict[str, str] | None:
        """Whose record a look-up or verification concerns (the spec's ``subject`` role)."""
        return support.related_subject_of(case, spec.subject if spec else APPLICANT)

    def _no_subject(self, case: Case, spec: DataQuerySpec | VerifySpec | None) -> str:
        role = spec.subject if spec else APPLICANT
        matter = self.catalogue.matters.get(case.matter_code)
        found = matter.related_role(role) if matter else None
        label = found.label if found else role
        return QT_TRANSLATE_NOOP(
            "CasePlatform", "办件未登记{label}的身份信息，无法查询或核验，请改用其他方式"
        ).format(label=label)

    def _enqueue_lookup(
        self,
        case: Case,
        item: ProofItem,
        subject: dict[str, str],
        official: str | None,
        now: datetime,
    ) -> OutboxRow:
        spec = item.query
        assert spec is not None
        n = self._count(case.id, OutboxKind.LOOKUP, item.code) + 1
        return self._enqueue(
            OutboxKind.LOOKUP,
            case,
            official,
            f"lookup:{case.id}:{item.code}:{n}",
            {
                "item": spec.item,
                "subject": subject,
                "fields": list(spec.fields),
                "proof_code": item.code,
            },
            now,
            not_before=now + LOOKUP_LEASE,
        )

    @staticmethod
    def _awaits_lookup(case: Case, proof_code: str) -> bool:
        p = case.proofs[proof_code]
        return (
            not case.state.final
            and p.method is Method.DATA_QUERY
            and p.state in (ProofState.IN_FLIGHT, ProofState.QUEUED)
        )
