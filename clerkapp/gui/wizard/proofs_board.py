"""The proofs board (③ 证明材料): one row per proof item of the matter, saying how the proof is
satisfied now, its live status (colour, icon and words), where the fact came from and when, and
the next steps the catalogue allows when something fails."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clerkapp.core.catalogue import Method
from clerkapp.gui.theme import ICONS, Tone


class RowStatus(StrEnum):
    """What a proof row shows, one look per group of proof states (UI.md: colour + icon + words)."""

    DONE = "done"  # 已查询 / 已核验 / 已承诺
    RUNNING = "running"  # 查询中
    WAITING = "waiting"  # 待核验 / 已排队 / 待签字
    FAILED = "failed"  # 未通过 / 出错
    NOT_NEEDED = "not_needed"  # 无需提供


#: (tone, badge background) per status; the tone's icon carries the meaning without colour.
# The methods' names (Method.label_zh), for lupdate.
_METHOD_NAMES = (
    QT_TRANSLATE_NOOP("ProofsBoard", "直接取消"),
    QT_TRANSLATE_NOOP("ProofsBoard", "申报承诺"),
    QT_TRANSLATE_NOOP("ProofsBoard", "数据查询"),
    QT_TRANSLATE_NOOP("ProofsBoard", "部门核验"),
)

STATUS_LOOK: dict[RowStatus, tuple[Tone, str]] = {
    RowStatus.DONE: (Tone.OK, "#e3f4e6"),
    RowStatus.RUNNING: (Tone.BUSY, "#e2ecfb"),
    RowStatus.WAITING: (Tone.WAITING, "#fdf1d8"),
    RowStatus.FAILED: (Tone.ERROR, "#fbe3e3"),
    RowStatus.NOT_NEEDED: (Tone.NEUTRAL, "#eceef1"),
}


#: The proof name's column (px): long names wrap inside it, so the badges stay aligned.
PROOF_NAME_WIDTH = 200


class RowAction(StrEnum):
    """Next steps a row may offer; only those the catalogue allows are shown."""

    RETRY = "retry"  # 重试 (F5)
    VERIFY = "verify"  # 改为部门核验
    PLEDGE = "pledge"  # 改为承诺


@dataclass(frozen=True)
class ProofRowModel:
    """Everything one row shows; built by the presenter from the case and the catalogue."""

    code: str
    name: str
    method: Method
    status: RowStatus
    status_text: str  # e.g. "已查询", "查询中…", "未通过"
    detail: str = ""  # source and data-as-of, reason of failure, legal basis, …
    actions: tuple[RowAction, ...] = field(default=())


def action_label(action: RowAction) -> str:
    """The button text of an action."""
    return {
        RowAction.RETRY: QCoreApplication.translate("ProofsBoard", "重试 (F5)"),
        RowAction.VERIFY: QCoreApplication.translate("ProofsBoard", "改为部门核验"),
        RowAction.PLEDGE: QCoreApplication.translate("ProofsBoard", "改为承诺"),
    }[action]


class StatusBadge(QLabel):
    """A rounded badge: icon and words on a tinted background."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proofStatusBadge")
        self.setMinimumWidth(120)
        self.status: RowStatus | None = None

    def show_status(self, status: RowStatus, text: str) -> None:
        """Show ``status`` with ``text``."""
        tone, bg = STATUS_LOOK[status]
        icon, fg = ICONS[tone], tone.value
        self.setText(f"{icon} {text}")
        self.setAccessibleName(text)
        if status is not self.status:
            # Style sheets are parsed on every set: only when the colour really changes.
            self.status = status
            self.setStyleSheet(
                f"QLabel {{ color: {fg}; background: {bg}; border-radius: 10px;"
                f" padding: 3px 10px; font-weight: 600; }}"
            )


