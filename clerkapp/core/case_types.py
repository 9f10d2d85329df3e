"""Value types of the case state machine (:mod:`clerkapp.core.case`): states, decisions,
evidence, proof resolutions and case events. Import them from :mod:`clerkapp.core.case`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from clerkapp.core.catalogue import ApplicantKind, Matter, Method, ProcedureKind, ProofItem
from clerkapp.core.idnumber import mask_id_number
from clerkapp.core.platform_types import LookupAnswer, VerificationStatus
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import ValidationError


class CaseState(StrEnum):
    """Life of a case: open → accepted (受理, waiting for a department) → approved / refused;
    withdrawn from open or accepted; open → awaiting_correction (补正: the applicant was told
    once, in writing, everything missing; the case waits and resumes when they return) → open;
    open → not_accepted (不予受理)."""

    OPEN = "open"
    ACCEPTED = "accepted"
    APPROVED = "approved"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    AWAITING_CORRECTION = "awaiting_correction"
    NOT_ACCEPTED = "not_accepted"

    @property
    def label_zh(self) -> str:
        """The state as the clerk reads it."""
        return _CASE_LABELS[self]

    def label_for(self, kind: ProcedureKind | None) -> str:
        """The state in the words of the matter's kind of act: 已办结（给付） / 已办结（不予给付）
        for a 行政给付, 已办结（准予许可） for a licence; ``None`` (no matter known): the
        neutral 已办结（予以办理）."""
        if self is CaseState.APPROVED:
            return QT_TRANSLATE_NOOP("CaseTypes", "已办结（{label_for}）").format(
                label_for=Decision.APPROVE.label_for(kind)
            )
        if self is CaseState.REFUSED:
            return QT_TRANSLATE_NOOP("CaseTypes", "已办结（{label_for}）").format(
                label_for=Decision.REFUSE.label_for(kind)
            )
        return self.label_zh

    @property
    def final(self) -> bool:
        """Decided or withdrawn: nothing changes any more."""
        return self in (
            CaseState.APPROVED,
            CaseState.REFUSED,
            CaseState.WITHDRAWN,
            CaseState.NOT_ACCEPTED,
        )


_CASE_LABELS = {
    CaseState.OPEN: QT_TRANSLATE_NOOP("CaseTypes", "办理中"),
    CaseState.ACCEPTED: QT_TRANSLATE_NOOP("CaseTypes", "已受理"),
    CaseState.APPROVED: QT_TRANSLATE_NOOP("CaseTypes", "已办结（准予许可）"),
    CaseState.REFUSED: QT_TRANSLATE_NOOP("CaseTypes", "已办结（不予许可）"),
    CaseState.WITHDRAWN: QT_TRANSLATE_NOOP("CaseTypes", "已撤回"),
    CaseState.AWAITING_CORRECTION: QT_TRANSLATE_NOOP("CaseTypes", "待补正"),
    CaseState.NOT_ACCEPTED: QT_TRANSLATE_NOOP("CaseTypes", "不予受理"),
}


class ProofState(StrEnum):
    """Where one proof of a case stands."""

    PENDING = "pending"  # nothing done yet, or the last attempt failed (see ``error``)
    IN_FLIGHT = "in_flight"  # look-up sent, answer awaited
    QUEUED = "queued"  # look-up waiting in the outbox (offline)
    SATISFIED = "satisfied"  # look-up answered and the rule holds
    NOT_SATISFIED = "not_satisfied"  # look-up answered and the rule fails
    PLEDGED = "pledged"  # the applicant signed the pledge
    AWAITING_DEPT = "awaiting_dept"  # verification request sent to the department
    CONFIRMED = "confirmed"  # the department confirmed
    DENIED = "denied"  # the department denied
    WAIVED = "waived"  # dropped by the reform: not needed
    PAPER_CHECKED = "paper_checked"  # paper proof handed in, checked at the counter (fallback)

    @property
    def label_zh(self) -> str:
        """The state as shown on the proofs board."""
        return _PROOF_LABELS[self]

    @property
    def satisfying(self) -> bool:
        """Whether the proof counts as provided."""
        return self in SATISFYING

    @property
    def tone(self) -> str:
        """Presentation class shared by the GUI and documents: ok (green ✔), busy (blue ⟳),
        wait (amber ◷), fail (red ✖), none (grey —) or todo (nothing yet)."""
        return _PROOF_TONES[self]


SATISFYING = frozenset(
    {
        ProofState.SATISFIED,
        ProofState.PLEDGED,
        ProofState.CONFIRMED,
        ProofState.WAIVED,
        ProofState.PAPER_CHECKED,
    }
)
FAILED = frozenset({ProofState.NOT_SATISFIED, ProofState.DENIED})
WAITING = frozenset({ProofState.AWAITING_DEPT, ProofState.QUEUED})

_PROOF_LABELS = {
    ProofState.PENDING: QT_TRANSLATE_NOOP("CaseTypes", "待办理"),
    ProofState.IN_FLIGHT: QT_TRANSLATE_NOOP("CaseTypes", "查询中…"),
    ProofState.QUEUED: QT_TRANSLATE_NOOP("CaseTypes", "已排队"),
    ProofState.SATISFIED: QT_TRANSLATE_NOOP("CaseTypes", "已查询"),
    ProofState.NOT_SATISFIED: QT_TRANSLATE_NOOP("CaseTypes", "未通过"),
    ProofState.PLEDGED: QT_TRANSLATE_NOOP("CaseTypes", "已承诺"),
    ProofState.AWAITING_DEPT: QT_TRANSLATE_NOOP("CaseTypes", "待核验"),
    ProofState.CONFIRMED: QT_TRANSLATE_NOOP("CaseTypes", "已核验"),
    ProofState.DENIED: QT_TRANSLATE_NOOP("CaseTypes", "核验未通过"),
    ProofState.WAIVED: QT_TRANSLATE_NOOP("CaseTypes", "无需提供"),
    ProofState.PAPER_CHECKED: QT_TRANSLATE_NOOP("CaseTypes", "纸质证明已核验"),
}
_PROOF_TONES = {
    ProofState.PENDING: "todo",
    ProofState.IN_FLIGHT: "busy",
    ProofState.QUEUED: "wait",
    ProofState.SATISFIED: "ok",
    ProofState.NOT_SATISFIED: "fail",
    ProofState.PLEDGED: "ok",
    ProofState.AWAITING_DEPT: "wait",
    ProofState.CONFIRMED: "ok",
    ProofState.DENIED: "fail",
    ProofState.WAIVED: "none",
    ProofState.PAPER_CHECKED: "ok",
}


class Decision(StrEnum):
    """What the clerk decides (or the machine recommends)."""

    APPROVE = "approve"
    REFUSE = "refuse"
    ACCEPT = "accept"  # 受理: take the case in, decide when the departments answer
    INCOMPLETE = "incomplete"  # recommendation only: proofs still missing

    @property
    def label_zh(self) -> str:
        """The decision in the clerk's words."""
        return _DECISION_LABELS[self]

    def label_for(self, kind: ProcedureKind | None) -> str:
        """The decision in the words of the matter's kind of act (the short words of
        :func:`clerkapp.infra.documents.wording.act_wording`): 准予许可 / 不予许可 for a licence,
        给付 / 不予给付 for a 行政给付, 予以确认 / 不予确认, 予以办理 / 不予办理; ``None`` (no
        matter known) gives the neutral 予以办理 / 不予办理. ``label_zh`` stays the licence's."""
        words = ACT_LABELS[kind or ProcedureKind.OTHER]
        if self is Decision.APPROVE:
            return words[0]
        if self is Decision.REFUSE:
            return words[1]
        return self.label_zh


