"""The documents of a case, as the print step needs them: which ones there are, each built with
its claimed number, copy number and provisional mark, and the print recorded (archive + audit).

No Qt here: the GUI runs :meth:`DocumentDesk.build` and :meth:`DocumentDesk.record` off its
thread. A document is *provisional* (临时凭证 — 待联网确认) when its QR cannot be trusted yet: the
case's progress registration has not reached the platform, or a progress update of the case
already failed to reach it (offline, or a problem a person must look at). A status event that
was just queued and not yet tried does not count: online, the sync worker sends it within
moments, and marking every fresh decision provisional would teach clerks to ignore the mark.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from clerkapp.core.case import Case
from clerkapp.core.catalogue import Catalogue
from clerkapp.infra.documents import (
    DocumentKind,
    build_pdf,
    document_series,
)
from clerkapp.infra.documents.from_case import (
    DocumentSettings,
    document_data,
    kind_for,
    office_of,
)
from clerkapp.infra.store.documents import DocumentRecord
from clerkapp.infra.store.outbox import OutboxKind, OutboxState

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
        self._settings = settings
        self._clock = clock

    @classmethod
    def for_context(cls, context: Any) -> DocumentDesk:
        """The desk of an :class:`~clerkapp.app.context.AppContext` (*worker*: it may build
        the case service and parse the catalogue)."""
        settings = DocumentSettings(
            progress_base_url=context.settings.progress_base_url,
            service_centre=context.settings.official_display or "金华市行政服务中心",
            calendar=context.calendar,
        )
        return cls(context.case_service, lambda: context.catalogue, settings, context.clock)

    def kinds(self, case_id: str) -> list[DocumentKind]:
        """*worker* — the documents a case has: its decision, refusal notice, receipt,
        补正 notice or 不予受理决定书, the 补正 notice again once the case resumed, and the
        pledge letter when the applicant signed pledges. Empty while undecided or withdrawn."""
        case = self._service.get_case(case_id)
        try:
            kinds = [kind_for(case)]
        except Exception:  # undecided or withdrawn: nothing to print
            return []
        if case.corrections and DocumentKind.CORRECTION_NOTICE not in kinds:
            kinds.append(DocumentKind.CORRECTION_NOTICE)  # the 补正 notice stays reprintable
        if self._service.pledges_of(case_id):
            kinds.append(DocumentKind.PLEDGE)
        return kinds

    def build(self, case_id: str, kind: DocumentKind, clerk: str = "") -> BuiltDocument:
        """*worker* — build ``kind`` for the case: number claimed (the same on every reprint),
        next copy number, provisional while the platform has not confirmed the case."""
        case: Case = self._service.get_case(case_id)
        catalogue = self._catalogue()
        matter = catalogue.matters[case.matter_code]
        _, abbr = office_of(catalogue, matter)
        pledges = self._service.pledges_of(case_id) if kind is DocumentKind.PLEDGE else []
        issued = self._issued_on(case, kind, pledges)
        seq = self._service.next_document_number(
            document_series(abbr, kind), issued.year, case_id=case_id, kind=kind.value
        )
        printed = [d for d in self._service.documents_of(case_id) if d.kind == kind.value]
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
        )
        return BuiltDocument(
            case_id, kind, data.number, build_pdf(data), data.provisional, data.copy_number
        )

    def record(self, document: BuiltDocument, clerk: str) -> DocumentRecord:
        """*worker* — archive the printed (or saved) document and audit the print/reprint."""
        return self._service.record_document(
            document.case_id,
            document.kind.value,
            document.pdf,
            document.number,
            document.provisional,
            clerk,
        )

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
        return not registered or failing

    def _issued_on(self, case: Case, kind: DocumentKind, pledges: list[Any]) -> date:
        if kind is DocumentKind.PLEDGE and pledges:
            return datetime.fromisoformat(str(pledges[-1].signed_at)).date()
        if kind is DocumentKind.CORRECTION_NOTICE and case.corrections:
            return case.corrections[-1].requested_at.date()
        moment = case.decided_at or case.accepted_at or self._clock()
        return moment.date()
