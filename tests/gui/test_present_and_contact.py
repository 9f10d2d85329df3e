"""Who was at the counter, shown where the case is, and the contact corrected while the case
goes on (issue 9), in one real main window with the applicant screen, over the sandbox and the
store, case after case: 李明 in person, then 张桂兰 through her son as 代办人 — the case list's
line, the case line and the applicant screen say who acted (name masked), as the store holds it;
a company is not opened until its 经办人 is named; a matter that demands a 授权委托书 of anyone
present asks it of a 监护人 too; and F10 corrects the agent's case's mistyped phone."""

from __future__ import annotations

import secrets

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clerkapp.app.context import AppContext
from clerkapp.core.contact import Delivery
from clerkapp.core.idnumber import mask_id_number
from clerkapp.core.present import PresentRole
from clerkapp.gui.applicant_screen import ApplicantScreen
from clerkapp.gui.application import default_wizard
from clerkapp.gui.case_list import CaseEntry
from clerkapp.gui.main_window import MainWindow
from clerkapp.gui.wizard.contact_dialog import ContactDialog
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.gui.wizard.wizard import CaseWizard
from clerkapp.sandbox.demo import DEMO_BUSINESS, LI_MING, SUN_LI, ZHANG_GUILAN
from tests.gui.wizard_driver import WizardDriver, ensure_catalogue, log_in_to_the_wizard, wait_until
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]


def _line(window: MainWindow, case_id: str) -> CaseEntry:
    """The case list's line of ``case_id`` (once it is listed)."""
    found: list[CaseEntry] = []

    def listed() -> bool:
        found[:] = [e for e in window.case_list.visible_entries() if e.case_id == case_id]
        return bool(found)

    wait_until(listed, 20, f"case {case_id} listed")
    return found[0]


def _opened(driver: WizardDriver) -> str:
    wait_until(lambda: driver.wizard.step is Step.PROOFS, 20, "proofs step")
    case_id = driver.wizard.presenter.case_id
    assert case_id is not None
    return case_id


def _new_case(window: MainWindow, wizard: CaseWizard) -> None:
    window.activateWindow()  # (back from a dialog: Ctrl+N goes to the active window)
    wait_until(window.isActiveWindow, what="main window active")
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wait_until(lambda: wizard.step is Step.MATTER and wizard.presenter.case is None)