#: The short words of a decision and a refusal by kind of act (the clerk's buttons, the case
#: list, the progress page); the documents' ``ActWording`` labels say the same.
ACT_LABELS: dict[ProcedureKind, tuple[str, str]] = {
    ProcedureKind.LICENCE: (
        QT_TRANSLATE_NOOP("CaseTypes", "准予许可"),
        QT_TRANSLATE_NOOP("CaseTypes", "不予许可"),
    ),
    ProcedureKind.BENEFIT: (
        QT_TRANSLATE_NOOP("CaseTypes", "给付"),
        QT_TRANSLATE_NOOP("CaseTypes", "不予给付"),
    ),
    ProcedureKind.CONFIRMATION: (
        QT_TRANSLATE_NOOP("CaseTypes", "予以确认"),
        QT_TRANSLATE_NOOP("CaseTypes", "不予确认"),
    ),
    ProcedureKind.PUBLIC_SERVICE: (
        QT_TRANSLATE_NOOP("CaseTypes", "予以办理"),
        QT_TRANSLATE_NOOP("CaseTypes", "不予办理"),
    ),
    ProcedureKind.OTHER: (
        QT_TRANSLATE_NOOP("CaseTypes", "予以办理"),
        QT_TRANSLATE_NOOP("CaseTypes", "不予办理"),
    ),
}

