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
- the ways back (:mod:`clerkapp.app.case_ways`): :meth:`~CaseService.request_correction`,
  :meth:`~CaseService.resume_correction`, :meth:`~CaseService.receive_paper`,
  :meth:`~CaseService.not_accept` → outbox ``progress_event``
- :meth:`~CaseService.next_document_number`, :meth:`~CaseService.record_document`
- identity cross-check (:mod:`clerkapp.app.identity_check`): the registry question is written
  with the case; :meth:`~CaseService.begin_identity_check`,
  :meth:`~CaseService.correct_applicant_name`, :meth:`~CaseService.adopt_registered_name`,
  :meth:`~CaseService.override_identity`
- :meth:`~CaseService.change_contact` (:mod:`clerkapp.app.case_contact`): the applicant's
  phone, address and 送达方式 corrected while the case is in progress
- :meth:`~CaseService.rate_satisfaction` (好差评 on the applicant screen; kept locally, not sent
  to the provincial evaluation system), :meth:`~CaseService.rating_of`
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from clerkapp.app import case_summary
from clerkapp.app import case_support as support
from clerkapp.app.case_contact import ContactActions
from clerkapp.app.case_ways import WaysBack
from clerkapp.app.identity_check import IdentityActions
from clerkapp.core.case import Case, CaseState, Decision, EventKind, Evidence, RelatedSubject
from clerkapp.core.catalogue import ApplicantKind, Matter, Method
from clerkapp.core.contact import Contact
from clerkapp.core.idnumber import InvalidIdNumber, validate_id_number
from clerkapp.core.present import PersonPresent, require_present
from clerkapp.core.satisfaction import SatisfactionLevel
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.core.uscc import validate_uscc
from clerkapp.errors import DocumentError, ValidationError
from clerkapp.infra.office_clock import office_time, office_zone
from clerkapp.infra.store import DocumentRecord, OutboxKind, OutboxRow, PledgeRecord
from clerkapp.infra.store.cases import CaseSummary
from clerkapp.infra.store.documents import NumberState
from clerkapp.infra.store.ratings import RatingRecord

__all__ = ["CaseService", "CaseSummary"]

MAX_SIGNATURE_BYTES = 2_000_000


