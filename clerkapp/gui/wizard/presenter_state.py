"""The state half of the case wizard's presenter: the case on screen, what runs, the models the
views draw, and the one way work is started (:meth:`PresenterState._run`, through
:func:`clerkapp.gui.ops.run_op`) and results taken (:meth:`PresenterState._apply`, newest
snapshot wins). The actions are in :mod:`clerkapp.gui.wizard.case_presenter`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from clerkapp.app.lookups import IN_FLIGHT
from clerkapp.core.case import Case, CaseState, ProofState
from clerkapp.core.catalogue import Matter, Method, ProcedureKind
from clerkapp.core.platform_types import CreditStatus
from clerkapp.gui import ops
from clerkapp.gui.theme import Tone
from clerkapp.gui.wizard import view_models
from clerkapp.gui.wizard.applicant_step import ApplicantEntry
from clerkapp.gui.wizard.decision_step import DecisionModel
from clerkapp.gui.wizard.pledge_step import CreditModel, PledgeModel, SignedPledge
from clerkapp.gui.wizard.proofs_board import ProofRowModel
from clerkapp.gui.wizard.services import Snapshot, WizardServices
from clerkapp.gui.wizard.step_bar import Step


class PresenterState(QObject):
    """One case at a time. Signals: ``opened(case_id)``, ``changed()``, ``busy(text)`` ("" when
    idle), ``failed(text)`` (Chinese, for the clerk), ``decided()``."""

    opened = Signal(str)
    changed = Signal()
    busy = Signal(str)
    failed = Signal(str)
    decided = Signal()

    def __init__(self, services: WizardServices, clerk: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.clerk = clerk
        self.read_pool: QThreadPool | None = None  # where store changes are read (None: global)
        self.reset()

    # -- state -----------------------------------------------------------------------------------

    def reset(self) -> None:
        """Forget the case (new case)."""
        self.generation = getattr(self, "generation", 0) + 1
        self.matter: Matter | None = None
        self.applicant: ApplicantEntry | None = None
        self.case: Case | None = None
        self.live: dict[str, str] = {}  # proof code → IN_FLIGHT while its look-up runs
        self.errors: dict[str, str] = {}  # proof code → why the last look-up failed
        self.credit: CreditStatus | None = None
        self.credit_error = ""
        self.credit_running = False
        self.signed: dict[str, SignedPledge] = {}
        self.watching = False
        self.lookups_started = False
        self.fanout = False  # a look-up fan-out is on its way
        self.run_rows: set[str] = set()  # proofs the fan-out on its way set to 查询中
        self.seen = 0  # number of the newest case snapshot shown
        self.rereading = False  # the case is being read again after a store change
        self.reread_again = False  # another change was heard meanwhile: read once more

    def stop(self) -> None:
        """Drop every answer still on its way and stop watching for department answers (the
        wizard is closing or a new case starts)."""
        self.generation += 1
        self.watching = False

    @property
    def case_id(self) -> str:
        """The id of the case ("" before it is opened)."""
        return self.case.id if self.case is not None else ""

    @property
    def clerk_name(self) -> str:
        """The clerk's username, as the services record it."""
        return str(getattr(self.clerk, "username", self.clerk))

    def lookups_running(self) -> bool:
        """Whether a look-up of this case is on its way."""
        return self.fanout or any(state == IN_FLIGHT for state in self.live.values())

    def has_pledges(self) -> bool:
        """Whether the case has proofs to be pledged (④ is skipped otherwise)."""
        case = self.case
        return case is not None and any(p.method is Method.PLEDGE for p in case.proofs.values())

    def credit_listed(self) -> bool:
        """Whether the credit check found the applicant on the dishonesty list."""
        return bool(self.case is not None and self.case.credit_listed)

    def decision_made(self) -> bool:
        """Whether the clerk has decided (approved, refused or accepted)."""
        return self.case is not None and self.case.state is not CaseState.OPEN

    def resume_step(self) -> Step:
        """Where a reopened case continues."""
        if self.case is None:
            return Step.MATTER
        if self.case.state is CaseState.OPEN:
            return Step.PROOFS
        if self.case.state is CaseState.ACCEPTED and not self.case.missing():
            return Step.DECISION  # the department answered: decide now
        return Step.PRINT

    def applicant_line(self) -> str:
        """Name and masked number for the case line."""
        if self.case is not None:
            return f"{self.case.applicant_name} {self.case.applicant_display}"
        if self.applicant is not None:
            return f"{self.applicant.name} {self.applicant.display_number}"
        return ""

    def procedure(self) -> ProcedureKind | None:
        """The kind of act of the case's matter (its words on ⑤, the board and the list)."""
        code = self.case.matter_code if self.case is not None else None
        matter = self.services.catalogue.matters.get(code) if code else self.matter
        return matter.procedure if matter is not None else None

    # -- models for the views --------------------------------------------------------------------

    def row_models(self) -> list[ProofRowModel]:
        """The proofs board's rows."""
        assert self.case is not None
        return view_models.rows(self.case, self.services.catalogue, self.live, self.errors)

    def recommendation_text(self) -> str:
        """The one-line recommendation under the board."""
        assert self.case is not None
        return view_models.recommendation_line(self.case, self.procedure())

    def recommendation_tone(self) -> Tone:
        """The tone of the recommendation line."""
        assert self.case is not None
        return view_models.recommendation_tone(self.case)

    def credit_model(self) -> CreditModel:
        """The credit line of the pledge step."""
        return view_models.credit(self.credit, self.credit_error, self.credit_running)

    def pledge_models(self) -> list[PledgeModel]:
        """The pledges of the case."""
        assert self.case is not None
        return view_models.pledges(self.case, self.services.catalogue, self.signed)

    def decision_model(self) -> DecisionModel:
        """The decision step's model."""
        assert self.case is not None
        return view_models.decision(self.case, self.procedure())

    # -- actions -----------------------------------------------------------------------------------

    def _for_this_case(self, fn: Callable[[Any], None]) -> Callable[[Any], None]:
        """``fn`` made to do nothing once a new case was started meanwhile (a late answer of
        the case before must not reach the next one)."""
        generation = self.generation
        return lambda value: fn(value) if generation == self.generation else None

    def _run(self, busy: str, fn: Any, on_success: Any, on_progress: Any = None) -> None:
        """Run ``fn`` in the background; drop the result if a new case was started meanwhile."""
        generation = self.generation
        if busy:
            self.busy.emit(busy)

        def success(result: Any) -> None:
            if generation == self.generation:
                if busy:
                    self.busy.emit("")
                on_success(result)

        def failure(exc: BaseException) -> None:
            if generation == self.generation:
                if busy:
                    self.busy.emit("")
                self.failed.emit(ops.user_message_for(exc))

        def progress(value: Any) -> None:
            if generation == self.generation and on_progress is not None:
                on_progress(value)

        ops.run_op(self, fn, success, failure, progress if on_progress else None)

    def _after_store_change(self) -> None:
        """What the case presenter does once a store change is shown (resume watching for a
        department's answer once the sync worker has the tickets)."""

    def _apply(self, snapshot: Snapshot) -> bool:
        """Take ``snapshot`` unless a newer one is already on screen. A look-up's error of an
        earlier run is forgotten once its proof has moved on (answered, switched, waiting)."""
        seq, case = snapshot
        if seq <= self.seen:
            return False
        self.seen = seq
        self.case = case
        for code in list(self.errors):
            p = case.proofs.get(code)
            if p is None or p.state not in (ProofState.PENDING, ProofState.QUEUED):
                del self.errors[code]
        return True

    def refresh_from_store(self) -> None:
        """The store changed this case (the sync worker, a verification poll, a department's
        answer): read it again off the GUI thread and show it. One read at a time; a change
        heard during a read reads once more after it (issue 10)."""
        case = self.case
        if case is None:
            return
        if self.rereading:
            self.reread_again = True
            return
        self.rereading = True
        services, case_id = self.services, case.id

        def done(snapshot: Snapshot) -> None:
            self.rereading = False
            self._set_case(snapshot)
            self._after_store_change()
            if self.reread_again:
                self.reread_again = False
                self.refresh_from_store()

        def failed(exc: BaseException) -> None:
            self.rereading = self.reread_again = False
            ops.log_failure(exc, "re-reading the case after a store change")

        ops.run_op(
            self,
            lambda: services.snapshot(case_id),
            self._for_this_case(done),
            self._for_this_case(failed),
            pool=self.read_pool,
        )

    def _opened(self, snapshot: Snapshot) -> None:
        self._apply(snapshot)
        assert self.case is not None
        self.opened.emit(self.case.id)

    def _set_case(self, snapshot: Snapshot) -> None:
        if self._apply(snapshot):
            self.changed.emit()
