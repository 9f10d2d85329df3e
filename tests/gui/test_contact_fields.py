"""Issue 9 (contact and delivery) in ② 申请人: the phone, 送达方式 and address fields — a bad
phone is told precisely right under the field and the case is not opened (nothing saved half);
短信通知 without a mobile number is refused the same way; once right, the case opens with the
contact kept and the phone masked on the applicant screen, and a new case (Ctrl+N) empties the
fields again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clerkapp.app.context import AppContext
from clerkapp.core.contact import Contact, Delivery
from clerkapp.gui.applicant_screen import ApplicantScreen
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.sandbox.demo import LI_MING
from tests.gui.wizard_driver import WizardDriver, wait_until
from tests.sandbox_fixture import sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]


def test_bad_phone_is_told_next_to_the_field_and_nothing_is_opened(
    qtbot: QtBot, driver: WizardDriver, app_context: AppContext
) -> None:
    wizard = driver.wizard
    screen = ApplicantScreen("金华市行政服务中心 · 培训窗口")  # what the applicant sees
    qtbot.addWidget(screen)
    screen.follow(wizard)
    step = wizard.applicant_step
    fields = step.contact
    driver.choose_matter("ggzl", "公共租赁住房申请")
    assert wizard.step is Step.APPLICANT
    assert fields.delivery() is Delivery.COUNTER and fields.phone_edit.text() == ""
    driver.type(step.number_edit, LI_MING)
    driver.type(step.name_edit, "李明")
    driver.type(fields.phone_edit, "1385790123")  # one digit short
    driver.key(Qt.Key.Key_Return)
    assert wizard.step is Step.APPLICANT
    assert fields.phone_message.text() == "手机号码应为11位数字，现为10位"
    assert fields.phone_message.isVisible() and fields.phone_edit.hasFocus()
    # the message sits right under the phone field
    edit, message = fields.phone_edit.geometry(), fields.phone_message.geometry()
    assert 0 <= message.top() - edit.bottom() <= 20 and message.left() == edit.left()
    assert app_context.store.cases.summaries() == []  # nothing saved

    # a landline cannot receive an SMS
    fields.phone_edit.clear()
    assert fields.phone_message.text() == ""  # typing again clears the stale message
    driver.type(fields.phone_edit, "0579-82345678")
    fields.set_delivery(Delivery.SMS)
    driver.key(Qt.Key.Key_Return, fields.phone_edit)
    assert wizard.step is Step.APPLICANT
    assert "固定电话收不到短信" in fields.phone_message.text()
    # 邮寄 without an address: the message goes under the address
    fields.set_delivery(Delivery.MAIL)
    driver.key(Qt.Key.Key_Return, fields.phone_edit)
    assert fields.address_message.text() == "选择邮寄送达须填写邮寄地址"
    assert fields.address_edit.hasFocus()

    fields.phone_edit.clear()
    driver.type(fields.phone_edit, "138 5790 1234")
    fields.set_delivery(Delivery.SMS)
    driver.key(Qt.Key.Key_Return, fields.phone_edit)
    wait_until(lambda: wizard.step is Step.PROOFS, what="proofs step")
    case = wizard.presenter.case
    assert case is not None
    stored = app_context.store.cases.load(case.id)
    assert stored.contact == Contact("13857901234", "", Delivery.SMS)
    # the applicant screen (the public may see it) shows the phone masked only
    wait_until(lambda: "联系电话" in screen.person.text(), what="applicant screen")
    assert "138****1234" in screen.person.text() and "13857901234" not in screen.person.text()

    wizard.new_case()  # Ctrl+N
    assert fields.phone_edit.text() == "" and fields.address_edit.text() == ""
    assert fields.delivery() is Delivery.COUNTER and fields.phone_message.text() == ""
