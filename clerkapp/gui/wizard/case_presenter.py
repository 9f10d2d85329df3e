"""The presenter of the case wizard: holds the case being worked on and does every service and
platform call through :func:`clerkapp.gui.ops.run_op` (never on the GUI thread). Views read the
row/pledge/decision models it builds (:mod:`clerkapp.gui.wizard.view_models`) and redraw on its
signals."""

from __future__ import annotations

from typing import Any

from clerkapp.app.case_support import live_call_context, subject_of
from clerkapp.app.decision_preview import ActPreview, preview_act
from clerkapp.app.lookups import CREDIT, FAILED, IN_FLIGHT, QUEUED, LookupRun
from clerkapp.core.case import Case, Decision, ProofState
from clerkapp.core.catalogue import Matter, Method
from clerkapp.core.platform_types import CreditStatus
from clerkapp.gui import ops
from clerkapp.gui.i18n import translated
from clerkapp.gui.wizard import view_models
from clerkapp.gui.wizard.applicant_step import ApplicantEntry
from clerkapp.gui.wizard.identity_actions import IdentityPresenter
from clerkapp.gui.wizard.pledge_step import SignedPledge
from clerkapp.gui.wizard.services import Snapshot, WizardServices
from clerkapp.infra.store.outbox import OutboxKind

__all__ = ["CasePresenter", "WizardServices"]


