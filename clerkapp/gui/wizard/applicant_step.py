"""② 申请人: a person by resident ID number or a business by unified social credit code (the
matter's applicant kind decides), checked as typed with the precise Chinese error inline, shown
masked once accepted; the name; and the ID card reader (simulated in training mode)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerkapp.core.catalogue import ApplicantKind, RelatedRole
from clerkapp.core.contact import Contact
from clerkapp.core.idnumber import (
    IdProblem,
    IdReason,
    Severity,
    check_id_number,
    mask_id_number,
    upgrade_legacy_id,
    validate_id_number,
)
from clerkapp.core.present import PersonPresent
from clerkapp.core.texts import IN_BRACKETS
from clerkapp.core.uscc import UsccReason, check_uscc, normalize_uscc
from clerkapp.gui.i18n import translated
from clerkapp.gui.message_space import reserve_lines
from clerkapp.gui.theme import Tone
from clerkapp.gui.wizard.contact_fields import ContactFields
from clerkapp.gui.wizard.id_reader import IdCardData, IdCardReader
from clerkapp.gui.wizard.name_check import NameCheck
from clerkapp.gui.wizard.person_present import PersonPresentPanel
from clerkapp.gui.wizard.related_person import RelatedPersonRow


@dataclass(frozen=True)
class ApplicantEntry:
    """The applicant as entered: ``number`` is the full ID number or credit code."""

    kind: ApplicantKind
    number: str
    name: str
    from_card: bool = False
    related: tuple[tuple[str, str, str], ...] = ()  # (role, ID number, name) per related person
    present: PersonPresent | None = None  # who is at the counter for the applicant (issue 9)
    contact: Contact = field(default_factory=Contact)  # phone, address, 送达方式 (issue 9)

    def related_map(self) -> dict[str, tuple[str, str]]:
        """``{role: (id_number, name)}`` as the case service takes it."""
        return {role: (number, name) for role, number, name in self.related}

    @property
    def display_number(self) -> str:
        """Masked ID number (330702********1234); a credit code is public and shown in full."""
        if self.kind is ApplicantKind.PERSON:
            return mask_id_number(self.number)
        return self.number


def legacy_upgrade(text: str, errors: list[IdProblem]) -> str | None:
    """The 18-digit form of ``text`` when it is a 15-digit number whose only error is being
    15 digits (a valid first-generation number), else None."""
    if [p.reason for p in errors] != [IdReason.LEGACY_15]:
        return None
    return upgrade_legacy_id(text)


def demo_card_label(card: IdCardData) -> str:
    """The picker's line for a demo card: 王芳（公共租赁住房申请（名下有车辆））, one pair of
    brackets round the scenario, also when the scenario is itself bracketed."""
    label = card.label.strip()
    if not label:
        return card.name
    if label.startswith("（") and label.endswith("）"):
        return f"{card.name}{label}"
    return f"{card.name}（{label}）"


class ApplicantStep(QWidget):
    """The applicant form. ``changed`` fires whenever completeness may have changed."""

    changed = Signal()

    def __init__(
        self, reader: IdCardReader, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("applicantStep")
        self._reader = reader
        self._today = today
        self._kind = ApplicantKind.PERSON
        self._accepted: str | None = None
        self._from_card = False
        # A related person's or the person present's read is pending.
        self._card_for: RelatedPersonRow | PersonPresentPanel | None = None

        self.kind_label = QLabel(self)
        self.kind_label.setObjectName("applicantKind")
        self.kind_label.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.number_edit = QLineEdit(self)
        self.number_edit.setObjectName("applicantNumber")
        self.number_edit.setMaxLength(24)
        self.number_edit.setStyleSheet("font-size: 18px; font-family: monospace; padding: 4px;")
        self.edit_button = QPushButton(self.tr("修改"), self)
        self.edit_button.setObjectName("applicantEditNumber")
        self.edit_button.setAccessibleName(self.tr("修改号码"))
        self.edit_button.hide()
        self.read_button = QPushButton(self.tr("读卡"), self)
        self.read_button.setObjectName("readCardButton")
        self.read_button.setAccessibleName(self.tr("读取身份证"))
        self.demo_combo = QComboBox(self)
        self.demo_combo.setObjectName("demoCardCombo")
        self.demo_combo.setAccessibleName(self.tr("演示身份证（培训）"))
        self.message = QLabel(self)
        self.message.setObjectName("applicantNumberMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 14px;")
        # A valid 15-digit (first-generation) number: its 18-digit form offered, one click to
        # take it once the clerk has compared it with the card (never converted silently).
        self.upgrade_button = QPushButton(self)
        self.upgrade_button.setObjectName("applicantUse18")
        self.upgrade_button.setAccessibleName(self.tr("使用 18 位号码"))
        self.upgrade_button.setAutoDefault(False)
        self.upgrade_button.hide()
        self._upgrade: str | None = None
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("applicantName")
        self.name_edit.setStyleSheet("font-size: 16px; padding: 4px;")
        # A character no document font has is told here, long before ⑥ 打印 refuses it.
        self.name_message = QLabel(self)
        self.name_message.setObjectName("applicantNameMessage")
        self.name_check = NameCheck(self.name_edit, self.name_message)
        # Room for the messages under the fields (two lines for the number's: its facts and a
        # warning): the form does not jump as messages come and go.
        reserve_lines(self.message, 2, 14)
        reserve_lines(self.name_message, 1, 14)

        number_row = QHBoxLayout()
        number_row.addWidget(self.number_edit, 1)
        number_row.addWidget(self.edit_button)
        number_row.addWidget(self.read_button)
        number_row.addWidget(self.demo_combo)
        form = QFormLayout()
        self.number_label = QLabel(self)
        self.name_label = QLabel(self)
        self.number_label.setBuddy(self.number_edit)
        self.name_label.setBuddy(self.name_edit)
        form.addRow(self.number_label, number_row)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.upgrade_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow("", message_row)
        form.addRow(self.name_label, self.name_edit)
        form.addRow("", self.name_message)
        layout = QVBoxLayout(self)
        self.related_rows: list[RelatedPersonRow] = []
        self.related_box = QVBoxLayout()
        layout.addWidget(self.kind_label)
        layout.addLayout(form)
        # Who is at the counter: 本人办理 or someone for the applicant (issue 9).
        self.present_panel = PersonPresentPanel(today, self)
        self.present_panel.changed.connect(self.changed)
        self.present_panel.read_requested.connect(self._read_related)
        layout.addWidget(self.present_panel)
        layout.addLayout(self.related_box)
        self.contact = ContactFields(self)  # phone, address, 送达方式 (issue 9)
        self.contact.changed.connect(self.changed)
        layout.addWidget(self.contact)
        layout.addStretch(1)
        self.setTabOrder(self.number_edit, self.upgrade_button)
        self.setTabOrder(self.upgrade_button, self.name_edit)
        self.setTabOrder(self.name_edit, self.present_panel.role_combo)
        self.setFocusProxy(self.number_edit)

        self.number_edit.textChanged.connect(self._number_changed)
        self.name_edit.textChanged.connect(lambda _t: self.changed.emit())
        self.edit_button.clicked.connect(self._edit_number)
        self.upgrade_button.clicked.connect(self.use_upgraded_number)
        self.read_button.clicked.connect(self._read_card)
        self.demo_combo.currentIndexChanged.connect(self._demo_selected)
        reader.card_read.connect(self.fill_from_card)
        reader.read_failed.connect(self._read_failed)
        self.set_kind(ApplicantKind.PERSON)

    # -- public API ---------------------------------------------------------------------------

    def set_kind(self, kind: ApplicantKind) -> None:
        """Ask for a person's ID number or a business's credit code, and start empty."""
        self._kind = kind
        person = kind is ApplicantKind.PERSON
        self.kind_label.setText(self.tr("申请人：个人") if person else self.tr("申请人：企业"))
        self.number_label.setText(
            self.tr("公民身份号码") if person else self.tr("统一社会信用代码")
        )
        self.name_label.setText(self.tr("姓名") if person else self.tr("企业名称"))
        self.number_edit.setAccessibleName(self.number_label.text())
        self.name_edit.setAccessibleName(self.name_label.text())
        self.number_edit.setPlaceholderText(
            self.tr("18位号码，或点「读卡」") if person else self.tr("18位统一社会信用代码")
        )
        self.read_button.setVisible(person)
        self.read_button.setEnabled(self._reader.available)
        # Training: also for a company, whose 法定代表人 or 经办人 has a card (issue 9).
        self.demo_combo.setVisible(self._reader.simulated)
        self.present_panel.set_kind(kind)
        self.refresh_demo_cards()
        self.reset()

    def set_related(self, roles: tuple[RelatedRole, ...]) -> None:
        """Ask also for the matter's related persons (e.g. 已故参保人员)."""
        for row in self.related_rows:
            self.related_box.removeWidget(row)
            row.deleteLater()
        self.related_rows = []
        previous: QWidget = self.present_panel.attorney_check
        for role in roles:
            row = RelatedPersonRow(role, self._today, self)
            row.changed.connect(self.changed)
            row.read_button.setEnabled(self._reader.available)
            row.read_requested.connect(self._read_related)
            self.related_box.addWidget(row)
            self.related_rows.append(row)
            self.setTabOrder(previous, row.number_edit)
            previous = row.name_edit
        self.changed.emit()

    def refresh_demo_cards(self) -> None:
        """List the training reader's demo cards in the picker."""
        cards = getattr(self._reader, "cards", [])
        self.demo_combo.blockSignals(True)
        self.demo_combo.clear()
        for card in cards:
            self.demo_combo.addItem(demo_card_label(card))
        self.demo_combo.blockSignals(False)
        self.read_button.setEnabled(self._reader.available)
        self.present_panel.set_read_enabled(self._reader.available)
        for row in self.related_rows:
            row.read_button.setEnabled(self._reader.available)

    def reset(self) -> None:
        """Every input back to its empty default (new case): the applicant's number and name,
        every related person's, and the training reader's card picker at its first card."""
        self._card_for = None
        for row in self.related_rows:
            row.reset()
        self.present_panel.reset()
        if self.demo_combo.count():
            self.demo_combo.setCurrentIndex(0)  # the reader selects that card too
        self._clear_applicant()
        self.contact.reset()

    def _clear_applicant(self) -> None:
        """Empty fields for a new applicant."""
        self._accepted = None
        self._from_card = False
        self.number_edit.setReadOnly(False)
        self.number_edit.blockSignals(True)
        self.number_edit.clear()
        self.number_edit.blockSignals(False)
        self.edit_button.hide()
        self.name_edit.clear()
        self.message.clear()
        self._offer_upgrade(None)
        self.name_message.clear()
        self.changed.emit()

    def entry(self) -> ApplicantEntry | None:
        """The applicant, once the number is accepted and a name given; else None."""
        name = self.name_edit.text().strip()
        if self._accepted is None or not name or not self.present_panel.complete():
            return None
        related = []
        for row in self.related_rows:
            value = row.value()
            if value is None:
                return None
            related.append((row.role.role, value[0], value[1]))
        contact = self.contact.contact()
        if contact is None:
            return None
        return ApplicantEntry(
            self._kind,
            self._accepted,
            name,
            self._from_card,
            tuple(related),
            self.present_panel.value(),
            contact,
        )

    def commit(self) -> bool:
        """Enter: complete means the wizard may go on; otherwise focus the missing field."""
        if self._accepted is None:
            self.number_edit.setFocus()
            if not self.number_edit.text().strip():
                self._show(self.tr("请先输入号码"), Tone.ERROR)
            return False
        if not self.name_edit.text().strip():
            self.name_edit.setFocus()
            return False
        if self.present_panel.focus_missing():
            return False
        if any(row.focus_missing() for row in self.related_rows):
            return False
        return self.contact.commit()

    def fill_from_card(self, card: IdCardData) -> None:
        """Take number and name from a card read by the reader (for the related person whose
        读卡 was pressed, else for the applicant)."""
        row, self._card_for = self._card_for, None
        if row is self.present_panel or (row is not None and row in self.related_rows):
            row.fill(card.id_number, card.name)
            return
        if self._kind is not ApplicantKind.PERSON:
            return
        self._clear_applicant()
        self._from_card = True
        self.number_edit.setText(card.id_number)
        self.name_edit.setText(card.name)
        if self._accepted is not None:
            self._show(self.message.text() + self.tr("（读卡）"), Tone.OK)

    # -- internals ------------------------------------------------------------------------------

    def _show(self, text: str, tone: Tone) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"font-size: 14px; color: {tone.value};")
        self.message.setAccessibleDescription(text)

    def _number_changed(self, text: str) -> None:
        if self._accepted is not None:
            return
        if self._kind is ApplicantKind.PERSON:
            self._check_person(text)
        else:
            self._check_business(text)
        self.changed.emit()

    def use_upgraded_number(self) -> None:
        """Take the offered 18-digit form of the 15-digit number typed (the clerk has compared
        it with the card); it is then checked like any typed number."""
        if self._upgrade is not None and self._accepted is None:
            self.number_edit.setText(self._upgrade)

    def _offer_upgrade(self, number: str | None) -> None:
        self._upgrade = number
        if number is None:
            self.upgrade_button.hide()
            return
        text = self.tr("使用 18 位号码 {number}").format(number=number)
        self.upgrade_button.setText(text)
        self.upgrade_button.setToolTip(self.tr("请先与申请人的身份证逐位核对，一致后再使用此号码"))
        self.upgrade_button.show()

    def _check_person(self, text: str) -> None:
        problems = check_id_number(text, self._today())
        errors = [p for p in problems if p.severity is Severity.ERROR]
        self._offer_upgrade(legacy_upgrade(text, errors))
        if not text.strip():
            self.message.clear()
            return
        if self._upgrade is not None:
            # The button beside it carries the 18 digits: a short line leaves it room.
            self._show(self.tr("15位旧号码：与证件逐位核对后使用18位号码"), Tone.WAITING)
            return
        if errors:
            # An old number with a real error: that error (its 18-digit form is no help).
            first = next((p for p in errors if p.reason is not IdReason.LEGACY_15), errors[0])
            # Still typing is not an error: grey until a real problem shows.
            typing = first.reason is IdReason.TOO_SHORT and len(errors) == 1
            self._show(translated(first.message), Tone.NEUTRAL if typing else Tone.ERROR)
            return
        number = validate_id_number(text, today=self._today())
        self._accept(number.number, mask_id_number(number.number))
        facts = self.tr("号码有效：{masked} · {sex} · 出生 {birth} · {region}").format(
            masked=number.masked,
            sex=translated(number.sex.label_zh),
            birth=number.birth.isoformat(),
            region=number.region_name,
        )
        warnings = translated("；".join(p.message for p in number.warnings))
        shown = translated(IN_BRACKETS.format(text=facts, note=warnings)) if warnings else facts
        self._show(shown, Tone.OK)

    def _check_business(self, text: str) -> None:
        if not text.strip():
            self.message.clear()
            return
        problems = check_uscc(text)
        errors = [p for p in problems if not p.warning]
        if errors:
            first = errors[0]
            typing = first.reason is UsccReason.TOO_SHORT and len(errors) == 1
            self._show(translated(first.message), Tone.NEUTRAL if typing else Tone.ERROR)
            return
        code = normalize_uscc(text)
        self._accept(code, code)
        warnings = translated("；".join(p.message for p in problems))
        valid = self.tr("代码有效：{code}").format(code=code)
        shown = translated(IN_BRACKETS.format(text=valid, note=warnings)) if warnings else valid
        self._show(shown, Tone.OK)

    def _accept(self, number: str, shown: str) -> None:
        self._accepted = number
        self.number_edit.blockSignals(True)
        self.number_edit.setText(shown)
        self.number_edit.blockSignals(False)
        self.number_edit.setReadOnly(True)
        self.edit_button.show()
        # Keyboard flow: the number is done, the name is next.
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _edit_number(self) -> None:
        self._accepted = None
        self._from_card = False
        self.number_edit.setReadOnly(False)
        self.number_edit.clear()
        self.edit_button.hide()
        self.number_edit.setFocus()
        self.changed.emit()

    def _demo_selected(self, index: int) -> None:
        select = getattr(self._reader, "select", None)
        if select is not None and index >= 0:
            select(index)

    def _read_related(self, row: RelatedPersonRow | PersonPresentPanel) -> None:
        self._card_for = row
        self._reader.request_read()

    def _read_failed(self, text: str) -> None:
        self._card_for = None
        self._show(text, Tone.ERROR)

    def _read_card(self) -> None:
        self._card_for = None
        self._show(self.tr("正在读卡…"), Tone.BUSY)
        self._reader.request_read()
