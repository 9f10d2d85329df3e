"""Who is at the counter (issue 9), on ② 申请人: 本人办理, or for a person a 代办人 / 监护人, for a
company its 法定代表人 / an 经办人 — their ID number checked as typed like the applicant's (the
precise error inline, masked once valid), their name, the relationship (代办人, 监护人) and the
授权委托书 received (代办人, 经办人). The ID card reader reads the person present (读卡 here)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from clerkapp.core.catalogue import ApplicantKind
from clerkapp.core.present import (
    RELATIONSHIPS,
    PersonPresent,
    PresentRole,
    mask_name,
    roles_for,
)
from clerkapp.gui.i18n import translated
from clerkapp.gui.message_space import reserve_lines
from clerkapp.gui.theme import Tone
from clerkapp.gui.wizard.id_entry import number_typed
from clerkapp.gui.wizard.name_check import NameCheck


def role_label(role: PresentRole) -> str:
    """The role's name in the UI language."""
    labels = {
        PresentRole.AGENT: QCoreApplication.translate("PersonPresentPanel", "代办人"),
        PresentRole.GUARDIAN: QCoreApplication.translate("PersonPresentPanel", "监护人"),
        PresentRole.LEGAL_REP: QCoreApplication.translate("PersonPresentPanel", "法定代表人"),
        PresentRole.HANDLER: QCoreApplication.translate("PersonPresentPanel", "经办人"),
    }
    return labels[role]


def present_line(present: PersonPresent, *, public: bool = False) -> str:
    """The person present as the case's screens show them (issue 9), name and number masked:
    "代办人 李** 330702********1234（子女，持授权委托书）" on the clerk's case line; on the
    applicant's screen (``public``) without the number: "代办人 李**（子女，持授权委托书）"."""
    role = role_label(present.role)
    if public:
        text = QCoreApplication.translate("PersonPresentPanel", "{role} {name}（{ground}）")
        return text.format(role=role, name=mask_name(present.name), ground=present.ground())
    return f"{role} {present.display()}"