class CasePresenter(IdentityPresenter):
    """One case at a time: opening it, the look-ups, verifications and credit check, pledges and
    the decision — every call off the GUI thread (see :class:`PresenterState`)."""

    def choose_matter(self, matter: Matter) -> None:
        """① done: the matter."""
        self.matter = matter

    def open_case(self, entry: ApplicantEntry) -> None:
        """② done: store the new case (its look-up and verification rows go to the outbox)."""
        matter = self.matter
        assert matter is not None
        self.applicant = entry
        service = self.services.service

        services = self.services

        def work() -> Snapshot:
            case: Case = service.open_case(
                matter.code,
                entry.kind,
                entry.number,
                entry.name,
                clerk=self.clerk_name,
                related=entry.related_map(),
                present=entry.present,
                contact=entry.contact,
            )
            return services.snapshot(case.id)

        self._run(self.tr("正在建立办件…"), work, self._opened)

    def load(self, case_id: str) -> None:
        """Reopen a stored case."""
        services = self.services

        def work() -> tuple[Snapshot, dict[str, SignedPledge]]:
            services.prepare()
            return services.snapshot(case_id), view_models.signed_pledges(services, case_id)

        def done(result: tuple[Snapshot, dict[str, SignedPledge]]) -> None:
            snapshot, signed = result
            self.matter = services.catalogue.matters.get(snapshot[1].matter_code)
            self.signed = signed
            self.credit = None
            self._opened(snapshot)

        self._run(self.tr("正在打开办件…"), work, done)

    def start_proofs(self) -> None:
        """③ entered: fire every look-up at once, send the verification requests, and watch for
        the departments' answers."""
        case = self.case
        if case is None or case.state.final:
            return
        if not self.lookups_started:
            self.lookups_started = True
            self._fire_lookups()
        self._send_verifications()

    def _fire_lookups(self, retry_code: str | None = None) -> None:
        """Send the case's pending and queued look-ups at once (with the credit check on first
        entry when the case has pledges); ``retry_code`` marks a 重试 (F5).

        The rows are picked by the worker from the case as the store has it *now* (the board
        may be stale: the sync worker may have answered meanwhile), so only what is still
        failed or queued is sent; each row shows 查询中 when its look-up is really sent, and
        every such row is cleared when the run ends, whatever became of it (issue 10)."""
        case = self.case
        assert case is not None
        if self.fanout:
            return  # one run at a time: its end clears what it set
        services = self.services
        wanted = any(
            p.method is Method.DATA_QUERY and p.state in (ProofState.PENDING, ProofState.QUEUED)
            for p in case.proofs.values()
        )
        want_credit = self.has_pledges() and self.credit is None and retry_code is None
        if not wanted and not want_credit and retry_code is None:
            return
        if want_credit:
            self.credit_running = True
        self.fanout = True
        self.changed.emit()
        case_id = case.id
        subject = subject_of(case)
        context = live_call_context(case, self.clerk_name)
        clerk = self.clerk_name

        def work(report: Any) -> tuple[LookupRun, Snapshot]:
            report(("", "", services.snapshot(case_id)))  # the case as it is now, first

            def progress(code: str, state: str) -> None:
                # Each answer shows at once, with the case as it is after that answer.
                snapshot = services.snapshot(case_id) if state != IN_FLIGHT else None
                report((code, state, snapshot))

            runner = services.runner()
            rows = services.service.begin_lookups(case_id, clerk)
            run = runner.run_rows(
                case_id,
                [r for r in rows if r.kind == OutboxKind.LOOKUP.value],
                on_progress=progress,
                credit_subject=subject if want_credit else None,
                credit_context=context,
            )
            return run, services.snapshot(case_id)

        def failure(exc: BaseException) -> None:
            self.fanout = False
            self._clear_run_rows()
            self.credit_running = False
            self.failed.emit(ops.user_message_for(exc))
            self.refresh_from_store()

        ops.run_op(
            self,
            work,
            self._for_this_case(self._lookups_done),
            self._for_this_case(failure),
            self._for_this_case(self._lookup_progress),
        )

    def _lookup_progress(self, value: tuple[str, str, Snapshot | None]) -> None:
        code, state, snapshot = value
        if code == CREDIT:
            self.credit_running = state == IN_FLIGHT
        elif not code:
            pass  # the case read before the run
        elif state == IN_FLIGHT:
            self.live[code] = IN_FLIGHT
            self.run_rows.add(code)
            self.errors.pop(code, None)
        else:
            self.live.pop(code, None)
        if snapshot is not None:
            self._apply(snapshot)
        self.changed.emit()

    def _lookups_done(self, result: tuple[LookupRun, Snapshot]) -> None:
        run, snapshot = result
        self.fanout = False
        self._clear_run_rows()
        for code, outcome in run.proofs.items():
            if outcome.state in (FAILED, QUEUED):
                self.errors[code] = translated(outcome.user_message)
        if run.credit is not None:
            self.credit = run.credit
        if run.credit_error is not None:
            self.credit_error = ops.user_message_for(run.credit_error)
        self.credit_running = False
        self._apply(snapshot)
        self.changed.emit()

    def _clear_run_rows(self) -> None:
        """Every row the run set to 查询中 ends with it (one run at a time), whatever became of
        its look-up; the run's last snapshot says what the store has."""
        for code in self.run_rows:
            self.live.pop(code, None)
        self.run_rows.clear()

    def retry(self, code: str) -> None:
        """重试 (F5): send again what is retryable now — the failed and queued look-ups of the
        case as stored (never a satisfied row, never one waiting for a department)."""
        if self.case is None or self.fanout:
            return
        self._fire_lookups(retry_code=code)

    def switch_method(self, code: str, method: Method) -> None:
        """改为部门核验 / 改为承诺: another method the catalogue allows for this proof."""
        case = self.case
        if case is None:
            return
        services = self.services

        def work() -> Snapshot:
            services.service.switch_method(case.id, code, method, clerk=self.clerk_name)
            return services.ask_departments(case.id, self.clerk_name)

        self.errors.pop(code, None)
        self._run(self.tr("正在更改办理方式…"), work, self._switched)

    def _switched(self, snapshot: Snapshot) -> None:
        self._set_case(snapshot)
        self._watch_department()

    def _send_verifications(self) -> None:
        case = self.case
        assert case is not None
        services = self.services

        clerk = self.clerk_name

        def work() -> Snapshot:
            return services.ask_departments(case.id, clerk)

        def done(updated: Snapshot) -> None:
            self._set_case(updated)
            self._watch_department()

        self._run("", work, done)

    def _after_store_change(self) -> None:
        self._watch_department()  # tickets the sync worker got meanwhile are watched from here

    def _watch_department(self) -> None:
        """Long-poll the department's answer in the background; each answer arrives as a
        signal (no timer), and the watch goes on while something still waits."""
        case = self.case
        if self.watching or case is None or case.state.final:
            return
        if not any(p.state is ProofState.AWAITING_DEPT for p in case.proofs.values()):
            return
        self.watching = True
        services = self.services
        case_id = case.id

        def work() -> Snapshot | None:
            if not services.open_rows(case_id, OutboxKind.VERIFICATION_POLL):
                return None
            if services.wait_for_department(case_id) is None:
                return None  # unreachable or deferred: the sync worker polls from now on
            return services.snapshot(case_id)

        def done(updated: Snapshot | None) -> None:
            self.watching = False
            if updated is not None:
                self._set_case(updated)
                self._watch_department()

        def failed(_exc: BaseException) -> None:
            self.watching = False

        ops.run_op(self, work, self._for_this_case(done), failed)

    def start_credit_check(self) -> None:
        """④ entered: check the dishonesty list first (if the look-ups did not already)."""
        case = self.case
        if case is None or self.credit is not None or self.credit_running or case.state.final:
            return
        services = self.services
        subject = subject_of(case)
        context = live_call_context(case, self.clerk_name)
        self.credit_running = True
        self.credit_error = ""
        self.changed.emit()

        def work() -> tuple[CreditStatus, Snapshot]:
            unregistered = services.runner().register_first(case.id)  # the platform's first call
            if unregistered is not None:
                raise unregistered
            status: CreditStatus = services.context.client.credit_check(subject, context=context)
            services.service.record_credit(case.id, status, self.clerk_name)
            return status, services.snapshot(case.id)

        def done(result: tuple[CreditStatus, Snapshot]) -> None:
            self.credit, updated = result
            self.credit_running = False
            self._set_case(updated)

        def failure(exc: BaseException) -> None:
            self.credit_running = False
            self.credit_error = ops.user_message_for(exc)
            self.changed.emit()

        ops.run_op(self, work, self._for_this_case(done), self._for_this_case(failure))

    def sign_pledge(self, code: str, strokes: list[Any], png: bytes) -> None:
        """确认签字: store strokes and image bound to the pledge text and time."""
        case = self.case
        if case is None:
            return
        services = self.services

        def work() -> tuple[SignedPledge, Snapshot]:
            record = services.service.sign_pledge(
                case.id, code, strokes, png, clerk=self.clerk_name
            )
            signed = view_models.signed_from_record(record)
            return signed, services.snapshot(case.id)

        def done(result: tuple[SignedPledge, Snapshot]) -> None:
            self.signed[code] = result[0]
            self._set_case(result[1])

        self._run(self.tr("正在保存签名…"), work, done)

    def decide(self, decision: Decision, reason: str) -> None:
        """⑤: approve, refuse or accept; the service audits an override."""
        case = self.case
        if case is None:
            return
        services = self.services

        recommended = case.recommend().decision
        override = reason if decision is not recommended else None

        def work() -> Snapshot:
            services.service.decide(
                case.id, decision, reason or None, self.clerk_name, override_reason=override
            )
            return services.snapshot(case.id)

        def done(updated: Snapshot) -> None:
            self._set_case(updated)
            self.decided.emit()
            self._watch_department()

        self._run(self.tr("正在保存决定…"), work, done)

    def preview_act(self, decision: Decision, reason: str) -> ActPreview | None:
        """What deciding ``decision`` with ``reason`` would print (⑤'s preview; pure, quick)."""
        if self.case is None:
            return None
        return preview_act(self.case, self.matter, decision, reason)
