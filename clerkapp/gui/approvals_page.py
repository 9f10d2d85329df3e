"""审批队列: the supervisor's page of pending 作废 / 更正 requests — approve with an opinion (the
act is carried out then) or send back with a reason. Reached from the main window
(Ctrl+Shift+Q, and the header's 审批队列 button a supervisor sees); a clerk who opens it is
refused and the refusal audited (:meth:`clerkapp.app.approvals.ApprovalService.queue`).

Work runs off the GUI thread; later work extends the queue office-wide behind the same service.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerkapp.app.approvals import ApprovalService
from clerkapp.app.document_acts import CORRECTABLE_FIELDS, DocumentAction
from clerkapp.core.texts import IN_BRACKETS
from clerkapp.gui.i18n import translated
from clerkapp.gui.list_table import list_table
from clerkapp.gui.ops import OpHandle, run_op, user_message_for
from clerkapp.infra.office_clock import show_time
from clerkapp.infra.store.approvals import ApprovalRequest


class ApprovalsDialog(QDialog):
    """The pending requests, oldest first, and 批准 / 退回 of the selected one.

    Signals: ``loaded(list)`` after every (re)load, ``decided(object)`` with the outcome or the
    sent-back request, ``failed(str)`` with the message shown."""

    loaded = Signal(list)
    decided = Signal(object)
    failed = Signal(str)

    def __init__(self, context: Any, clerk: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("approvalsDialog")
        self.setWindowTitle(self.tr("审批队列 · 作废与更正"))
        self.resize(1080, 480)  # every column whole, the case number and the title long
        self._context = context
        self._clerk = clerk
        self.requests: list[ApprovalRequest] = []
        self.table = list_table(
            self,
            "approvalsTable",
            self.tr("待审批申请"),
            [
                self.tr("申请时间"),
                self.tr("办件编号"),
                self.tr("文书"),
                self.tr("操作"),
                self.tr("原因"),
                self.tr("申请人员"),
            ],
            stretch=4,
        )
        self.opinion = QLineEdit(self)
        self.opinion.setObjectName("approvalsOpinion")
        self.opinion.setAccessibleName(self.tr("审批意见"))
        self.opinion.setPlaceholderText(self.tr("批准意见或退回理由（必填）"))
        self.approve_button = self._button("approvalsApprove", self.tr("批准"))
        self.send_back_button = self._button("approvalsSendBack", self.tr("退回"))
        self.refresh_button = self._button("approvalsRefresh", self.tr("刷新 (F5)"))
        self.status = QLabel(self.tr("正在读取审批队列…"), self)
        self.status.setObjectName("approvalsStatus")
        self.status.setWordWrap(True)
        opinion_label = QLabel(self.tr("审批意见："), self)
        opinion_label.setBuddy(self.opinion)
        bar = QHBoxLayout()
        bar.addWidget(opinion_label)
        bar.addWidget(self.opinion, 1)
        bar.addWidget(self.send_back_button)
        bar.addWidget(self.approve_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        layout.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.approve_button.clicked.connect(self.approve)
        self.send_back_button.clicked.connect(self.send_back)
        self.refresh_button.clicked.connect(self.reload)
        refresh = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        refresh.setObjectName("shortcutApprovalsRefresh")
        refresh.activated.connect(self.reload)
        self._enable(False)

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setAutoDefault(False)
        return button

    def _enable(self, on: bool) -> None:
        self.approve_button.setEnabled(on)
        self.send_back_button.setEnabled(on)

    def _service(self) -> ApprovalService:
        return ApprovalService.for_context(self._context)

    def reload(self) -> OpHandle:
        """Read the pending requests (a clerk is refused here, and it is audited)."""
        clerk = self._clerk

        def job() -> tuple[list[ApprovalRequest], list[str]]:
            service = self._service()
            requests = service.queue(clerk)
            return requests, service.titles(requests)

        return run_op(self, job, self._loaded, self._failed)

    def _loaded(self, found: tuple[list[ApprovalRequest], list[str]]) -> None:
        requests, titles = found
        self.requests = list(requests)
        self.table.setRowCount(len(self.requests))
        for row, (r, title) in enumerate(zip(self.requests, titles, strict=True)):
            what = translated(DocumentAction(r.action).label_zh)
            if r.changes:
                fields = "、".join(CORRECTABLE_FIELDS.get(k, k) for k in r.changes)
                what = translated(IN_BRACKETS.format(text=what, note=fields))
            cells = [
                show_time(r.requested_at, "%m-%d %H:%M"),
                r.case_id,
                f"{title} {r.document_number}",  # the title the paper bears
                what,
                r.reason,
                r.requested_by,
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if self.requests:
            self.table.selectRow(0)
            self.status.setText(self.tr("待审批 %1 件").replace("%1", str(len(self.requests))))
        else:
            self.status.setText(self.tr("没有待审批的申请。"))
        self._enable(bool(self.requests))
        self.loaded.emit(self.requests)

    def selected(self) -> ApprovalRequest | None:
        """The request of the selected row."""
        row = self.table.currentRow()
        return self.requests[row] if 0 <= row < len(self.requests) else None

    def approve(self) -> OpHandle | None:
        """批准 the selected request with the opinion typed (the act is carried out)."""
        return self._decide(True)

    def send_back(self) -> OpHandle | None:
        """退回 the selected request with the reason typed."""
        return self._decide(False)

    def _decide(self, approve: bool) -> OpHandle | None:
        request = self.selected()
        if request is None:
            return None
        opinion, clerk = self.opinion.text(), self._clerk
        self._enable(False)

        def job() -> Any:
            service = self._service()
            if approve:
                return service.approve(request.id, clerk, opinion)
            return service.send_back(request.id, clerk, opinion)

        def done(result: Any) -> None:
            self.opinion.clear()
            self.decided.emit(result)
            self.reload()

        return run_op(self, job, done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        message = user_message_for(exc)
        self.status.setText(message)
        self._enable(bool(self.requests))
        self.failed.emit(message)
