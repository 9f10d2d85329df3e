"""作废 (void) and 更正 (correct) of an issued document — what is carried out once a supervisor
has approved (:mod:`clerkapp.app.approvals` decides who may approve, and how).

The rule (docs/CONTRACTS.md, "作废 and 更正"):

- Both concern the *paper*, never the act: the case keeps its state and decision. A decision
  that is wrong in substance is not voided but revoked (撤销, 行政许可法 Art. 69) — a procedure
  of its own, outside this application.
- 作废: the document was issued wrongly (a wrong word, the wrong paper). Its number is retired
  as ``voided`` and stays in the register with who asked, who approved and why; the case's next
  document of that kind is issued correctly under a new number.
- 更正: a clerical error in the document (the applicant's name after the identity check, a
  typo in a refusal reason) is corrected: the clerk enters the corrected values with a reason,
  the old number is retired as ``superseded`` and a new number is claimed at once for the
  corrected document, which names the one it replaces ("本决定书更正并取代 …").
- Either way the applicant's progress page (the old QR) shows it: a progress event states the
  case's status and that the document was voided or corrected (document numbers only — no name).

One transaction: register, case, audit and outbox, or nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from clerkapp.app import case_support as support
from clerkapp.core.case import Case
from clerkapp.core.contact import check_contact
from clerkapp.core.identity import CheckState, IdentityOutcome, outcome_of
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import ValidationError
from clerkapp.infra.documents import DocumentKind
from clerkapp.infra.documents.wording import document_title
from clerkapp.infra.store.documents import NumberState, RegisterEntry, format_number


class DocumentAction(StrEnum):
    """What may be done to an issued document, with a supervisor's approval."""

    VOID = "void"
    CORRECT = "correct"

    @property
    def label_zh(self) -> str:
        """作废 / 更正."""
        return (
            QT_TRANSLATE_NOOP("DocumentActs", "作废")
            if self is DocumentAction.VOID
            else QT_TRANSLATE_NOOP("DocumentActs", "更正")
        )


# What a 更正 may change (field → what the clerk reads), and on which documents it is printed.
CORRECTABLE_FIELDS = {
    "applicant_name": QT_TRANSLATE_NOOP("DocumentActs", "申请人姓名（名称）"),
    "decision_reason": QT_TRANSLATE_NOOP("DocumentActs", "不予的理由"),
}
CORRECTABLE_FIELDS["phone"] = QT_TRANSLATE_NOOP(
    "DocumentActs", "联系电话"
)  # issue 9: a decided case's phone
_FIELD_KINDS = {
    "applicant_name": {DocumentKind.DECISION, DocumentKind.REFUSAL, DocumentKind.RECEIPT},
    "decision_reason": {DocumentKind.REFUSAL},
    "phone": {DocumentKind.DECISION, DocumentKind.REFUSAL, DocumentKind.RECEIPT},
}
MAX_TEXT = 500


@dataclass(frozen=True)
class ActRequest:
    """A clerk's request to void or correct one issued document of a case."""

    case_id: str
    document_number: str
    action: DocumentAction
    reason: str
    requested_by: str
    changes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ActOutcome:
    """What was done: the retired number and, for a correction, the corrected document's."""

    case_id: str
    action: DocumentAction
    kind: str
    retired_number: str
    new_number: str | None
    approved_by: str