class CaseService(IdentityActions, WaysBack, ContactActions):
    """Case use-cases over a :class:`Store` and the active :class:`Catalogue`:
    ``CaseService(store, catalogue, clock, workstation=..., documents_dir=..., calendar=...)``."""

    # ---- opening and reading ------------------------------------------------------------------

    def open_case(
        self,
        matter_code: str,
        applicant_kind: ApplicantKind | str,
        applicant_id: str,
        applicant_name: str,
        clerk: str,
        related: Mapping[str, tuple[str, str]] | None = None,
        present: PersonPresent | None = None,
        contact: Contact | None = None,
    ) -> Case:
        """Open a case for an applicant (ID number or credit code validated, with the precise
        error in Chinese) and register its progress token with the platform (outbox).

        ``related`` identifies the matter's related persons: ``{role: (id_number, name)}`` for
        every role the matter declares (e.g. ``{"deceased": ("330723…", "陈建国")}``); each ID
        number is validated, the error naming the role ("已故参保人员的公民身份号码：…").
        ``present`` is the person at the counter for the applicant (代办人, 监护人, 法定代表人,
        经办人; None: in person): their ID number is validated the same way ("代办人的公民身份
        号码：…"), the 授权委托书 checked where the role acts on one or the matter demands one
        of anyone present (``power_of_attorney: always``); a company's case must name one (a
        法定代表人 or an 经办人); nothing is saved on error.
        ``contact``: phone, address and 送达方式, checked by
        :func:`clerkapp.core.contact.check_contact` (none: 窗口领取, no phone)."""
        matter = self.catalogue.matters.get(matter_code)
        if matter is None:
            raise ValidationError(
                f"unknown matter {matter_code}",
                user_message=QT_TRANSLATE_NOOP("CaseService", "目录中没有该事项"),
            )
        kind = ApplicantKind(applicant_kind)
        name = applicant_name.strip()
        if not name:
            who = (
                QT_TRANSLATE_NOOP("CaseService", "申请人姓名")
                if kind is ApplicantKind.PERSON
                else QT_TRANSLATE_NOOP("CaseService", "企业名称")
            )
            raise ValidationError(
                "applicant name missing",
                user_message=QT_TRANSLATE_NOOP("CaseService", "请填写{who}").format(who=who),
            )
        with self.store.atomic():
            now = office_time(self.clock())  # the case number's day is the office's day
            if kind is ApplicantKind.PERSON:
                number = validate_id_number(applicant_id, today=now.date()).number
            else:
                number = validate_uscc(applicant_id).code
            people = _related_subjects(matter, related or {}, number, now.date())
            there = _present_person(present, number, now.date())
            if kind is matter.applicant_kind:  # (a wrong kind is said by Case.open)
                require_present(kind, there)  # a company acts through a person (issue 9)
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
                related=people,
                present=there,
                contact=contact,
            )
            self.store.cases.insert(case, clerk=clerk, workstation=self.workstation)
            self._audit_events(case, clerk)
            self._enqueue_identity(case, clerk, now)  # the registry is asked who the applicant is
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
                    "expected_completion": support.expected_completion(matter, now, self.calendar),
                },
                now,
            )
            self._index_case(case, clerk, now)  # other windows find it (issue 9)
            self._summarise(case, clerk, now, case_summary.OPENED)  # issue 12
        return case

    def get_case(self, case_id: str) -> Case:
        """The case (StoreError with a Chinese message when there is none)."""
        return self.store.cases.load(case_id)

    def list_cases(
        self, day: date | None = None, waiting: bool = False, query: str | None = None
    ) -> list[CaseSummary]:
        """Case list lines, newest first: of an office ``day``, and/or only those waiting (for a
        department, for a queued look-up), and/or matching ``query`` — a name, the last digits
        of the ID number, the matter, the case number or short code, or a full ID number / credit
        code (matched by hash). ID numbers come masked."""
        start = end = None
        if day is not None:
            start = datetime.combine(day, time.min, tzinfo=office_zone())
            end = start + timedelta(days=1)
        text, subject = (query or "").strip() or None, None
        if text is not None and len(text) == 18 and text.isascii() and text.isalnum():
            subject, text = self.store.cases.subject_hash(text), None
        return self.store.cases.summaries(
            created_from=start, created_to=end, waiting=waiting, text=text, subject_hash=subject
        )

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
            raise ValidationError(
                "no pledge spec",
                user_message=QT_TRANSLATE_NOOP("CaseService", "该证明事项不能以承诺方式办理"),
            )
        if not strokes or not png_bytes.startswith(b"\x89PNG\r\n\x1a\n"):
            raise ValidationError(
                "no signature",
                user_message=QT_TRANSLATE_NOOP("CaseService", "请申请人在签名区签名后再确认"),
            )
        if len(png_bytes) > MAX_SIGNATURE_BYTES:
            raise ValidationError(
                "signature too large",
                user_message=QT_TRANSLATE_NOOP("CaseService", "签名图像过大，请清除后重签"),
            )
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
                source=QT_TRANSLATE_NOOP("CaseService", "申请人承诺"),
                as_of=now.isoformat(),
                receipt_id=record.signature_sha256[:16],
                detail=QT_TRANSLATE_NOOP(
                    "CaseService", "申请人已签署告知承诺书（签名哈希 {signature_sha256}）"
                ).format(signature_sha256=record.signature_sha256[:12]),
                at=now.isoformat(),
            )
            case.pledge_signed(proof_code, record.signature_sha256, evidence, now)
        return record

    def report_false_pledge(
        self, case_id: str, proof_code: str, reason: str, clerk: str
    ) -> OutboxRow:
        """Report a pledge found false in the ex-post check (outbox ``credit_report``)."""
        if not reason.strip():
            raise ValidationError(
                "reason missing",
                user_message=QT_TRANSLATE_NOOP("CaseService", "请填写承诺不实的情况"),
            )
        with self.store.atomic():
            now = self.clock()
            case = self.store.cases.load(case_id)
            if self.store.pledges.latest(case_id, proof_code) is None:
                raise ValidationError(
                    "no pledge",
                    user_message=QT_TRANSLATE_NOOP("CaseService", "该证明事项没有已签署的承诺"),
                )
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
        """Approve, refuse (with ``reason``; none needed beyond the failed proofs, whose reasons
        in ``reason`` are not stored twice) or accept (受理) the case. Deciding against the
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
                # only the clerk's own words: the pre-filled failed-proof reasons are the case's
                own = case.decision_reason
                extra[EventKind.DECIDED] = {"reason": own} if own else {}
            elif decision is Decision.ACCEPT:
                case.accept(now)
            else:
                raise ValidationError(
                    "not a decision",
                    user_message=QT_TRANSLATE_NOOP("CaseService", "请选择准予、不予或受理"),
                )
            if decision is not recommended:
                if not (override_reason and override_reason.strip()):
                    raise ValidationError(
                        "override without reason",
                        user_message=(
                            QT_TRANSLATE_NOOP(
                                "CaseService", "系统建议为“{decision}”，作出不同决定须说明理由"
                            ).format(decision=recommended.label_for(self.procedure_of(case)))
                        ),
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
            if decision is not Decision.ACCEPT:  # accepted cases still wait for answers
                self._withdraw_requests(case_id, f"case_{decision.value}", now)
            self._progress_event(case, clerk, now)
        return case

    def withdraw(self, case_id: str, reason: str, clerk: str) -> Case:
        """The applicant withdraws the application (from open, accepted or awaiting
        correction); unsent look-ups and verification requests are withdrawn. Nothing is
        printed: the progress page says 已撤回."""
        extra = {EventKind.WITHDRAWN: {"reason": reason}}
        with self._change(case_id, clerk, extra=extra) as (case, now):
            case.withdraw(now, reason)
            self._withdraw_requests(case_id, "case_withdrawn", now)
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
        *,
        printed: bool = True,
    ) -> DocumentRecord:
        """Archive a document handed out and audit it. The first output of a number issues it:
        its archive copy is kept (copy number 0, not a print) and the register records the
        issue. ``printed`` papers count from 1 (the original) — a later one is a reprint (副本);
        a saved PDF (``printed=False``) is no print and returns the archive copy. A number voided
        or superseded meanwhile is refused: that paper would be void."""
        with self.store.atomic():
            now = self.clock()
            self.store.cases.load(case_id)  # the case must exist
            # Beside the store: training documents stay with the training store.
            directory = self._documents_dir or self.store.path.parent / "documents"

            def keep(*, archive_copy: bool = False) -> DocumentRecord:
                return self.store.documents.archive(
                    case_id,
                    kind,
                    pdf_bytes,
                    number=number,
                    provisional=provisional,
                    printed_by=clerk,
                    now=now,
                    directory=directory,
                    archive_copy=archive_copy,
                )

            entry = self.store.documents.entry(case_id, number) if number else None
            if entry is not None and entry.state is not NumberState.CURRENT:
                raise DocumentError(
                    f"document {number} is {entry.state.value}",
                    user_message=QT_TRANSLATE_NOOP(
                        "CaseService", "文书 {number} 已作废或已被更正，不能再打印，请重新生成文书"
                    ).format(number=number),
                )
            archive = None
            if entry is not None and not entry.issued:
                self.store.documents.mark_issued(entry, at=now, by=clerk)
                archive = keep(archive_copy=True)
                self._upload_decision(case_id, kind, number or "", pdf_bytes, clerk, now)
                self._audit(
                    "document_issued",
                    case_id,
                    clerk,
                    now,
                    kind=kind,
                    number=number,
                    sha256=archive.sha256,
                    provisional=provisional,
                )
            if not printed:
                self._audit("document_saved", case_id, clerk, now, kind=kind, number=number)
                if archive is None:
                    archive = next(
                        (
                            d
                            for d in self.store.documents.for_case(case_id)
                            if d.kind == kind and d.number == number and d.is_archive_copy
                        ),
                        None,
                    )
                if archive is not None:
                    return archive
            record = keep()
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

    # ---- satisfaction (好差评) ---------------------------------------------------------------

    def rate_satisfaction(
        self, case_id: str, level: SatisfactionLevel | str, clerk: str
    ) -> RatingRecord:
        """The applicant rated the service of a decided (or accepted) case: one rating per
        case, a later press replaces it; every press is audited (the level only — no name)."""
        level = SatisfactionLevel(level)
        with self.store.atomic():
            now = self.clock()
            case = self.store.cases.load(case_id)
            if case.state is CaseState.OPEN:
                raise ValidationError(
                    "rating before the decision",
                    user_message=QT_TRANSLATE_NOOP("CaseService", "办件尚未作出决定，暂不能评价"),
                )
            record = self.store.ratings.record(case_id, level.value, at=now, clerk=clerk)
            self._audit(
                "satisfaction_rated",
                case_id,
                clerk,
                now,
                level=level.value,
                replaced=record.replaced,
            )
            self._summarise(case, clerk, now, case_summary.RATED)  # issue 12: the figures
        return record

    def rating_of(self, case_id: str) -> RatingRecord | None:
        """The case's satisfaction rating (None: not rated)."""
        return self.store.ratings.for_case(case_id)


