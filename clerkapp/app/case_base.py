"""The common ground of the case use-cases: one transaction per action (load, change, save,
audit, outbox) and the small helpers every action shares. See :mod:`clerkapp.app.case_service`
for the public API."""

from __future__ import annotations

import base64
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from clerkapp.app import case_summary, notifications
from clerkapp.app import case_support as support
from clerkapp.app.clock import Clock, local_now
from clerkapp.core.case import Case, EventKind
from clerkapp.core.catalogue import Catalogue, Matter, ProcedureKind, ProofItem
from clerkapp.core.contact import download_checks
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.core.workdays import PACKAGE_CALENDAR, WorkCalendar
from clerkapp.errors import ValidationError
from clerkapp.infra.store import OutboxKind, OutboxRow, Store

#: The documents the applicant may download from the progress page (issue 9).
DOWNLOADABLE = frozenset({"decision", "refusal"})


class CaseServiceBase:
    """Store, catalogue, clock, workstation and working-day calendar, and the transaction
    helper of the actions."""

    def __init__(
        self,
        store: Store,
        catalogue: Catalogue,
        clock: Clock = local_now,
        *,
        workstation: str = "",
        documents_dir: Path | None = None,
        calendar: WorkCalendar = PACKAGE_CALENDAR,
    ) -> None:
        self.store = store
        self.catalogue = catalogue
        self.clock = clock
        self.workstation = workstation
        self._documents_dir = documents_dir
        self.calendar = calendar  # working days of promised completion dates

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
        # Case numbers restart in every store (a reinstalled workstation, a second counter with
        # the same workstation id), so the key also carries a per-case random scope: otherwise the
        # platform would answer a new case with the stored first answer of an old one.
        scoped = f"{support.operation_scope(case)}:{key}"
        return self.store.outbox.enqueue(
            kind.value, case.id, body, scoped, now=now, not_before=not_before
        )

    def procedure_of(self, case: Case) -> ProcedureKind | None:
        """The kind of act of ``case``'s matter (``None`` when the catalogue no longer has it)."""
        matter = self.catalogue.matters.get(case.matter_code)
        return matter.procedure if matter else None

    def _index_case(self, case: Case, clerk: str | None, now: datetime) -> None:
        """Queue the case's entry in the platform's case index (issue 9: other windows find it
        by the applicant's number; the platform keeps only a keyed hash of it); joins the
        caller's transaction."""
        matter = self.catalogue.matters.get(case.matter_code)
        n = self._count(case.id, OutboxKind.CASE_INDEX) + 1
        self._enqueue(
            OutboxKind.CASE_INDEX,
            case,
            clerk,
            f"case_index:{case.id}:{n}",
            {
                "case_id": case.id,
                "subject": case.applicant_id,
                "matter": case.matter_code,
                "matter_name": case.matter_name,
                "state": case.state.value,
                "office": matter.department if matter else "",
                "window": self.workstation,
                "opened_at": case.created_at.isoformat(),
                "updated_at": now.isoformat(),
            },
            now,
        )

    def _summarise(self, case: Case, clerk: str | None, now: datetime, event: str) -> None:
        """Queue the case's summary for supervision and the office figures (issue 12:
        :mod:`clerkapp.app.case_summary`); joins the caller's transaction."""
        matter = self.catalogue.matters.get(case.matter_code)
        n = self._count(case.id, OutboxKind.CASE_SUMMARY) + 1
        promised = (
            support.expected_completion(matter, case.created_at, self.calendar) if matter else None
        )
        body = case_summary.summary_body(
            case,
            seq=n,
            event=event,
            office=matter.department if matter else "",
            window=self.workstation,
            clerk=clerk or "system",
            promised_date=promised,
            now=now,
            pledges=self.store.pledges.signed(case.id),
            rating=self.store.ratings.for_case(case.id),
        )
        self._enqueue(
            OutboxKind.CASE_SUMMARY, case, clerk, f"case_summary:{case.id}:{n}", body, now
        )

    def _notify(self, case: Case, clerk: str | None, now: datetime, event: str | None) -> None:
        """Queue an SMS notice of ``event`` (:mod:`clerkapp.app.notifications`) when the
        applicant chose 短信通知 and a mobile number is known; joins the caller's transaction."""
        if event is None or not case.contact.notifies:
            return
        matter = self.catalogue.matters.get(case.matter_code)
        n = self._count(case.id, OutboxKind.NOTIFICATION) + 1
        self._enqueue(
            OutboxKind.NOTIFICATION,
            case,
            clerk,
            f"notification:{case.id}:{n}",
            {
                "token": case.tracking_token,
                "phone": case.contact.phone,
                "event": event,
                "text": notifications.notification_text(case, event, self._office_name(matter)),
                "at": now.isoformat(),
            },
            now,
        )

    def _upload_decision(
        self, case_id: str, kind: str, number: str, pdf: bytes, clerk: str | None, now: datetime
    ) -> None:
        """Queue an issued decision or refusal for the progress page's download (issue 9),
        opened there by the last four digits of the applicant's number or phone (sent as keyed
        hashes only); joins the caller's transaction. Other documents stay at the counter."""
        if kind not in DOWNLOADABLE:
            return
        case = self.store.cases.load(case_id)
        n = self._count(case.id, OutboxKind.DOCUMENT_UPLOAD) + 1
        self._enqueue(
            OutboxKind.DOCUMENT_UPLOAD,
            case,
            clerk,
            f"document_upload:{case.id}:{n}",
            {
                "token": case.tracking_token,
                "kind": kind,
                "number": number,
                "pdf": base64.b64encode(pdf).decode("ascii"),
                "checks": download_checks(
                    case.tracking_token, case.applicant_id, case.contact.phone
                ),
                "at": now.isoformat(),
            },
            now,
        )

    def _office_name(self, matter: Matter | None) -> str:
        """The office that signs an SMS notice: the matter's department by name."""
        if matter is None:
            return ""
        dept = self.catalogue.departments.get(matter.department)
        return dept.name if dept else matter.department

    def _progress_event(self, case: Case, clerk: str | None, now: datetime) -> None:
        self._notify(case, clerk, now, notifications.notice_event(case))
        self._index_case(case, clerk, now)
        self._summarise(case, clerk, now, case.state.value)  # supervision, figures (issue 12)
        n = self._count(case.id, OutboxKind.PROGRESS_EVENT) + 1
        self._enqueue(
            OutboxKind.PROGRESS_EVENT,
            case,
            clerk,
            f"progress_event:{case.id}:{n}",
            {
                "token": case.tracking_token,
                "status": case.state.value,
                "label": support.public_label(case, self.procedure_of(case)),
                "at": now.isoformat(),
            },
            now,
        )

    def progress_notice(
        self, case: Case, clerk: str | None, now: datetime, status: str, label: str
    ) -> OutboxRow:
        """Queue a progress event with its own ``status`` and public ``label`` (no personal
        data: the page is public), e.g. a document voided or corrected; joins the caller's
        transaction."""
        n = self._count(case.id, OutboxKind.PROGRESS_EVENT) + 1
        return self._enqueue(
            OutboxKind.PROGRESS_EVENT,
            case,
            clerk,
            f"progress_event:{case.id}:{n}",
            {"token": case.tracking_token, "status": status, "label": label, "at": now.isoformat()},
            now,
        )

    def _open_rows(self, case_id: str, kind: OutboxKind) -> dict[str, OutboxRow]:
        return {
            str(r.payload.get("proof_code")): r
            for r in self.store.outbox.for_case(case_id)
            if r.kind == kind.value and r.state == "open"
        }

    def _withdraw_requests(self, case_id: str, why: str, now: datetime) -> int:
        """Close the ended case's unsent look-ups and verification requests: after a decision or
        a withdrawal nobody may be asked about the applicant any more (purpose binding). Progress
        events still go out. Returns how many rows were withdrawn."""
        kinds = (OutboxKind.LOOKUP, OutboxKind.VERIFICATION, OutboxKind.VERIFICATION_POLL)
        rows = [
            r
            for r in self.store.outbox.for_case(case_id)
            if r.state == "open" and r.kind in {k.value for k in kinds}
        ]
        for row in rows:
            self.store.outbox.mark_sent(row.id, {"cancelled": why}, now=now)
        return len(rows)

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
                f"unknown proof {proof_code}",
                user_message=QT_TRANSLATE_NOOP(
                    "CaseService", "目录中没有证明事项 {proof_code}"
                ).format(proof_code=proof_code),
            )
        return item