_DECISION_LABELS = {
    Decision.APPROVE: QT_TRANSLATE_NOOP("CaseTypes", "准予许可"),
    Decision.REFUSE: QT_TRANSLATE_NOOP("CaseTypes", "不予许可"),
    Decision.ACCEPT: QT_TRANSLATE_NOOP("CaseTypes", "受理"),
    Decision.INCOMPLETE: QT_TRANSLATE_NOOP("CaseTypes", "材料未齐"),
}


class EventKind(StrEnum):
    """Kinds of :class:`CaseEvent` (one per event method of a case)."""

    CREATED = "created"
    LOOKUP_SENT = "lookup_sent"
    LOOKUP_QUEUED = "lookup_queued"
    LOOKUP_ANSWERED = "lookup_answered"
    LOOKUP_FAILED = "lookup_failed"
    METHOD_SWITCHED = "method_switched"
    VERIFICATION_SENT = "verification_sent"
    VERIFICATION_ANSWERED = "verification_answered"
    VERIFICATION_EXPIRED = "verification_expired"
    VERIFICATION_DEFERRED = "verification_deferred"  # the department will answer later (issue 10)
    CREDIT_CHECKED = "credit_checked"
    PLEDGE_SIGNED = "pledge_signed"
    DECIDED = "decided"
    WITHDRAWN = "withdrawn"
    # The applicant's identity cross-check (clerkapp.core.identity); data never holds a name.
    IDENTITY_REQUESTED = "identity_requested"
    IDENTITY_QUEUED = "identity_queued"
    IDENTITY_FAILED = "identity_failed"
    IDENTITY_CHECKED = "identity_checked"
    APPLICANT_NAME_CORRECTED = "applicant_name_corrected"
    NAME_ADOPTED = "name_adopted_from_registry"
    IDENTITY_OVERRIDDEN = "identity_override"
    CORRECTION_REQUESTED = "correction_requested"  # 补正: the notice lists what to bring
    CORRECTION_RESUMED = "correction_resumed"  # the applicant came back, the case goes on
    NOT_ACCEPTED = "not_accepted"  # 不予受理
    PAPER_RECEIVED = "paper_received"  # a paper proof handed in and checked at the counter
    # A refused verification request cancelled from the 需人工处理 list: the proof is pending.
    VERIFICATION_WITHDRAWN = "verification_withdrawn"


def mask_name(name: str) -> str:
    """A person's name for print where the full name is not needed: 陈建国 → 陈**."""
    name = name.strip()
    return name[:1] + "*" * (len(name) - 1) if name else ""


@dataclass(frozen=True)
class RelatedSubject:
    """A related person (关系人) of a case, e.g. the deceased insured person of a survivor
    allowance: the look-ups whose catalogue ``subject`` is their role are about them. The repr
    masks both (no full ID numbers or names in logs)."""

    id_number: str
    name: str

    def __repr__(self) -> str:
        return f"RelatedSubject({self.display!r})"

    @property
    def display(self) -> str:
        """Masked name and number, as printed: "陈** 330723********0155"."""
        return f"{mask_name(self.name)} {mask_id_number(self.id_number)}"

    def to_dict(self) -> dict[str, str]:
        """Plain JSON-able form."""
        return {"id_number": self.id_number, "name": self.name}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RelatedSubject:
        """Inverse of :meth:`to_dict`."""
        return cls(str(data["id_number"]), str(data["name"]))


def check_opening(
    matter: Matter, proof_items: Sequence[ProofItem], applicant_kind: ApplicantKind
) -> None:
    """The applicant is of the kind the matter asks for and ``proof_items`` are the matter's
    proofs in its order: :class:`ValidationError` otherwise."""
    if applicant_kind != matter.applicant_kind:
        who = (
            QT_TRANSLATE_NOOP("CaseTypes", "企业（统一社会信用代码）")
            if matter.applicant_kind is ApplicantKind.BUSINESS
            else QT_TRANSLATE_NOOP("CaseTypes", "个人（公民身份号码）")
        )
        raise ValidationError(
            "applicant kind does not match the matter",
            user_message=QT_TRANSLATE_NOOP("CaseTypes", "该事项的申请人应为{who}").format(who=who),
        )
    if tuple(item.code for item in proof_items) != tuple(matter.proofs):
        raise ValidationError(
            "proof items do not match the matter",
            user_message=QT_TRANSLATE_NOOP("CaseTypes", "证明事项与事项目录不一致"),
        )


