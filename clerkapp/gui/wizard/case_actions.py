"""The open case's actions (UI.md: "The case's actions … live where the case is, in a menu or
action bar of the open case, each with a key"): an action bar under the case line of the wizard.

Each action is a :class:`CaseAction` — a name (object name ``caseAction_<name>``), its label for
the case on screen, its key, when it is enabled and what it does. :meth:`CaseActionBar.add_action`
is the one hook for more actions: 作废/更正 (with a supervisor's approval) and 重新打印 plug in
the same way, e.g.::

    wizard.case_actions.add_action(CaseAction(
        "void", lambda case: "作废/更正 (F9)", "F9",
        enabled=lambda case: case is not None and case.state.final,
        run=open_void_dialog, needs_supervisor=True))

Keys taken here: F6 补正 / 恢复办理, F7 不予受理, F8 撤回, F10 修改联系方式
(:mod:`contact_dialog`; F9 is kept for 作废/更正, F11 and on are free).

The ways back are done by :class:`WaysController`: a dialog (:mod:`case_dialogs`), then the
case service off the GUI thread (one transaction), then the wizard shows the result — the print
step with the 补正 notice, the 不予受理决定书 or the 撤回申请确认书, or the proofs board of a
resumed case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from clerkapp.core.case import Case, CaseState, CorrectionItem
from clerkapp.core.catalogue import ProcedureKind
from clerkapp.gui.i18n import translated
from clerkapp.gui.theme import Tone
from clerkapp.gui.wizard.case_dialogs import (
    CorrectionDialog,
    NotAcceptedDialog,
    PaperDialog,
    ResumeDialog,
    WithdrawDialog,
)
from clerkapp.gui.wizard.contact_dialog import contact_action
from clerkapp.gui.wizard.services import Snapshot
from clerkapp.gui.wizard.step_bar import Step

if TYPE_CHECKING:
    from clerkapp.gui.wizard.wizard import CaseWizard


@dataclass(frozen=True)
class CaseAction:
    """One action of the open case. ``label(case)`` is the button text (it may change with the
    state, e.g. 补正 → 恢复办理), ``enabled(case)`` whether it can be used now, ``why_not(case)``
    the tooltip when it cannot; ``needs_supervisor`` says so on the button before the clerk
    starts (UI.md)."""

    name: str
    label: Callable[[Case | None], str]
    shortcut: str
    enabled: Callable[[Case | None], bool]
    run: Callable[[], None]
    needs_supervisor: bool = False
    why_not: Callable[[Case | None], str] = lambda _case: ""


_ENDABLE = (CaseState.OPEN, CaseState.AWAITING_CORRECTION)
_WITHDRAWABLE = (CaseState.OPEN, CaseState.ACCEPTED, CaseState.AWAITING_CORRECTION)


def _state_is(*states: CaseState) -> Callable[[Case | None], bool]:
    return lambda case: case is not None and case.state in states


def _can_correct(case: Case | None) -> bool:
    if case is None:
        return False
    if case.state is CaseState.AWAITING_CORRECTION:
        return True  # 恢复办理
    return case.state is CaseState.OPEN and not case.corrections


def _why_not(case: Case | None) -> str:
    if case is None:
        return QCoreApplication.translate("CaseActions", "请先建立或打开办件")
    # a decided case is 已办结 whatever its kind of act (no licence words for a 给付)
    decided = case.state in (CaseState.APPROVED, CaseState.REFUSED)
    state = (
        QCoreApplication.translate("CaseActions", "已办结")
        if decided
        else translated(case.state.label_zh)
    )
    return QCoreApplication.translate("CaseActions", "办件{state}，不能进行此操作").format(
        state=state
    )


class CaseActionBar(QWidget):
    """A row of buttons, one per :class:`CaseAction`, each with its key (a shortcut of the
    wizard, so it works wherever the focus is in the case)."""

    def __init__(self, wizard: QWidget) -> None:
        super().__init__(wizard)
        self.setObjectName("caseActions")
        self.setAccessibleName(QCoreApplication.translate("CaseActions", "办件操作"))
        self._wizard = wizard
        self._case: Case | None = None
        self.actions_list: list[CaseAction] = []
        self.buttons: dict[str, QPushButton] = {}
        self.shortcuts: dict[str, QShortcut] = {}
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(QCoreApplication.translate("CaseActions", "办件操作："), self)
        self._layout.addWidget(title)
        self._layout.addStretch(1)

    def add_action(self, action: CaseAction) -> QPushButton:
        """Add ``action`` (the hook for more actions, e.g. 作废/更正): its button and key."""
        button = QPushButton(self)
        button.setObjectName(f"caseAction_{action.name}")
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(lambda _=False, a=action: self.trigger(a.name))
        self._layout.insertWidget(self._layout.count() - 1, button)
        shortcut = QShortcut(QKeySequence(action.shortcut), self._wizard)
        shortcut.setObjectName(f"shortcut_{action.name}")
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda a=action: self.trigger(a.name))
        self.actions_list.append(action)
        self.buttons[action.name] = button
        self.shortcuts[action.name] = shortcut
        self.refresh(self._case)
        return button

    def trigger(self, name: str) -> None:
        """Run the action ``name`` if it is enabled for the case on screen."""
        for action in self.actions_list:
            if action.name == name and action.enabled(self._case):
                action.run()

    def refresh(self, case: Case | None) -> None:
        """Labels and enabled states for ``case`` (None: no case yet)."""
        self._case = case
        for action in self.actions_list:
            button = self.buttons[action.name]
            text = action.label(case)
            if action.needs_supervisor:
                text += QCoreApplication.translate("CaseActions", "（需主管审批）")
            button.setText(text)
            button.setAccessibleName(text)
            enabled = action.enabled(case)
            button.setEnabled(enabled)
            button.setToolTip("" if enabled else action.why_not(case))
        self.setVisible(case is not None)


class WaysController:
    """补正 / 恢复办理, 不予受理 and 撤回 of the wizard's case: dialog → service → result."""

    def __init__(self, wizard: CaseWizard) -> None:
        self.wizard = wizard
        self.dialog: QDialog | None = None  # the dialog on screen (tests fill it)
        bar = wizard.case_actions
        bar.add_action(
            CaseAction(
                "correction",
                lambda case: (
                    QCoreApplication.translate("CaseActions", "恢复办理 (F6)")
                    if case is not None and case.state is CaseState.AWAITING_CORRECTION
                    else QCoreApplication.translate("CaseActions", "补正 (F6)")
                ),
                "F6",
                _can_correct,
                self.correction,
                why_not=lambda case: (
                    QCoreApplication.translate("CaseActions", "本办件已一次性告知补正")
                    if case is not None and case.corrections and case.state is CaseState.OPEN
                    else _why_not(case)
                ),
            )
        )
        bar.add_action(
            CaseAction(
                "not_accepted",
                lambda _case: QCoreApplication.translate("CaseActions", "不予受理 (F7)"),
                "F7",
                _state_is(*_ENDABLE),
                self.not_accept,
                why_not=_why_not,
            )
        )
        bar.add_action(
            CaseAction(
                "withdraw",
                lambda _case: QCoreApplication.translate("CaseActions", "撤回 (F8)"),
                "F8",
                _state_is(*_WITHDRAWABLE),
                self.withdraw,
                why_not=_why_not,
            )
        )

        bar.add_action(contact_action(self))  # 修改联系方式 (F10, issue 9)

    # -- the actions -------------------------------------------------------------------------

    def correction(self) -> None:
        """F6: the 补正 dialog of an open case, or 恢复办理 of a waiting one."""
        case = self.wizard.presenter.case
        if case is None:
            return
        if case.state is CaseState.AWAITING_CORRECTION:
            resume = ResumeDialog(case, self.wizard)
            self._show(resume, lambda: self._resume(resume.received()))
            return
        licence = self.wizard.presenter.procedure() in (ProcedureKind.LICENCE, None)
        dialog = CorrectionDialog(case, self.wizard, licence=licence)
        self._show(dialog, lambda: self._request_correction(dialog.items(), dialog.days.value()))

    def not_accept(self) -> None:
        """F7: the 不予受理 dialog."""
        dialog = NotAcceptedDialog(self.wizard)
        self._show(dialog, lambda: self._not_accept(dialog.reasons()))

    def receive_paper(self, code: str) -> None:
        """The pledge step's 收取纸质证明: what was checked, then the proof is satisfied."""
        case = self.wizard.presenter.case
        if case is None or code not in case.proofs:
            return
        dialog = PaperDialog(case.proofs[code].name, self.wizard)
        service = self.wizard.presenter.services.service

        def accepted() -> None:
            check = dialog.check_edit.text().strip()
            self._act(
                QCoreApplication.translate("CaseActions", "正在记录纸质证明…"),
                lambda case_id, clerk: service.receive_paper(case_id, code, check, clerk),
                self.wizard._refresh_views,
            )

        self._show(dialog, accepted)

    def withdraw(self) -> None:
        """F8: the 撤回 dialog."""
        dialog = WithdrawDialog(self.wizard)
        self._show(dialog, lambda: self._withdraw(dialog.reason.text().strip()))

    # -- helpers -----------------------------------------------------------------------------

    def _show(self, dialog: QDialog, on_accept: Callable[[], None]) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_accept)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _act(self, busy: str, work: Callable[[str, str], object], then: Callable[[], None]) -> None:
        presenter = self.wizard.presenter
        case = presenter.case
        if case is None:
            return
        services, clerk, case_id = presenter.services, presenter.clerk_name, case.id

        def run() -> Snapshot:
            work(case_id, clerk)
            return services.snapshot(case_id)

        def done(snapshot: Snapshot) -> None:
            presenter._set_case(snapshot)
            self.wizard.case_actions.refresh(presenter.case)
            then()

        presenter._run(busy, run, done)

    def _request_correction(self, items: list[CorrectionItem], days: int) -> None:
        service = self.wizard.presenter.services.service
        self._act(
            QCoreApplication.translate("CaseActions", "正在保存补正告知…"),
            lambda case_id, clerk: service.request_correction(case_id, items, days, clerk),
            lambda: self.wizard._go(Step.PRINT),
        )

    def _resume(self, paper: dict[str, str]) -> None:
        service = self.wizard.presenter.services.service

        def then() -> None:
            self.wizard.presenter.lookups_started = False  # corrected proofs are looked up again
            self.wizard._go(Step.PROOFS)
            self.wizard._say(
                QCoreApplication.translate("CaseActions", "申请人已补正，办件恢复办理"), Tone.OK
            )

        self._act(
            QCoreApplication.translate("CaseActions", "正在恢复办理…"),
            lambda case_id, clerk: service.resume_correction(case_id, clerk, paper=paper),
            then,
        )

    def _not_accept(self, reasons: list[str]) -> None:
        service = self.wizard.presenter.services.service
        self._act(
            QCoreApplication.translate("CaseActions", "正在保存不予受理决定…"),
            lambda case_id, clerk: service.not_accept(case_id, reasons, clerk),
            lambda: self.wizard._go(Step.PRINT),
        )

    def _withdraw(self, reason: str) -> None:
        service = self.wizard.presenter.services.service

        def then() -> None:
            self.wizard._go(Step.PRINT)  # the 撤回申请确认书 for the applicant
            self.wizard._say(
                QCoreApplication.translate(
                    "CaseActions", "办件已撤回：请打印撤回申请确认书，申请人的进度页显示“已撤回”"
                ),
                Tone.NEUTRAL,
            )

        self._act(
            QCoreApplication.translate("CaseActions", "正在撤回…"),
            lambda case_id, clerk: service.withdraw(case_id, reason, clerk),
            then,
        )
