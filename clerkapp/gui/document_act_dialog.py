"""作废… (Ctrl+Shift+D) and 更正… (Ctrl+Shift+E) of the issued document on the print step.

The buttons say up front that a supervisor must approve. The dialog takes the reason (and for a
更正 the corrected values), then either the supervisor's user name and password typed at this
workstation (科室负责人现场授权: carried out at once) or sends the request to the supervisors'
queue (提交审批队列). Work runs off the GUI thread (``ApprovalService``);
a refusal (wrong password, a clerk's account) keeps the dialog open with the message.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clerkapp.app.approvals import ApprovalService
from clerkapp.app.document_acts import ActOutcome, ActRequest, DocumentAction
from clerkapp.gui.ops import OpHandle, run_op, user_message_for
from clerkapp.infra.documents import DocumentKind

VOID_KEYS = "Ctrl+Shift+D"


CORRECT_KEYS = "Ctrl+Shift+E"


class DocumentActDialog(QDialog):
    """The request of one 作废 or 更正, and how the supervisor approves it."""

    submitted = Signal()

    def __init__(
        self,
        action: DocumentAction,
        kind: DocumentKind,
        number: str,
        current: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        """``current``: the case's values (``applicant_name``, ``decision_reason``) and the
        ``title`` the paper bears (不予给付决定书, …; the kind's own title when missing)."""
        super().__init__(parent)
        self.setObjectName("documentActDialog")
        self.action = action
        self.kind = kind
        self.number = number
        verb = self.tr("作废") if action is DocumentAction.VOID else self.tr("更正")
        self.setWindowTitle(self.tr("%1文书").replace("%1", verb))
        notice = QLabel(
            self.tr(
                "%1已出具的文书须经科室负责人批准：请科室负责人在本机输入账号密码现场授权，"
                "或提交审批队列由科室负责人稍后审批。"
            ).replace("%1", verb),
            self,
        )
        notice.setObjectName("actNotice")
        notice.setWordWrap(True)
        self.title = current.get("title") or kind.title_zh
        document = QLabel(f"{self.title} {number}", self)
        document.setObjectName("actDocument")
        self.reason = self._line("actReason", self.tr("%1原因").replace("%1", verb))
        form = QFormLayout()
        form.addRow(self.tr("文书："), document)
        form.addRow(self.tr("原因："), self.reason)
        self.applicant_name: QLineEdit | None = None
        self.decision_reason: QLineEdit | None = None
        self.phone: QLineEdit | None = None
        self._phone_was = current.get("phone", "")
        if action is DocumentAction.CORRECT:
            self.applicant_name = self._line("actApplicantName", self.tr("更正后的申请人"))
            self.applicant_name.setText(current.get("applicant_name", ""))
            form.addRow(self.tr("申请人（更正后）："), self.applicant_name)
            printed = kind in (DocumentKind.DECISION, DocumentKind.REFUSAL, DocumentKind.RECEIPT)
            if (
                self._phone_was and printed
            ):  # issue 9: a decided case's phone is corrected on its paper
                self.phone = self._line("actPhone", self.tr("更正后的联系电话"))
                self.phone.setText(self._phone_was)
                form.addRow(self.tr("联系电话（更正后）："), self.phone)
            if kind is DocumentKind.REFUSAL:
                self.decision_reason = self._line("actDecisionReason", self.tr("更正后的理由"))
                self.decision_reason.setText(current.get("decision_reason", ""))
                form.addRow(self.tr("不予的理由（更正后）："), self.decision_reason)
        self.on_the_spot = QRadioButton(self.tr("科室负责人现场授权"), self)
        self.on_the_spot.setObjectName("actOnTheSpot")
        self.to_queue = QRadioButton(self.tr("提交审批队列"), self)
        self.to_queue.setObjectName("actToQueue")
        self.on_the_spot.setChecked(True)
        self.supervisor = self._line("actSupervisorUser", self.tr("科室负责人账号"))
        self.password = self._line("actSupervisorPassword", self.tr("科室负责人密码"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.approval_note = self._line("actApprovalNote", self.tr("批准意见"))
        form.addRow(self.on_the_spot)
        form.addRow(self.tr("负责人账号："), self.supervisor)
        form.addRow(self.tr("负责人密码："), self.password)
        form.addRow(self.tr("批准意见："), self.approval_note)
        form.addRow(self.to_queue)
        self.error = QLabel("", self)
        self.error.setObjectName("actError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c8161d;")
        buttons = QDialogButtonBox(self)
        self.submit_button = buttons.addButton(
            self.tr("提交"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.submit_button.setObjectName("actSubmit")
        cancel = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("actCancel")
        buttons.accepted.connect(self.submitted.emit)
        buttons.rejected.connect(self.reject)
        self.on_the_spot.toggled.connect(self._mode_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(notice)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reason.setFocus()

    def _line(self, name: str, accessible: str) -> QLineEdit:
        line = QLineEdit(self)
        line.setObjectName(name)
        line.setAccessibleName(accessible)
        return line

    def _mode_changed(self, on_the_spot: bool) -> None:
        for widget in (self.supervisor, self.password, self.approval_note):
            widget.setEnabled(on_the_spot)

    def request(self, case_id: str, clerk: str) -> ActRequest:
        """The request as entered (the corrected fields only where they changed text)."""
        changes: dict[str, str] = {}
        if self.applicant_name is not None:
            changes["applicant_name"] = self.applicant_name.text()
        if self.decision_reason is not None:
            changes["decision_reason"] = self.decision_reason.text()
        if self.phone is not None and self.phone.text().strip() != self._phone_was:
            changes["phone"] = self.phone.text()
        return ActRequest(case_id, self.number, self.action, self.reason.text(), clerk, changes)

    def show_error(self, message: str) -> None:
        """Keep the dialog open with ``message`` (the password is cleared)."""
        self.error.setText(message)
        self.password.clear()
        self.submit_button.setEnabled(True)


class DocumentActsBar(QObject):
    """The 作废… / 更正… buttons of a print step and their requests.

    Signals: ``done(object)`` with the :class:`ActOutcome` (on the spot) or the queued
    request; ``dialog_opened(object)`` with the dialog (tests fill it in)."""

    done = Signal(object)
    dialog_opened = Signal(object)

    def __init__(self, step: Any) -> None:
        super().__init__(step)
        self.step = step
        self.dialog: DocumentActDialog | None = None
        self.void_button = self._button(
            "printVoid",
            QCoreApplication.translate("DocumentActsBar", "作废…（需负责人批准）"),
            QCoreApplication.translate("DocumentActsBar", "作废已出具的文书 (Ctrl+Shift+D)"),
        )
        self.correct_button = self._button(
            "printCorrect",
            QCoreApplication.translate("DocumentActsBar", "更正…（需负责人批准）"),
            QCoreApplication.translate(
                "DocumentActsBar", "更正已出具的文书，新文号取代原文书 (Ctrl+Shift+E)"
            ),
        )
        step.acts_bar.addStretch(1)
        step.acts_bar.addWidget(self.correct_button)
        step.acts_bar.addWidget(self.void_button)
        self.void_button.clicked.connect(lambda: self.open(DocumentAction.VOID))
        self.correct_button.clicked.connect(lambda: self.open(DocumentAction.CORRECT))
        for keys, action, name in (
            (VOID_KEYS, DocumentAction.VOID, "shortcutVoid"),
            (CORRECT_KEYS, DocumentAction.CORRECT, "shortcutCorrect"),
        ):
            shortcut = QShortcut(QKeySequence(keys), step)
            shortcut.setObjectName(name)
            shortcut.activated.connect(lambda a=action: self.open(a))
        self.update(False)

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self.step)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setToolTip(tip)
        return button

    def update(self, ready: bool) -> None:
        """Enable the actions for an issued document on screen."""
        built = self.step.built
        issued = bool(ready and built is not None and built.issued)
        self.void_button.setEnabled(issued)
        self.correct_button.setEnabled(issued and built.kind is not DocumentKind.PLEDGE)

    def open(self, action: DocumentAction) -> OpHandle | None:
        """Open the dialog for the document on screen (its current values read first)."""
        built = self.step.built
        button = self.void_button if action is DocumentAction.VOID else self.correct_button
        if built is None or not button.isEnabled():
            return None
        case_id = built.case_id

        def current() -> dict[str, str]:
            desk = self.step.desk()
            case = desk.case(case_id)
            return {
                "applicant_name": case.applicant_name,
                "decision_reason": case.decision_reason or "",
                "phone": case.contact.phone,
                # the title the paper bears (给付决定书, …), by the matter's kind of act
                "title": dict(desk.titles(case_id)).get(built.kind, built.kind.title_zh),
            }

        def show(values: dict[str, str]) -> None:
            dialog = DocumentActDialog(action, built.kind, built.number, values, self.step)
            dialog.submitted.connect(lambda: self._submit(dialog, case_id))
            self.dialog = dialog
            dialog.open()
            self.dialog_opened.emit(dialog)

        return run_op(self.step, current, show, self.step._failed)

    def _submit(self, dialog: DocumentActDialog, case_id: str) -> OpHandle:
        request = dialog.request(case_id, self.step._clerk_name())
        on_the_spot = dialog.on_the_spot.isChecked()
        user, password = dialog.supervisor.text().strip(), dialog.password.text()
        note = dialog.approval_note.text()
        context = self.step._context
        dialog.submit_button.setEnabled(False)
        dialog.error.setText(QCoreApplication.translate("DocumentActsBar", "正在提交…"))

        def job() -> Any:
            approvals = ApprovalService.for_context(context)
            if on_the_spot:
                return approvals.carry_out_now(request, user, password, note)
            return approvals.submit(request)

        def succeeded(result: Any) -> None:
            dialog.accept()
            self.dialog = None
            if isinstance(result, ActOutcome):
                verb = (
                    QCoreApplication.translate("DocumentActsBar", "已作废")
                    if result.new_number is None
                    else QCoreApplication.translate("DocumentActsBar", "已更正")
                )
                text = QCoreApplication.translate("DocumentActsBar", "%1 %2，批准人 %3").replace(
                    "%1", result.retired_number
                )
                text = text.replace("%2", verb).replace("%3", result.approved_by)
                if result.new_number:
                    text += QCoreApplication.translate(
                        "DocumentActsBar", "；更正后的文书 %1"
                    ).replace("%1", result.new_number)
            else:
                text = QCoreApplication.translate(
                    "DocumentActsBar", "已提交审批队列，等待科室负责人审批：%1"
                ).replace("%1", result.document_number)
            self.step.act_message = text  # shown with the rebuilt preview
            self.step.show_case(self.step.case_id)
            self.done.emit(result)

        def failed(exc: BaseException) -> None:
            dialog.show_error(user_message_for(exc))

        return run_op(self.step, job, succeeded, failed)