class DocumentActs:
    """Checks and carries out voids and corrections through a case service."""

    def __init__(self, service: Any) -> None:
        self._service = service

    @property
    def store(self) -> Any:
        """The case service's store."""
        return self._service.store

    def issued(self, case_id: str) -> list[RegisterEntry]:
        """The case's issued numbers (current and retired), in issuing order."""
        return [e for e in self.store.documents.register(case_id) if e.issued]

    def check(self, request: ActRequest) -> RegisterEntry:
        """The register entry the request concerns, if it may be asked for at all: an issued,
        current document of the case, a reason, and for a correction at least one real change
        of a field that document prints. Raises ValidationError (Chinese message)."""
        entry = self.store.documents.entry(request.case_id, request.document_number)
        if entry is None or not entry.issued:
            raise ValidationError(
                "document not issued",
                user_message=(
                    QT_TRANSLATE_NOOP(
                        "DocumentActs", "文书 {document_number} 尚未出具，无需{action}"
                    ).format(
                        document_number=request.document_number, action=request.action.label_zh
                    )
                ),
            )
        if entry.state is not NumberState.CURRENT:
            done = (
                QT_TRANSLATE_NOOP("DocumentActs", "作废")
                if entry.state is NumberState.VOIDED
                else QT_TRANSLATE_NOOP("DocumentActs", "更正")
            )
            raise ValidationError(
                "document already retired",
                user_message=QT_TRANSLATE_NOOP(
                    "DocumentActs", "文书 {number} 已{done}，不能再次作废或更正"
                ).format(number=entry.number, done=done),
            )
        reason = request.reason.strip()
        if not reason:
            raise ValidationError(
                "reason missing",
                user_message=QT_TRANSLATE_NOOP("DocumentActs", "请填写{action}原因").format(
                    action=request.action.label_zh
                ),
            )
        if len(reason) > MAX_TEXT:
            raise ValidationError(
                "reason too long",
                user_message=QT_TRANSLATE_NOOP("DocumentActs", "原因过长（最多 500 字）"),
            )
        if request.action is DocumentAction.CORRECT:
            self._check_changes(request, entry)
        elif request.changes:
            raise ValidationError(
                "changes on a void",
                user_message=QT_TRANSLATE_NOOP("DocumentActs", "作废不修改文书内容"),
            )
        return entry

    def _check_changes(self, request: ActRequest, entry: RegisterEntry) -> None:
        kind = DocumentKind(entry.kind)
        if kind is DocumentKind.PLEDGE:
            raise ValidationError(
                "pledge letters are not corrected",
                user_message=QT_TRANSLATE_NOOP(
                    "DocumentActs",
                    "告知承诺书由申请人本人签署，不能更正；如有错误请作废后由申请人重新签署",
                ),
            )
        case = self._service.get_case(request.case_id)
        current = {"applicant_name": case.applicant_name, "decision_reason": case.decision_reason}
        current["phone"] = case.contact.phone
        changed = {k: v.strip() for k, v in request.changes.items()}
        for name, value in changed.items():
            label = CORRECTABLE_FIELDS.get(name)
            if label is None or kind not in _FIELD_KINDS[name]:
                raise ValidationError(
                    f"field {name} not correctable on {kind}",
                    user_message=QT_TRANSLATE_NOOP(
                        "DocumentActs", "{title_zh}上没有可更正的“{value}”"
                    ).format(title_zh=kind.title_zh, value=label or name),
                )
            if not value:
                raise ValidationError(
                    "empty correction",
                    user_message=QT_TRANSLATE_NOOP("DocumentActs", "请填写更正后的{label}").format(
                        label=label
                    ),
                )
            if len(value) > MAX_TEXT:
                raise ValidationError(
                    "correction too long",
                    user_message=QT_TRANSLATE_NOOP("DocumentActs", "{label}过长").format(
                        label=label
                    ),
                )
        if "phone" in changed:
            changed["phone"] = _corrected_phone(case, changed["phone"])
        if not any(v != (current[k] or "") for k, v in changed.items()):
            raise ValidationError(
                "nothing changed",
                user_message=QT_TRANSLATE_NOOP(
                    "DocumentActs", "请填写更正后的内容（与原文书相同，无需更正）"
                ),
            )
        new_name = changed.get("applicant_name", case.applicant_name)
        if new_name != case.applicant_name:
            _check_against_registry(case, new_name)
        if new_name != case.applicant_name:
            # Every paper prints the name: a reprint of another issued document would silently
            # carry the new name under its old number. It is voided (or corrected) first.
            others = [
                e.number
                for e in self.store.documents.register(request.case_id)
                if e.issued and e.state is NumberState.CURRENT and e.number != entry.number
            ]
            if others:
                raise ValidationError(
                    "other issued documents print the name",
                    user_message=(
                        QT_TRANSLATE_NOOP(
                            "DocumentActs",
                            "本办件另有已出具的文书 {names} 印有申请人姓名，"
                            "请先将其作废（或更正）后再更正本文书",
                        ).format(names="、".join(others))
                    ),
                )

        if changed.get("phone", case.contact.phone) != case.contact.phone:
            # the receipt, decision and refusal print the phone: one corrected at a time
            others = [
                e.number
                for e in self.store.documents.register(request.case_id)
                if e.issued
                and e.state is NumberState.CURRENT
                and e.number != entry.number
                and DocumentKind(e.kind) in _FIELD_KINDS["phone"]
            ]
            if others:
                raise ValidationError(
                    "other issued documents print the phone",
                    user_message=(
                        f"本办件另有已出具的文书 {'、'.join(others)} 印有联系电话，"
                        "请先将其作废（或更正）后再更正本文书"
                    ),
                )

    def carry_out(self, request: ActRequest, approved_by: str) -> ActOutcome:
        """Void or correct the document (one transaction, joining the caller's): the register
        entry retired, the case corrected, a corrected document's number claimed, the audit
        entry and the progress event queued."""
        service = self._service
        with self.store.atomic():
            entry = self.check(request)
            now: datetime = service.clock()
            case = service.get_case(request.case_id)
            kind = DocumentKind(entry.kind)
            reason = request.reason.strip()
            void = request.action is DocumentAction.VOID
            state = NumberState.VOIDED if void else NumberState.SUPERSEDED
            self.store.documents.retire(
                entry,
                state,
                at=now,
                by=request.requested_by,
                approved_by=approved_by,
                reason=support.redact(reason),
            )
            new_number = None
            if not void:
                changes = {k: v.strip() for k, v in request.changes.items()}
                if "applicant_name" in changes:
                    # the registered name was checked in check(); an earlier override of a
                    # mismatch no longer applies to the corrected name
                    case.identity = replace(
                        case.identity, override_reason="", overridden_by="", overridden_at=None
                    )
                    case.applicant_name = changes["applicant_name"]
                    self.store.cases.rename_applicant(case.id, case.applicant_name)
                if "decision_reason" in changes:
                    case.decision_reason = changes["decision_reason"]
                if "phone" in changes:
                    phone = _corrected_phone(case, changes["phone"])
                    case.contact = replace(case.contact, phone=phone)
                service.store.cases.save(case, now=now)
                seq = self.store.documents.claim_number(
                    entry.series, entry.year, case.id, entry.kind, replaces=entry.number
                )
                new_number = format_number(entry.series, entry.year, seq)
                self.store.documents.set_replaced_by(entry, new_number)
            self.store.audit.append(
                "document_voided" if void else "document_corrected",
                at=now,
                actor=request.requested_by,
                workstation=service.workstation or None,
                case_id=case.id,
                data=support.redact(
                    {
                        "kind": entry.kind,
                        "number": entry.number,
                        "new_number": new_number,
                        "reason": reason,
                        "approved_by": approved_by,
                        # which fields, never their values (a name is personal data)
                        "fields": sorted(request.changes) if not void else [],
                    }
                ),
            )
            matter = service.catalogue.matters.get(case.matter_code)
            # the title the paper bears (给付决定书, …), as the applicant knows it
            title = document_title(kind, matter) if matter is not None else kind.title_zh
            state_words = case.state.label_for(matter.procedure if matter else None)
            if void:
                label = QT_TRANSLATE_NOOP(
                    "DocumentActs",
                    "{state_words}（原{title} {number} 已作废，以重新出具的文书为准）",
                ).format(state_words=state_words, title=title, number=entry.number)
            else:
                label = QT_TRANSLATE_NOOP(
                    "DocumentActs", "{state_words}（{title} {number} 已更正，以 {new_number} 为准）"
                ).format(
                    state_words=state_words, title=title, number=entry.number, new_number=new_number
                )
            service.progress_notice(
                case, request.requested_by, now, f"document_{state.value}", label
            )
        return ActOutcome(
            case.id, request.action, entry.kind, entry.number, new_number, approved_by
        )


def _check_against_registry(case: Case, name: str) -> None:
    """A name is corrected to what the registry says, never away from it: once the population
    or market registry answered, the corrected name must be the registered one (the identity
    check's comparison). A case never checked (stored before the check) is not held back."""
    check = case.identity
    if check.state is not CheckState.ANSWERED or not check.registered_name:
        return
    if outcome_of(check, case.applicant_kind, name) is not IdentityOutcome.MATCHED:
        raise ValidationError(
            "corrected name differs from the registry",
            user_message=(
                QT_TRANSLATE_NOOP(
                    "DocumentActs",
                    "更正后的名称“{name}”与登记的“{registered_name}”不一致，不能更正为登记以外的名称；请核对证件",
                ).format(name=name, registered_name=check.registered_name)
            ),
        )


def _corrected_phone(case: Case, text: str) -> str:
    """The corrected phone, normalised and checked against the case's 送达方式 as at opening."""
    try:
        return check_contact(text, case.contact.address, case.contact.delivery).phone
    except ValidationError as exc:
        raise ValidationError(
            "corrected phone invalid",
            user_message=QT_TRANSLATE_NOOP("DocumentActs", "更正后的联系电话：{message}").format(
                message=exc.user_message
            ),
        ) from None
