"""⑤ 决定 on the reported day (issue 8): a refusal reason typed for one applicant never reaches the
next cases; a recommended refusal comes with its reasons pre-filled and needs no second one;
before the irreversible act the step shows what will print — and the paper says exactly that,
each reason once, with no verification printed as pending on a decided case."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clerkapp.app.context import AppContext
from clerkapp.core.case import CaseState, ProofState
from clerkapp.gui.print_step import PrintStep
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.sandbox.demo import CHEN_JIANGUO, SUN_LI, WANG_FANG, ZHAO_QIANG
from tests.gui.wizard_driver import WizardDriver, wait_until
from tests.integration.documents_cases import pdf_text, squash
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]

RENTAL = "zjj.public_rental"
OWN_WANG = "申请人名下车辆为家庭自用小型汽车"
OWN_ZHAO = "申请人已列入失信名单，不能以告知承诺方式办理"


def _to_decision(driver: WizardDriver) -> None:
    driver.wait_lookups()
    wait_until(lambda: not driver.wizard.presenter.credit_running, what="credit check")
    driver.key(Qt.Key.Key_Return)
    if driver.wizard.step is Step.PLEDGE:
        driver.key(Qt.Key.Key_Return)
    assert driver.wizard.step is Step.DECISION


def _printed(driver: WizardDriver) -> str:
    wizard = driver.wizard
    wait_until(lambda: wizard.step is Step.PRINT, what=lambda: wizard.status.text())
    step = wizard.print_host.step
    assert isinstance(step, PrintStep)
    wait_until(
        lambda: step.built is not None and step.built.case_id == wizard.presenter.case_id,
        30,
        "document built",
    )
    assert step.built is not None
    return pdf_text(step.built.pdf)


def test_the_reported_day(
    driver: WizardDriver,
    sandbox: SandboxHandle,  # noqa: F811
    app_context: AppContext,
) -> None:
    sandbox.settings(verify_delay_s=None)  # departments answer only by hand: they still owe
    wizard = driver.wizard
    decision = wizard.decision_step

    # 1. 王芳: a car in her name → refusal recommended, its reason pre-filled and previewed
    driver.choose_matter("ggzl", "公共租赁住房申请")
    driver.enter_applicant(WANG_FANG, "王芳")
    _to_decision(driver)
    assert "建议：不予给付" in decision.recommendation.text()
    assert wizard.presenter.case is not None
    vehicle = wizard.presenter.case.proofs[f"{RENTAL}.vehicle"]
    assert vehicle.state is ProofState.NOT_SATISFIED
    VEHICLE_REASON = vehicle.failure_reason()  # noqa: N806 (the registry's answer, as read)
    assert decision.reason_edit.text() == VEHICLE_REASON  # pre-filled, editable
    assert not decision.reason_edit.isReadOnly()
    assert decision.preview.isVisible()
    assert decision.preview_title.text() == "不予给付决定书"
    assert decision.preview_sentence.text() == "本机关决定不予给付。"
    assert decision.preview_reasons.text() == f"一、{VEHICLE_REASON}。"
    # the clerk adds a reason of their own: the preview follows as typed
    driver.type(decision.reason_edit, f"；{OWN_WANG}")
    preview = decision.preview_reasons.text().split("\n")
    assert preview == [f"一、{VEHICLE_REASON}。", f"二、{OWN_WANG}。"]
    driver.key(Qt.Key.Key_Return)  # Enter decides as recommended: no second reason asked
    text = _printed(driver)
    wang_id = wizard.presenter.case_id
    case = app_context.case_service.get_case(wang_id)
    assert case.state is CaseState.REFUSED and case.decision_reason == OWN_WANG
    # the paper says what the preview said, each reason once
    for line in preview:
        assert text.count(squash(line)) == 1, line
    assert "三、" not in text
    # the homestead verification the department still owed is not printed as pending
    homestead = case.proofs[f"{RENTAL}.homestead"]
    assert homestead.state is ProofState.AWAITING_DEPT
    assert "等待答复" not in text
    assert "核验请求已撤回" in text and "不作为本决定的依据" in text

    # 2. a new case for 孙丽: nothing of 王芳's reason is on screen or stored
    wizard.new_case()
    assert decision.reason_edit.text() == "" and not decision.preview.isVisible()
    driver.choose_matter("ggzl", "公共租赁住房申请")
    driver.enter_applicant(SUN_LI, "孙丽")
    wait_until(
        lambda: (
            wizard.presenter.case is not None
            and wizard.presenter.case.proofs[f"{RENTAL}.homestead"].state
            is ProofState.AWAITING_DEPT
        ),
        what="verification sent",
    )
    _to_decision(driver)
    assert "受理" in decision.recommendation.text()
    assert decision.reason_edit.text() == ""
    assert decision.preview_title.text() == "受理回执"  # what Enter decides
    decision.refuse_button.setFocus()  # the focused decision button is previewed
    assert decision.preview_title.text() == "不予给付决定书"
    decision.reason_edit.setFocus()
    assert decision.preview_title.text() == "受理回执"
    driver.key(Qt.Key.Key_Return)  # Enter at ⑤ as the clerk did that day
    text = _printed(driver)
    sun_id = wizard.presenter.case_id
    sun = app_context.case_service.get_case(sun_id)
    assert sun.state is CaseState.ACCEPTED and sun.decision_reason is None
    for entry in app_context.store.audit.entries(sun_id):
        assert OWN_WANG not in repr(entry) and VEHICLE_REASON not in repr(entry), entry.action
    assert OWN_WANG not in text and squash(VEHICLE_REASON) not in text

    # 3. a new case for 赵强 (survivor allowance, on the dishonesty list): his refusal states
    # only his own reason
    wizard.new_case()
    driver.choose_matter("ysbz", "一次性丧葬抚恤金和遗属补助生活费申领")
    driver.enter_applicant(ZHAO_QIANG, "赵强", related=[(CHEN_JIANGUO, "陈建国")])
    _to_decision(driver)
    assert decision.reason_edit.text() == ""
    assert not decision.approve_button.isEnabled()
    # refusal is the one decision left: it is previewed, and asks for a reason
    assert decision.preview_title.text() == "不予给付决定书"
    assert "请在上方填写理由" in decision.preview_reasons.text()  # no invented reason shown
    driver.click(decision.refuse_button)
    assert "理由" in decision.message.text() and wizard.step is Step.DECISION
    driver.type(decision.reason_edit, OWN_ZHAO)
    assert decision.preview_reasons.text() == f"一、{OWN_ZHAO}。"
    driver.click(decision.refuse_button)
    text = _printed(driver)
    zhao = app_context.case_service.get_case(wizard.presenter.case_id)
    assert zhao.state is CaseState.REFUSED and zhao.decision_reason == OWN_ZHAO
    assert text.count(squash(f"一、{OWN_ZHAO}。")) == 1 and "二、" not in text
    assert OWN_WANG not in text and squash(VEHICLE_REASON) not in text and "车辆" not in text
    assert "等待答复" not in text