def _related_subjects(
    matter: Matter, related: Mapping[str, tuple[str, str]], applicant: str, today: date
) -> dict[str, RelatedSubject]:
    """The related persons with validated ID numbers (the case checks the roles themselves)."""
    people: dict[str, RelatedSubject] = {}
    for role, (id_text, name) in related.items():
        label = r.label if (r := matter.related_role(role)) else role
        try:
            number = validate_id_number(id_text, today=today).number
        except InvalidIdNumber as exc:
            exc.user_message = QT_TRANSLATE_NOOP(
                "CaseService", "{label}的公民身份号码：{user_message}"
            ).format(label=label, user_message=exc.user_message)
            raise
        if number == applicant:
            raise ValidationError(
                f"related person {role} is the applicant",
                user_message=QT_TRANSLATE_NOOP(
                    "CaseService", "{label}不能是申请人本人，请核对公民身份号码"
                ).format(label=label),
            )
        people[role] = RelatedSubject(number, name.strip())
    return people


def _present_person(
    present: PersonPresent | None, applicant: str, today: date
) -> PersonPresent | None:
    """The person present with a validated, normalised ID number (the case checks the rest)."""
    if present is None:
        return None
    label = present.role.label_zh
    try:
        number = validate_id_number(present.id_number, today=today).number
    except InvalidIdNumber as exc:
        exc.user_message = QT_TRANSLATE_NOOP(
            "CaseService", "{label}的公民身份号码：{user_message}"
        ).format(label=label, user_message=exc.user_message)
        raise
    if number == applicant:
        raise ValidationError(
            f"present person {present.role.value} is the applicant",
            user_message=QT_TRANSLATE_NOOP(
                "CaseService", "{label}不能是申请人本人：申请人本人办理请选择“本人办理”"
            ).format(label=label),
        )
    return replace(
        present,
        id_number=number,
        name=present.name.strip(),
        relationship=present.relationship.strip(),
    )
