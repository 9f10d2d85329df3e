"""② 申请人 — how to reach the applicant (issue 9, "Contact and delivery"): the phone (a mobile
number or a landline with its area code), an optional address and the 送达方式 (窗口领取 / 邮寄
/ 短信通知). Checked by :func:`clerkapp.core.contact.check_contact`; a wrong field gets the
precise message right under it (room kept, so the form does not jump), and the step cannot go
on until it is right — nothing is saved half."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from clerkapp.core.contact import ADDRESS_MAX, Contact, ContactError, Delivery, check_contact
from clerkapp.gui.i18n import translated
from clerkapp.gui.message_space import reserve_lines
from clerkapp.gui.theme import Tone

#: The 送达方式 in the order the picker offers them (the first is the default).
DELIVERIES = (Delivery.COUNTER, Delivery.SMS, Delivery.MAIL)


class ContactFields(QWidget):
    """Phone, address and 送达方式 of the applicant step. ``changed`` fires on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactFields")
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setObjectName("applicantPhone")
        self.phone_edit.setMaxLength(20)
        self.phone_edit.setPlaceholderText(self.tr("手机号码，或带区号的固定电话"))
        self.phone_edit.setAccessibleName(self.tr("联系电话"))
        self.phone_message = QLabel(self)
        self.phone_message.setObjectName("applicantPhoneMessage")
        self.phone_message.setWordWrap(True)
        self.delivery_combo = QComboBox(self)
        self.delivery_combo.setObjectName("applicantDelivery")
        self.delivery_combo.setAccessibleName(self.tr("送达方式"))
        labels = {
            Delivery.COUNTER: self.tr("窗口领取"),
            Delivery.SMS: self.tr("短信通知"),
            Delivery.MAIL: self.tr("邮寄"),
        }
        for way in DELIVERIES:
            self.delivery_combo.addItem(labels[way], way.value)
        self.address_edit = QLineEdit(self)
        self.address_edit.setObjectName("applicantAddress")
        self.address_edit.setMaxLength(ADDRESS_MAX + 20)
        self.address_edit.setPlaceholderText(self.tr("选填；邮寄送达时必填"))
        self.address_edit.setAccessibleName(self.tr("联系地址"))
        self.address_message = QLabel(self)
        self.address_message.setObjectName("applicantAddressMessage")
        self.address_message.setWordWrap(True)
        reserve_lines(self.phone_message, 1, 14)
        reserve_lines(self.address_message, 1, 14)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        phone_label = QLabel(self.tr("联系电话"), self)
        phone_label.setBuddy(self.phone_edit)
        delivery_label = QLabel(self.tr("送达方式"), self)
        delivery_label.setBuddy(self.delivery_combo)
        address_label = QLabel(self.tr("联系地址"), self)
        address_label.setBuddy(self.address_edit)
        form.addRow(phone_label, self.phone_edit)
        form.addRow("", self.phone_message)
        form.addRow(delivery_label, self.delivery_combo)
        form.addRow(address_label, self.address_edit)
        form.addRow("", self.address_message)
        self.setTabOrder(self.phone_edit, self.delivery_combo)
        self.setTabOrder(self.delivery_combo, self.address_edit)

        self.phone_edit.textChanged.connect(lambda _t: self._edited(self.phone_message))
        self.address_edit.textChanged.connect(lambda _t: self._edited(self.address_message))
        self.delivery_combo.currentIndexChanged.connect(lambda _i: self._edited(None))
        self.phone_edit.editingFinished.connect(self.check)

    # -- public API ---------------------------------------------------------------------------

    def delivery(self) -> Delivery:
        """The 送达方式 chosen."""
        return Delivery(self.delivery_combo.currentData() or Delivery.COUNTER.value)

    def set_delivery(self, way: Delivery) -> None:
        """Choose a 送达方式."""
        self.delivery_combo.setCurrentIndex(DELIVERIES.index(way))

    def contact(self) -> Contact | None:
        """The contact when every field is right (messages untouched); else None."""
        try:
            return self._checked()
        except ContactError:
            return None

    def check(self) -> bool:
        """Check the fields now and show the message of a wrong one next to it."""
        try:
            self._checked()
        except ContactError as exc:
            label = self.phone_message if exc.field == "phone" else self.address_message
            label.setText(translated(exc.user_message))
            label.setStyleSheet(f"font-size: 14px; color: {Tone.ERROR.value};")
            return False
        return True

    def commit(self) -> bool:
        """Enter: right means the wizard may go on; otherwise the message and the focus go to
        the wrong field."""
        try:
            self._checked()
        except ContactError as exc:
            self.check()
            (self.phone_edit if exc.field == "phone" else self.address_edit).setFocus()
            return False
        return True

    def reset(self) -> None:
        """Every field back to empty, 送达方式 窗口领取 (new case)."""
        for edit in (self.phone_edit, self.address_edit):
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        self.delivery_combo.blockSignals(True)
        self.delivery_combo.setCurrentIndex(0)
        self.delivery_combo.blockSignals(False)
        self.phone_message.clear()
        self.address_message.clear()
        self.changed.emit()

    # -- internals ------------------------------------------------------------------------------

    def _checked(self) -> Contact:
        return check_contact(self.phone_edit.text(), self.address_edit.text(), self.delivery())

    def _edited(self, message: QLabel | None) -> None:
        """A field changed: its message (``None``: the 送达方式, so both) is stale."""
        for label in (self.phone_message, self.address_message):
            if message is None or label is message:
                label.clear()
        self.changed.emit()