class PersonPresentPanel(QWidget):
    """The choice of who is present and their fields; ``changed`` on every edit,
    ``read_requested`` when the clerk asks the reader for the present person's card."""

    changed = Signal()
    read_requested = Signal(object)  # this panel

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personPresent")
        self._today = today
        self.accepted: str | None = None
        self._kind = ApplicantKind.PERSON
        # the matter demands a 授权委托书 of anyone present (catalogue power_of_attorney: always)
        self.attorney_demanded = False
        self.role_combo = QComboBox(self)
        self.role_combo.setObjectName("presentRole")
        self.role_combo.setAccessibleName(self.tr("办理人"))
        role_title = QLabel(self.tr("办理人"), self)
        role_title.setBuddy(self.role_combo)
        self.number_edit = QLineEdit(self)
        self.number_edit.setObjectName("presentNumber")
        self.number_edit.setMaxLength(24)
        self.number_edit.setStyleSheet("font-size: 16px; font-family: monospace; padding: 3px;")
        self.number_label = QLabel(self)
        self.number_label.setBuddy(self.number_edit)
        self.read_button = QPushButton(self.tr("读卡"), self)
        self.read_button.setObjectName("presentReadCard")
        self.read_button.setAutoDefault(False)
        self.read_button.clicked.connect(lambda: self.read_requested.emit(self))
        self.number_message = QLabel(self)
        self.number_message.setObjectName("presentNumberMessage")
        self.number_message.setWordWrap(True)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("presentName")
        self.name_edit.setStyleSheet("font-size: 16px; padding: 3px;")
        self.name_label = QLabel(self)
        self.name_label.setBuddy(self.name_edit)
        self.name_message = QLabel(self)
        self.name_message.setObjectName("presentNameMessage")
        self.name_check = NameCheck(self.name_edit, self.name_message)
        self.relationship_combo = QComboBox(self)
        self.relationship_combo.setObjectName("presentRelationship")
        self.relationship_combo.setEditable(True)
        self._add_relationships(PresentRole.AGENT)
        self.relationship_label = QLabel(self.tr("与申请人关系"), self)
        self.relationship_label.setBuddy(self.relationship_combo)
        self.relationship_combo.setAccessibleName(self.relationship_label.text())
        self.attorney_check = QCheckBox(self.tr("已收授权委托书（已核对申请人签章）"), self)
        self.attorney_check.setObjectName("presentPowerOfAttorney")
        self.attorney_check.setAccessibleName(self.tr("已收授权委托书"))
        # Names until a role names them (代办人的公民身份号码, …).
        self.number_edit.setAccessibleName(self.tr("办理人的公民身份号码"))
        self.name_edit.setAccessibleName(self.tr("办理人的姓名"))
        self.read_button.setAccessibleName(self.tr("读取办理人的身份证"))
        # The message for the field that stops the clerk (relationship, 授权委托书), beside them.
        self.message = QLabel(self)
        self.message.setObjectName("presentMessage")
        self.message.setWordWrap(True)
        for label in (self.number_message, self.name_message, self.message):
            reserve_lines(label, 1, 14)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 8, 0, 0)
        grid.addWidget(role_title, 0, 0)
        # The choices are short words: the combos keep a readable width, not the row's.
        left = Qt.AlignmentFlag.AlignLeft
        self.role_combo.setMinimumWidth(220)
        self.relationship_combo.setMinimumWidth(220)
        grid.addWidget(self.role_combo, 0, 1, left)
        grid.addWidget(self.number_label, 1, 0)
        grid.addWidget(self.number_edit, 1, 1)
        grid.addWidget(self.read_button, 1, 2)
        grid.addWidget(self.number_message, 2, 1, 1, 2)
        grid.addWidget(self.name_label, 3, 0)
        grid.addWidget(self.name_edit, 3, 1)
        grid.addWidget(self.name_message, 4, 1, 1, 2)
        grid.addWidget(self.relationship_label, 5, 0)
        grid.addWidget(self.relationship_combo, 5, 1, left)
        grid.addWidget(self.attorney_check, 6, 1, 1, 2)
        grid.addWidget(self.message, 7, 1, 1, 2)
        self._fields: tuple[QWidget, ...] = (
            self.number_label,
            self.number_edit,
            self.read_button,
            self.number_message,
            self.name_label,
            self.name_edit,
            self.name_message,
            self.message,
        )
        self.setTabOrder(self.role_combo, self.number_edit)
        self.setTabOrder(self.number_edit, self.read_button)
        self.setTabOrder(self.read_button, self.name_edit)
        self.setTabOrder(self.name_edit, self.relationship_combo)
        self.setTabOrder(self.relationship_combo, self.attorney_check)

        self.role_combo.currentIndexChanged.connect(self._role_changed)
        self.number_edit.textChanged.connect(self._number_changed)
        self.name_edit.textChanged.connect(lambda _t: self.changed.emit())
        self.relationship_combo.currentTextChanged.connect(self._detail_changed)
        self.attorney_check.toggled.connect(self._detail_changed)
        self.set_kind(ApplicantKind.PERSON)

    # -- public API ---------------------------------------------------------------------------

    @property
    def role(self) -> PresentRole | None:
        """The role chosen; None: the applicant in person (本人办理)."""
        data = self.role_combo.currentData()
        return PresentRole(data) if data else None

    def set_kind(self, kind: ApplicantKind) -> None:
        """Offer the roles that act for an applicant of ``kind``, and start at 本人办理 (a
        company: nobody chosen yet — one must be, issue 9)."""
        self._kind = kind
        self.role_combo.blockSignals(True)
        self.role_combo.clear()
        self.role_combo.addItem(
            self.tr("本人办理") if kind is ApplicantKind.PERSON else self.tr("（请选择）"),
            "",
        )
        for role in roles_for(kind):
            self.role_combo.addItem(role_label(role), role.value)
        self.role_combo.blockSignals(False)
        self.reset()

    def set_attorney_demanded(self, demanded: bool) -> None:
        """The matter demands a 授权委托书 of anyone present, whatever the role (catalogue
        ``power_of_attorney: always``): the box shows for every role and must be ticked."""
        self.attorney_demanded = demanded
        self._show_fields()

    def needs_attorney(self, role: PresentRole | None) -> bool:
        """Whether ``role`` must hand over a 授权委托书 for this matter."""
        return role is not None and (role.needs_power_of_attorney or self.attorney_demanded)

    def set_read_enabled(self, enabled: bool) -> None:
        """The 读卡 button follows the reader's availability."""
        self.read_button.setEnabled(enabled)

    def reset(self) -> None:
        """本人办理 (or no role for a company), every field and message empty (new case)."""
        self.role_combo.blockSignals(True)
        self.role_combo.setCurrentIndex(0)
        self.role_combo.blockSignals(False)
        self._clear_fields()
        self._show_fields()
        self.changed.emit()

    def value(self) -> PersonPresent | None:
        """The person present as entered (None: 本人办理, or not yet complete — see
        :meth:`complete`)."""
        role = self.role
        if role is None or self.accepted is None:
            return None
        return PersonPresent(
            role,
            self.accepted,
            self.name_edit.text().strip(),
            self._relationship() if role.needs_relationship else "",
            self.attorney_check.isChecked() if self.needs_attorney(role) else False,
        )

    def _add_relationships(self, role: PresentRole) -> None:
        """The usual relationships of ``role``, shown in the interface's language; each keeps
        its Chinese word as its data (what is recorded and printed)."""
        for relationship in RELATIONSHIPS.get(role, ()):
            self.relationship_combo.addItem(translated(relationship), relationship)

    def _relationship(self) -> str:
        """The relationship to record: a listed one by its Chinese word, else as typed."""
        text = self.relationship_combo.currentText().strip()
        index = self.relationship_combo.findText(text)
        data = self.relationship_combo.itemData(index) if index >= 0 else None
        return str(data) if data else text

    def complete(self) -> bool:
        """Whether the clerk may go on: in person (no role), or every field the role needs
        given."""
        return self._missing() is None

    def focus_missing(self) -> bool:
        """Show the precise message beside the first missing field and focus it; False when
        nothing is missing."""
        missing = self._missing()
        if missing is None:
            return False
        widget, text, label = missing
        if text:
            label.setText(text)
            label.setStyleSheet(f"font-size: 14px; color: {Tone.ERROR.value};")
            label.setAccessibleDescription(text)
        widget.setFocus()
        return True

    def fill(self, id_number: str, name: str) -> None:
        """Take number and name from the card read for the person present (checked like
        typing)."""
        self.accepted = None
        self.number_edit.blockSignals(True)
        self.number_edit.clear()
        self.number_edit.blockSignals(False)
        self.number_edit.setText(id_number)
        self.name_edit.setText(name)

    # -- internals ------------------------------------------------------------------------------

    def _missing(self) -> tuple[QWidget, str, QLabel] | None:
        role = self.role
        if role is None and self._kind is ApplicantKind.BUSINESS:  # a company acts through someone
            text = self.tr("企业申请须选择到场办理人：法定代表人，或持授权委托书的经办人")
            return self.role_combo, text, self.message
        if role is None:  # in person
            return None
        label = role_label(role)
        if self.accepted is None:
            text = "" if self.number_edit.text().strip() else self.tr("请输入{role}的公民身份号码")
            return self.number_edit, text.format(role=label), self.number_message
        if not self.name_edit.text().strip():
            return self.name_edit, self.tr("请填写{role}的姓名").format(role=label), self.message
        if role.needs_relationship and not self.relationship_combo.currentText().strip():
            text = self.tr("请填写{role}与申请人的关系").format(role=label)
            return self.relationship_combo, text, self.message
        if role.needs_power_of_attorney and not self.attorney_check.isChecked():
            text = self.tr("{role}须持申请人的授权委托书：收取并核对后请勾选").format(role=label)
            return self.attorney_check, text, self.message
        if self.attorney_demanded and not self.attorney_check.isChecked():
            text = self.tr(
                "本事项凡申请人本人以外的人员到场办理，均须持授权委托书（{role}也不例外）："
                "收取并核对后请勾选"
            ).format(role=label)
            return self.attorney_check, text, self.message
        return None

    def _clear_fields(self) -> None:
        self.accepted = None
        self.number_edit.blockSignals(True)
        self.number_edit.clear()
        self.number_edit.blockSignals(False)
        self.name_edit.clear()
        self.relationship_combo.blockSignals(True)
        self.relationship_combo.setCurrentIndex(-1)
        self.relationship_combo.setEditText("")
        self.relationship_combo.blockSignals(False)
        self.attorney_check.blockSignals(True)
        self.attorney_check.setChecked(False)
        self.attorney_check.blockSignals(False)
        for label in (self.number_message, self.name_message, self.message):
            label.clear()

    def _show_fields(self) -> None:
        role = self.role
        for widget in self._fields:
            widget.setVisible(role is not None)
        relation = role is not None and role.needs_relationship
        self.relationship_label.setVisible(relation)
        self.relationship_combo.setVisible(relation)
        self.attorney_check.setVisible(self.needs_attorney(role))
        # a company's missing choice is said here too
        self.message.setVisible(role is not None or self._kind is ApplicantKind.BUSINESS)
        if role is None:
            return
        label = role_label(role)
        self.number_label.setText(self.tr("{role}身份号码").format(role=label))
        self.name_label.setText(self.tr("{role}姓名").format(role=label))
        self.number_edit.setAccessibleName(self.tr("{role}的公民身份号码").format(role=label))
        self.name_edit.setAccessibleName(self.tr("{role}的姓名").format(role=label))
        self.read_button.setAccessibleName(self.tr("读取{role}的身份证").format(role=label))
        self.number_edit.setPlaceholderText(self.tr("18位号码，或点「读卡」"))
        self.relationship_combo.blockSignals(True)
        self.relationship_combo.clear()
        self._add_relationships(role)
        self.relationship_combo.setCurrentIndex(-1)
        self.relationship_combo.setEditText("")
        self.relationship_combo.blockSignals(False)

    def _role_changed(self, _index: int) -> None:
        self._clear_fields()
        self._show_fields()
        if self.role is not None:
            self.number_edit.setFocus()
        self.changed.emit()

    def _detail_changed(self, *_args: object) -> None:
        self.message.clear()
        self.changed.emit()

    def _show(self, text: str, tone: Tone) -> None:
        self.number_message.setText(text)
        self.number_message.setStyleSheet(f"font-size: 14px; color: {tone.value};")
        self.number_message.setAccessibleDescription(text)

    def _number_changed(self, text: str) -> None:
        typed = number_typed(self.number_edit, text, self.accepted, self._today())
        if typed is None:
            return
        self.accepted = typed.accepted
        if typed.message:
            self._show(typed.message, typed.tone)
        else:
            self.number_message.clear()
        if typed.taken:
            self.name_edit.setFocus()
        self.changed.emit()
