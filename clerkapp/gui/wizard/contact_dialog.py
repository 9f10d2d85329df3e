"""修改联系方式 (F10) of a case in progress (issue 9): the clerk corrects a mistyped phone, adds
an address or changes the 送达方式 while the case is open, accepted or awaiting 补正. The
applicant step's own fields (:class:`~clerkapp.gui.wizard.contact_fields.ContactFields`), filled
with the case's contact, checked as at opening — the precise message under the wrong field, the
dialog stays — then :meth:`CaseService.change_contact` off the GUI thread (one transaction: the
case, the audit entry, and the platform told when it sends the applicant SMS notices).

A decided or ended case has no such action (the button says why: the way back is 更正 of its
paper, see :func:`clerkapp.app.case_contact.closed_case_message`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from clerkapp.app.case_contact import closed_case_message
from clerkapp.core.case import Case
from clerkapp.core.contact import Contact
from clerkapp.gui.i18n import translated
from clerkapp.gui.theme import Tone
from clerkapp.gui.wizard.case_dialogs import _WaysDialog
from clerkapp.gui.wizard.contact_fields import ContactFields

if TYPE_CHECKING:
    from clerkapp.gui.wizard.case_actions import CaseAction, WaysController

#: The action's key (F6–F8 are the ways back, F9 is kept for 作废/更正).
CONTACT_KEY = "F10"


class ContactDialog(_WaysDialog):
    """The case's phone, 送达方式 and address, to correct; ``contact()`` once accepted."""

    def __init__(self, case: Case, parent: QWidget | None = None) -> None:
        super().__init__("contactDialog", self.tr("修改联系方式"), self.tr("保存 (Enter)"), parent)
        note = QLabel(
            self.tr(
                "办结前可修改申请人的联系方式。选择短信通知的，今后的办理进度发送到修改后的号码，"
                "并向新号码发送一条变更提示。"
            ),
            self,
        )
        note.setObjectName("contactDialogNote")
        note.setWordWrap(True)
        self.fields = ContactFields(self)
        current = case.contact
        self.fields.phone_edit.setText(current.phone)
        self.fields.address_edit.setText(current.address)
        self.fields.set_delivery(current.delivery)
        self._before = current
        self.body.addWidget(note)
        self.body.addWidget(self.fields)
        self.fields.changed.connect(self.error.clear)
        self.fields.phone_edit.setFocus()
        self.fields.phone_edit.selectAll()

    def check(self) -> tuple[str, QWidget | None]:
        """Something changed (a wrong field was said under it by :meth:`_try_accept`)."""
        if self.fields.contact() == self._before:
            return self.tr("联系方式没有改变"), self.fields.phone_edit
        return "", None

    def _try_accept(self) -> None:
        if not self.fields.commit():  # the message under the wrong field, the focus on it
            self.error.clear()
            return
        super()._try_accept()

    def contact(self) -> Contact | None:
        """The corrected contact (None while a field is wrong)."""
        return self.fields.contact()


def contact_action(controller: WaysController) -> CaseAction:
    """The 修改联系方式 action of the case action bar."""
    from clerkapp.gui.wizard.case_actions import CaseAction

    def label(_case: Case | None) -> str:
        return QCoreApplication.translate("CaseActions", "修改联系方式 (F10)")

    def enabled(case: Case | None) -> bool:
        return case is not None and not case.state.final

    def why_not(case: Case | None) -> str:
        if case is None:
            return QCoreApplication.translate("CaseActions", "请先建立或打开办件")
        return translated(closed_case_message(case.state))

    return CaseAction("contact", label, CONTACT_KEY, enabled, lambda: open_dialog(controller),
                      why_not=why_not)  # fmt: skip


def open_dialog(controller: WaysController) -> None:
    """F10: the dialog; on 保存 the service changes the contact, the wizard says so."""
    wizard = controller.wizard
    case = wizard.presenter.case
    if case is None:
        return
    dialog = ContactDialog(case, wizard)
    service = wizard.presenter.services.service

    def saved() -> None:
        new = dialog.contact()
        if new is None:
            return

        def change(case_id: str, clerk: str) -> object:
            return service.change_contact(case_id, new.phone, new.address, new.delivery, clerk)

        def then() -> None:
            wizard._say(QCoreApplication.translate("CaseActions", "联系方式已修改"), Tone.OK)

        controller._act(
            QCoreApplication.translate("CaseActions", "正在保存联系方式…"), change, then
        )

    controller._show(dialog, saved)
