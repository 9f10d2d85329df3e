"""The documents of a case, as the print step needs them: which ones there are, each built with
its claimed number, copy number and provisional mark, and the print recorded (archive + audit).

No Qt here: the GUI runs :meth:`DocumentDesk.build` and :meth:`DocumentDesk.record` off its
thread. A document is *provisional* (临时凭证 — 待联网确认) when its QR cannot be trusted yet: the
case's progress registration has not reached the platform, or a progress update of the case
already failed to reach it (offline, or a problem a person must look at). A status event that
was just queued and not yet tried does not count: online, the sync worker sends it within
moments, and marking every fresh decision provisional would teach clerks to ignore the mark.
While the workstation knows the platform is offline (:attr:`DocumentDesk.offline`), it does
count: nobody sends it within moments, and the receipt printed now would say what the
applicant's QR page cannot show yet.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from clerkapp.app import case_support as support
from clerkapp.core.case import Case
from clerkapp.core.catalogue import Catalogue
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import DocumentError
from clerkapp.infra.documents import (
    DocumentKind,
    build_pdf,
    document_series,
    format_document_number,
    voided_copy,
    voided_note,
)
from clerkapp.infra.documents.from_case import (
    DocumentSettings,
    document_data,
    kind_for,
    office_of,
)
from clerkapp.infra.documents.wording import document_title, number_mark
from clerkapp.infra.office_clock import office_day
from clerkapp.infra.store.documents import DocumentRecord, NumberState
from clerkapp.infra.store.outbox import OutboxKind, OutboxState

FILE_COPY_LABEL = "存档联"
_PROGRESS_KINDS = {OutboxKind.PROGRESS_REGISTER.value, OutboxKind.PROGRESS_EVENT.value}


@dataclass(frozen=True)
class BuiltDocument:
    """A document built for preview and print; ``copy_number`` 1 is the original."""

    case_id: str
    kind: DocumentKind
    number: str
    pdf: bytes
    provisional: bool
    copy_number: int
    # 一式两份: the 存档联 printed in the same job after the original (empty: not wanted).
    file_copy: bytes = b""
    issued: bool = False  # the number was already output (printed or saved): 作废 / 更正 apply
    # The retired numbers of this kind of the case, as the register keeps them, in words
    # (e.g. "金市建决〔2026〕1号 已作废（批准人 demo-sup）").
    history: tuple[str, ...] = ()
    # The voided numbers of this kind of the case: each may be printed as its 作废存档联.
    voided: tuple[str, ...] = ()
    # This is the 作废存档联 of a voided number (stamped 作废): no original, no 副本; printing
    # it is audited ``voided_copy_printed`` and counts as no copy of any number.
    voided_copy: bool = False

    def papers(self) -> list[bytes]:
        """The PDFs one print job sends, in order: the paper, then its 存档联 if any."""
        return [self.pdf, self.file_copy] if self.file_copy else [self.pdf]


class DocumentDesk:
    """Builds and records a case's documents through the case service (store, audit)."""

    def __init__(
        self,
        case_service: Any,
        catalogue: Callable[[], Catalogue],
        settings: DocumentSettings,
        clock: Callable[[], datetime],
    ) -> None:
        self._service = case_service
        self._catalogue = catalogue
        self._fixed_settings = settings
        self._clock = clock
        # The progress QR's base read at each build (training: the sandbox's port may change
        # while the app runs); None: the settings' own.
        self.progress_base: Callable[[], str] | None = None
        # Whether the platform is known to be offline now (the connectivity state); None: unknown.
        self.offline: Callable[[], bool] | None = None
        # 一式两份 (the office's choice, see :data:`DUPLICATE_KEY`): the original's print job
        # also prints the 存档联 for the case file.
        self.duplicate: Callable[[], bool] = lambda: False

    @property
    def _settings(self) -> DocumentSettings:
        base = self.progress_base
        if base is None:
            return self._fixed_settings
        return replace(self._fixed_settings, progress_base_url=base())

    @classmethod
    def for_context(cls, context: Any) -> DocumentDesk:
        """The desk of an :class:`~clerkapp.app.context.AppContext` (*worker*: it may build
        the case service and parse the catalogue)."""
        settings = DocumentSettings(
            progress_base_url=context.progress_base_url,
            service_centre=context.settings.official_display or "金华市行政服务中心",
            calendar=context.calendar,
        )
        desk = cls(context.case_service, lambda: context.catalogue, settings, context.clock)
        desk.progress_base = lambda: str(context.progress_base_url)
        desk.offline = context.platform_offline
        return desk

    def case(self, case_id: str) -> Case:
        """*worker* — the case as stored."""
        case: Case = self._service.get_case(case_id)
        return case

    def kinds(self, case_id: str) -> list[DocumentKind]:
        """*worker* — the documents a case has: its decision, refusal notice, receipt,
        补正 notice, 不予受理决定书 or 撤回申请确认书, the 补正 notice again once the case
        resumed, and the pledge letter when the applicant signed pledges. Empty while
        undecided."""
        case = self._service.get_case(case_id)
        try:
            kinds = [kind_for(case)]
        except Exception:  # undecided: nothing to print
            return []
        if case.corrections and DocumentKind.CORRECTION_NOTICE not in kinds:
            kinds.append(DocumentKind.CORRECTION_NOTICE)  # the 补正 notice stays reprintable
        if self._service.pledges_of(case_id):
            kinds.append(DocumentKind.PLEDGE)
        return kinds

    def titles(self, case_id: str) -> list[tuple[DocumentKind, str]]:
        """*worker* — :meth:`kinds` with each document's printed title, which depends on the
        matter's kind of act (准予行政许可决定书, 给付决定书, …)."""
        kinds = self.kinds(case_id)
        if not kinds:
            return []
        case: Case = self._service.get_case(case_id)
        matter = self._catalogue().matters.get(case.matter_code)
        if matter is None:
            return [(kind, kind.title_zh) for kind in kinds]
        return [(kind, document_title(kind, matter)) for kind in kinds]

    def accepted_by(self, case_id: str) -> str:
        """*worker* — the name of the clerk who accepted (opened) the case, as printed (受理人)."""
        store = self._service.store
        username = store.cases.clerk_of(case_id) or ""
        clerk = store.clerks.get(username) if username else None
        return (clerk.display_name if clerk is not None else "") or username

    def build(
        self, case_id: str, kind: DocumentKind, clerk: str = "", *, duplicate: bool | None = None
    ) -> BuiltDocument:
        """*worker* — build ``kind`` for the case: number claimed (the same on every reprint),
        next copy number, provisional while the platform has not confirmed the case; with
        ``duplicate`` (default: :attr:`duplicate`) the original comes with its 存档联."""
        case: Case = self._service.get_case(case_id)
        catalogue = self._catalogue()
        matter = catalogue.matters[case.matter_code]
        _, abbr = office_of(catalogue, matter)
        pledges = self._service.pledges_of(case_id) if kind is DocumentKind.PLEDGE else []
        issued = self._issued_on(case, kind, pledges)
        seq = self._service.next_document_number(
            document_series(abbr, kind, number_mark(kind, matter)),
            issued.year,
            case_id=case_id,
            kind=kind.value,
        )
        number = format_document_number(abbr, kind, issued.year, seq, number_mark(kind, matter))
        # Copies count per number: prints of a voided or superseded number are not this paper's.
        printed = [
            d
            for d in self._service.documents_of(case_id)
            if d.kind == kind.value and d.number == number and not d.is_archive_copy
        ]
        entry = self._service.store.documents.entry(case_id, number)
        data = document_data(
            case,
            catalogue,
            self._settings,
            kind=kind,
            seq=seq,
            issued_on=issued,
            pledges=pledges,
            provisional=self.provisional(case_id),
            copy_number=1 + max((d.copy_no for d in printed), default=0),
            clerk=clerk,
            accepted_by=self.accepted_by(case_id),
        )
        if entry is not None and entry.replaces:
            data = replace(data, replaces=entry.replaces)
        pdf = build_pdf(data)
        file_copy = b""
        wanted = self.duplicate() if duplicate is None else duplicate
        if data.copy_number == 1 and wanted:
            file_copy = build_pdf(replace(data, copy_number=2, copy_label=FILE_COPY_LABEL))
        return BuiltDocument(
            case_id,
            kind,
            data.number,
            pdf,
            data.provisional,
            data.copy_number,
            file_copy=file_copy,
            issued=entry is not None and entry.issued,
            history=self._history(case_id, kind),
            voided=self._voided(case_id, kind),
        )

    def _voided(self, case_id: str, kind: DocumentKind) -> tuple[str, ...]:
        return tuple(
            e.number
            for e in self._service.store.documents.register(case_id)
            if e.kind == kind.value and e.state is NumberState.VOIDED and e.issued
        )

    def build_voided_copy(self, case_id: str, number: str, clerk: str = "") -> BuiltDocument:
        """*worker* — the 作废存档联 of the case's voided ``number``: the paper rebuilt from the
        case under that number (a pledge letter with the pledges signed before it was issued), every
        page stamped 作废 with when, by whose approval and why. Raises ``DocumentError`` for a
        number that is not voided or a paper that can no longer be rebuilt under it."""
        store = self._service.store
        entry = store.documents.entry(case_id, number)
        if entry is None or entry.state is not NumberState.VOIDED or entry.retired_at is None:
            raise DocumentError(
                f"{number} is not voided",
                user_message=QT_TRANSLATE_NOOP(
                    "Documents", "文书 {number} 未作废，不能打印作废存档联"
                ).format(number=number),
            )
        case: Case = self._service.get_case(case_id)
        catalogue = self._catalogue()
        kind = DocumentKind(entry.kind)
        pledges: list[Any] = []
        if kind is DocumentKind.PLEDGE:
            # the letter as issued: the pledges signed before it was first output
            issued_at = _aware(entry.issued_at or entry.retired_at)
            pledges = [
                p
                for p in self._service.pledges_of(case_id)
                if _aware(datetime.fromisoformat(str(p.signed_at))) <= issued_at
            ]
            if not pledges:
                raise DocumentError(
                    f"no pledges signed before {entry.number} was issued",
                    user_message=QT_TRANSLATE_NOOP(
                        "Documents", "无法重建已作废的文书 {number}，请查阅其存档件"
                    ).format(number=entry.number),
                )
        data = document_data(
            case,
            catalogue,
            self._settings,
            kind=kind,
            seq=entry.seq,
            issued_on=self._issued_on(case, kind, pledges),
            pledges=pledges,
            clerk=clerk,
            accepted_by=self.accepted_by(case_id),
        )
        if data.number != entry.number:
            raise DocumentError(
                f"rebuilt {data.number}, voided {entry.number}",
                user_message=QT_TRANSLATE_NOOP(
                    "Documents", "无法重建已作废的文书 {number}，请查阅其存档件"
                ).format(number=entry.number),
            )
        if entry.replaces:
            data = replace(data, replaces=entry.replaces)
        approver = store.clerks.get(entry.approved_by) if entry.approved_by else None
        note = voided_note(
            office_day(entry.retired_at),
            (approver.display_name if approver is not None else "") or entry.approved_by or "",
            entry.reason or "未说明",
        )
        return BuiltDocument(
            case_id,
            kind,
            entry.number,
            build_pdf(voided_copy(data, note)),
            provisional=False,
            copy_number=0,
            history=self._history(case_id, kind),
            voided=self._voided(case_id, kind),
            voided_copy=True,
        )

    def _record_voided_copy(
        self, document: BuiltDocument, clerk: str, printed: bool
    ) -> DocumentRecord:
        """Audit a printed (or saved) 作废存档联 — no print of any number is counted; returns the
        voided number's archive copy (the paper as it was issued)."""
        service = self._service
        store = service.store
        with store.atomic():
            entry = store.documents.entry(document.case_id, document.number)
            if entry is None or entry.state is not NumberState.VOIDED:
                raise DocumentError(
                    f"{document.number} is not voided",
                    user_message=QT_TRANSLATE_NOOP(
                        "Documents", "文书 {number} 未作废，不能打印作废存档联"
                    ).format(number=document.number),
                )
            archive = next(
                (
                    d
                    for d in store.documents.for_case(document.case_id)
                    if d.number == document.number and d.is_archive_copy
                ),
                None,
            )
            if archive is None:
                raise DocumentError(
                    f"no archive copy of {document.number}",
                    user_message=QT_TRANSLATE_NOOP("Documents", "文书 {number} 没有存档件").format(
                        number=document.number
                    ),
                )
            store.audit.append(
                "voided_copy_printed" if printed else "voided_copy_saved",
                at=service.clock(),
                actor=clerk,
                workstation=service.workstation or None,
                case_id=document.case_id,
                data=support.redact(
                    {
                        "kind": document.kind.value,
                        "number": document.number,
                        "sha256": hashlib.sha256(document.pdf).hexdigest(),
                    }
                ),
            )
        return archive

    def _history(self, case_id: str, kind: DocumentKind) -> tuple[str, ...]:
        words = {NumberState.VOIDED: "已作废", NumberState.SUPERSEDED: "已更正"}
        return tuple(
            f"{e.number} {words[e.state]}（批准人 {e.approved_by}）"
            for e in self._service.store.documents.register(case_id)
            if e.kind == kind.value and e.state in words
        )

    def record(
        self, document: BuiltDocument, clerk: str, *, printed: bool = True
    ) -> DocumentRecord:
        """*worker* — archive the document handed out and audit it: the first output issues
        the number (archive copy, not a print); a print is the original (copy 1) or a 副本; a
        saved PDF (``printed=False``) is no print. A 一式两份 print also records its 存档联.
        A 作废存档联 (``voided_copy``) is only audited (``voided_copy_printed`` / ``_saved``)
        and returns the voided number's archive copy."""
        if document.voided_copy:
            return self._record_voided_copy(document, clerk, printed)
        record: DocumentRecord = self._service.record_document(
            document.case_id,
            document.kind.value,
            document.pdf,
            document.number,
            document.provisional,
            clerk,
            printed=printed,
        )
        if printed and document.file_copy:
            self._service.record_document(
                document.case_id,
                document.kind.value,
                document.file_copy,
                document.number,
                document.provisional,
                clerk,
            )
        return record

    def provisional(self, case_id: str) -> bool:
        """Whether the case's QR may not yet show its status on the platform (see the module
        docstring)."""
        rows = [
            r for r in self._service.store.outbox.for_case(case_id) if r.kind in _PROGRESS_KINDS
        ]
        registered = any(
            r.kind == OutboxKind.PROGRESS_REGISTER.value and r.state == OutboxState.SENT
            for r in rows
        )
        failing = any(
            r.state == OutboxState.NEEDS_PERSON or (r.state == OutboxState.OPEN and r.attempts > 0)
            for r in rows
        )
        if not registered or failing:
            return True
        waiting = any(r.state == OutboxState.OPEN for r in rows)
        return waiting and self.offline is not None and self.offline()

    def _issued_on(self, case: Case, kind: DocumentKind, pledges: list[Any]) -> date:
        # The office's day, whatever zone the moment was recorded in.
        if kind is DocumentKind.PLEDGE and pledges:
            return office_day(datetime.fromisoformat(str(pledges[-1].signed_at)))
        if kind is DocumentKind.CORRECTION_NOTICE and case.corrections:
            return office_day(case.corrections[-1].requested_at)
        moment = case.decided_at or case.accepted_at or self._clock()
        return office_day(moment)


def _aware(moment: datetime) -> datetime:
    """A stored moment without a zone is UTC (stored times are UTC)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
