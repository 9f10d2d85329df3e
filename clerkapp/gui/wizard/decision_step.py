"""⑤ 决定: the state machine's recommendation with its reasons in words, and the clerk's decision —
批准, 不予许可 (a reason is required) or 受理 (decide when the departments answer). A decision
other than the recommended one asks for an override reason (the case service audits it)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerkapp.core.case_types import Decision
from clerkapp.gui.theme import ICONS, Tone


@dataclass(frozen=True)
class DecisionModel:
    """What the step shows: the recommendation and which decisions the case allows now."""

    recommended: Decision
    reasons: tuple[str, ...]
    allowed: frozenset[Decision]
    decided: Decision | None = None  # set once the case is decided
    decided_text: str = ""


_TONES = {
    Decision.APPROVE: Tone.OK,
    Decision.REFUSE: Tone.ERROR,
    Decision.ACCEPT: Tone.WAITING,
    Decision.INCOMPLETE: Tone.WAITING,
}


class DecisionStep(QWidget):
    """Recommendation, reasons, three decision buttons and the reason field."""

    decide_requested = Signal(str, str)  # Decision value, reason

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionStep")
        self._model: DecisionModel | None = None
        self.recommendation = QLabel(self)
        self.recommendation.setObjectName("recommendation")
        self.recommendation.setWordWrap(True)
        self.reasons = QLabel(self)
        self.reasons.setObjectName("recommendationReasons")
        self.reasons.setWordWrap(True)
        self.reasons.setStyleSheet("font-size: 14px;")
        self.approve_button = QPushButton(self.tr("批准"), self)
        self.approve_button.setObjectName("decideApprove")
        self.refuse_button = QPushButton(self.tr("不予许可"), self)
        self.refuse_button.setObjectName("decideRefuse")
        self.accept_button = QPushButton(self.tr("受理（待核验后决定）"), self)
        self.accept_button.setObjectName("decideAccept")
        for button in (self.approve_button, self.refuse_button, self.accept_button):
            button.setAccessibleName(button.text())
            button.setMinimumHeight(36)
        self.reason_label = QLabel(self.tr("理由"), self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("decisionReason")
        self.reason_edit.setAccessibleName(self.tr("决定理由"))
        self.reason_edit.setPlaceholderText(
            self.tr("不予许可或不按建议决定时必须填写理由（将记入办件留痕）")
        )
        self.reason_label.setBuddy(self.reason_edit)
        self.message = QLabel(self)
        self.message.setObjectName("decisionMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.refuse_button)
        buttons.addWidget(self.accept_button)
        buttons.addStretch(1)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason_label)
        reason_row.addWidget(self.reason_edit, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.recommendation)
        layout.addWidget(self.reasons)
        layout.addSpacing(12)
        layout.addLayout(reason_row)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.approve_button.clicked.connect(lambda: self.request(Decision.APPROVE))
        self.refuse_button.clicked.connect(lambda: self.request(Decision.REFUSE))
        self.accept_button.clicked.connect(lambda: self.request(Decision.ACCEPT))
        self.setFocusProxy(self.reason_edit)

    def set_model(self, model: DecisionModel) -> None:
        """Show a recommendation (and the decision once made)."""
        self._model = model
        tone = _TONES[model.recommended]
        self.recommendation.setText(
            f"{ICONS[tone]} " + self.tr("建议：{d}").format(d=model.recommended.label_zh)
        )
        style = f"font-size: 18px; font-weight: 600; color: {tone.value};"
        if self.recommendation.styleSheet() != style:
            self.recommendation.setStyleSheet(style)
        self.reasons.setText("\n".join(f"• {r}" for r in model.reasons))
        done = model.decided is not None
        self.approve_button.setEnabled(not done and Decision.APPROVE in model.allowed)
        self.refuse_button.setEnabled(not done and Decision.REFUSE in model.allowed)
        self.accept_button.setEnabled(not done and Decision.ACCEPT in model.allowed)
        self.reason_edit.setReadOnly(done)
        if done:
            self._say(model.decided_text, Tone.OK)
        else:
            self.message.clear()

    def default_decision(self) -> Decision | None:
        """What Enter decides: the recommendation, when the case allows it."""
        if self._model is None or self._model.decided is not None:
            return None
        if self._model.recommended in self._model.allowed:
            return self._model.recommended
        return None

    def request(self, decision: Decision) -> bool:
        """Ask for ``decision``; refuses (and says why) when a needed reason is missing."""
        model = self._model
        if model is None or model.decided is not None or decision not in model.allowed:
            return False
        reason = self.reason_edit.text().strip()
        if decision is Decision.REFUSE and not reason:
            self._say(self.tr("不予许可必须填写理由"), Tone.ERROR)
            self.reason_edit.setFocus()
            return False
        if decision is not model.recommended and not reason:
            self._say(
                self.tr("此决定与建议（{r}）不同，请填写理由").format(r=model.recommended.label_zh),
                Tone.ERROR,
            )
            self.reason_edit.setFocus()
            return False
        self.decide_requested.emit(decision.value, reason)
        return True

    def set_busy(self, busy: bool) -> None:
        """Disable the buttons while the decision is being stored."""
        for button in (self.approve_button, self.refuse_button, self.accept_button):
            button.setEnabled(not busy and button.isEnabled())
        if busy:
            self._say(self.tr("正在保存决定…"), Tone.BUSY)

    def _say(self, text: str, tone: Tone) -> None:
        self.message.setText(f"{ICONS[tone]} {text}")
        style = f"font-size: 14px; color: {tone.value};"
        if self.message.styleSheet() != style:
            self.message.setStyleSheet(style)
