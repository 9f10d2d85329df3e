"""需人工处理: the outbox operations the platform refused, each with its reason, its history and
its case — 重新发送, 修改后重发 (a department verification's department or question) or 撤销 with a
reason. Reached from the main window (Ctrl+Shift+R) by clerks (their workstation's cases) and
supervisors (all); imported when first opened.

Every action runs off the GUI thread through :class:`clerkapp.app.needs_person.NeedsPersonDesk`
(one transaction each, audited), then the list is read again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerkapp.app.needs_person import NeedsPersonDesk, NeedsPersonItem
from clerkapp.core.texts import IN_BRACKETS
from clerkapp.gui.anchor_warning import anchor_banner_text
from clerkapp.gui.i18n import translated
from clerkapp.gui.list_table import list_table
from clerkapp.gui.ops import OpHandle, run_op, user_message_for
from clerkapp.infra.store import OutboxKind


class NeedsPersonDialog(QDialog):
    """The refused operations, oldest first, and what a person does with the selected one.

    Signals: ``loaded(list)`` after every (re)load, ``acted(str)`` with the action done
    (``retry`` / ``edit`` / ``cancel``), ``failed(str)`` with the message shown."""

    loaded = Signal(list)
    acted = Signal(str)
    failed = Signal(str)

    def __init__(self, context: Any, clerk: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("needsPersonDialog")
        self.setWindowTitle(self.tr("需人工处理 · 平台未受理的操作"))
        self.resize(1100, 620)
        self._context = context
        self._clerk = clerk
        self.items: list[NeedsPersonItem] = []
        self.status = QLabel(self.tr("正在读取…"), self)
        self.status.setObjectName("needsPersonStatus")
        self.status.setWordWrap(True)
        # A refused audit anchor is more than a row (issue 9): what it means, said above the list.
        self.anchor_banner = QLabel(self)
        self.anchor_banner.setObjectName("needsPersonAnchorWarning")
        self.anchor_banner.setWordWrap(True)
        self.anchor_banner.setStyleSheet(
            "color: #c5221f; font-weight: bold; border: 1px solid #c5221f; padding: 6px;"
        )
        self.anchor_banner.hide()
        self.table = list_table(
            self,
            "needsPersonTable",
            self.tr("需人工处理的操作"),
            [
                self.tr("办件"),
                self.tr("操作"),
                self.tr("证明事项"),
                self.tr("原因"),
                self.tr("次数"),
            ],
            stretch=3,
        )
        self.detail = QPlainTextEdit(self)
        self.detail.setObjectName("needsPersonHistory")
        self.detail.setAccessibleName(self.tr("原因与经过"))
        self.detail.setReadOnly(True)
        self.department = self._line("needsPersonDepartment", self.tr("核验部门"))
        self.question = self._line("needsPersonQuestion", self.tr("核验问题"))
        self.cancel_reason = self._line("needsPersonCancelReason", self.tr("撤销原因"))
        self.cancel_reason.setPlaceholderText(self.tr("撤销原因（必填）"))
        self.retry_button = self._button("needsPersonRetry", self.tr("重新发送"))
        self.edit_button = self._button("needsPersonEdit", self.tr("修改后重新发送"))
        self.cancel_button = self._button("needsPersonCancel", self.tr("撤销"))
        self.refresh_button = self._button("needsPersonRefresh", self.tr("刷新 (F5)"))
        self.edit_form = QWidget(self)
        form = QFormLayout(self.edit_form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("核验部门："), self.department)
        form.addRow(self.tr("核验问题："), self.question)
        form.addRow("", self.edit_button)
        right = QWidget(self)
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.detail, 1)
        side.addWidget(self.edit_form)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setSizes([640, 460])
        bar = QHBoxLayout()
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.retry_button)
        reason_label = QLabel(self.tr("撤销原因："), self)
        reason_label.setBuddy(self.cancel_reason)
        bar.addWidget(reason_label)
        bar.addWidget(self.cancel_reason, 1)
        bar.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.anchor_banner)
        layout.addWidget(split, 1)
        layout.addLayout(bar)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.retry_button.clicked.connect(self.retry)
        self.edit_button.clicked.connect(self.edit)
        self.cancel_button.clicked.connect(self.cancel)
        self.refresh_button.clicked.connect(self.reload)
        refresh = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        refresh.setObjectName("shortcutNeedsPersonRefresh")
        refresh.activated.connect(self.reload)
        self._show_selected()

    def _line(self, name: str, accessible: str) -> QLineEdit:
        line = QLineEdit(self)
        line.setObjectName(name)
        line.setAccessibleName(accessible)
        return line

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setAutoDefault(False)
        return button

    def _desk(self) -> NeedsPersonDesk:
        return NeedsPersonDesk.for_context(self._context)

    # ---- loading ------------------------------------------------------------------------------

    def reload(self) -> OpHandle:
        """Read the list again (off the GUI thread)."""
        clerk = self._clerk
        self._enable(None)
        return run_op(self, lambda: self._desk().items(clerk), self._loaded, self._failed)

    def _loaded(self, items: list[NeedsPersonItem]) -> None:
        keep = self.selected()
        self.items = list(items)
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            cells = [
                item.case_id or self.tr("（无办件）"),
                translated(item.kind_label),
                item.proof_name,
                translated(item.reason),
                str(item.attempts),
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(item.case_label if column == 0 else text)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        if self.items:
            ids = [i.row_id for i in self.items]
            self.table.selectRow(ids.index(keep.row_id) if keep and keep.row_id in ids else 0)
            self.status.setText(
                self.tr("需人工处理 %1 项：平台未受理，请重新发送、修改或撤销").replace(
                    "%1", str(len(self.items))
                )
            )
        else:
            self.status.setText(self.tr("没有需人工处理的事项。"))
        anchors = [i for i in self.items if i.kind == OutboxKind.AUDIT_ANCHOR.value]
        if anchors:
            text = anchor_banner_text(anchors[-1].code, anchors[-1].reason)
            self.anchor_banner.setText(text)
            self.anchor_banner.setAccessibleName(text)
        self.anchor_banner.setVisible(bool(anchors))
        self._show_selected()
        self.loaded.emit(self.items)

    def selected(self) -> NeedsPersonItem | None:
        """The item of the selected row."""
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _show_selected(self) -> None:
        item = self.selected()
        self._enable(item)
        if item is None:
            self.detail.clear()
            self.edit_form.hide()
            return
        lines = [
            self.tr("办件：%1").replace("%1", f"{item.case_id or '—'} {item.case_label}"),
            self.tr("操作：%1 · %2")
            .replace("%1", translated(item.kind_label))
            .replace("%2", item.proof_name),
            self.tr("原因：%1").replace("%1", translated(item.reason)),
        ]
        if item.retry_block:
            lines.append(self.tr("不能重新发送：%1").replace("%1", translated(item.retry_block)))
        lines.append("")
        lines.append(self.tr("经过："))
        for step in item.history:
            what = translated(step.what)
            if step.actor:
                what = translated(IN_BRACKETS.format(text=what, note=step.actor))
            lines.append(f"{step.at}  {what}")
        self.detail.setPlainText("\n".join(lines))
        self.edit_form.setVisible(bool(item.editable))
        self.department.setText(item.editable.get("department", ""))
        self.question.setText(item.editable.get("question", ""))

    def _enable(self, item: NeedsPersonItem | None) -> None:
        self.retry_button.setEnabled(item is not None and item.can_retry)
        self.edit_button.setEnabled(item is not None and item.can_retry and bool(item.editable))
        self.cancel_button.setEnabled(item is not None)

    # ---- actions --------------------------------------------------------------------------------

    def retry(self) -> OpHandle | None:
        """重新发送 the selected operation."""
        return self._act("retry", lambda desk, item, actor: desk.retry(item.row_id, actor))

    def edit(self) -> OpHandle | None:
        """修改后重新发送: the department and question typed."""
        changes = {"department": self.department.text(), "question": self.question.text()}
        return self._act("edit", lambda desk, item, actor: desk.edit(item.row_id, actor, changes))

    def cancel(self) -> OpHandle | None:
        """撤销 the selected operation with the reason typed."""
        reason = self.cancel_reason.text()
        return self._act(
            "cancel", lambda desk, item, actor: desk.cancel(item.row_id, actor, reason)
        )

    def _act(
        self, what: str, action: Callable[[NeedsPersonDesk, NeedsPersonItem, str], None]
    ) -> OpHandle | None:
        item = self.selected()
        if item is None:
            return None
        actor = str(getattr(self._clerk, "username", "") or "system")
        self._enable(None)

        def done(_: object) -> None:
            if what == "cancel":
                self.cancel_reason.clear()
            self.acted.emit(what)
            notify = getattr(self._context, "notify_sync", None)
            if notify is not None and what != "cancel":
                notify()  # send it now, not at the next wake
            self.reload()

        return run_op(self, lambda: action(self._desk(), item, actor), done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        message = user_message_for(exc)
        self.status.setText(message)
        self._enable(self.selected())
        self.failed.emit(message)
