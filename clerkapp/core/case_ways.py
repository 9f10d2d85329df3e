"""The lawful ways back of a case before its decision, mixed into :class:`clerkapp.core.case.Case`:

- 补正 (行政许可法 Art. 32(1)(4)): :meth:`CaseWays.request_correction` tells the applicant once,
  in writing, *everything* missing or defective (the 补正材料一次性告知书 lists the
  :class:`CorrectionRequest`); the case waits (``awaiting_correction``) until the applicant comes
  back, then :meth:`CaseWays.resume_after_correction` opens it again where it stopped — the
  proofs the notice named are recorded as corrected, and a marked proof whose look-up or
  verification had failed is done again (the applicant may have had the registry corrected).
- 不予受理 (Art. 32(1)(2)): :meth:`CaseWays.not_accept` with the reasons printed on the
  不予受理决定书 — from ``open`` or ``awaiting_correction``; a case once 受理 is decided instead.
- 纸质证明 (the catalogue's paper fallback, ``ProofItem.paper_fallback``):
  :meth:`CaseWays.receive_paper` records a paper proof handed in and checked at the counter (who,
  when, what was checked) — the lawful path of a proof the applicant may not pledge (失信名单)
  and that has no data route today.

Each method checks first and raises :class:`~clerkapp.errors.InvalidTransition` with a Chinese
``user_message`` leaving the case untouched, or applies the change completely and records a case
event (no names or ID numbers in its data).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from clerkapp.core.case_types import (
    FAILED,
    CaseState,
    EventKind,
    Evidence,
    ProofResolution,
    ProofState,
)
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import InvalidTransition

#: The longest correction period a clerk may set (working days).
MAX_CORRECTION_DAYS = 60
#: Proof states a correction can name: not done, or answered "no" (the applicant may correct
#: the facts at the registry and come back).
CORRECTABLE = frozenset({ProofState.PENDING, ProofState.NOT_SATISFIED, ProofState.DENIED})
#: Where the paper proof of an item that allows it is printed and shown: 纸质证明（窗口核验）.
PAPER_SOURCE = QT_TRANSLATE_NOOP("CaseWays", "纸质证明（窗口核验）")


def _deny(message: str) -> InvalidTransition:
    return InvalidTransition(message, user_message=message)


@dataclass(frozen=True)
class CorrectionItem:
    """One thing the applicant must bring or put right. ``proof_code`` names the case's proof
    (None: another material, ``name`` typed by the clerk); ``problem`` says what is missing or
    wrong; ``paper`` asks for the paper proof (only where the catalogue allows it)."""

    proof_code: str | None
    name: str
    problem: str
    paper: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form."""
        return {
            "proof_code": self.proof_code,
            "name": self.name,
            "problem": self.problem,
            "paper": self.paper,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CorrectionItem:
        """Inverse of :meth:`to_dict`."""
        return cls(data.get("proof_code"), data["name"], data["problem"], bool(data.get("paper")))


@dataclass(frozen=True)
class CorrectionRequest:
    """A 补正 notice: every item, the deadline (``due_on``, ``working_days`` after the notice)
    and, once the applicant is back, when the case resumed."""

    items: tuple[CorrectionItem, ...]
    requested_at: dt.datetime
    due_on: dt.date
    working_days: int
    resumed_at: dt.datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form."""
        return {
            "items": [i.to_dict() for i in self.items],
            "requested_at": self.requested_at.isoformat(),
            "due_on": self.due_on.isoformat(),
            "working_days": self.working_days,
            "resumed_at": self.resumed_at.isoformat() if self.resumed_at else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CorrectionRequest:
        """Inverse of :meth:`to_dict`."""
        resumed = data.get("resumed_at")
        return cls(
            items=tuple(CorrectionItem.from_dict(i) for i in data["items"]),
            requested_at=dt.datetime.fromisoformat(data["requested_at"]),
            due_on=dt.date.fromisoformat(data["due_on"]),
            working_days=int(data["working_days"]),
            resumed_at=dt.datetime.fromisoformat(resumed) if resumed else None,
        )


def clean_reasons(reasons: Sequence[str]) -> tuple[str, ...]:
    """The non-empty reasons, stripped, each once, in order."""
    seen: list[str] = []
    for reason in reasons:
        text = reason.strip()
        if text and text not in seen:
            seen.append(text)
    return tuple(seen)


class CaseWays:
    """补正, 不予受理 and the paper proof (see the module docstring). A mixin of ``Case``: the
    attributes and helpers below are the case's own."""

    state: CaseState
    proofs: dict[str, ProofResolution]
    corrections: list[CorrectionRequest]
    decided_at: dt.datetime | None
    decision_reason: str | None

    def _emit(self, kind: EventKind, code: str | None, now: dt.datetime, **data: Any) -> None:
        raise NotImplementedError  # pragma: no cover - Case defines it

    @property
    def correction(self) -> CorrectionRequest | None:
        """The 补正 notice the case waits on (None unless ``awaiting_correction``)."""
        if self.state is CaseState.AWAITING_CORRECTION and self.corrections:
            return self.corrections[-1]
        return None

    def not_accepted_reasons(self) -> tuple[str, ...]:
        """The reasons of a 不予受理 decision, as printed (one per line of the stored text)."""
        if self.state is not CaseState.NOT_ACCEPTED or not self.decision_reason:
            return ()
        return tuple(line for line in self.decision_reason.split("\n") if line.strip())

    def request_correction(
        self,
        items: Sequence[CorrectionItem],
        due_on: dt.date,
        working_days: int,
        now: dt.datetime,
    ) -> CorrectionRequest:
        """补正: tell the applicant once everything missing or defective (open → awaiting
        correction). Every item needs what is wrong; a proof named must be one of the case's,
        not yet satisfied, named once; paper only where the catalogue allows it."""
        if self.state is not CaseState.OPEN:
            raise _deny(
                QT_TRANSLATE_NOOP("CaseWays", "办件{state}，不能再要求补正").format(
                    state=self.state.label_zh
                )
            )
        if self.corrections:  # 一次性告知: everything was to be named the first time
            raise _deny(
                QT_TRANSLATE_NOOP(
                    "CaseWays",
                    "本办件已一次性告知过补正内容，不能再次要求补正；仍不符合的，请作出决定",
                )
            )
        if not items:
            raise _deny(QT_TRANSLATE_NOOP("CaseWays", "请至少列出一项需要补正的材料"))
        if not 1 <= working_days <= MAX_CORRECTION_DAYS:
            raise _deny(
                QT_TRANSLATE_NOOP(
                    "CaseWays", "补正期限应为 1 至 {max_correction_days} 个工作日"
                ).format(max_correction_days=MAX_CORRECTION_DAYS)
            )
        if due_on < now.date():
            raise _deny(QT_TRANSLATE_NOOP("CaseWays", "补正期限不能早于今天"))
        named: set[str] = set()
        for item in items:
            if not item.name.strip():
                raise _deny(QT_TRANSLATE_NOOP("CaseWays", "请填写需要补正的材料名称"))
            if not item.problem.strip():
                raise _deny(
                    QT_TRANSLATE_NOOP("CaseWays", "请写明“{name}”缺少或需要更正的内容").format(
                        name=item.name.strip()
                    )
                )
            if item.proof_code is None:
                if item.paper:
                    raise _deny(
                        QT_TRANSLATE_NOOP(
                            "CaseWays", "“{name}”不是目录中的证明事项，不能要求纸质证明"
                        ).format(name=item.name.strip())
                    )
                continue
            p = self.proofs.get(item.proof_code)
            if p is None:
                raise _deny(
                    QT_TRANSLATE_NOOP("CaseWays", "本办件没有证明事项 {proof_code}").format(
                        proof_code=item.proof_code
                    )
                )
            if item.proof_code in named:
                raise _deny(QT_TRANSLATE_NOOP("CaseWays", "{name}重复列出").format(name=p.name))
            named.add(item.proof_code)
            if p.state not in CORRECTABLE:
                raise _deny(
                    QT_TRANSLATE_NOOP("CaseWays", "{name}当前为“{state}”，无需申请人补正").format(
                        name=p.name, state=p.state.label_zh
                    )
                )
            if item.paper and not p.paper_allowed:
                raise _deny(
                    QT_TRANSLATE_NOOP("CaseWays", "目录未允许{name}以纸质证明办理").format(
                        name=p.name
                    )
                )
        request = CorrectionRequest(
            tuple(replace(i, name=i.name.strip(), problem=i.problem.strip()) for i in items),
            now,
            due_on,
            working_days,
        )
        self.corrections.append(request)
        self.state = CaseState.AWAITING_CORRECTION
        self._emit(
            EventKind.CORRECTION_REQUESTED,
            None,
            now,
            proofs=sorted(named),
            other=sum(1 for i in items if i.proof_code is None),
            paper=sorted(i.proof_code for i in items if i.paper and i.proof_code),
            due_on=due_on.isoformat(),
            working_days=working_days,
        )
        return request

    def resume_after_correction(self, now: dt.datetime) -> list[str]:
        """The applicant is back with the materials: the case is open again where it stopped.
        The proofs the notice named are recorded as corrected; a named proof whose look-up or
        verification had failed goes back to pending to be done again. Returns their codes."""
        request = self.correction
        if request is None:
            raise _deny(
                QT_TRANSLATE_NOOP("CaseWays", "办件{state}，不是待补正的办件").format(
                    state=self.state.label_zh
                )
            )
        corrected = [i.proof_code for i in request.items if i.proof_code in self.proofs]
        redo = []
        for code in corrected:
            assert code is not None
            p = self.proofs[code]
            if p.state in FAILED:
                p.state = ProofState.PENDING
                p.updated_at = now
                p.evidence = None
                p.ticket = None
                p.error = QT_TRANSLATE_NOOP("CaseWays", "申请人已补正，请重新办理")
                redo.append(code)
        self.corrections[-1] = replace(request, resumed_at=now)
        self.state = CaseState.OPEN
        codes = [c for c in corrected if c is not None]
        self._emit(EventKind.CORRECTION_RESUMED, None, now, corrected=codes, redo=redo)
        return codes

    def not_accept(self, reasons: Sequence[str], now: dt.datetime) -> None:
        """不予受理 (open or awaiting correction → not_accepted), with the reasons printed on
        the decision."""
        if self.state not in (CaseState.OPEN, CaseState.AWAITING_CORRECTION):
            if self.state is CaseState.ACCEPTED:
                raise _deny(
                    QT_TRANSLATE_NOOP(
                        "CaseWays", "办件已受理，不能再作不予受理决定，请依法作出决定"
                    )
                )
            raise _deny(
                QT_TRANSLATE_NOOP("CaseWays", "办件{state}，不能作不予受理决定").format(
                    state=self.state.label_zh
                )
            )
        cleaned = clean_reasons(reasons)
        if not cleaned:
            raise _deny(QT_TRANSLATE_NOOP("CaseWays", "不予受理必须写明理由"))
        self.state = CaseState.NOT_ACCEPTED
        self.decided_at = now
        self.decision_reason = "\n".join(cleaned)
        self._emit(EventKind.NOT_ACCEPTED, None, now, reasons=len(cleaned))

    def receive_paper(self, code: str, checked_by: str, check: str, now: dt.datetime) -> None:
        """The applicant handed in the paper proof of ``code`` and the clerk checked it (e.g.
        原件已核验): pending → paper_checked, only where the catalogue allows paper."""
        if self.state not in (CaseState.OPEN, CaseState.AWAITING_CORRECTION):
            raise _deny(
                QT_TRANSLATE_NOOP("CaseWays", "办件{state}，不能再收取材料").format(
                    state=self.state.label_zh
                )
            )
        p = self.proofs.get(code)
        if p is None:
            raise _deny(
                QT_TRANSLATE_NOOP("CaseWays", "本办件没有证明事项 {code}").format(code=code)
            )
        if not p.paper_allowed:
            raise _deny(
                QT_TRANSLATE_NOOP("CaseWays", "目录未允许{name}以纸质证明办理").format(name=p.name)
            )
        if p.state is not ProofState.PENDING:
            raise _deny(
                QT_TRANSLATE_NOOP("CaseWays", "{name}当前为“{state}”，不能改收纸质证明").format(
                    name=p.name, state=p.state.label_zh
                )
            )
        if not check.strip():
            raise _deny(QT_TRANSLATE_NOOP("CaseWays", "请写明核验情况（例如：原件已核验）"))
        if not checked_by.strip():
            raise _deny(QT_TRANSLATE_NOOP("CaseWays", "核验人不明，请重新登录后再收取材料"))
        p.state = ProofState.PAPER_CHECKED
        p.updated_at = now
        p.error = None
        p.evidence = Evidence(
            method=p.method,
            source=PAPER_SOURCE,
            as_of=None,
            receipt_id=None,
            detail=QT_TRANSLATE_NOOP(
                "CaseWays", "申请人提交纸质证明，{check}（核验人 {checked_by}）"
            ).format(check=check.strip(), checked_by=checked_by.strip()),
            at=now.isoformat(),
        )
        self._emit(EventKind.PAPER_RECEIVED, code, now, check=check.strip())