def test_the_person_present_is_shown_and_the_contact_corrected(
    qtbot: QtBot,
    app_context: AppContext,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    ensure_catalogue()
    app_context.use_platform_url(sandbox.url)
    app_context.case_service.workstation = f"TRAIN01{secrets.token_hex(3).upper()}"
    window = MainWindow(app_context, wizard_factory=default_wizard(app_context))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wizard = log_in_to_the_wizard(qtbot, window)
    screen = ApplicantScreen("金华市行政服务中心 · 培训窗口")
    qtbot.addWidget(screen)
    screen.follow(wizard)
    screen.show()
    window.activateWindow()  # the clerk keeps the keyboard
    wait_until(window.isActiveWindow, what="main window active")
    driver = WizardDriver.of(app_context, wizard)
    service = app_context.case_service
    panel = wizard.applicant_step.present_panel

    # -- 1. 李明 in person -----------------------------------------------------------------------
    _new_case(window, wizard)
    driver.choose_matter("ggzl", "公共租赁住房申请")
    driver.enter_applicant(LI_MING, "李明")
    first = _opened(driver)
    assert service.get_case(first).present is None
    assert "代办人" not in wizard.case_line.text() and "办理人" not in wizard.case_line.text()
    assert "代办人" not in screen.person.text()
    line = _line(window, first)
    assert line.present == "" and line.applicant_short == f"李* {LI_MING[:4]}…{LI_MING[-4:]}"

    # -- 2. 张桂兰 through her son, 代办人 with the 授权委托书; a mistyped phone ---------------
    _new_case(window, wizard)
    driver.choose_matter("ggzl", "公共租赁住房申请")
    contact = wizard.applicant_step.contact
    driver.type(contact.phone_edit, "13857901243")
    contact.set_delivery(Delivery.SMS)
    driver.enter_applicant(ZHANG_GUILAN, "张桂兰", present=("代办人", LI_MING, "李明", "子女"))
    second = _opened(driver)
    stored = service.get_case(second).present
    assert stored is not None and stored.role is PresentRole.AGENT
    assert (stored.name, stored.relationship, stored.power_of_attorney_received) == (
        "李明",
        "子女",
        True,
    )
    # the case's detail: the case line names the agent, masked
    masked = mask_id_number(LI_MING)
    assert f"代办人 李* {masked}（子女，持授权委托书）" in wizard.case_line.text()
    assert LI_MING not in wizard.case_line.text()
    # the applicant screen: the agent masked, no number of theirs
    shown = screen.person.text()
    assert "代办人 李*（子女，持授权委托书）" in shown
    assert LI_MING[-4:] not in shown and "李明" not in shown
    # the case list: each case's line as the store says — the first in person still
    line = _line(window, second)
    assert line.present == "代办人 李*"
    assert line.applicant_short == f"张** {ZHANG_GUILAN[:4]}…{ZHANG_GUILAN[-4:]} · 代办人 李*"
    assert _line(window, first).present == ""

    # -- 3. F10: the mistyped phone corrected while the case goes on --------------------------
    button = wizard.case_actions.buttons["contact"]
    assert button.isEnabled() and button.text() == "修改联系方式 (F10)"
    driver.key(Qt.Key.Key_F10)
    wait_until(lambda: isinstance(wizard.ways.dialog, ContactDialog), what="contact dialog")
    dialog = wizard.ways.dialog
    assert isinstance(dialog, ContactDialog)
    wait_until(  # the dialog opens as the active window, the phone field focused
        lambda: QApplication.focusWidget() is dialog.fields.phone_edit, what="dialog focused"
    )
    fields = dialog.fields
    assert fields.phone_edit.text() == "13857901243" and fields.delivery() is Delivery.SMS
    fields.phone_edit.selectAll()
    driver.type(fields.phone_edit, "1385790123")  # one digit short
    driver.key(Qt.Key.Key_Return, fields.phone_edit)
    assert dialog.isVisible()
    assert fields.phone_message.text() == "手机号码应为11位数字，现为10位"
    assert QApplication.focusWidget() is fields.phone_edit
    assert service.get_case(second).contact.phone == "13857901243"  # nothing saved
    fields.phone_edit.selectAll()
    driver.type(fields.phone_edit, "13857901234")
    driver.key(Qt.Key.Key_Return, fields.phone_edit)
    wait_until(lambda: service.get_case(second).contact.phone == "13857901234", what="saved")
    wait_until(lambda: "138****1234" in screen.person.text(), what="applicant screen follows")
    changed = [e for e in service.store.audit.entries(second) if e.action == "contact_changed"]
    assert len(changed) == 1 and changed[0].data["fields"] == ["phone"]
    assert "13857901234" not in str(changed[0].data)
    assert wizard.presenter.case is not None and wizard.presenter.case.id == second

    # -- 4. a company is not opened until its 办理人 is named ---------------------------------
    _new_case(window, wizard)
    driver.choose_matter("zhjs", "综合计算工时工作制审批")
    step = wizard.applicant_step
    assert panel.role_combo.currentText() == "（请选择）"
    driver.type(step.number_edit, DEMO_BUSINESS)
    driver.type(step.name_edit, "金华市示范科技有限公司")
    driver.key(Qt.Key.Key_Return, step.name_edit)
    assert wizard.step is Step.APPLICANT
    assert panel.message.isVisible()
    assert panel.message.text() == "企业申请须选择到场办理人：法定代表人，或持授权委托书的经办人"
    assert QApplication.focusWidget() is panel.role_combo
    assert len(service.list_cases()) == 2  # nothing stored
    panel.role_combo.setCurrentIndex(panel.role_combo.findText("经办人"))
    driver.type(panel.number_edit, SUN_LI)
    driver.type(panel.name_edit, "孙丽")
    driver.key(Qt.Key.Key_Space, panel.attorney_check)
    driver.key(Qt.Key.Key_Return, step.name_edit)
    third = _opened(driver)
    assert _line(window, third).present == "经办人 孙*"
    assert "经办人 孙* " in wizard.case_line.text()

    # -- 5. a matter that demands the letter of anyone present: a 监护人 too ------------------
    _new_case(window, wizard)
    driver.choose_matter("qyzgzctxsp", "企业职工正常退休审批")
    assert panel.attorney_demanded
    driver.type(step.number_edit, ZHANG_GUILAN)
    driver.type(step.name_edit, "张桂兰")
    panel.role_combo.setCurrentIndex(panel.role_combo.findText("监护人"))
    assert panel.attorney_check.isVisible()  # by role a guardian needs none; this matter does
    driver.type(panel.number_edit, LI_MING)
    driver.type(panel.name_edit, "李明")
    driver.type(panel.relationship_combo.lineEdit(), "子女")
    driver.key(Qt.Key.Key_Return, step.name_edit)
    assert wizard.step is Step.APPLICANT
    assert panel.message.text() == (
        "本事项凡申请人本人以外的人员到场办理，均须持授权委托书（监护人也不例外）：收取并核对后请勾选"
    )
    assert QApplication.focusWidget() is panel.attorney_check
    assert len(service.list_cases()) == 3
    driver.key(Qt.Key.Key_Space, panel.attorney_check)
    driver.key(Qt.Key.Key_Return, step.name_edit)
    fourth = _opened(driver)
    guardian = service.get_case(fourth).present
    assert guardian is not None and guardian.role is PresentRole.GUARDIAN
    assert guardian.power_of_attorney_received
    assert "监护人 李*（监护关系：子女，持授权委托书）" in screen.person.text()
    assert [_line(window, c).present for c in (first, second, third, fourth)] == [
        "",
        "代办人 李*",
        "经办人 孙*",
        "监护人 李*",
    ]
