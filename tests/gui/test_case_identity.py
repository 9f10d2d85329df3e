"""The identity cross-check through the real wizard against the real sandbox and a real store
file — a day at one counter: a typo in a person's name corrected, a business that adopts its
registered name, an applicant the registry does not know taken on with a reasoned override. Each
state on screen is checked against the store."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clerkapp.app.context import AppContext
from clerkapp.app.sync import SyncWorker
from clerkapp.core.case import Case, CaseState, Decision
from clerkapp.core.identity import IdentityOutcome
from clerkapp.gui.theme import Tone
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.sandbox.demo import DEMO_BUSINESS, LI_MING, LIU_YANG, SUN_LI, WANG_FANG
from tests.gui.wizard_driver import WizardDriver, draw_stroke, wait_until
from tests.integration.case_fixtures import make_legacy
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]


def stored(context: AppContext, driver: WizardDriver) -> Case:
    return context.case_service.get_case(driver.wizard.presenter.case_id)


def answered(driver: WizardDriver) -> None:
    """Until the look-ups and the identity question have their answers."""
    driver.wait_lookups()
    wait_until(
        lambda: (
            not driver.wizard.presenter.identity_asking()
            and driver.wizard.presenter.case is not None
            and not driver.wizard.presenter.case.identity_outcome.waiting
        ),
        what=lambda: f"identity answered: {driver.wizard.identity_banner.text.text()}",
    )


def banner_matches_the_store(context: AppContext, driver: WizardDriver) -> Case:
    """The banner says what the stored case says."""
    case = stored(context, driver)
    banner = driver.wizard.identity_banner
    assert banner.isVisible()
    assert case.identity_text() in banner.text.text()
    return case


def audit_actions(context: AppContext, case_id: str) -> list[str]:
    return [e.action for e in context.store.audit.entries(case_id)]


def test_a_day_of_identity_findings_in_one_window(
    driver: WizardDriver,
    sandbox: SandboxHandle,  # noqa: F811
    app_context: AppContext,
) -> None:
    wizard = driver.wizard
    banner = wizard.identity_banner
    assert not banner.isVisible()  # no case, no banner

    # -- 1. 王芳's number typed by hand with the name 王方 -------------------------------------
    driver.choose_matter("ggzl", "公共租赁住房申请")
    driver.enter_applicant(WANG_FANG, "王方")
    answered(driver)
    case = banner_matches_the_store(app_context, driver)
    assert case.identity_outcome is IdentityOutcome.MISMATCH
    assert "✖ 申请人姓名与户籍登记不一致：填写 王方，登记 王芳" in banner.text.text()
    assert banner.model.tone is Tone.ERROR
    assert banner.correct_button.isVisible() and banner.override_button.isVisible()
    assert not banner.adopt_button.isVisible()  # a person's name comes from the card
    # the decision step allows nothing and says why first
    driver.key(Qt.Key.Key_Return)
    assert wizard.step is Step.DECISION
    decision = wizard.decision_step
    assert not any(
        b.isEnabled()
        for b in (decision.approve_button, decision.refuse_button, decision.accept_button)
    )
    assert "填写 王方，登记 王芳" in decision.reasons.text().splitlines()[0]
    driver.key(Qt.Key.Key_Return)  # Enter decides nothing while the name is in doubt
    assert stored(app_context, driver).state is CaseState.OPEN
    # 改正姓名 by its Alt key, the name from the card, Enter
    QTest.keyClick(wizard, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    wait_until(banner.field.hasFocus, what="name field focused")
    driver.type(banner.field, "王芳")
    driver.key(Qt.Key.Key_Return, banner.field)
    wait_until(lambda: stored(app_context, driver).applicant_name == "王芳", what="name corrected")
    wait_until(lambda: banner.model.tone is Tone.OK, what="banner green")
    case = banner_matches_the_store(app_context, driver)
    assert case.identity_outcome is IdentityOutcome.MATCHED
    assert "王芳" in wizard.case_line.text() and "王方" not in wizard.case_line.text()
    assert not banner.correct_button.isVisible()
    assert decision.refuse_button.isEnabled()  # 王芳 owns a car: refusal recommended
    driver.type(decision.reason_edit, "名下有登记车辆，不符合保障条件")
    driver.key(Qt.Key.Key_Return, decision.reason_edit)
    wait_until(lambda: wizard.step is Step.PRINT, what="print step")
    first = stored(app_context, driver)
    assert first.state is CaseState.REFUSED and first.applicant_name == "王芳"
    assert "applicant_name_corrected" in audit_actions(app_context, first.id)

    # -- 2. a business typed with a shortened name adopts its registered name ------------------
    wizard.new_case()  # Ctrl+N in the shell
    assert not banner.isVisible() and banner.field.text() == ""
    driver.choose_matter("zhjs", "综合计算工时工作制审批")
    driver.enter_applicant(DEMO_BUSINESS, "示范科技", present=("经办人", SUN_LI, "孙丽"))
    answered(driver)
    case = banner_matches_the_store(app_context, driver)
    assert "企业名称与市场主体登记不一致：填写 示范科技，登记 金华市示范科技有限公司" in (
        banner.text.text()
    )
    assert banner.adopt_button.isVisible()
    driver.click(banner.adopt_button)
    wait_until(lambda: banner.model.tone is Tone.OK, what="registered name adopted")
    case = banner_matches_the_store(app_context, driver)
    assert case.applicant_name == "金华市示范科技有限公司"
    assert case.identity_outcome is IdentityOutcome.MATCHED
    assert "金华市示范科技有限公司" in wizard.case_line.text()
    [adopted] = [
        e
        for e in app_context.store.audit.entries(case.id)
        if e.action == "name_adopted_from_registry"
    ]
    assert adopted.data == {"outcome": "matched"} and adopted.actor == "wangxiao"
    wait_until(lambda: not wizard.presenter.credit_running, what="credit check")
    driver.key(Qt.Key.Key_Return)  # → ④ the consultation pledge
    wait_until(lambda: wizard.step is Step.PLEDGE, what="pledge step")
    draw_stroke(wizard.pledge_step.pad.canvas, [(60, 120), (120, 90), (200, 130), (300, 110)])
    driver.key(Qt.Key.Key_Return)  # confirm the signature
    wait_until(lambda: wizard.pledge_step.all_signed(), what="pledge signed")
    driver.key(Qt.Key.Key_Return)  # → ⑤
    assert wizard.step is Step.DECISION
    assert wizard.decision_step.default_decision() is Decision.APPROVE
    driver.key(Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.PRINT, what="print step")
    assert stored(app_context, driver).state is CaseState.APPROVED

    # -- 3. an applicant the registry does not know: a reasoned, audited override ---------------
    wizard.new_case()
    driver.choose_matter("ggzl", "公共租赁住房申请")
    driver.enter_applicant(LIU_YANG, "刘洋")
    answered(driver)
    case = banner_matches_the_store(app_context, driver)
    assert case.identity_outcome is IdentityOutcome.NOT_FOUND
    assert "户籍登记中查无此公民身份号码" in banner.text.text()
    assert banner.override_button.isVisible()
    assert not banner.correct_button.isVisible() and not banner.adopt_button.isVisible()
    driver.click(banner.override_button)
    driver.click(banner.confirm_button)  # an empty reason is refused in words
    assert "请填写理由" in banner.message.text()
    assert stored(app_context, driver).identity.override_reason == ""
    reason = "证件照片核对无误，户籍信息待更新"
    driver.type(banner.field, reason)
    driver.click(banner.confirm_button)
    wait_until(lambda: stored(app_context, driver).identity.overridden, what="override stored")
    wait_until(lambda: "已说明理由继续办理" in banner.text.text(), what="override shown")
    case = stored(app_context, driver)
    assert banner.model.tone is Tone.WAITING and reason in banner.text.text()
    assert case.identity.overridden_by == "wangxiao" and case.identity_block() is None
    [override] = [
        e for e in app_context.store.audit.entries(case.id) if e.action == "identity_override"
    ]
    assert override.data == {"outcome": "not_found", "reason": reason}
    assert override.actor == "wangxiao"
    wait_until(lambda: not wizard.presenter.watching, timeout_s=30, what="department answered")
    driver.key(Qt.Key.Key_Return)  # → ⑤: the override lets the decision through
    assert wizard.step is Step.DECISION
    assert wizard.decision_step.refuse_button.isEnabled()
    driver.type(wizard.decision_step.reason_edit, "户籍及家庭经济状况均无记录，不符合保障条件")
    driver.key(Qt.Key.Key_Return, wizard.decision_step.reason_edit)
    wait_until(lambda: wizard.step is Step.PRINT, what="print step")
    assert stored(app_context, driver).state is CaseState.REFUSED
    assert app_context.store.audit.verify().ok


def _queued_case(driver: WizardDriver, sandbox: SandboxHandle, app_context: AppContext) -> Case:  # noqa: F811
    """李明's case opened while the population registry is down: the identity question is
    queued."""
    sandbox.set_fault("population.basic", "error", status=503)
    try:
        driver.choose_matter("ggzl", "公共租赁住房申请")
        driver.enter_applicant(LI_MING, "李明")
        driver.wait_lookups()
        wait_until(
            lambda: (
                not driver.wizard.presenter.identity_asking()
                and driver.wizard.presenter.case is not None
                and driver.wizard.presenter.case.identity_outcome is IdentityOutcome.QUEUED
            ),
            what=lambda: f"identity queued: {driver.wizard.identity_banner.text.text()}",
        )
    finally:
        sandbox.clear_faults()
    return banner_matches_the_store(app_context, driver)


def test_offline_the_check_waits_blocks_and_clears_when_the_answer_arrives(
    driver: WizardDriver,
    sandbox: SandboxHandle,  # noqa: F811
    app_context: AppContext,
) -> None:
    wizard = driver.wizard
    banner = wizard.identity_banner
    case = _queued_case(driver, sandbox, app_context)
    assert "◷ 身份核对已排队，平台恢复后自动核对，核对前不能作出决定" in banner.text.text()
    assert banner.model.tone is Tone.WAITING and banner.recheck_button.isVisible()
    assert not banner.correct_button.isVisible() and not banner.override_button.isVisible()
    wait_until(lambda: not wizard.presenter.watching, timeout_s=30, what="department answered")
    driver.key(Qt.Key.Key_Return)
    assert wizard.step is Step.DECISION
    decision = wizard.decision_step
    buttons = (decision.approve_button, decision.refuse_button, decision.accept_button)
    assert not any(b.isEnabled() for b in buttons)
    assert "身份核对已排队" in decision.reasons.text()

    # The platform is back: the sync worker sends the queued question and records the answer;
    # the open case shows it without a click.
    store = app_context.store
    [row] = [
        r
        for r in store.outbox.for_case(case.id)
        if r.payload.get("proof_code") == "@identity" and r.state == "open"
    ]
    clock = app_context.clock
    store.outbox.lease(row.id, clock() - timedelta(seconds=1))  # due now (not in a backoff)
    worker = SyncWorker(store, app_context.case_service, app_context.client, clock)
    report = worker.drain()
    assert report.sent >= 1
    assert stored(app_context, driver).identity_outcome is IdentityOutcome.MATCHED
    wizard.platform_synced()  # what the shell does when the sync worker reports
    wait_until(lambda: banner.model.tone is Tone.OK, what="banner green by itself")
    banner_matches_the_store(app_context, driver)
    assert decision.approve_button.isEnabled()  # 李明 qualifies: the block is gone
    driver.key(Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.PRINT, what="print step")
    assert stored(app_context, driver).state is CaseState.APPROVED

    # 重新核对 (Alt+H) asks at once from the counter.
    wizard.new_case()
    _queued_case(driver, sandbox, app_context)
    QTest.keyClick(wizard, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    wait_until(lambda: banner.model.tone is Tone.OK, what="re-checked")
    assert banner_matches_the_store(app_context, driver).identity_outcome is IdentityOutcome.MATCHED


def test_a_case_from_before_the_check_is_asked_when_reopened(
    driver: WizardDriver,
    sandbox: SandboxHandle,  # noqa: F811
    app_context: AppContext,
) -> None:
    service = app_context.case_service
    case = service.open_case("zjj.public_rental", "person", WANG_FANG, "王方", "wangxiao")
    make_legacy(service, case.id)
    assert service.get_case(case.id).identity_outcome is IdentityOutcome.NOT_CHECKED
    driver.wizard.open_case(case.id)
    wait_until(
        lambda: (
            driver.wizard.presenter.case is not None
            and not driver.wizard.presenter.identity_asking()
            and driver.wizard.identity_banner.model.tone is Tone.ERROR
        ),
        what=lambda: f"asked on reopening: {driver.wizard.identity_banner.text.text()}",
    )
    stored_case = banner_matches_the_store(app_context, driver)
    assert stored_case.identity_outcome is IdentityOutcome.MISMATCH
    assert "填写 王方，登记 王芳" in driver.wizard.identity_banner.text.text()
