"""Someone else at the counter (issue 9), through the real wizard, sandbox and store, in one
window one after the other: an elderly applicant (张桂兰) served through her son as 代办人 (read
from his card, 子女, 授权委托书 received), then a company served through its 经办人 (孙丽, whose
card the reader reads) — the precise messages beside the fields first, nothing stored half."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clerkapp.app.context import AppContext
from clerkapp.app.documents import DocumentDesk
from clerkapp.core.idnumber import mask_id_number
from clerkapp.core.present import PersonPresent, PresentRole
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.infra.documents import DocumentKind
from clerkapp.sandbox.demo import DEMO_BUSINESS, LI_MING, SUN_LI, ZHANG_GUILAN
from tests.gui.wizard_driver import WizardDriver, find_card, wait_until
from tests.integration.documents_cases import pdf_text, squash
from tests.sandbox_fixture import sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]


def _stored(app_context: AppContext) -> list[PersonPresent | None]:
    service = app_context.case_service
    return [service.get_case(s.id).present for s in service.list_cases()]


def test_an_elderly_applicant_through_an_agent_then_a_company_through_its_handler(
    driver: WizardDriver, app_context: AppContext
) -> None:
    wizard = driver.wizard
    step = wizard.applicant_step
    panel = step.present_panel
    driver.choose_matter("ggzl", "公共租赁住房申请")
    assert panel.role_combo.currentText() == "本人办理" and not panel.number_edit.isVisible()
    driver.type(step.number_edit, ZHANG_GUILAN)
    driver.type(step.name_edit, "张桂兰")
    # keyboard: Tab from the name reaches the choice of who is present
    driver.key(Qt.Key.Key_Tab, step.name_edit)
    assert QApplication.focusWidget() is panel.role_combo
    panel.role_combo.setCurrentIndex(panel.role_combo.findText("代办人"))
    driver.interactions += 2
    assert panel.number_edit.isVisible() and panel.attorney_check.isVisible()
    assert panel.number_edit.accessibleName() == "代办人的公民身份号码"
    # a mistyped agent's number: the precise error beside it, Enter stays
    wrong = LI_MING[:-1] + ("4" if LI_MING[-1] != "4" else "3")
    driver.type(panel.number_edit, wrong)
    assert panel.number_message.text() == "身份证号码校验不通过：有数字输错，请对照证件逐位核对"
    assert step.entry() is None
    driver.key(Qt.Key.Key_Return, step.name_edit)
    assert wizard.step is Step.APPLICANT
    assert QApplication.focusWidget() is panel.number_edit
    # the son's card on the reader: 读卡 on the agent's block reads *him*
    step.demo_combo.setCurrentIndex(find_card(wizard, "李明"))
    driver.click(panel.read_button)
    wait_until(lambda: panel.accepted == LI_MING, what="agent's card read")
    assert panel.number_edit.text() == mask_id_number(LI_MING)
    assert panel.name_edit.text() == "李明"
    assert step.number_edit.text() == mask_id_number(ZHANG_GUILAN)  # the applicant stays
    assert step.name_edit.text() == "张桂兰"
    panel.relationship_combo.setCurrentText("子女")
    # no 授权委托书 yet: said beside the box, focus on it, no case stored
    driver.key(Qt.Key.Key_Return, step.name_edit)
    assert wizard.step is Step.APPLICANT
    assert panel.message.text() == "代办人须持申请人的授权委托书：收取并核对后请勾选"
    assert QApplication.focusWidget() is panel.attorney_check
    assert app_context.case_service.list_cases() == []
    driver.key(Qt.Key.Key_Space, panel.attorney_check)
    assert panel.attorney_check.isChecked() and panel.message.text() == ""
    driver.key(Qt.Key.Key_Return, step.name_edit)
    wait_until(lambda: wizard.step is Step.PROOFS, what="proofs step")
    driver.wait_lookups()
    assert _stored(app_context) == [PersonPresent(PresentRole.AGENT, LI_MING, "李明", "子女", True)]

    # the next one: a company through its 经办人, in the same window
    wizard.new_case()  # what Ctrl+N and 新建办件 call
    wait_until(lambda: wizard.step is Step.MATTER, what="new case")
    driver.choose_matter("zhjs", "综合计算工时工作制审批")
    assert panel.role_combo.currentText() == "（请选择）"
    assert [panel.role_combo.itemText(i) for i in range(1, panel.role_combo.count())] == [
        "法定代表人",
        "经办人",
    ]
    assert panel.number_edit.text() == "" and not panel.attorney_check.isChecked()
    driver.type(step.number_edit, DEMO_BUSINESS)
    driver.type(step.name_edit, "金华市示范科技有限公司")
    panel.role_combo.setCurrentIndex(panel.role_combo.findText("经办人"))
    assert not panel.relationship_combo.isVisible() and panel.attorney_check.isVisible()
    step.demo_combo.setCurrentIndex(find_card(wizard, "孙丽"))
    driver.click(panel.read_button)
    wait_until(lambda: panel.accepted == SUN_LI, what="handler's card read")
    assert step.number_edit.text() == DEMO_BUSINESS  # the company's code stays
    driver.key(Qt.Key.Key_Return, step.name_edit)
    assert wizard.step is Step.APPLICANT
    assert panel.message.text() == "经办人须持申请人的授权委托书：收取并核对后请勾选"
    driver.key(Qt.Key.Key_Space, panel.attorney_check)
    driver.key(Qt.Key.Key_Return, step.name_edit)
    wait_until(lambda: wizard.step is Step.PROOFS, what="proofs step")
    driver.wait_lookups()
    wait_until(lambda: not wizard.presenter.credit_running, what="credit check")
    wait_until(
        lambda: (
            wizard.presenter.case is not None and not wizard.presenter.case.awaits_identity_answer()
        ),
        what="identity answered",
    )
    # ④ the 经办人 signs the company's pledge: the step says so, the audit records the role
    driver.key(Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.PLEDGE, what="pledge step")
    assert (
        wizard.pledge_step.signer_label.text()
        == "签署人：经办人 孙丽（代表申请人 金华市示范科技有限公司）"
    )
    driver.draw_signature()
    driver.key(Qt.Key.Key_Return)
    wait_until(lambda: wizard.pledge_step.all_signed(), what="pledge signed")
    case_id = wizard.presenter.case_id
    assert case_id is not None
    audit = app_context.case_service.store.audit.entries(case_id)
    signed = [e.data for e in audit if e.action == "pledge_signed"]
    assert signed and all(d["signer"] == "handler" for d in signed)
    audit_text = json.dumps([e.data for e in audit], ensure_ascii=False)
    assert "孙丽" not in audit_text and SUN_LI not in audit_text
    driver.key(Qt.Key.Key_Return)  # → ⑤
    assert wizard.step is Step.DECISION
    driver.key(Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.PRINT, what="print step")
    desk = DocumentDesk.for_context(app_context)
    decision = pdf_text(desk.build(case_id, DocumentKind.DECISION).pdf)
    assert squash(f"经办人：孙* {mask_id_number(SUN_LI)}（持授权委托书）") in decision
    pledge = pdf_text(desk.build(case_id, DocumentKind.PLEDGE).pdf)
    assert squash(f"经办人：孙丽 {SUN_LI}（持授权委托书）") in pledge
    assert squash("承诺签署人：孙丽（经办人，代表申请人金华市示范科技有限公司）") in pledge
    assert squash("经办人（签字）：") in pledge
    stored = sorted(_stored(app_context), key=lambda p: p.role.value if p else "")
    assert stored == [
        PersonPresent(PresentRole.AGENT, LI_MING, "李明", "子女", True),
        PersonPresent(PresentRole.HANDLER, SUN_LI, "孙丽", "", True),
    ]
