"""The case state machine: one applicant's application for one matter, the state of each of its
proofs, what is still missing and the recommended decision.

A :class:`Case` changes only through its event methods. Each takes ``now`` (no clock here),
checks the transition first and raises :class:`~clerkapp.errors.InvalidTransition` (Chinese
``user_message``) leaving the case untouched, or applies it completely. Rules:

- proofs change only while the case is open or accepted; a look-up (``data_query``) goes
  pending/queued → in_flight → satisfied / not_satisfied (a failure back to pending with
  ``error``); a verification (``dept_verify``) pending → awaiting_dept → confirmed / denied
  (expired back to pending); a pledge pending → pledged, only after the credit check said the
  applicant is not on the dishonesty list (失信名单); a later "listed" answer reverts pledges;
- the method of a pending or queued proof may be switched to another method the catalogue allows;
  a not-satisfied or denied answer cannot be switched away from;
- ``approve`` is possible only when every proof satisfies (satisfied, pledged, confirmed,
  waived); ``refuse`` needs a reason (a failed proof is one); deciding against
  :meth:`Case.recommend` needs ``override_reason``; ``accept`` (受理) when nothing is pending or
  in flight, nothing failed, and something still waits for a department or the outbox.

Events for the audit trail: every event method appends a :class:`CaseEvent` ``(kind, proof_code,
at, data)`` to ``case.pending_events``; the case service drains the list in the transaction that
saves the case. Kinds: created, lookup_sent, lookup_queued, lookup_answered, lookup_failed,
method_switched, verification_sent, verification_answered, verification_expired, credit_checked,
pledge_signed, decided (data: decision, also for accept), withdrawn, correction_requested,
correction_resumed, not_accepted, paper_received (see :mod:`clerkapp.core.case_ways`), and the
identity cross-check's (:mod:`clerkapp.core.identity`: a new case asks at once; ``approve`` /
``refuse`` / ``accept`` raise while it blocks). ``data`` never holds the applicant's or a related
person's ID number or name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from clerkapp.core.case_types import (
    FAILED,
    SATISFYING,
    WAITING,
    CaseEvent,
    CaseState,
    Decision,
    EventKind,
    Evidence,
    ProofResolution,
    ProofState,
    Recommendation,
    RelatedSubject,
    check_opening,
    check_related,
    datetime_or_none,
    iso_or_none,
)
from clerkapp.core.case_ways import CaseWays, CorrectionItem, CorrectionRequest
from clerkapp.core.catalogue import ApplicantKind, Matter, Method, ProofItem
from clerkapp.core.contact import Contact
from clerkapp.core.identity import IdentityCheck, IdentityEvents
from clerkapp.core.idnumber import mask_id_number
from clerkapp.core.present import PersonPresent, check_present, representative_block
from clerkapp.core.reasons import failed_reasons, own_reason
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import InvalidTransition

__all__ = ["FAILED", "SATISFYING", "WAITING", "Case", "CaseEvent", "CaseState", "Decision"]
__all__ += ["EventKind", "Evidence", "ProofResolution", "ProofState", "Recommendation"]
__all__ += ["CorrectionItem", "CorrectionRequest", "RelatedSubject"]

_P = ProofState


def _deny(message: str) -> InvalidTransition:
    return InvalidTransition(message, user_message=message)


@dataclass(eq=True)
class Case(IdentityEvents, CaseWays):
    """One application (办件). Build with :meth:`open`; restore with :meth:`from_dict`. The ways
    back before a decision (补正, 不予受理, paper proofs) are in :class:`CaseWays`, the identity
    cross-check in :class:`IdentityEvents`."""

    id: str
    matter_code: str
    matter_name: str
    applicant_kind: ApplicantKind
    # Full number, kept by the store; display applicant_display. Out of repr(): no leaks to logs.
    applicant_id: str = field(repr=False)
    applicant_name: str = field(repr=False)
    state: CaseState
    proofs: dict[str, ProofResolution]
    created_at: datetime
    tracking_token: str
    short_code: str
    credit_listed: bool | None = None
    accepted_at: datetime | None = None
    decided_at: datetime | None = None
    decision: Decision | None = None
    decision_reason: str | None = None
    override_reason: str | None = None
    # Related persons by catalogue role (e.g. "deceased"); their repr is masked.
    related: dict[str, RelatedSubject] = field(default_factory=dict)
    # The applicant's identity cross-check (core.identity): blocks deciding until resolved.
    identity: IdentityCheck = field(default_factory=IdentityCheck)
    # 补正 notices, oldest first; the last is the one waited on while awaiting_correction.
    corrections: list[CorrectionRequest] = field(default_factory=list)
    # Who is at the counter for the applicant (issue 9): None when the applicant came in person.
    present: PersonPresent | None = field(default=None, repr=False)
    # Phone, address and 送达方式 (core.contact, issue 9); the phone out of repr().
    contact: Contact = field(default_factory=Contact, repr=False)
    pending_events: list[CaseEvent] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def open(
        cls,
        case_id: str,
        matter: Matter,
        proof_items: Sequence[ProofItem],
        applicant_kind: ApplicantKind,
        applicant_id: str,
        applicant_name: str,
        now: datetime,
        tracking_token: str,
        short_code: str,
        related: Mapping[str, RelatedSubject] | None = None,
        present: PersonPresent | None = None,
        contact: Contact | None = None,
    ) -> Case:
        """Open a case: dropped proofs are waived (evidence: the legal basis), the others pending
        with their primary method. ``proof_items`` are the matter's proofs, in its order;
        ``related`` identifies every related person the matter declares (by role)."""
        check_opening(matter, proof_items, applicant_kind)
        related = dict(related or {})
        check_related(matter, related)
        if present is not None:
            check_present(
                applicant_kind, present, attorney_demanded=matter.demands_power_of_attorney
            )
        proofs = {item.code: ProofResolution.initial(item, now) for item in proof_items}
        case = cls(
            id=case_id,
            matter_code=matter.code,
            matter_name=matter.name,
            applicant_kind=applicant_kind,
            applicant_id=applicant_id,
            applicant_name=applicant_name,
            state=CaseState.OPEN,
            proofs=proofs,
            created_at=now,
            tracking_token=tracking_token,
            short_code=short_code,
            related=related,
            present=present,
            contact=contact or Contact(),
        )
        # The role only (never the person present's name or number): who was there.
        case._emit(
            EventKind.CREATED,
            None,
            now,
            matter=matter.code,
            proofs=len(proofs),
            **({"present": present.role.value} if present else {}),
        )
        case.request_identity_check(now)
        return case

    @property
    def applicant_display(self) -> str:
        """The applicant's number as shown on screens and lists: a person's ID number masked
        (330702********1234), a business's credit code in full (it is public)."""
        if self.applicant_kind is ApplicantKind.PERSON:
            return mask_id_number(self.applicant_id)
        return self.applicant_id

    def identity_block(self, decision: Decision = Decision.APPROVE) -> str | None:
        """Why ``decision`` may not be taken because of who the applicant is (the identity
        check) or who acts for them (a 法定代表人 the market registry does not name), or None."""
        return super().identity_block(decision) or representative_block(
            self.present, self.identity.registered_representative
        )

    @property
    def pledge_signer(self) -> str:
        """Who signs the case's pledges: ``"applicant"`` (in person) or the role of the person
        present (``"agent"``, ``"legal_rep"``, …) — recorded with every signed pledge."""
        return self.present.role.value if self.present else "applicant"

    def missing(self) -> list[str]:
        """Codes of the proofs not (yet) satisfying, in order."""
        return [code for code, p in self.proofs.items() if not p.state.satisfying]

    def recommend(self) -> Recommendation:
        """Any failed proof → refuse; all satisfying → approve; only department answers or
        queued look-ups left → accept; otherwise incomplete."""
        failed = [p for p in self.proofs.values() if p.state in FAILED]
        if failed:
            return Recommendation(Decision.REFUSE, tuple(p.failure_reason() for p in failed))
        open_ = [p for p in self.proofs.values() if not p.state.satisfying]
        if not open_:
            return Recommendation(
                Decision.APPROVE,
                (
                    QT_TRANSLATE_NOOP("Case", "全部{length}项证明材料均已满足").format(
                        length=len(self.proofs)
                    ),
                ),
            )
        if all(p.state in WAITING for p in open_):
            return Recommendation(Decision.ACCEPT, tuple(p.waiting_reason() for p in open_))
        return Recommendation(
            Decision.INCOMPLETE, tuple(p.todo_reason(self.credit_listed) for p in open_)
        )

    # ---- look-ups -------------------------------------------------------------------------

    def start_lookup(self, code: str, now: datetime) -> None:
        """The look-up of ``code`` is being sent (pending/queued → in_flight)."""
        p = self._proof(code, {_P.PENDING, _P.QUEUED}, Method.DATA_QUERY)
        self._set(p, _P.IN_FLIGHT, now, error=None)
        self._emit(EventKind.LOOKUP_SENT, code, now)

    def queue_lookup(self, code: str, now: datetime) -> None:
        """The platform cannot be reached: the look-up waits in the outbox (→ queued)."""
        p = self._proof(code, {_P.PENDING, _P.IN_FLIGHT}, Method.DATA_QUERY)
        self._set(p, _P.QUEUED, now)
        self._emit(EventKind.LOOKUP_QUEUED, code, now)

    def lookup_answered(
        self, code: str, satisfied: bool, evidence: Evidence, now: datetime
    ) -> None:
        """The platform answered and the rule was evaluated (→ satisfied / not_satisfied)."""
        p = self._proof(code, {_P.IN_FLIGHT, _P.QUEUED}, Method.DATA_QUERY)
        self._set(
            p, _P.SATISFIED if satisfied else _P.NOT_SATISFIED, now, evidence=evidence, error=None
        )
        self._emit(
            EventKind.LOOKUP_ANSWERED, code, now, satisfied=satisfied, receipt=evidence.receipt_id
        )

    def lookup_failed(self, code: str, error: str, now: datetime) -> None:
        """The look-up failed (error answer, timeout, gave up): back to pending with ``error``."""
        p = self._proof(code, {_P.IN_FLIGHT, _P.QUEUED}, Method.DATA_QUERY)
        self._set(p, _P.PENDING, now, error=error)
        self._emit(EventKind.LOOKUP_FAILED, code, now, error=error)

    def switch_method(self, code: str, method: Method, now: datetime) -> None:
        """Use another method the catalogue allows for a pending or queued proof."""
        p = self._proof(code, {_P.PENDING, _P.QUEUED})
        if method not in p.allowed or method is Method.DROPPED:
            names = "、".join(
                m.label_zh for m in p.allowed if m is not p.method
            ) or QT_TRANSLATE_NOOP("Case", "无")
            raise _deny(
                QT_TRANSLATE_NOOP(
                    "Case", "{name}不能改为{method}（目录允许的其他方式：{names}）"
                ).format(name=p.name, method=method.label_zh, names=names)
            )
        if method is p.method:
            raise _deny(
                QT_TRANSLATE_NOOP("Case", "{name}已经是{method}").format(
                    name=p.name, method=method.label_zh
                )
            )
        previous = p.method
        p.method = method
        self._set(p, _P.PENDING, now, error=None, ticket=None)
        self._emit(EventKind.METHOD_SWITCHED, code, now, old=previous.value, new=method.value)

    def request_verification(self, code: str, ticket: str, now: datetime) -> None:
        """A verification request went to the department (pending → awaiting_dept)."""
        p = self._proof(code, {_P.PENDING}, Method.DEPT_VERIFY)
        self._set(p, _P.AWAITING_DEPT, now, error=None, ticket=ticket)
        self._emit(EventKind.VERIFICATION_SENT, code, now, ticket=ticket)

    def verification_answered(
        self, code: str, confirmed: bool, evidence: Evidence, now: datetime
    ) -> None:
        """The department answered (→ confirmed / denied)."""
        p = self._proof(code, {_P.AWAITING_DEPT}, Method.DEPT_VERIFY)
        self._set(
            p, _P.CONFIRMED if confirmed else _P.DENIED, now, evidence=evidence, deferred_until=None
        )
        self._emit(EventKind.VERIFICATION_ANSWERED, code, now, confirmed=confirmed, ticket=p.ticket)

    def verification_expired(self, code: str, now: datetime) -> None:
        """The department did not answer in time: back to pending with an error."""
        p = self._proof(code, {_P.AWAITING_DEPT}, Method.DEPT_VERIFY)
        ticket = p.ticket
        self._set(
            p,
            _P.PENDING,
            now,
            error=QT_TRANSLATE_NOOP("Case", "核验请求已过期，请重新发起或改用其他方式"),
            ticket=None,
            deferred_until=None,
        )
        self._emit(EventKind.VERIFICATION_EXPIRED, code, now, ticket=ticket)

    def verification_deferred(self, code: str, until: str, now: datetime) -> None:
        """The department deferred its answer to ``until`` (an ISO date): the proof still
        awaits it (issue 10: the board says so, with the new date)."""
        p = self._proof(code, {_P.AWAITING_DEPT}, Method.DEPT_VERIFY)
        self._set(p, _P.AWAITING_DEPT, now, deferred_until=until)
        self._emit(EventKind.VERIFICATION_DEFERRED, code, now, until=until, ticket=p.ticket)

    def verification_withdrawn(self, code: str, error: str, now: datetime) -> None:
        """A verification request the platform refused was cancelled by a person: back to
        pending with ``error`` (the clerk asks again, or uses another way)."""
        p = self._proof(code, {_P.AWAITING_DEPT}, Method.DEPT_VERIFY)
        ticket = p.ticket
        self._set(p, _P.PENDING, now, error=error, ticket=None, deferred_until=None)
        self._emit(EventKind.VERIFICATION_WITHDRAWN, code, now, ticket=ticket)

    # ---- credit check and pledges ---------------------------------------------------------

    def record_credit(self, listed: bool, now: datetime) -> None:
        """Record the dishonesty-list check. A listed applicant's pledges no longer count: they
        go back to pending with an error."""
        self._require_open()
        self.credit_listed = listed
        reverted = []
        if listed:
            for p in self.proofs.values():
                if p.state is _P.PLEDGED:
                    self._set(
                        p,
                        _P.PENDING,
                        now,
                        error=QT_TRANSLATE_NOOP("Case", "申请人在失信名单中，承诺无效"),
                        evidence=None,
                    )
                    p.pledge_hash = None
                    reverted.append(p.code)
        self._emit(EventKind.CREDIT_CHECKED, None, now, listed=listed, reverted=reverted)

    def pledge_signed(self, code: str, pledge_hash: str, evidence: Evidence, now: datetime) -> None:
        """The applicant signed the pledge for ``code`` (pending → pledged)."""
        p = self._proof(code, {_P.PENDING}, Method.PLEDGE)
        if self.credit_listed is None:
            raise _deny(QT_TRANSLATE_NOOP("Case", "请先完成信用核查，再签署承诺"))
        if self.credit_listed:
            raise _deny(QT_TRANSLATE_NOOP("Case", "申请人在失信名单中，不能以承诺方式办理"))
        self._set(p, _P.PLEDGED, now, evidence=evidence, error=None)
        p.pledge_hash = pledge_hash
        self._emit(
            EventKind.PLEDGE_SIGNED, code, now, pledge_hash=pledge_hash, signer=self.pledge_signer
        )

    # ---- decisions ------------------------------------------------------------------------

    def approve(self, now: datetime, reason: str | None = None) -> None:
        """准予 (准予许可, 给付, … by the matter's kind): only when every proof satisfies."""
        self._require_open()
        self._require_identity(Decision.APPROVE)
        missing = self.missing()
        if missing:
            names = "、".join(self.proofs[c].name for c in missing)
            raise _deny(
                QT_TRANSLATE_NOOP("Case", "还有证明材料未满足，不能作出准予决定：{names}").format(
                    names=names
                )
            )
        self._decide(Decision.APPROVE, CaseState.APPROVED, now, reason, None)

    def refuse(self, now: datetime, reason: str, override_reason: str | None = None) -> None:
        """不予 (不予许可, 不予给付, …), with the reason printed on the refusal notice; against
        the recommendation only with ``override_reason``. The failed proofs are reasons enough:
        ``reason`` may then be empty, and the failed proofs' own reasons in it (the decision step
        pre-fills them) are taken out — ``decision_reason`` keeps only the clerk's words
        (:mod:`clerkapp.core.reasons`)."""
        self._require_open()
        failed = failed_reasons(self.proofs.values())
        own = own_reason(reason, failed)
        if not failed and not own:
            raise _deny(QT_TRANSLATE_NOOP("Case", "作出不予决定必须填写理由"))
        self._require_identity(Decision.REFUSE)
        recommended = self.recommend().decision
        if recommended is not Decision.REFUSE and not (override_reason and override_reason.strip()):
            raise _deny(
                QT_TRANSLATE_NOOP("Case", "系统建议为“{label_for}”，作出不同决定须说明理由").format(
                    label_for=recommended.label_for(None)
                )
            )
        self._decide(Decision.REFUSE, CaseState.REFUSED, now, own, override_reason)

    def accept(self, now: datetime) -> None:
        """受理: take the case in while departments (or the outbox) still owe answers."""
        if self.state is not CaseState.OPEN:
            raise _deny(
                QT_TRANSLATE_NOOP("Case", "办件{state}，不能再受理").format(
                    state=self.state.label_zh
                )
            )
        self._require_identity(Decision.ACCEPT)
        states = [p.state for p in self.proofs.values()]
        if any(s in FAILED for s in states):
            raise _deny(QT_TRANSLATE_NOOP("Case", "有证明材料未通过，应作出不予决定，不能受理"))
        busy = [p.name for p in self.proofs.values() if p.state in (_P.PENDING, _P.IN_FLIGHT)]
        if busy:
            raise _deny(
                QT_TRANSLATE_NOOP("Case", "还有证明材料未办理：{names}").format(
                    names="、".join(busy)
                )
            )
        if not any(s in WAITING for s in states):
            raise _deny(QT_TRANSLATE_NOOP("Case", "证明材料已齐，请直接作出决定"))
        self.state = CaseState.ACCEPTED
        self.accepted_at = now
        self._emit(EventKind.DECIDED, None, now, decision=Decision.ACCEPT.value)

    def withdraw(self, now: datetime, reason: str) -> None:
        """The applicant withdraws the application (from open or accepted)."""
        self._require_open()
        if not reason or not reason.strip():
            raise _deny(QT_TRANSLATE_NOOP("Case", "撤回须填写原因"))
        self.state = CaseState.WITHDRAWN
        self.decided_at = now
        self.decision_reason = reason
        self._emit(EventKind.WITHDRAWN, None, now)

    # ---- persistence ----------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form for the store (``pending_events`` are not part of it)."""
        return {
            "id": self.id,
            "matter_code": self.matter_code,
            "matter_name": self.matter_name,
            "applicant_kind": self.applicant_kind.value,
            "applicant_id": self.applicant_id,
            "applicant_name": self.applicant_name,
            "state": self.state.value,
            "proofs": [p.to_dict() for p in self.proofs.values()],
            "created_at": self.created_at.isoformat(),
            "tracking_token": self.tracking_token,
            "short_code": self.short_code,
            "credit_listed": self.credit_listed,
            "accepted_at": iso_or_none(self.accepted_at),
            "decided_at": iso_or_none(self.decided_at),
            "decision": self.decision.value if self.decision else None,
            "decision_reason": self.decision_reason,
            "override_reason": self.override_reason,
            "related": {role: r.to_dict() for role, r in self.related.items()},
            "identity": self.identity.to_dict(),
            "corrections": [c.to_dict() for c in self.corrections],
            "present": self.present.to_dict() if self.present else None,
            "contact": self.contact.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Case:
        """Inverse of :meth:`to_dict`."""
        proofs = (ProofResolution.from_dict(p) for p in data["proofs"])
        return cls(
            id=data["id"],
            matter_code=data["matter_code"],
            matter_name=data["matter_name"],
            applicant_kind=ApplicantKind(data["applicant_kind"]),
            applicant_id=data["applicant_id"],
            applicant_name=data["applicant_name"],
            state=CaseState(data["state"]),
            proofs={p.code: p for p in proofs},
            created_at=datetime.fromisoformat(data["created_at"]),
            tracking_token=data["tracking_token"],
            short_code=data["short_code"],
            credit_listed=data.get("credit_listed"),
            accepted_at=datetime_or_none(data.get("accepted_at")),
            decided_at=datetime_or_none(data.get("decided_at")),
            decision=Decision(data["decision"]) if data.get("decision") else None,
            decision_reason=data.get("decision_reason"),
            override_reason=data.get("override_reason"),
            related={r: RelatedSubject.from_dict(v) for r, v in data.get("related", {}).items()},
            identity=IdentityCheck.from_dict(data.get("identity")),
            corrections=[CorrectionRequest.from_dict(c) for c in data.get("corrections", [])],
            present=PersonPresent.from_dict(data.get("present")),
            contact=Contact.from_dict(data.get("contact")),
        )

    def drain_events(self) -> list[CaseEvent]:
        """Take the events recorded since the last drain."""
        events, self.pending_events = self.pending_events, []
        return events

    # ---- helpers --------------------------------------------------------------------------

    def _require_open(self) -> None:
        if self.state.final:
            raise _deny(
                QT_TRANSLATE_NOOP("Case", "办件{state}，不能再修改").format(
                    state=self.state.label_zh
                )
            )

    def _proof(
        self, code: str, states: Iterable[ProofState], method: Method | None = None
    ) -> ProofResolution:
        self._require_open()
        p = self.proofs.get(code)
        if p is None:
            raise _deny(QT_TRANSLATE_NOOP("Case", "本办件没有证明事项 {code}").format(code=code))
        if method is not None and p.method is not method:
            raise _deny(
                QT_TRANSLATE_NOOP("Case", "{name}的办理方式是{method}，不是{method2}").format(
                    name=p.name, method=p.method.label_zh, method2=method.label_zh
                )
            )
        if p.state not in states:
            raise _deny(
                QT_TRANSLATE_NOOP("Case", "{name}当前为“{state}”，不能进行此操作").format(
                    name=p.name, state=p.state.label_zh
                )
            )
        return p

    def _set(self, p: ProofResolution, state: ProofState, now: datetime, **changes: Any) -> None:
        p.state = state
        p.updated_at = now
        for name, value in changes.items():
            setattr(p, name, value)

    def _decide(
        self,
        decision: Decision,
        state: CaseState,
        now: datetime,
        reason: str | None,
        override: str | None,
    ) -> None:
        if self.state is CaseState.AWAITING_CORRECTION:
            raise _deny(QT_TRANSLATE_NOOP("Case", "办件待补正：申请人补正后恢复办理，才能作出决定"))
        self.state = state
        self.decision = decision
        self.decided_at = now
        self.decision_reason = reason
        self.override_reason = override
        self._emit(EventKind.DECIDED, None, now, decision=decision.value, override=bool(override))

    def _emit(self, kind: EventKind, code: str | None, now: datetime, **data: Any) -> None:
        self.pending_events.append(CaseEvent(kind, code, now, data))
