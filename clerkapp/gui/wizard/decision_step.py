"""⑤ 决定: the state machine's recommendation with its reasons in words, and the clerk's decision —
准予 or 不予 in the words of the matter's kind of act (准予许可 / 不予许可 for a licence,
给付 / 不予给付 for a 行政给付, …) or 受理 (decide when the departments answer). A decision other
than the recommended one asks for an override reason (the case service audits it). A
recommended refusal comes with its reasons — the failed proofs' — pre-filled in the (editable)
reason field, so it needs no second reason. Before the irreversible act a preview shows what will
be printed: the document's title, the decision sentence and the reasons as on paper, for the
decision Enter would take (the recommendation) or the decision button that has the focus."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clerkapp.app.decision_preview import ActPreview
from clerkapp.core.case_types import Decision
from clerkapp.core.catalogue import ProcedureKind
from clerkapp.gui.act_words import decision_word
from clerkapp.gui.theme import ICONS, Tone

#: What a decision would print, given the reason field's text (the presenter's ``preview_act``).
Previewer = Callable[[Decision, str], ActPreview | None]


@dataclass(frozen=True)
class DecisionModel:
    """What the step shows: the recommendation and which decisions the case allows now."""

    recommended: Decision
    reasons: tuple[str, ...]
    allowed: frozenset[Decision]
    decided: Decision | None = None  # set once the case is decided
    decided_text: str = ""
    prefill: str = ""  # a recommended refusal's reasons (the failed proofs'), for the reason field
    procedure: ProcedureKind | None = None  # the matter's kind of act: the words of the buttons

    def word(self, decision: Decision) -> str:
        """``decision`` in the words of the matter's kind: 准予许可 / 给付 / 不予给付 …"""
        return decision_word(decision, self.procedure)


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
        self.previewer: Previewer | None = None
        self._edited = False  # the clerk typed in the reason field (no pre-fill over it then)
        self.recommendation = QLabel(self)
        self.recommendation.setObjectName("recommendation")
        self.recommendation.setWordWrap(True)
        self.reasons = QLabel(self)
        self.reasons.setObjectName("recommendationReasons")
        self.reasons.setWordWrap(True)
        self.reasons.setStyleSheet("font-size: 14px;")
        self.approve_button = QPushButton(self)
        self.approve_button.setObjectName("decideApprove")
        self.refuse_button = QPushButton(self)
        self.refuse_button.setObjectName("decideRefuse")
        self.accept_button = QPushButton(self.tr("受理（待核验后决定）"), self)
        self.accept_button.setObjectName("decideAccept")
        self._name_buttons(None)
        for button in (self.approve_button, self.refuse_button, self.accept_button):
            button.setMinimumHeight(36)
        self.reason_label = QLabel(self.tr("理由"), self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("decisionReason")
        self.reason_edit.setAccessibleName(self.tr("决定理由"))
        self.reason_edit.setPlaceholderText(
            self.tr("不按建议决定时必须填写理由（将记入办件留痕）；建议不予时已预填未通过的理由")
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
        self._build_preview()
        layout = QVBoxLayout(self)
        layout.addWidget(self.recommendation)
        layout.addWidget(self.reasons)
        layout.addSpacing(12)
        layout.addLayout(reason_row)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.approve_button.clicked.connect(lambda: self.request(Decision.APPROVE))
        self.refuse_button.clicked.connect(lambda: self.request(Decision.REFUSE))
        self.accept_button.clicked.connect(lambda: self.request(Decision.ACCEPT))
        self.reason_edit.textEdited.connect(self._reason_edited)
        self.reason_edit.textChanged.connect(lambda _t: self.show_preview())
        for button in (self.approve_button, self.refuse_button, self.accept_button):
            button.installEventFilter(self)
        self.setFocusProxy(self.reason_edit)
        self.reset()

    def _build_preview(self) -> None:
        """The paper as it will read: a white frame with the title, the decision sentence and
        the numbered reasons."""
        self.preview = QFrame(self)
        self.preview.setObjectName("decisionPreview")
        self.preview.setAccessibleName(self.tr("将打印的内容"))
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setStyleSheet(
            "#decisionPreview { background: #ffffff; border: 1px solid #c8ccd2; }"
        )
        self.preview_heading = QLabel(self.preview)
        self.preview_heading.setObjectName("decisionPreviewHeading")
        self.preview_heading.setStyleSheet("font-size: 13px; color: #5f6368;")
        self.preview_title = QLabel(self.preview)
        self.preview_title.setObjectName("decisionPreviewTitle")
        self.preview_title.setStyleSheet("font-size: 18px; font-weight: 600; color: #202124;")
        self.preview_sentence = QLabel(self.preview)
        self.preview_sentence.setObjectName("decisionPreviewSentence")
        self.preview_sentence.setWordWrap(True)
        self.preview_sentence.setStyleSheet("font-size: 15px; color: #202124;")
        self.preview_reasons = QLabel(self.preview)
        self.preview_reasons.setObjectName("decisionPreviewReasons")
        self.preview_reasons.setWordWrap(True)
        self.preview_reasons.setStyleSheet("font-size: 15px; color: #202124;")
        for label in (self.preview_title, self.preview_sentence, self.preview_reasons):
            # wrapped lines take the height they need: the paper's words are never cut off
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.preview.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        box = QVBoxLayout(self.preview)
        box.addWidget(self.preview_heading)
        box.addWidget(self.preview_title)
        box.addWidget(self.preview_reasons)
        box.addWidget(self.preview_sentence)

    def _name_buttons(self, model: DecisionModel | None) -> None:
        """The decision buttons in the words of the matter's kind of act (准予许可 / 不予许可
        for a licence, 给付 / 不予给付 for a 行政给付; the neutral words with no case)."""
        kind = model.procedure if model is not None else None
        for decision, button in (
            (Decision.APPROVE, self.approve_button),
            (Decision.REFUSE, self.refuse_button),
        ):
            text = decision_word(decision, kind)
            if button.text() != text:
                button.setText(text)
                button.setAccessibleName(text)
        self.accept_button.setAccessibleName(self.accept_button.text())

    def reset(self) -> None:
        """Empty for a new case: no model, an empty reason field (nothing typed for one
        applicant may reach the next), no message, no preview."""
        self._model = None
        self._edited = False
        self.recommendation.clear()
        self.reasons.clear()
        self.reason_edit.setReadOnly(False)
        self.reason_edit.clear()
        self.message.clear()
        self._name_buttons(None)
        for button in (self.approve_button, self.refuse_button, self.accept_button):
            button.setEnabled(False)
        self.show_preview()

    def set_model(self, model: DecisionModel) -> None:
        """Show a recommendation (and the decision once made)."""
        self._model = model
        self._name_buttons(model)
        tone = _TONES[model.recommended]
        self.recommendation.setText(
            f"{ICONS[tone]} " + self.tr("建议：{d}").format(d=model.word(model.recommended))
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
        if not done and not self._edited and self.reason_edit.text() != model.prefill:
            self.reason_edit.setText(model.prefill)  # editable; follows new failures until typed in
        if done:
            self._say(model.decided_text, Tone.OK)
        else:
            self.message.clear()
        self.show_preview()

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
        # A recommended refusal has its reasons (the failed proofs); any other needs one.
        if decision is Decision.REFUSE and not reason and model.recommended is not Decision.REFUSE:
            self._say(self.tr("{d}必须填写理由").format(d=model.word(decision)), Tone.ERROR)
            self.reason_edit.setFocus()
            return False
        if decision is not model.recommended and not reason:
            self._say(
                self.tr("此决定与建议（{r}）不同，请填写理由").format(
                    r=model.word(model.recommended)
                ),
                Tone.ERROR,
            )
            self.reason_edit.setFocus()
            return False
        self.decide_requested.emit(decision.value, reason)
        return True

    def preview_decision(self) -> Decision | None:
        """The decision the preview shows: the decision button that has the focus, else what
        Enter decides (the recommendation), else a refusal when it is the one decision left."""
        model = self._model
        if model is None or model.decided is not None:
            return None
        for decision, button in self._buttons().items():
            if button.hasFocus() and decision in model.allowed:
                return decision
        default = self.default_decision()
        if default is not None:
            return default
        return Decision.REFUSE if Decision.REFUSE in model.allowed else None

    def show_preview(self) -> None:
        """Redraw the preview of what the decision would print (hidden when there is none)."""
        decision = self.preview_decision()
        preview = None
        if decision is not None and self.previewer is not None:
            preview = self.previewer(decision, self.reason_edit.text().strip())
        self.preview.setVisible(preview is not None)
        if preview is None:
            for label in (
                self.preview_heading,
                self.preview_title,
                self.preview_sentence,
                self.preview_reasons,
            ):
                label.clear()
            return
        word = model.word(preview.decision) if (model := self._model) else ""
        self.preview_heading.setText(self.tr("将打印（{d}）：").format(d=word))
        self.preview_title.setText(preview.title)
        self.preview_sentence.setText(preview.sentence)
        reasons = "\n".join(preview.reasons)
        untyped = not self.reason_edit.text().strip()
        # nothing failed: no reason to print until the clerk gives one (none is invented)
        if untyped and decision is Decision.REFUSE and model and model.recommended is not decision:
            reasons = self.tr("（请在上方填写理由：它将作为{d}的理由印在决定书上）").format(d=word)
        self.preview_reasons.setText(reasons)
        self.preview_reasons.setVisible(bool(reasons))
        self.preview.setAccessibleDescription(
            "\n".join((preview.title, *preview.reasons, preview.sentence))
        )
        self._fit_preview()

    def _fit_preview(self) -> None:
        """Give each wrapped label of the preview the height its text needs at the width it
        has: a word-wrapped QLabel's size hint assumes some width of its own, and the reasons
        were squeezed under the title (the paper's words cut off) until the window resized."""
        width = self.preview.contentsRect().width() - 24
        if width <= 0:
            return
        for label in (self.preview_title, self.preview_reasons, self.preview_sentence):
            wrapped = label.heightForWidth(width)
            needed = (wrapped if wrapped > 0 else label.sizeHint().height()) if label.text() else 0
            if label.minimumHeight() != needed:
                label.setMinimumHeight(max(needed, 0))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """A new width wraps the preview's lines anew."""
        super().resizeEvent(event)
        self._fit_preview()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """A decision button taking or losing the focus switches the preview to its decision."""
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.show_preview()
        return super().eventFilter(watched, event)

    def _buttons(self) -> dict[Decision, QPushButton]:
        return {
            Decision.APPROVE: self.approve_button,
            Decision.REFUSE: self.refuse_button,
            Decision.ACCEPT: self.accept_button,
        }

    def _reason_edited(self, _text: str) -> None:
        self._edited = True

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
