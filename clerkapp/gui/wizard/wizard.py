"""The case wizard: the screen a clerk uses all day. A step bar (① 事项 ─ ② 申请人 ─ ③ 证明材料 ─
④ 承诺签字 ─ ⑤ 决定 ─ ⑥ 打印), the case line, the current step and 上一步 / 下一步.

The wizard is a view: it routes the steps' requests to the :class:`CasePresenter` (which holds
the case and calls the services off the GUI thread) and redraws from the presenter's signals.
Keyboard: Enter next (or the step's own Enter action), Esc back, F5 retry a look-up, Ctrl+P print.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clerkapp.app.context import AppContext
from clerkapp.core.case_types import Decision
from clerkapp.core.catalogue import Matter, Method
from clerkapp.core.texts import PART_SEPARATOR
from clerkapp.gui import gc_guard, ops
from clerkapp.gui.case_updates import hub_for
from clerkapp.gui.i18n import translated
from clerkapp.gui.theme import ICONS, Tone
from clerkapp.gui.wizard.applicant_step import ApplicantStep
from clerkapp.gui.wizard.case_actions import CaseActionBar, WaysController
from clerkapp.gui.wizard.case_presenter import CasePresenter
from clerkapp.gui.wizard.decision_step import DecisionStep
from clerkapp.gui.wizard.id_reader import IdCardReader, SimulatedIdCardReader, demo_cards
from clerkapp.gui.wizard.identity_banner import IdentityBanner
from clerkapp.gui.wizard.matter_step import MatterStep, time_limit_text
from clerkapp.gui.wizard.person_present import present_line
from clerkapp.gui.wizard.pledge_step import PledgeStep
from clerkapp.gui.wizard.print_host import PrintHost
from clerkapp.gui.wizard.proofs_board import ProofsBoard, RowAction
from clerkapp.gui.wizard.services import WizardServices
from clerkapp.gui.wizard.step_bar import Step, StepBar


class CaseWizard(QWidget):
    """One case from matter to print. ``case_changed(case_id)`` after every stored change."""

    case_changed = Signal(str)

    def __init__(
        self,
        context: AppContext,
        clerk: object,
        parent: QWidget | None = None,
        *,
        reader: IdCardReader | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseWizard")
        self.setAccessibleName(self.tr("办件向导"))
        services = WizardServices(context)
        self.services = services
        if reader is None:
            reader = (
                SimulatedIdCardReader(demo_cards(services.today()), self)
                if services.training()
                else IdCardReader(self)
            )
        self.reader = reader
        self.presenter = CasePresenter(services, clerk, self)
        self.step_bar = StepBar(self)
        self.case_line = QLabel(self)
        self.case_line.setObjectName("caseLine")
        self.case_line.setStyleSheet("font-size: 15px; color: #202124;")
        self.case_line.setWordWrap(True)
        self.identity_banner = IdentityBanner(self)  # the registry on the applicant's name
        self.matter_step = MatterStep(services.search_matters, self)
        self.applicant_step = ApplicantStep(reader, services.today, self)
        self.proofs_board = ProofsBoard(self)
        self.pledge_step = PledgeStep(self)
        self.decision_step = DecisionStep(self)
        self.decision_step.previewer = self.presenter.preview_act
        self.print_host = PrintHost(services, self)
        # The open case's actions (补正, 不予受理, 撤回; more plug in via actions.add_action).
        self.case_actions = CaseActionBar(self)
        self.ways = WaysController(self)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("wizardPages")
        for page in (
            self.matter_step,
            self.applicant_step,
            self.proofs_board,
            self.pledge_step,
            self.decision_step,
            self.print_host,
        ):
            self.stack.addWidget(page)
        self.status = QLabel(self)
        self.status.setObjectName("wizardStatus")
        self.status.setWordWrap(True)
        self.back_button = QPushButton(self.tr("上一步 (Esc)"), self)
        self.back_button.setObjectName("wizardBack")
        self.back_button.setAccessibleName(self.tr("上一步"))
        self.next_button = QPushButton(self.tr("下一步 (Enter)"), self)
        self.next_button.setObjectName("wizardNext")
        self.next_button.setAccessibleName(self.tr("下一步"))
        self.next_button.setDefault(True)
        for button in (self.back_button, self.next_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step_bar)
        layout.addWidget(self.case_line)
        layout.addWidget(self.identity_banner)
        layout.addWidget(self.case_actions)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)

        self._shortcut(QKeySequence(Qt.Key.Key_Return), self.go_next, "shortcutNext")
        self._shortcut(QKeySequence(Qt.Key.Key_Enter), self.go_next, "shortcutNextKeypad")
        self._shortcut(QKeySequence(Qt.Key.Key_Escape), self.go_back, "shortcutBack")
        self._shortcut(QKeySequence(Qt.Key.Key_F5), self.retry_lookup, "shortcutRetry")
        self._shortcut(QKeySequence("Ctrl+P"), self.print_now, "shortcutPrint")
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.matter_step.matter_chosen.connect(self._matter_chosen)
        self.applicant_step.changed.connect(self._sync_buttons)
        self.proofs_board.action_requested.connect(self._row_action)
        self.pledge_step.sign_requested.connect(self.presenter.sign_pledge)
        self.pledge_step.paper_requested.connect(self.ways.receive_paper)
        self.pledge_step.switch_requested.connect(
            lambda code, method: self.presenter.switch_method(code, Method(method))
        )
        self.decision_step.decide_requested.connect(
            lambda decision, reason: self.presenter.decide(Decision(decision), reason)
        )
        self.presenter.changed.connect(self._case_updated)
        self.identity_banner.correct_requested.connect(self.presenter.correct_name)
        self.identity_banner.adopt_requested.connect(self.presenter.adopt_registered_name)
        self.identity_banner.override_requested.connect(self.presenter.override_identity)
        self.identity_banner.recheck_requested.connect(self.presenter.check_identity)
        self.presenter.busy.connect(self._busy)
        self.presenter.failed.connect(self._failed)
        self.presenter.opened.connect(self._case_opened)
        self.presenter.decided.connect(self._decided)
        self.print_host.set_clerk(clerk)
        # Whoever changes the open case (sync, a poll, a department), the board follows it.
        self.case_updates = hub_for(context)
        if self.case_updates is not None:
            self.case_updates.changed.connect(self._store_changed)
            self.presenter.read_pool = self.case_updates.pool
        app = QCoreApplication.instance()
        if app is not None:
            # No department watch outlives the window (the shell waits for running ops).
            app.aboutToQuit.connect(self.presenter.stop)
        self.new_case()
        self.matter_step.hint.setText(self.tr("正在载入事项目录…"))
        ops.run_op(self, services.prepare, self._prepared, self._prepare_failed)

    def _prepared(self, _result: object) -> None:
        gc_guard.freeze_long_lived()  # the catalogue and its index stay for the whole session
        self.matter_step.catalogue_ready()

    def _prepare_failed(self, exc: BaseException) -> None:
        self.matter_step.hint.setText(ops.user_message_for(exc))

    def _shortcut(self, keys: QKeySequence, slot: Callable[[], object], name: str) -> None:
        shortcut = QShortcut(keys, self)
        shortcut.setObjectName(name)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    # -- the main window's entry points ------------------------------------------------------

    def new_case(self) -> None:
        """Start over with an empty case at ① 事项: every step back to its empty default
        (tests/gui/test_new_case_clean.py fills every documented input and checks)."""
        self.presenter.reset()
        self.matter_step.reset()
        self.applicant_step.reset()
        self.applicant_step.set_related(())  # the next matter says whom it asks for
        self.proofs_board.reset()
        self.pledge_step.reset()
        self.decision_step.reset()
        self.print_host.reset()
        self.identity_banner.reset()
        self.case_line.clear()
        self.status.clear()
        self.case_actions.refresh(None)
        self._go(Step.MATTER)

    def open_case(self, case_id: str) -> None:
        """Reopen a stored case where it stopped."""
        self.new_case()
        self.presenter.load(case_id)

    def platform_synced(self) -> None:
        """The sync worker sent something: an answer it recorded for the case on screen (the
        identity check, a queued look-up) shows without a click."""
        self.presenter.refresh_waiting()
        if self.step is Step.PRINT:
            self.print_host.refresh_provisional()  # the progress it waited for may be sent

    def _store_changed(self, case_ids: frozenset[str]) -> None:
        """Cases changed in the store: the open one is read again (off the GUI thread)."""
        case_id = self.presenter.case_id
        if case_id and case_id in case_ids:
            self.presenter.refresh_from_store()
            if self.step is Step.PRINT:
                self.print_host.refresh_provisional()

    # -- navigation --------------------------------------------------------------------------

    @property
    def step(self) -> Step:
        """The step on screen."""
        return Step(self.stack.currentIndex())

    def _go(self, step: Step) -> None:
        skipped = set() if self.presenter.has_pledges() else {Step.PLEDGE}
        self.step_bar.show_step(step, skipped if self.presenter.case else set())
        self.stack.setCurrentIndex(step)
        if self.presenter.case is not None:
            if step is Step.PLEDGE:
                self.pledge_step.set_signer(self.presenter.case)
                self.pledge_step.set_credit(self.presenter.credit_model())
                self.pledge_step.set_pledges(self.presenter.pledge_models())
            elif step is Step.DECISION:
                self.decision_step.set_model(self.presenter.decision_model())
        if step is Step.PROOFS:
            self.presenter.start_proofs()
        elif step is Step.PLEDGE:
            self.presenter.start_credit_check()
        elif step is Step.PRINT:
            self.print_host.show_case(self.presenter.case_id)
        self._refresh_views()
        page = self.stack.currentWidget()
        if page is not None:
            # Focusing the wizard (the shell does on Ctrl+N) lands on the step's first field.
            self.setFocusProxy(page)
            page.setFocus()
        self._sync_buttons()

    def go_next(self) -> None:
        """Enter: the step's own action (pick, sign, decide), then the next step if complete."""
        step = self.step
        if self.identity_banner.field_open():
            self.identity_banner.commit()  # Enter confirms the corrected name or the reason
            return
        if step is Step.MATTER:
            self.matter_step.commit()  # emits matter_chosen → _matter_chosen moves on
        elif step is Step.APPLICANT:
            entry = self.applicant_step.entry() if self.applicant_step.commit() else None
            if entry is not None and self.presenter.matter is not None:
                self.presenter.open_case(entry)  # → opened → ③
        elif step is Step.PROOFS:
            if self.presenter.lookups_running():
                self._say(self.tr("查询尚未完成，请稍候"), Tone.BUSY)
                return
            self._go(Step.PLEDGE if self.presenter.has_pledges() else Step.DECISION)
        elif step is Step.PLEDGE:
            pad = self.pledge_step.pad
            if pad.confirm_button.isEnabled():
                pad.confirm_button.click()
            elif self.pledge_step.all_signed() or self.presenter.credit_listed():
                self._go(Step.DECISION)
        elif step is Step.DECISION:
            if self.presenter.decision_made():
                self._go(Step.PRINT)
                return
            default = self.decision_step.default_decision()
            if default is not None:
                self.decision_step.request(default)
        elif step is Step.PRINT:
            self.print_host.commit()

    def go_back(self) -> None:
        """Esc: one step back (a decided case cannot go back before its decision)."""
        step = self.step
        if step is Step.MATTER:
            return
        if step is Step.DECISION and not self.presenter.has_pledges():
            target = Step.PROOFS
        else:
            target = Step(step - 1)
        if self.presenter.case is not None and target < Step.PROOFS:
            target = Step.PROOFS  # the case exists: matter and applicant are fixed
        if self.step is Step.PROOFS and target is Step.PROOFS:
            return
        self._go(target)

    def retry_lookup(self) -> None:
        """F5: retry the first failed look-up on the board."""
        code = self.proofs_board.first_retryable()
        if code is not None:
            self.presenter.retry(code)

    def print_now(self) -> None:
        """Ctrl+P: print (on the print step; from the decision step once decided)."""
        if self.step is Step.DECISION and self.presenter.decision_made():
            self._go(Step.PRINT)
        if self.step is Step.PRINT:
            self.print_host.print_now()

    # -- presenter → views ---------------------------------------------------------------------

    def _matter_chosen(self, matter: Matter) -> None:
        self.presenter.choose_matter(matter)
        self.applicant_step.set_kind(matter.applicant_kind)
        self.applicant_step.present_panel.set_attorney_demanded(matter.demands_power_of_attorney)
        self.applicant_step.set_related(matter.related)
        self.case_line.setText(self._case_line_text())
        self._go(Step.APPLICANT)

    def _case_opened(self, case_id: str) -> None:
        self.case_changed.emit(case_id)
        self.case_line.setText(self._case_line_text())
        self._go(self.presenter.resume_step())
        self.presenter.check_identity()  # asked with the case; a case from before: asked now

    def _case_updated(self) -> None:
        self._refresh_views()
        self._sync_buttons()
        if self.presenter.case_id:
            self.case_changed.emit(self.presenter.case_id)

    def _decided(self) -> None:
        self._refresh_views()
        self._go(Step.PRINT)

    def _refresh_views(self) -> None:
        presenter = self.presenter
        if presenter.case is None:
            return
        self.case_actions.refresh(presenter.case)
        self.case_line.setText(self._case_line_text())
        self.identity_banner.set_model(presenter.identity_model())
        self.proofs_board.heading.setText(self.tr("证明材料（查询与核验同时进行，无需申请人跑腿）"))
        self.proofs_board.set_rows(presenter.row_models())
        tone = presenter.recommendation_tone()
        self.proofs_board.summary.setText(f"{ICONS[tone]} {presenter.recommendation_text()}")
        style = f"font-size: 15px; font-weight: 600; color: {tone.value};"
        if self.proofs_board.summary.styleSheet() != style:
            self.proofs_board.summary.setStyleSheet(style)
        # The other steps are redrawn when shown (_go): less work while answers stream in.
        if self.step is Step.PLEDGE:
            self.pledge_step.set_credit(presenter.credit_model())
            self.pledge_step.set_pledges(presenter.pledge_models())
        elif self.step is Step.DECISION:
            self.decision_step.set_model(presenter.decision_model())
        skipped = set() if presenter.has_pledges() else {Step.PLEDGE}
        if skipped != self.step_bar.skipped:
            self.step_bar.show_step(self.step, skipped)

    def _case_line_text(self) -> str:
        matter = self.presenter.matter
        if matter is None:
            return ""
        text = self.tr("{name} · {dept} · 承诺时限 {limit}").format(
            name=matter.name, dept=matter.department, limit=time_limit_text(matter)
        )
        applicant = self.presenter.applicant_line()
        if applicant:
            text += translated(PART_SEPARATOR) + self.tr("申请人 {a}").format(a=applicant)
        if (case := self.presenter.case) is not None and case.present is not None:
            # who acts for them (issue 9)
            text += translated(PART_SEPARATOR) + present_line(case.present)
        return text

    def _busy(self, text: str) -> None:
        self._say(text, Tone.BUSY) if text else self.status.clear()
        self.pledge_step.set_busy(text if self.step is Step.PLEDGE else "")

    def _failed(self, text: str) -> None:
        self._say(text, Tone.ERROR)
        self._refresh_views()

    def _say(self, text: str, tone: Tone) -> None:
        self.status.setText(f"{ICONS[tone]} {text}")
        self.status.setStyleSheet(f"color: {tone.value}; font-size: 14px;")
        self.status.setAccessibleName(text)

    def _sync_buttons(self) -> None:
        step = self.step
        self.back_button.setEnabled(step is not Step.MATTER)
        ready = {
            Step.MATTER: True,
            Step.APPLICANT: self.applicant_step.entry() is not None,
            Step.PROOFS: not self.presenter.lookups_running(),
            Step.PLEDGE: True,
            Step.DECISION: self.presenter.decision_made(),
            Step.PRINT: False,
        }[step]
        self.next_button.setEnabled(ready)
        self.next_button.setVisible(step is not Step.PRINT)

    def _row_action(self, code: str, action: str) -> None:
        kind = RowAction(action)
        if kind is RowAction.RETRY:
            self.presenter.retry(code)
        elif kind is RowAction.VERIFY:
            self.presenter.switch_method(code, Method.DEPT_VERIFY)
        elif kind is RowAction.PLEDGE:
            self.presenter.switch_method(code, Method.PLEDGE)
