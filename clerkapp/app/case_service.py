"""The case use-cases the GUI, the look-up fan-out and the sync worker call.

Every method is one transaction (joining the caller's when there is one) that loads the case,
applies one event of the state machine, saves the case and its proof resolutions, appends the
audit entries (the case's ``pending_events``) and writes the outbox rows for whatever must go to
the platform. A failure anywhere leaves nothing behind. Methods may be called from any thread
(the store serialises them); none does network or PDF work.

- :meth:`CaseService.open_case` — validate the applicant, number the case, token + short code,
  outbox ``progress_register``
- :meth:`~CaseService.get_case`, :meth:`~CaseService.list_cases` (masked numbers)
- :meth:`~CaseService.begin_lookups` → outbox ``lookup`` rows (proofs in flight);
  :meth:`~CaseService.record_lookup_answer`, :meth:`~CaseService.record_lookup_failure`
- :meth:`~CaseService.switch_method`
- :meth:`~CaseService.request_verification` → outbox ``verification``;
  :meth:`~CaseService.record_verification_status` (ticket → outbox ``verification_poll``,
  answered / expired), :meth:`~CaseService.record_verification_ticket`
- :meth:`~CaseService.record_credit`, :meth:`~CaseService.sign_pledge`,
  :meth:`~CaseService.report_false_pledge` → outbox ``credit_report``
- :meth:`~CaseService.decide` (approve / refuse / accept; an override is audited) and
  :meth:`~CaseService.withdraw` → outbox ``progress_event``
- :meth:`~CaseService.next_document_number`, :meth:`~CaseService.record_document`
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from clerkapp.app import case_support as support
from clerkapp.app.clock import Clock, local_now
from clerkapp.core.case import Case, Decision, EventKind, Evidence, ProofState
from clerkapp.core.catalogue import ApplicantKind, Catalogue, Method, ProofItem
from clerkapp.core.idnumber import validate_id_number
from clerkapp.core.platform_types import (
    CreditStatus,
    LookupAnswer,
    VerificationState,
    VerificationStatus,
)
from clerkapp.core.rules import evaluate
from clerkapp.core.uscc import validate_uscc
from clerkapp.errors import ValidationError
from clerkapp.infra.paths import data_dir
from clerkapp.infra.store import DocumentRecord, OutboxKind, OutboxRow, PledgeRecord, Store
from clerkapp.infra.store.cases import CaseSummary

__all__ = ["CaseService", "CaseSummary"]

LOOKUP_LEASE = timedelta(seconds=30)  # the fan-out sends at once; the sync worker after this
RETRY_AFTER = timedelta(seconds=30)  # default wait before the sync worker retries a look-up
POLL_EVERY_S = 15  # how often the sync worker asks about a department verification
MAX_SIGNATURE_BYTES = 2_000_000


class CaseService:
    """Case use-cases over a :class:`Store` and the active :class:`Catalogue`."""

    def __init__(
        self,
        store: Store,
        catalogue: Catalogue,
        clock: Clock = local_now,
        *,
        workstation: str = "",
        documents_dir: Path | None = None,
    ) -> None:
        self.store = store
        self.catalogue = catalogue
        self.clock = clock
        self.workstation = workstation
        self._documents_dir = documents_dir

    # ---- opening and reading ------------------------------------------------------------------

    def open_case(
        self,
        matter_code: str,
        applicant_kind: ApplicantKind | str,
        applicant_id: str,
        applicant_name: str,
        clerk: str,
    ) -> Case:
        """Open a case for an applicant (ID number or credit code validated, with the precise
        error in Chinese) and register its progress token with the platform (outbox)."""
        matter = self.catalogue.matters.get(matter_code)
        if matter is None:
            raise ValidationError(f"unknown matter {matter_code}", user_message="目录中没有该事项")
        kind = ApplicantKind(applicant_kind)
        name = applicant_name.strip()
        if not name:
            who = "申请人姓名" if kind is ApplicantKind.PERSON else "企业名称"
            raise ValidationError("applicant name missing", user_message=f"请填写{who}")
        with self.store.atomic():
            now = self.clock()
            if kind is ApplicantKind.PERSON:
                number = validate_id_number(applicant_id, today=now.date()).number
            else:
                number = validate_uscc(applicant_id).code
            prefix = support.case_id_prefix(now.date(), self.workstation)
            case_id = f"{prefix}{self.store.cases.count_with_prefix(prefix) + 1:04d}"
            short_code = support.new_short_code()
            while self.store.cases.code_in_use(short_code):
                short_code = support.new_short_code()
            case = Case.open(
                case_id,
                matter,
                self.catalogue.proofs_of(matter),
                kind,
                number,
                name,
                now,
                support.new_tracking_token(),
                short_code,
            )
            self.store.cases.insert(case, clerk=clerk, workstation=self.workstation)
            self._audit_events(case, clerk)
            self._enqueue(
                OutboxKind.PROGRESS_REGISTER,
                case,
                clerk,
                f"progress_register:{case.id}",
                {
                    "token": case.tracking_token,
                    "short_code": case.short_code,
                    "matter_name": matter.name,
                    "office": matter.department,
                    "expected_completion": support.expected_completion(matter, now),
                },
                now,
            )
        return case

    def get_case(self, case_id: str) -> Case:
        """The case (StoreError with a Chinese message when there is none)."""
        return self.store.cases.load(case_id)

    def list_cases(
        self, day: date | None = None, waiting: bool = False, query: str | None = None
    ) -> list[CaseSummary]:
        """Case list lines, newest first: of a local ``day``, and/or only those waiting (for a
        department, for a queued look-up), and/or matching ``query`` — a name, the last digits
        of the ID number, the matter, the case number or short code, or a full ID number / credit
        code (matched by hash). ID numbers come masked."""
        start = end = None
        if day is not None:
            tz = self.clock().tzinfo
            start = datetime.combine(day, time.min, tzinfo=tz)
            end = start + timedelta(days=1)
        text, subject = (query or "").strip() or None, None
        if text is not None and len(text) == 18 and text.isascii() and text.isalnum():
            subject, text = self.store.cases.subject_hash(text), None
        return self.store.cases.summaries(
            created_from=start, created_to=end, waiting=waiting, text=text, subject_hash=subject
        )

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
                    row = self._enqueue_lookup(case, self._item(p.code), official, now)
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
                    self.store.outbox.mark_needs_person(outbox_id, message)
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
            raise ValidationError("no verify spec", user_message="该证明事项不能以部门核验方式办理")
        with self._change(case_id, clerk) as (case, now):
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
                    "subject": support.subject_of(case),
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
        department's answer as evidence; expired → back to pending."""
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
                        detail=status.note or ("部门核验属实" if confirmed else "部门核验不属实"),
                        at=now.isoformat(),
                    )
                    case.verification_answered(proof_code, confirmed, evidence, now)
                elif status.state is VerificationState.EXPIRED:
                    case.verification_expired(proof_code, now)
            if outbox_id is not None:
                self.store.outbox.mark_sent(outbox_id, asdict(status), now=now)
        return case

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

    def sign_pledge(
        self,
        case_id: str,
        proof_code: str,
        strokes: Sequence[Any],
        png_bytes: bytes,
        clerk: str,
    ) -> PledgeRecord:
        """The applicant signed the pledge of ``proof_code``: the exact catalogue text, the time
        and the signature image are stored and bound by hash; the proof is pledged."""
        spec = self._item(proof_code).pledge
        if spec is None:
            raise ValidationError("no pledge spec", user_message="该证明事项不能以承诺方式办理")
        if not strokes or not png_bytes.startswith(b"\x89PNG\r\n\x1a\n"):
            raise ValidationError("no signature", user_message="请申请人在签名区签名后再确认")
        if len(png_bytes) > MAX_SIGNATURE_BYTES:
            raise ValidationError("signature too large", user_message="签名图像过大，请清除后重签")
        with self._change(case_id, clerk) as (case, now):
            record = self.store.pledges.record(
                case_id,
                proof_code,
                pledge_text=spec.text,
                consequences=spec.consequences,
                strokes=list(strokes),
                png_bytes=png_bytes,
                signed_at=now,
                clerk=clerk,
            )
            evidence = Evidence(
                method=Method.PLEDGE,
                source="申请人承诺",
                as_of=now.isoformat(),
                receipt_id=record.signature_sha256[:16],
                detail=f"申请人已签署告知承诺书（签名哈希 {record.signature_sha256[:12]}）",
                at=now.isoformat(),
            )
            case.pledge_signed(proof_code, record.signature_sha256, evidence, now)
        return record

    def report_false_pledge(
        self, case_id: str, proof_code: str, reason: str, clerk: str
    ) -> OutboxRow:
        """Report a pledge found false in the ex-post check (outbox ``credit_report``)."""
        if not reason.strip():
            raise ValidationError("reason missing", user_message="请填写承诺不实的情况")
        with self.store.atomic():
            now = self.clock()
            case = self.store.cases.load(case_id)
            if self.store.pledges.latest(case_id, proof_code) is None:
                raise ValidationError("no pledge", user_message="该证明事项没有已签署的承诺")
            row = self._enqueue(
                OutboxKind.CREDIT_REPORT,
                case,
                clerk,
                f"credit_report:{case_id}:{proof_code}",
                {"subject": support.subject_of(case), "proof_code": proof_code, "reason": reason},
                now,
            )
            self._audit("credit_reported", case_id, clerk, now, proof=proof_code, reason=reason)
        return row

    # ---- decisions ------------------------------------------------------------------------

    def decide(
        self,
        case_id: str,
        decision: Decision | str,
        reason: str | None,
        clerk: str,
        override_reason: str | None = None,
    ) -> Case:
        """Approve, refuse (with ``reason``) or accept (受理) the case. Deciding against the
        recommendation needs ``override_reason`` and leaves an ``override`` audit entry. The
        platform's progress registry is told (outbox)."""
        decision = Decision(decision)
        extra = {EventKind.DECIDED: {"reason": reason} if reason else {}}
        with self._change(case_id, clerk, extra=extra) as (case, now):
            recommended = case.recommend().decision
            if decision is Decision.APPROVE:
                case.approve(now, reason)
            elif decision is Decision.REFUSE:
                case.refuse(now, reason or "", override_reason)
            elif decision is Decision.ACCEPT:
                case.accept(now)
            else:
                raise ValidationError("not a decision", user_message="请选择准予、不予许可或受理")
            if decision is not recommended:
                if not (override_reason and override_reason.strip()):
                    raise ValidationError(
                        "override without reason",
                        user_message=f"系统建议为“{recommended.label_zh}”，作出不同决定须说明理由",
                    )
                self._audit(
                    "override",
                    case_id,
                    clerk,
                    now,
                    recommended=recommended.value,
                    decision=decision.value,
                    reason=override_reason,
                )
            self._progress_event(case, clerk, now)
        return case

    def withdraw(self, case_id: str, reason: str, clerk: str) -> Case:
        """The applicant withdraws the application."""
        with self._change(case_id, clerk) as (case, now):
            case.withdraw(now, reason)
            self._progress_event(case, clerk, now)
        return case

    # ---- documents ------------------------------------------------------------------------

    def next_document_number(self, office_abbr: str, year: int, *, case_id: str, kind: str) -> int:
        """The number of (case, kind) in the series ``office_abbr`` / ``year`` — gapless and
        never repeated, also offline; asking again for the same case and kind gives the same
        number (a failed build or a reprint does not use up a number)."""
        return self.store.documents.claim_number(office_abbr, year, case_id, kind)

    def record_document(
        self,
        case_id: str,
        kind: str,
        pdf_bytes: bytes,
        number: str | None,
        provisional: bool,
        clerk: str,
    ) -> DocumentRecord:
        """Archive a printed document (file under the data directory, SHA-256) and audit the
        print — a second print of the same kind is a reprint (copy number > 1)."""
        with self.store.atomic():
            now = self.clock()
            self.store.cases.load(case_id)  # the case must exist
            record = self.store.documents.archive(
                case_id,
                kind,
                pdf_bytes,
                number=number,
                provisional=provisional,
                printed_by=clerk,
                now=now,
                directory=self._documents_dir or data_dir() / "documents",
            )
            self._audit(
                "reprinted" if record.is_reprint else "printed",
                case_id,
                clerk,
                now,
                kind=kind,
                number=number,
                copy_no=record.copy_no,
                sha256=record.sha256,
                provisional=provisional,
            )
        return record

    def documents_of(self, case_id: str) -> list[DocumentRecord]:
        """The case's archived documents, in print order."""
        return self.store.documents.for_case(case_id)

    def pledges_of(self, case_id: str) -> list[PledgeRecord]:
        """The case's signed pledges, in signing order."""
        return self.store.pledges.for_case(case_id)

    # ---- helpers ----------------------------------------------------------------------------

    @contextmanager
    def _change(
        self,
        case_id: str,
        actor: str | None,
        *,
        extra: Mapping[EventKind, Mapping[str, Any]] | None = None,
    ) -> Iterator[tuple[Case, datetime]]:
        """Load, let the caller apply events, save and audit — one transaction."""
        with self.store.atomic():
            now = self.clock()
            case = self.store.cases.load(case_id)
            yield case, now
            self.store.cases.save(case, now=now)
            self._audit_events(case, actor, extra)

    def _audit_events(
        self,
        case: Case,
        actor: str | None,
        extra: Mapping[EventKind, Mapping[str, Any]] | None = None,
    ) -> None:
        for event in case.drain_events():
            data = support.audit_data(event)
            data.update(support.redact(dict((extra or {}).get(event.kind, {}))))
            self.store.audit.append(
                support.AUDIT_ACTIONS[event.kind],
                at=event.at,
                actor=actor or "system",
                workstation=self.workstation or None,
                case_id=case.id,
                data=data,
            )

    def _audit(
        self, action: str, case_id: str, actor: str | None, now: datetime, **data: Any
    ) -> None:
        self.store.audit.append(
            action,
            at=now,
            actor=actor or "system",
            workstation=self.workstation or None,
            case_id=case_id,
            data=support.redact(data),
        )

    def _enqueue(
        self,
        kind: OutboxKind,
        case: Case,
        official: str | None,
        key: str,
        payload: dict[str, Any],
        now: datetime,
        *,
        not_before: datetime | None = None,
    ) -> OutboxRow:
        body = {**payload, **support.call_context(case, official)}
        return self.store.outbox.enqueue(
            kind.value, case.id, body, key, now=now, not_before=not_before
        )

    def _enqueue_lookup(
        self, case: Case, item: ProofItem, official: str | None, now: datetime
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
                "subject": support.subject_of(case),
                "fields": list(spec.fields),
                "proof_code": item.code,
            },
            now,
            not_before=now + LOOKUP_LEASE,
        )

    def _progress_event(self, case: Case, clerk: str | None, now: datetime) -> None:
        n = self._count(case.id, OutboxKind.PROGRESS_EVENT) + 1
        self._enqueue(
            OutboxKind.PROGRESS_EVENT,
            case,
            clerk,
            f"progress_event:{case.id}:{n}",
            {
                "token": case.tracking_token,
                "status": case.state.value,
                "label": case.state.label_zh,
                "at": now.isoformat(),
            },
            now,
        )

    def _open_rows(self, case_id: str, kind: OutboxKind) -> dict[str, OutboxRow]:
        return {
            str(r.payload.get("proof_code")): r
            for r in self.store.outbox.for_case(case_id)
            if r.kind == kind.value and r.state == "open"
        }

    def _count(self, case_id: str, kind: OutboxKind, proof_code: str | None = None) -> int:
        return sum(
            1
            for r in self.store.outbox.for_case(case_id)
            if r.kind == kind.value
            and (proof_code is None or r.payload.get("proof_code") == proof_code)
        )

    def _item(self, proof_code: str) -> ProofItem:
        item = self.catalogue.proofs.get(proof_code)
        if item is None:
            raise ValidationError(
                f"unknown proof {proof_code}", user_message=f"目录中没有证明事项 {proof_code}"
            )
        return item

    @staticmethod
    def _awaits_lookup(case: Case, proof_code: str) -> bool:
        p = case.proofs[proof_code]
        return (
            not case.state.final
            and p.method is Method.DATA_QUERY
            and p.state in (ProofState.IN_FLIGHT, ProofState.QUEUED)
        )
