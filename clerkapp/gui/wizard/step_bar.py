"""The step bar across the top of the wizard: ① 事项 ─ ② 申请人 ─ ③ 证明材料 ─ ④ 承诺签字 ─
⑤ 决定 ─ ⑥ 打印, the current step highlighted, finished steps ticked, skipped ones greyed."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget


class Step(IntEnum):
    """The wizard's steps, in order."""

    MATTER = 0
    APPLICANT = 1
    PROOFS = 2
    PLEDGE = 3
    DECISION = 4
    PRINT = 5


_NUMBERS = "①②③④⑤⑥"


def step_title(step: Step) -> str:
    """The step's name (translated)."""
    names = {
        Step.MATTER: QCoreApplication.translate("StepBar", "事项"),
        Step.APPLICANT: QCoreApplication.translate("StepBar", "申请人"),
        Step.PROOFS: QCoreApplication.translate("StepBar", "证明材料"),
        Step.PLEDGE: QCoreApplication.translate("StepBar", "承诺签字"),
        Step.DECISION: QCoreApplication.translate("StepBar", "决定"),
        Step.PRINT: QCoreApplication.translate("StepBar", "打印"),
    }
    return names[step]


class StepBar(QWidget):
    """Six labels joined by rules; :meth:`show_step` marks where the clerk is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepBar")
        self.labels: dict[Step, QLabel] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for step in Step:
            if step:
                rule = QLabel("─", self)
                rule.setStyleSheet("color: #9aa3b2;")
                layout.addWidget(rule)
            label = QLabel(self)
            label.setObjectName(f"step_{step.name.lower()}")
            self.labels[step] = label
            layout.addWidget(label)
        layout.addStretch(1)
        self.current = Step.MATTER
        self.skipped: set[Step] = set()
        self.show_step(Step.MATTER)

    def show_step(self, current: Step, skipped: set[Step] | None = None) -> None:
        """Highlight ``current``; earlier steps are done; ``skipped`` ones are greyed."""
        self.current = current
        if skipped is not None:
            self.skipped = set(skipped)
        for step, label in self.labels.items():
            text = f"{_NUMBERS[step]} {step_title(step)}"
            if step in self.skipped:
                style = "color: #b0b6c0;"
                text += QCoreApplication.translate("StepBar", "（无）")
            elif step == current:
                style = "color: white; background: #1f5fbf;"
            elif step < current:
                style = "color: #1e7b34;"
                text = f"✔ {step_title(step)}"
            else:
                style = "color: #5f6368;"
            label.setText(text)
            # The same padding in every state, so the bar does not jump as the step moves.
            label.setStyleSheet(
                f"QLabel {{ font-size: 14px; border-radius: 10px; padding: 2px 10px; {style} }}"
            )
            label.setAccessibleName(text + (" ←" if step == current else ""))
