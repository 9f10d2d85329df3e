"""打印作废存档联… of the print step: when the register shows a voided number of the document kind
on screen, the clerk may preview and print that voided paper's file copy — stamped 作废 on every
page with when, by whose approval and why (:meth:`DocumentDesk.build_voided_copy`). Printing it
is audited ``voided_copy_printed`` and counts as no original and no copy of any number; the step
then shows the current paper again. A voided number is never printed without the stamp: the
desk builds it only that way, and the store refuses a plain paper of a retired number.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QInputDialog, QPushButton

from clerkapp.gui.ops import OpHandle

VOIDED_COPY_KEYS = "Ctrl+Shift+V"


class VoidedCopyBar(QObject):
    """The 打印作废存档联… button of a print step (keyboard: Tab to it, or Ctrl+Shift+V).

    Signal: ``shown(str)`` with the voided number once its file copy is previewed."""

    shown = Signal(str)

    # Strings in the print step's context (its translation file): lupdate files a literal
    # context, never the one a borrowed ``step.tr`` would have at run time.

    def __init__(self, step: Any) -> None:
        super().__init__(step)
        self.step = step
        text = QCoreApplication.translate("PrintStep", "打印作废存档联…")
        self.button = QPushButton(text, step)
        self.button.setObjectName("printVoidedCopy")
        self.button.setAccessibleName(text)
        self.button.setToolTip(
            QCoreApplication.translate(
                "PrintStep",
                "预览并打印已作废文号的存档联（逐页加盖“作废”，不计为原件或副本） (Ctrl+Shift+V)",
            )
        )
        step.acts_bar.insertWidget(0, self.button)
        self.button.clicked.connect(self.choose)
        shortcut = QShortcut(QKeySequence(VOIDED_COPY_KEYS), step)
        shortcut.setObjectName("shortcutVoidedCopy")
        shortcut.activated.connect(self.choose)
        self.update(False)

    def update(self, ready: bool) -> None:
        """Enabled while a paper with voided numbers of its kind is on screen."""
        built = self.step.built
        self.button.setEnabled(bool(ready and built is not None and built.voided))

    def choose(self) -> OpHandle | None:
        """Preview the voided number's file copy (asked which one when there are several)."""
        built = self.step.built
        if built is None or not self.button.isEnabled():
            return None
        numbers = list(built.voided)
        number = numbers[0]
        if len(numbers) > 1:
            number, ok = QInputDialog.getItem(
                self.step,
                QCoreApplication.translate("PrintStep", "打印作废存档联"),
                QCoreApplication.translate("PrintStep", "已作废的文号："),
                numbers,
                0,
                False,
            )
            if not ok:
                return None
        return self.show_voided(number)

    def show_voided(self, number: str) -> OpHandle:
        """Build the file copy of the voided ``number`` off the GUI thread and preview it; 打印
        then prints it (audited, not counted)."""
        step = self.step
        step._set_ready(False)
        step.status.setText(QCoreApplication.translate("PrintStep", "正在生成作废存档联…"))
        case_id, clerk = step.case_id, step._clerk_name()

        def shown(document: Any) -> None:
            step._built(document)
            if document.case_id == step.case_id:
                self.shown.emit(document.number)

        return step._run(lambda: step.desk().build_voided_copy(case_id, number, clerk), shown)