def check_related(matter: Matter, related: dict[str, RelatedSubject]) -> None:
    """Every related role the matter declares is identified (number and name), and no other:
    :class:`ValidationError` naming the role's label otherwise."""
    for role in matter.related:
        subject = related.get(role.role)
        if subject is None or not subject.id_number.strip():
            raise ValidationError(
                f"related person {role.role} missing",
                user_message=QT_TRANSLATE_NOOP("CaseTypes", "请填写{role}的公民身份号码").format(
                    role=role.label
                ),
            )
        if not subject.name.strip():
            raise ValidationError(
                f"related person {role.role} has no name",
                user_message=QT_TRANSLATE_NOOP("CaseTypes", "请填写{role}的姓名").format(
                    role=role.label
                ),
            )
    unknown = sorted(set(related) - {r.role for r in matter.related})
    if unknown:
        raise ValidationError(
            f"matter {matter.code} has no related role {unknown[0]}",
            user_message=QT_TRANSLATE_NOOP("CaseTypes", "该事项没有关系人角色 {unknown}").format(
                unknown=unknown[0]
            ),
        )


@dataclass(frozen=True)
class Evidence:
    """What a proof's state rests on: how, from whom, data as of when, the platform receipt."""

    method: Method
    source: str  # registry, department, "申请人承诺", or the legal basis of dropping
    as_of: str | None = None  # ISO datetime of the source data
    receipt_id: str | None = None  # platform receipt / verification ticket
    detail: str = ""  # Chinese, e.g. "名下无登记车辆"
    at: str = ""  # ISO datetime the evidence was recorded

    @classmethod
    def from_lookup(cls, answer: LookupAnswer, detail: str, at: datetime) -> Evidence:
        """Evidence of a look-up answer; ``detail`` is the rule's summary
        (:attr:`clerkapp.core.rules.RuleOutcome.summary`)."""
        p = answer.provenance
        return cls(Method.DATA_QUERY, p.registry, p.as_of, p.receipt_id, detail, at.isoformat())

    @classmethod
    def from_verification(cls, status: VerificationStatus, at: datetime) -> Evidence:
        """Evidence of a department's answer to a verification ticket."""
        verdict = (
            QT_TRANSLATE_NOOP("CaseTypes", "部门核验属实")
            if status.confirmed
            else QT_TRANSLATE_NOOP("CaseTypes", "部门核验不属实")
        )
        detail = (
            QT_TRANSLATE_NOOP("CaseTypes", "{verdict}（{note}）").format(
                verdict=verdict, note=status.note
            )
            if status.note
            else verdict
        )
        return cls(
            Method.DEPT_VERIFY, status.department, status.answered_at, status.ticket, detail,
            at.isoformat(),
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form."""
        return {
            "method": self.method.value,
            "source": self.source,
            "as_of": self.as_of,
            "receipt_id": self.receipt_id,
            "detail": self.detail,
            "at": self.at,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        """Inverse of :meth:`to_dict`."""
        return cls(
            method=Method(data["method"]),
            source=data["source"],
            as_of=data.get("as_of"),
            receipt_id=data.get("receipt_id"),
            detail=data.get("detail", ""),
            at=data.get("at", ""),
        )


@dataclass
class ProofResolution:
    """One proof of a case: its current method, state and evidence.

    ``allowed`` holds the methods the catalogue allows for it (primary first), so the case can
    check a method switch without the catalogue. ``error`` is the last failure (Chinese), cleared
    by the next success; ``ticket`` the department verification ticket.
    """

    code: str
    name: str
    method: Method
    allowed: tuple[Method, ...]
    state: ProofState
    updated_at: datetime
    evidence: Evidence | None = None
    error: str | None = None
    ticket: str | None = None
    pledge_hash: str | None = None
    # The catalogue allows a paper proof checked at the counter (``ProofItem.paper_fallback``).
    paper_allowed: bool = False
    # The department deferred its answer: the date (ISO) it now expects to answer by (issue 10).
    deferred_until: str | None = None

    @classmethod
    def initial(cls, item: ProofItem, now: datetime) -> ProofResolution:
        """A new case's resolution of ``item``: waived (evidence: the legal basis) when the
        reform dropped it, otherwise pending with the primary method."""
        allowed = (item.method, *(m for m in item.fallbacks if m != item.method))
        resolution = cls(item.code, item.name, item.method, allowed, ProofState.PENDING, now)
        resolution.paper_allowed = item.paper_fallback
        if item.method is Method.DROPPED:
            basis = item.drop.legal_basis if item.drop else ""
            resolution.state = ProofState.WAIVED
            detail = QT_TRANSLATE_NOOP("CaseTypes", "无需提供（依据：{basis}）").format(basis=basis)
            resolution.evidence = Evidence(Method.DROPPED, basis, detail=detail, at=now.isoformat())
        return resolution

    def failure_reason(self) -> str:
        """Why a failed proof fails: "车辆登记情况：名下有车辆 1 辆"."""
        ev = self.evidence
        return QT_TRANSLATE_NOOP("CaseTypes", "{name}：{value}").format(
            name=self.name, value=ev.detail if ev and ev.detail else self.state.label_zh
        )

    def todo_reason(self, credit_listed: bool | None) -> str:
        """What is still to do for a proof that neither satisfies nor waits."""
        if self.state is ProofState.PENDING and self.method is Method.PLEDGE:
            if credit_listed:
                return QT_TRANSLATE_NOOP(
                    "CaseTypes", "{name}：申请人在失信名单中，不能以承诺方式办理，请改用其他方式"
                ).format(name=self.name)
            if credit_listed is None:
                return QT_TRANSLATE_NOOP(
                    "CaseTypes", "{name}：待签署承诺（须先完成信用核查）"
                ).format(name=self.name)
        detail = (
            QT_TRANSLATE_NOOP("CaseTypes", "（{error}）").format(error=self.error)
            if self.error
            else ""
        )
        return QT_TRANSLATE_NOOP("CaseTypes", "{name}：{state}{detail}").format(
            name=self.name, state=self.state.label_zh, detail=detail
        )

    def waiting_reason(self) -> str:
        """What a waiting proof waits for."""
        if self.state is ProofState.QUEUED:
            return QT_TRANSLATE_NOOP("CaseTypes", "{name}：已排队，联网后自动查询").format(
                name=self.name
            )
        return QT_TRANSLATE_NOOP("CaseTypes", "{name}：待部门核验").format(name=self.name)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form."""
        return {
            "code": self.code,
            "name": self.name,
            "method": self.method.value,
            "allowed": [m.value for m in self.allowed],
            "state": self.state.value,
            "updated_at": self.updated_at.isoformat(),
            "evidence": self.evidence.to_dict() if self.evidence else None,
            "error": self.error,
            "ticket": self.ticket,
            "pledge_hash": self.pledge_hash,
            "paper_allowed": self.paper_allowed,
            "deferred_until": self.deferred_until,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProofResolution:
        """Inverse of :meth:`to_dict`."""
        evidence = data.get("evidence")
        return cls(
            code=data["code"],
            name=data["name"],
            method=Method(data["method"]),
            allowed=tuple(Method(m) for m in data["allowed"]),
            state=ProofState(data["state"]),
            updated_at=datetime.fromisoformat(data["updated_at"]),
            evidence=Evidence.from_dict(evidence) if evidence else None,
            error=data.get("error"),
            ticket=data.get("ticket"),
            pledge_hash=data.get("pledge_hash"),
            paper_allowed=bool(data.get("paper_allowed", False)),
            deferred_until=data.get("deferred_until"),
        )


@dataclass(frozen=True)
class CaseEvent:
    """Something that happened to a case, for the audit trail (no ID numbers in ``data``)."""

    kind: EventKind
    proof_code: str | None
    at: datetime
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Recommendation:
    """What the machine recommends, with reasons in Chinese naming the proofs."""

    decision: Decision
    reasons: tuple[str, ...]

    @property
    def summary(self) -> str:
        """One line for the decision step: "不予许可 — 车辆登记情况：名下有车辆 1 辆"."""
        return QT_TRANSLATE_NOOP("CaseTypes", "{decision} — {reasons}").format(
            decision=self.decision.label_zh, reasons="；".join(self.reasons)
        )

    def summary_for(self, kind: ProcedureKind | None) -> str:
        """:attr:`summary` in the words of the matter's kind: "不予给付 — …" for a 行政给付."""
        return QT_TRANSLATE_NOOP("CaseTypes", "{decision} — {reasons}").format(
            decision=self.decision.label_for(kind), reasons="；".join(self.reasons)
        )


def iso_or_none(moment: datetime | None) -> str | None:
    """ISO text of a datetime, or None."""
    return moment.isoformat() if moment else None


def datetime_or_none(text: str | None) -> datetime | None:
    """Inverse of :func:`iso_or_none`."""
    return datetime.fromisoformat(text) if text else None
