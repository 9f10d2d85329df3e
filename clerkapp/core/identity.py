"""The applicant's identity cross-check (身份核对): the name typed at the counter against the
population registry (a person: ``population.basic`` by ID number — name, alive) or the market
registry (a business: ``business.licence`` by credit code — registered name, status).

A case opened through the case service asks the registry at once (through the outbox, like a
look-up); until the answer is in, and while the answer shows a problem nobody has resolved, the
case cannot be decided and nothing of it can be printed. The rules:

- names are compared after a careful normalisation (:mod:`clerkapp.core.identity_names`);
  traditional and simplified characters are *not* folded — a registered name may use either,
  and an official act carries the registered form;
- outcomes (:class:`IdentityOutcome`): not checked (a case opened before the check existed),
  pending, queued (offline), failed (the platform refused; ask again), matched, mismatch, not
  found, deceased (person), deregistered (business 注销/吊销 or another non-active status);
- a mismatch or not-found is resolved by correcting the typed name (re-compared at once with the
  registered name), by adopting the registered name (business only), or by an explicit,
  reasoned override (audited: who, when, why); a deceased or deregistered applicant blocks
  approval and acceptance for good (a refusal may still be decided: it does not grant anything);
- every change is a :class:`~clerkapp.core.case_types.CaseEvent` whose data never holds a name.

:class:`IdentityEvents` is mixed into :class:`~clerkapp.core.case.Case`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from clerkapp.core.case_types import CaseState, Decision, EventKind, datetime_or_none, iso_or_none
from clerkapp.core.catalogue import ApplicantKind
from clerkapp.core.identity_names import same_business_name, same_person_name
from clerkapp.core.platform_types import LookupAnswer
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import InvalidTransition

#: The pseudo proof code under which the identity look-up travels through the outbox and the
#: look-up fan-out (no catalogue proof code starts with "@").
IDENTITY_CHECK = "@identity"

#: What is asked, per applicant kind: (information item, fields). Only what the check needs.
IDENTITY_ITEMS = {
    ApplicantKind.PERSON: ("population.basic", ("name", "alive")),
    # the 法定代表人 too: a company's legal representative at the counter is checked against it
    ApplicantKind.BUSINESS: ("business.licence", ("name", "status", "legal_representative")),
}

#: Business statuses under which a company may act (存续; some registries say 在业 / 开业).
ACTIVE_BUSINESS = frozenset({"存续", "在业", "开业"})


class CheckState(StrEnum):
    """Where the registry question stands."""

    NOT_CHECKED = "not_checked"  # a case opened before the identity check existed
    PENDING = "pending"  # asked, no answer yet
    QUEUED = "queued"  # the platform cannot be reached: waits in the outbox
    FAILED = "failed"  # the platform refused the question: ask again
    ANSWERED = "answered"


class IdentityOutcome(StrEnum):
    """What the check says now (derived from the answer and the name on the case)."""

    NOT_CHECKED = "not_checked"
    PENDING = "pending"
    QUEUED = "queued"
    FAILED = "failed"
    MATCHED = "matched"
    MISMATCH = "mismatch"
    NOT_FOUND = "not_found"
    DECEASED = "deceased"
    DEREGISTERED = "deregistered"

    @property
    def waiting(self) -> bool:
        """No usable answer yet."""
        return self in _WAITING

    @property
    def overridable(self) -> bool:
        """A finding the clerk may go on past with a reason (the card was checked by hand)."""
        return self in (IdentityOutcome.MISMATCH, IdentityOutcome.NOT_FOUND)

    @property
    def hard(self) -> bool:
        """A finding nothing at the counter resolves: no approval, no acceptance."""
        return self in (IdentityOutcome.DECEASED, IdentityOutcome.DEREGISTERED)


_WAITING = frozenset(
    {
        IdentityOutcome.NOT_CHECKED,
        IdentityOutcome.PENDING,
        IdentityOutcome.QUEUED,
        IdentityOutcome.FAILED,
    }
)


@dataclass(frozen=True)
class IdentityCheck:
    """The registry's answer about the applicant, as kept in the case. ``registered_name`` is
    personal data (kept with the case like the typed name; out of repr, never audited)."""

    state: CheckState = CheckState.NOT_CHECKED
    found: bool = False
    registered_name: str = field(default="", repr=False)
    registry_status: str = ""  # person: "alive" / "deceased"; business: 存续 / 注销 / 吊销 …
    # business: the 法定代表人 the market registry names (issue 9; personal data like the name)
    registered_representative: str = field(default="", repr=False)
    source: str = ""  # the registry, e.g. 公安户籍
    as_of: str | None = None
    receipt_id: str | None = None
    checked_at: str | None = None
    error: str = ""  # why the platform refused the last question
    override_reason: str = field(default="", repr=False)  # free text: may name people
    overridden_by: str = ""
    overridden_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form."""
        return {
            "state": self.state.value,
            "found": self.found,
            "registered_name": self.registered_name,
            "registry_status": self.registry_status,
            "registered_representative": self.registered_representative,
            "source": self.source,
            "as_of": self.as_of,
            "receipt_id": self.receipt_id,
            "checked_at": self.checked_at,
            "error": self.error,
            "override_reason": self.override_reason,
            "overridden_by": self.overridden_by,
            "overridden_at": self.overridden_at,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> IdentityCheck:
        """Inverse of :meth:`to_dict`; a case stored before the check existed (no data) is
        *not checked*."""
        if not data:
            return cls()
        return cls(
            state=CheckState(data.get("state", CheckState.NOT_CHECKED.value)),
            found=bool(data.get("found")),
            registered_name=str(data.get("registered_name") or ""),
            registry_status=str(data.get("registry_status") or ""),
            registered_representative=str(data.get("registered_representative") or ""),
            source=str(data.get("source") or ""),
            as_of=data.get("as_of"),
            receipt_id=data.get("receipt_id"),
            checked_at=data.get("checked_at"),
            error=str(data.get("error") or ""),
            override_reason=str(data.get("override_reason") or ""),
            overridden_by=str(data.get("overridden_by") or ""),
            overridden_at=data.get("overridden_at"),
        )

    @property
    def overridden(self) -> bool:
        """Whether a clerk went on past the finding with a reason."""
        return bool(self.override_reason)

    @property
    def overridden_when(self) -> datetime | None:
        """When the override was given."""
        return datetime_or_none(self.overridden_at)


def outcome_of(check: IdentityCheck, kind: ApplicantKind, typed_name: str) -> IdentityOutcome:
    """What ``check`` says about ``typed_name`` now: a corrected name is compared again with the
    registered one, no new question needed."""
    if check.state is not CheckState.ANSWERED:
        return IdentityOutcome(check.state.value)
    if not check.found:
        return IdentityOutcome.NOT_FOUND
    if kind is ApplicantKind.PERSON:
        if check.registry_status == "deceased":
            return IdentityOutcome.DECEASED
        same = same_person_name(typed_name, check.registered_name)
    else:
        if check.registry_status not in ACTIVE_BUSINESS:
            return IdentityOutcome.DEREGISTERED
        same = same_business_name(typed_name, check.registered_name)
    return IdentityOutcome.MATCHED if same else IdentityOutcome.MISMATCH


def _registry_words(kind: ApplicantKind) -> tuple[str, str]:
    if kind is ApplicantKind.PERSON:
        return QT_TRANSLATE_NOOP("Identity", "申请人姓名"), QT_TRANSLATE_NOOP(
            "Identity", "户籍登记"
        )
    return QT_TRANSLATE_NOOP("Identity", "企业名称"), QT_TRANSLATE_NOOP("Identity", "市场主体登记")


def finding_text(check: IdentityCheck, kind: ApplicantKind, typed_name: str) -> str:
    """The check in the clerk's words (Chinese), e.g.
    "申请人姓名与户籍登记不一致：填写 王方，登记 王芳"."""
    outcome = outcome_of(check, kind, typed_name)
    what, registry = _registry_words(kind)
    person = kind is ApplicantKind.PERSON
    texts = {
        IdentityOutcome.NOT_CHECKED: QT_TRANSLATE_NOOP(
            "Identity",
            "申请人身份尚未核对（办件建立于身份核对启用之前），打开办件时自动核对，核对前不能作出决定",
        ),
        IdentityOutcome.PENDING: QT_TRANSLATE_NOOP(
            "Identity", "正在核对申请人身份…核对前不能作出决定"
        ),
        IdentityOutcome.QUEUED: QT_TRANSLATE_NOOP(
            "Identity", "身份核对已排队，平台恢复后自动核对，核对前不能作出决定"
        ),
        IdentityOutcome.FAILED: QT_TRANSLATE_NOOP(
            "Identity", "身份核对未完成（{value}），请重新核对，核对前不能作出决定"
        ).format(value=check.error or QT_TRANSLATE_NOOP("Identity", "平台拒绝了查询")),
        IdentityOutcome.MATCHED: QT_TRANSLATE_NOOP(
            "Identity", "{what}与{registry}一致：{registered_name}"
        ).format(what=what, registry=registry, registered_name=check.registered_name),
        IdentityOutcome.MISMATCH: QT_TRANSLATE_NOOP(
            "Identity", "{what}与{registry}不一致：填写 {typed_name}，登记 {registered_name}"
        ).format(
            what=what,
            registry=registry,
            typed_name=typed_name,
            registered_name=check.registered_name,
        ),
        IdentityOutcome.NOT_FOUND: (
            QT_TRANSLATE_NOOP("Identity", "户籍登记中查无此公民身份号码，请核对证件")
            if person
            else QT_TRANSLATE_NOOP(
                "Identity", "市场主体登记中查无此统一社会信用代码，请核对营业执照"
            )
        ),
        IdentityOutcome.DECEASED: QT_TRANSLATE_NOOP(
            "Identity", "户籍登记显示该公民已死亡，不能以其名义作出准予或受理决定"
        ),
        IdentityOutcome.DEREGISTERED: QT_TRANSLATE_NOOP(
            "Identity", "市场主体登记状态为“{value}”，不能以该企业名义作出准予或受理决定"
        ).format(value=check.registry_status or QT_TRANSLATE_NOOP("Identity", "未知")),
    }
    return texts[outcome]


def decision_block(
    check: IdentityCheck, kind: ApplicantKind, typed_name: str, decision: Decision
) -> str | None:
    """Why ``decision`` may not be taken because of the identity check (Chinese), or None."""
    outcome = outcome_of(check, kind, typed_name)
    if outcome.waiting:
        return finding_text(check, kind, typed_name)
    if outcome.overridable and not check.overridden:
        return QT_TRANSLATE_NOOP("Identity", "{finding}；请改正名称或说明理由后继续").format(
            finding=finding_text(check, kind, typed_name)
        )
    if outcome.hard and decision is not Decision.REFUSE:
        return finding_text(check, kind, typed_name)
    return None


def print_block(check: IdentityCheck, kind: ApplicantKind, typed_name: str) -> str | None:
    """Why no document of the case may be printed (an unresolved name finding), or None. A case
    opened before the check existed prints as before."""
    outcome = outcome_of(check, kind, typed_name)
    if outcome.overridable and not check.overridden:
        return QT_TRANSLATE_NOOP("Identity", "无法打印：{finding}").format(
            finding=finding_text(check, kind, typed_name)
        )
    return None


def _deny(message: str) -> InvalidTransition:
    return InvalidTransition(message, user_message=message)


class IdentityEvents:
    """The identity events of a :class:`~clerkapp.core.case.Case` (mixed in)."""

    if TYPE_CHECKING:
        identity: IdentityCheck
        applicant_kind: ApplicantKind
        applicant_name: str
        state: CaseState

        def _emit(self, kind: EventKind, code: str | None, now: datetime, **data: Any) -> None:
            """Record an event (Case)."""

    @property
    def identity_outcome(self) -> IdentityOutcome:
        """What the identity check says about the name on the case now."""
        return outcome_of(self.identity, self.applicant_kind, self.applicant_name)

    def identity_text(self) -> str:
        """The identity check in the clerk's words."""
        return finding_text(self.identity, self.applicant_kind, self.applicant_name)

    def identity_block(self, decision: Decision = Decision.APPROVE) -> str | None:
        """Why ``decision`` may not be taken because of the identity check, or None."""
        return decision_block(self.identity, self.applicant_kind, self.applicant_name, decision)

    def identity_print_block(self) -> str | None:
        """Why nothing of the case may be printed because of the identity check, or None."""
        return print_block(self.identity, self.applicant_kind, self.applicant_name)

    def needs_identity_question(self) -> bool:
        """Whether the registry must be asked (again): not asked yet, or refused last time."""
        return not self.state.final and self.identity.state in (
            CheckState.NOT_CHECKED,
            CheckState.FAILED,
        )

    def awaits_identity_answer(self) -> bool:
        """Whether an answer to the identity question is awaited."""
        return not self.state.final and self.identity.state in (
            CheckState.PENDING,
            CheckState.QUEUED,
        )

    # ---- events --------------------------------------------------------------------------------

    def request_identity_check(self, now: datetime) -> None:
        """The registry is asked about the applicant (→ pending)."""
        self._require_undecided()
        self.identity = IdentityCheck(state=CheckState.PENDING)
        self._emit(EventKind.IDENTITY_REQUESTED, None, now)

    def identity_queued(self, now: datetime) -> None:
        """The platform cannot be reached: the question waits in the outbox (→ queued)."""
        if self.identity.state is CheckState.PENDING:
            self.identity = replace(self.identity, state=CheckState.QUEUED)
            self._emit(EventKind.IDENTITY_QUEUED, None, now)

    def identity_failed(self, error: str, now: datetime) -> None:
        """The platform refused the question (→ failed; ask again)."""
        if self.awaits_identity_answer():
            self.identity = replace(self.identity, state=CheckState.FAILED, error=error)
            self._emit(EventKind.IDENTITY_FAILED, None, now, error=error)

    def identity_answered(self, answer: LookupAnswer, now: datetime) -> None:
        """The registry answered: keep its name and status, and compare."""
        if not self.awaits_identity_answer():
            return  # a late or duplicate answer
        record = answer.record or {}
        if self.applicant_kind is ApplicantKind.PERSON:
            status = "deceased" if record.get("alive") is False else "alive"
        else:
            status = str(record.get("status") or "")
        p = answer.provenance
        self.identity = IdentityCheck(
            state=CheckState.ANSWERED,
            found=bool(answer.found and record),
            registered_name=str(record.get("name") or ""),
            registry_status=status if answer.found else "",
            registered_representative=str(record.get("legal_representative") or ""),
            source=p.registry,
            as_of=p.as_of,
            receipt_id=p.receipt_id,
            checked_at=now.isoformat(),
        )
        outcome = self.identity_outcome
        self._emit(
            EventKind.IDENTITY_CHECKED, None, now, outcome=outcome.value, receipt=p.receipt_id
        )

    def correct_applicant_name(self, name: str, now: datetime) -> None:
        """改正姓名: the clerk corrects the typed name before any decision; compared again with
        the registered name at once. An earlier override no longer applies."""
        self._require_undecided()
        name = name.strip()
        if not name:
            raise _deny(QT_TRANSLATE_NOOP("Identity", "请填写改正后的名称"))
        if name == self.applicant_name:
            raise _deny(QT_TRANSLATE_NOOP("Identity", "名称没有改变"))
        self.applicant_name = name
        self.identity = replace(
            self.identity, override_reason="", overridden_by="", overridden_at=None
        )
        self._emit(
            EventKind.APPLICANT_NAME_CORRECTED, None, now, outcome=self.identity_outcome.value
        )

    def adopt_registered_name(self, now: datetime) -> None:
        """采用登记名称: a business takes its registered name from the market registry."""
        self._require_undecided()
        if self.applicant_kind is not ApplicantKind.BUSINESS:
            raise _deny(
                QT_TRANSLATE_NOOP("Identity", "只有企业可以采用登记名称；个人姓名请核对证件后改正")
            )
        check = self.identity
        if check.state is not CheckState.ANSWERED or not check.registered_name:
            raise _deny(QT_TRANSLATE_NOOP("Identity", "尚无市场主体登记名称可采用"))
        if self.applicant_name == check.registered_name:
            raise _deny(QT_TRANSLATE_NOOP("Identity", "企业名称已与登记名称一致"))
        self.applicant_name = check.registered_name
        self.identity = replace(check, override_reason="", overridden_by="", overridden_at=None)
        self._emit(EventKind.NAME_ADOPTED, None, now, outcome=self.identity_outcome.value)

    def override_identity(self, reason: str, clerk: str, now: datetime) -> None:
        """说明理由后继续: go on past a mismatch or not-found with a reason (audited)."""
        self._require_undecided()
        outcome = self.identity_outcome
        if not outcome.overridable:
            if outcome.hard:
                raise _deny(self.identity_text())
            raise _deny(QT_TRANSLATE_NOOP("Identity", "身份核对没有需要说明理由的问题"))
        reason = reason.strip()
        if not reason:
            raise _deny(QT_TRANSLATE_NOOP("Identity", "请填写继续办理的理由"))
        self.identity = replace(
            self.identity,
            override_reason=reason,
            overridden_by=clerk,
            overridden_at=iso_or_none(now),
        )
        self._emit(EventKind.IDENTITY_OVERRIDDEN, None, now, outcome=outcome.value, reason=reason)

    def _require_undecided(self) -> None:
        if self.state.final:
            message = QT_TRANSLATE_NOOP("Identity", "办件{state}，不能再更改申请人身份核对").format(
                state=self.state.label_zh
            )
            raise _deny(message)

    def _require_identity(self, decision: Decision) -> None:
        block = self.identity_block(decision)
        if block is not None:
            raise _deny(block)