class ProofRow(QFrame):
    """One proof item on the board. Emits ``action_requested(code, action)``."""

    action_requested = Signal(str, str)

    def __init__(self, model: ProofRowModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = model.code
        self.setObjectName(f"proofRow_{model.code}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name_label = QLabel(self)
        self.name_label.setObjectName("proofName")
        # One width for every row's name, a long name wrapping within it: the method and badge
        # columns line up down the board whatever the names' lengths.
        self.name_label.setFixedWidth(PROOF_NAME_WIDTH)
        self.name_label.setWordWrap(True)
        self.method_label = QLabel(self)
        self.method_label.setObjectName("proofMethod")
        # as wide as the widest method's name in the language shown: the badges line up
        metrics = self.method_label.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(QCoreApplication.translate("ProofsBoard", str(name)))
            for name in _METHOD_NAMES
        )
        self.method_label.setMinimumWidth(max(80, widest + 8))
        self.badge = StatusBadge(self)
        self.detail_label = QLabel(self)
        self.detail_label.setObjectName("proofDetail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.actions_box = QHBoxLayout()
        self.actions_box.setSpacing(6)
        self.buttons: dict[RowAction, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 6, 10, 6)
        grid.addWidget(self.name_label, 0, 0)
        grid.addWidget(self.method_label, 0, 1)
        grid.addWidget(self.badge, 0, 2, Qt.AlignmentFlag.AlignVCenter)  # a pill, not a block
        grid.addWidget(self.detail_label, 0, 3)
        grid.addLayout(self.actions_box, 0, 4)
        grid.setColumnStretch(3, 1)
        self.model = model
        self._shown = False
        self.update_model(model)

    def reuse(self, model: ProofRowModel) -> None:
        """Show another proof in this row (a row kept from an earlier case: building one costs
        the GUI thread milliseconds, issue 13)."""
        self.code = model.code
        self.setObjectName(f"proofRow_{model.code}")
        for button in self.buttons.values():  # named and labelled after the proof
            self.actions_box.removeWidget(button)
            button.deleteLater()
        self.buttons.clear()
        self._shown = False
        self.update_model(model)

    def update_model(self, model: ProofRowModel) -> None:
        """Show a new state of this proof (nothing to do when it is the state shown: no text
        set again, no relayout of the board)."""
        if self._shown and model == self.model:
            return
        self._shown = True
        self.model = model
        self.name_label.setText(model.name)
        self.name_label.setToolTip(model.name)
        self.method_label.setText(QCoreApplication.translate("ProofsBoard", model.method.label_zh))
        self.badge.show_status(model.status, model.status_text)
        self.detail_label.setText(model.detail)
        self.setAccessibleName(f"{model.name} {model.status_text}")
        for action in list(self.buttons):
            if action not in model.actions:
                button = self.buttons.pop(action)
                self.actions_box.removeWidget(button)
                button.deleteLater()
        for action in model.actions:
            if action in self.buttons:
                continue
            button = QPushButton(action_label(action), self)
            button.setObjectName(f"proofAction_{action.value}_{model.code}")
            button.setAccessibleName(f"{action_label(action)} {model.name}")
            button.clicked.connect(
                lambda _=False, a=action: self.action_requested.emit(self.code, a.value)
            )
            self.buttons[action] = button
            self.actions_box.addWidget(button)


class ProofsBoard(QWidget):
    """The board: a heading, one :class:`ProofRow` per proof, and a one-line summary."""

    action_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proofsBoard")
        self.heading = QLabel(self)
        self.heading.setObjectName("proofsHeading")
        self.heading.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.heading.setWordWrap(True)
        self.rows: dict[str, ProofRow] = {}
        self._spare: list[ProofRow] = []  # rows of an earlier case, hidden, to be shown again
        self._rows_host = QWidget()
        self._rows_host.setObjectName("proofsRows")
        # One style sheet for all rows (cheaper than one per row, re-parsed on every change).
        self._rows_host.setStyleSheet(
            "ProofRow { background: white; border: 1px solid #d9dde3; border-radius: 6px; }"
            " QLabel#proofName { font-weight: 600; }"
        )
        self._rows_layout = QVBoxLayout(self._rows_host)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(6)
        self._rows_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("proofsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._rows_host)
        self.summary = QLabel(self)
        self.summary.setObjectName("proofsSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 14px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary)

    def set_rows(self, models: list[ProofRowModel]) -> None:
        """Show these rows (new rows added, known rows updated in place, others removed). A
        removed row serves the next new one (the next case's board) — shown again as it is:
        hiding and showing a row costs the GUI thread a style polish each time."""
        self._release(lambda code: code not in {m.code for m in models})
        for index, model in enumerate(models):
            row = self.rows.get(model.code)
            if row is None:
                if self._spare:
                    row = self._spare.pop(0)
                    row.reuse(model)
                    self._rows_layout.removeWidget(row)
                else:
                    row = ProofRow(model, self._rows_host)
                    row.action_requested.connect(self.action_requested)
                self.rows[model.code] = row
                self._rows_layout.insertWidget(index, row)
                if row.isHidden():
                    row.show()
            else:
                row.update_model(model)
        for spare in self._spare:  # more rows than this board needs: out of sight
            if not spare.isHidden():
                self._rows_layout.removeWidget(spare)
                spare.hide()

    def _release(self, gone: Callable[[str], bool]) -> None:
        """Rows whose proof is ``gone`` become spares (left where they are until reused)."""
        for code in [c for c in self.rows if gone(c)]:
            row = self.rows.pop(code)
            row.setObjectName("proofRowSpare")
            self._spare.append(row)

    def reset(self) -> None:
        """No rows, heading or summary (new case). The rows stay, unseen on the board's hidden
        page, for the next case's board."""
        self._release(lambda _code: True)
        self.heading.clear()
        self.summary.clear()

    def first_retryable(self) -> str | None:
        """The code of the first row offering 重试, for F5."""
        for code, row in self.rows.items():
            if RowAction.RETRY in row.model.actions:
                return code
        return None
