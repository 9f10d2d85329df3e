"""The identity half of the case wizard's presenter: asking the registry who the applicant is
(off the GUI thread, through the look-up fan-out), and the clerk's ways on from a finding —
改正姓名, 采用登记名称, 说明理由后继续, 重新核对 — each one service call in the background. The
banner (:mod:`clerkapp.gui.wizard.identity_banner`) draws :meth:`IdentityPresenter.identity_model`;
the decision step's model drops every decision the check blocks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from clerkapp.app.lookups import IN_FLIGHT
from clerkapp.core.case import Case, ProofState
from clerkapp.core.identity import IDENTITY_CHECK
from clerkapp.gui import ops
from clerkapp.gui.i18n import translated
from clerkapp.gui.wizard.decision_step import DecisionModel
from clerkapp.gui.wizard.identity_banner import IdentityBannerModel, banner_model
from clerkapp.gui.wizard.presenter_state import PresenterState
from clerkapp.gui.wizard.services import Snapshot


def restrict_decisions(model: DecisionModel, case: Case) -> DecisionModel:
    """``model`` without the decisions the identity check blocks; the block's words lead the
    reasons so the clerk reads why."""
    if model.decided is not None:
        return model
    allowed = frozenset(d for d in model.allowed if case.identity_block(d) is None)
    if allowed == model.allowed:
        return model
    block = case.identity_block(model.recommended) or case.identity_block() or ""
    return replace(model, allowed=allowed, reasons=(translated(block), *model.reasons))


class IdentityPresenter(PresenterState):
    """The identity check of the case on screen."""

    def decision_model(self) -> DecisionModel:
        """The decision step's model, without what the identity check blocks."""
        model = super().decision_model()
        assert self.case is not None
        return restrict_decisions(model, self.case)

    def identity_asking(self) -> bool:
        """Whether this counter is asking the registry right now."""
        return self.live.get(IDENTITY_CHECK) == IN_FLIGHT

    def identity_model(self) -> IdentityBannerModel:
        """The identity banner's model."""
        return banner_model(self.case, self.identity_asking())

    def check_identity(self) -> None:
        """Ask the registry now when the case awaits an answer or was never asked (a case
        opened before the check existed, a question queued offline or refused): sent at once
        like the look-ups; offline it stays queued for the sync worker."""
        case = self.case
        if case is None or self.identity_asking():
            return
        if not (case.needs_identity_question() or case.awaits_identity_answer()):
            return
        services = self.services
        case_id, clerk = case.id, self.clerk_name
        self.live[IDENTITY_CHECK] = IN_FLIGHT
        self.changed.emit()

        def work() -> Snapshot:
            row = services.service.begin_identity_check(case_id, clerk)
            if row is not None:
                services.runner().run_rows(case_id, [row])
            return services.snapshot(case_id)

        def done(snapshot: Snapshot) -> None:
            self.live.pop(IDENTITY_CHECK, None)
            self._apply(snapshot)
            self.changed.emit()

        def failure(exc: BaseException) -> None:
            self.live.pop(IDENTITY_CHECK, None)
            self.failed.emit(ops.user_message_for(exc))
            self.changed.emit()

        ops.run_op(self, work, self._for_this_case(done), self._for_this_case(failure))

    def refresh_waiting(self) -> None:
        """Read the case again when it waits for an answer the sync worker may have recorded
        (the identity question, a queued look-up); nothing when this counter is asking."""
        case = self.case
        if case is None or case.state.final or self.fanout or self.identity_asking():
            return
        queued = any(p.state is ProofState.QUEUED for p in case.proofs.values())
        if not (queued or case.awaits_identity_answer()):
            return
        services, case_id = self.services, case.id
        ops.run_op(
            self,
            lambda: services.snapshot(case_id),
            self._for_this_case(self._set_case),
            lambda e: ops.log_failure(e, "re-reading the case after a sync"),
        )

    def correct_name(self, name: str) -> None:
        """改正姓名: store the corrected name (compared again with the registered one)."""
        self._identity_action(
            self.tr("正在改正姓名…"),
            lambda service, case_id, clerk: service.correct_applicant_name(case_id, name, clerk),
        )

    def adopt_registered_name(self) -> None:
        """采用登记名称: the business takes its registered name."""
        self._identity_action(
            self.tr("正在采用登记名称…"),
            lambda service, case_id, clerk: service.adopt_registered_name(case_id, clerk),
        )

    def override_identity(self, reason: str) -> None:
        """说明理由后继续: go on past the finding with the clerk's reason (audited)."""
        self._identity_action(
            self.tr("正在记录理由…"),
            lambda service, case_id, clerk: service.override_identity(case_id, reason, clerk),
        )

    def _identity_action(self, busy: str, call: Callable[[Any, str, str], object]) -> None:
        case = self.case
        if case is None:
            return
        services = self.services
        case_id, clerk = case.id, self.clerk_name

        def work() -> Snapshot:
            call(services.service, case_id, clerk)
            return services.snapshot(case_id)

        def done(snapshot: Snapshot) -> None:
            if self._apply(snapshot):
                self.changed.emit()

        self._run(busy, work, done)
