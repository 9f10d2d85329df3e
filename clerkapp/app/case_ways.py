"""The lawful ways back of a case before its decision — 补正, 不予受理, the paper proof and 撤回 —
as case use-cases. Mixed into :class:`clerkapp.app.case_service.CaseService`.

Each is one transaction (the case, its audit entries and the outbox ``progress_event`` that tells
the applicant's progress page, or nothing): the state machine checks first
(:mod:`clerkapp.core.case_ways`), so a wrong state or a missing reason raises
:class:`~clerkapp.errors.InvalidTransition` / :class:`~clerkapp.errors.ValidationError` with a
Chinese ``user_message`` and leaves nothing behind. The documents (补正材料一次性告知书,
不予受理决定书) are built and numbered by the print step afterwards, like every decision.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from clerkapp.app.case_base import CaseServiceBase
from clerkapp.core.case import Case, EventKind
from clerkapp.core.case_ways import CorrectionItem, clean_reasons
from clerkapp.core.texts import QT_TRANSLATE_NOOP
from clerkapp.errors import ValidationError
from clerkapp.infra.calendar_io import promised_date

#: Reasons a clerk picks for 不予受理 (行政许可法 Art. 32(1)(1)(2) and the matter's conditions);
#: the dialog offers them, the clerk may type others.
NOT_ACCEPTED_GROUNDS = (
    "申请事项依法不属于本机关职权范围，请向有关行政机关申请",
    "申请事项依法不需要取得行政许可",
    "申请人不具备申请该事项的主体资格",
)


class WaysBack(CaseServiceBase):
    """补正, 不予受理, paper proofs and 撤回 (see the module docstring)."""

    def request_correction(
        self,
        case_id: str,
        items: Sequence[CorrectionItem],
        working_days: int,
        clerk: str,
    ) -> Case:
        """补正: record the 一次性告知 of every item and the deadline (``working_days`` working
        days from today by the workstation's calendar); the case waits (awaiting_correction)."""
        if not items:
            raise ValidationError(
                "nothing to correct",
                user_message=QT_TRANSLATE_NOOP("CaseWays", "请至少勾选一项需要补正的材料"),
            )
        extra = {
            EventKind.CORRECTION_REQUESTED: {
                "items": [f"{i.name}：{i.problem}" for i in items],
            }
        }
        with self._change(case_id, clerk, extra=extra) as (case, now):
            due = promised_date(self.calendar, now.date(), max(working_days, 1))
            case.request_correction(items, due, working_days, now)
            self._progress_event(case, clerk, now)
        return case

    def resume_correction(
        self, case_id: str, clerk: str, paper: Mapping[str, str] | None = None
    ) -> Case:
        """The applicant is back: the case resumes where it stopped (the proofs the notice named
        are recorded as corrected). ``paper`` records, in the same transaction, the paper proofs
        handed in: ``{proof_code: what was checked}`` (e.g. ``{"p1": "原件已核验"}``)."""
        with self._change(case_id, clerk) as (case, now):
            for code, check in (paper or {}).items():
                case.receive_paper(code, clerk, check, now)
            case.resume_after_correction(now)
            self._progress_event(case, clerk, now)
        return case

    def receive_paper(self, case_id: str, proof_code: str, check: str, clerk: str) -> Case:
        """A paper proof handed in and checked at the counter (the catalogue's fallback, e.g.
        for an applicant who may not pledge): the proof is satisfied, the check audited."""
        with self._change(case_id, clerk) as (case, now):
            case.receive_paper(proof_code, clerk, check, now)
        return case

    def not_accept(self, case_id: str, reasons: Sequence[str], clerk: str) -> Case:
        """不予受理, with the reasons printed on the 不予受理决定书 (and its rights of appeal);
        unsent look-ups and verification requests are withdrawn."""
        cleaned = clean_reasons(reasons)
        if not cleaned:
            raise ValidationError(
                "no reasons", user_message=QT_TRANSLATE_NOOP("CaseWays", "不予受理必须写明理由")
            )
        extra: dict[EventKind, dict[str, Any]] = {
            EventKind.NOT_ACCEPTED: {"reason": "；".join(cleaned)}
        }
        with self._change(case_id, clerk, extra=extra) as (case, now):
            case.not_accept(cleaned, now)
            self._withdraw_requests(case_id, "case_not_accepted", now)
            self._progress_event(case, clerk, now)
        return case
