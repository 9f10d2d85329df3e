"""A related person (关系人) on ② 申请人, e.g. the deceased insured person of a survivor allowance:
their resident ID number checked as typed (the precise error inline, masked once valid) and
their name. The matter's catalogue entry says which roles it needs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from clerkapp.core.catalogue import RelatedRole
from clerkapp.gui.message_space import reserve_lines
from clerkapp.gui.theme import Tone
from clerkapp.gui.wizard.id_entry import number_typed
from clerkapp.gui.wizard.name_check import NameCheck


class RelatedPersonRow(QWidget):
    """Number, message and name of one related role; ``changed`` on every edit."""

    changed = Signal()
    read_requested = Signal(object)  # this row: fill it from the ID card reader

    def __init__(
        self, role: RelatedRole, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.role = role
        self._today = today
        self.accepted: str | None = None
        self.setObjectName(f"related_{role.role}")
        title = QLabel(role.label, self)
        title.setObjectName(f"relatedTitle_{role.role}")
        title.setStyleSheet("font-weight: 600;")
        number_label = QLabel(self.tr("公民身份号码"), self)
        self.number_edit = QLineEdit(self)
        self.number_edit.setObjectName(f"relatedNumber_{role.role}")
        self.number_edit.setAccessibleName(
            self.tr("{label}的公民身份号码").format(label=role.label)
        )
        self.number_edit.setMaxLength(24)
        self.number_edit.setStyleSheet("font-size: 16px; font-family: monospace; padding: 3px;")
        number_label.setBuddy(self.number_edit)
        self.message = QLabel(self)
        self.message.setObjectName(f"relatedMessage_{role.role}")
        self.message.setWordWrap(True)
        # The family brings the related person's card (e.g. the deceased's): read it like the
        # applicant's, on the same reader.
        self.read_button = QPushButton(self.tr("读卡"), self)
        self.read_button.setObjectName(f"relatedReadCard_{role.role}")
        self.read_button.setAccessibleName(self.tr("读取{label}的身份证").format(label=role.label))
        self.read_button.clicked.connect(lambda: self.read_requested.emit(self))
        name_label = QLabel(self.tr("姓名"), self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName(f"relatedName_{role.role}")
        self.name_edit.setAccessibleName(self.tr("{label}的姓名").format(label=role.label))
        self.name_edit.setStyleSheet("font-size: 16px; padding: 3px;")
        name_label.setBuddy(self.name_edit)
        # Printed on the documents too (masked on decisions, in full on the pledge letter).
        self.name_message = QLabel(self)
        self.name_message.setObjectName(f"relatedNameMessage_{role.role}")
        self.name_check = NameCheck(self.name_edit, self.name_message)
        reserve_lines(self.message, 1)  # the rows below stay put as messages come and go
        reserve_lines(self.name_message, 1, 14)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 8, 0, 0)
        grid.addWidget(title, 0, 0, 1, 2)
        grid.addWidget(number_label, 1, 0)
        grid.addWidget(self.number_edit, 1, 1)
        grid.addWidget(self.read_button, 1, 2)
        grid.addWidget(self.message, 2, 1)
        grid.addWidget(name_label, 3, 0)
        grid.addWidget(self.name_edit, 3, 1)
        grid.addWidget(self.name_message, 4, 1)
        self.setTabOrder(self.number_edit, self.name_edit)
        self.number_edit.textChanged.connect(self._number_changed)
        self.name_edit.textChanged.connect(lambda _t: self.changed.emit())

    def value(self) -> tuple[str, str] | None:
        """(ID number, name) once both are given and the number is valid."""
        name = self.name_edit.text().strip()
        return (self.accepted, name) if self.accepted and name else None

    def reset(self) -> None:
        """Number, name and messages empty (new case)."""
        self.accepted = None
        self.number_edit.blockSignals(True)
        self.number_edit.clear()
        self.number_edit.blockSignals(False)
        self.name_edit.clear()
        self.message.clear()
        self.name_message.clear()
        self.changed.emit()

    def fill(self, id_number: str, name: str) -> None:
        """Take number and name from a card read for this person (checked like typing)."""
        self.accepted = None
        self.number_edit.blockSignals(True)
        self.number_edit.clear()
        self.number_edit.blockSignals(False)
        self.number_edit.setText(id_number)
        self.name_edit.setText(name)

    def focus_missing(self) -> bool:
        """Put the focus on what is missing; False when nothing is."""
        if self.accepted is None:
            self.number_edit.setFocus()
            return True
        if not self.name_edit.text().strip():
            self.name_edit.setFocus()
            return True
        return False

    def _show(self, text: str, tone: Tone) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {tone.value};")

    def _number_changed(self, text: str) -> None:
        typed = number_typed(self.number_edit, text, self.accepted, self._today())
        if typed is None:
            return
        self.accepted = typed.accepted
        if typed.message:
            self._show(typed.message, typed.tone)
        else:
            self.message.clear()
        if typed.taken:
            self.name_edit.setFocus()
        self.changed.emit()
