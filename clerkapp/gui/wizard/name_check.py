"""A name checked for printability as it is typed: once typing pauses, a worker asks the
documents' fonts whether every character can be printed (the fonts load in ~0.3 s the first
time: never on the GUI thread), and an amber line under the field names the first character no
font has — long before ⑥ 打印 would refuse it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit

from clerkapp.gui import ops
from clerkapp.gui.i18n import translated
from clerkapp.gui.theme import ICONS, Tone

#: Quiet time after the last keystroke before the name is checked.
NAME_CHECK_DELAY_MS = 250


def printable_problem(name: str) -> str:
    """*worker* — why ``name`` cannot be printed on the case's documents (the first character
    no shipped font has, in the clerk's words), or "" when it can."""
    from clerkapp.errors import ClerkAppError
    from clerkapp.infra.documents import check_text

    try:
        check_text(name)
    except ClerkAppError as exc:
        return QCoreApplication.translate(
            "CaseWizard", "{problem}——请核对姓名的写法，否则文书无法打印"
        ).format(problem=translated(exc.user_message))
    return ""


class NameCheck(QObject):
    """Watches ``edit`` and shows in ``label`` why its text could not be printed."""

    def __init__(self, edit: QLineEdit, label: QLabel) -> None:
        super().__init__(edit)
        self.edit = edit
        self.label = label
        label.setWordWrap(True)
        label.setStyleSheet(f"font-size: 14px; color: {Tone.WAITING.value};")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(NAME_CHECK_DELAY_MS)
        self.timer.timeout.connect(self._check)
        edit.textChanged.connect(self._changed)

    def _changed(self, _text: str) -> None:
        self.label.clear()
        self.label.setAccessibleDescription("")
        self.timer.start()  # checked once typing pauses, not per keystroke

    def _check(self) -> None:
        name = self.edit.text().strip()
        if not name:
            return

        def shown(problem: str) -> None:
            if self.edit.text().strip() != name:
                return  # typed on meanwhile: that text has its own check coming
            self.label.setText(f"{ICONS[Tone.WAITING]} {problem}" if problem else "")
            self.label.setAccessibleDescription(problem)

        ops.run_op(self, lambda: printable_problem(name), shown, ops.log_failure)
