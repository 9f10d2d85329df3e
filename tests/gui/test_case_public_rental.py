"""Whole case through the real wizard against the real sandbox and a real store file: public
rental housing (公共租赁住房) for 李明 — three look-ups and a department verification."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clerkapp.app.context import AppContext
from clerkapp.core.case import CaseState, ProofState
from clerkapp.gui.wizard.proofs_board import RowStatus
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.sandbox.demo import LI_MING
from tests.gui.wizard_driver import WizardDriver, find_card, wait_until
from tests.sandbox_fixture import SandboxHandle, desk_post, sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]

MATTER = "zjj.public_rental"
LOOKUPS = ("family_economic", "social_insurance", "vehicle")


def _start(driver: WizardDriver) -> None:
    driver.choose_matter("ggzl", "公共租赁住房申请")
    wizard = driver.wizard
    assert "金华市住房和城乡建设局" in wizard.case_line.text()
    assert "15 个工作日" in wizard.case_line.text()


def test_public_rental_all_proofs_then_approve(
    driver: WizardDriver,
    sandbox: SandboxHandle,  # noqa: F811
    app_context: AppContext,
) -> None:
    wizard = driver.wizard
    _start(driver)
    driver.enter_applicant(LI_MING, "李明")
    # masked number on screen after acceptance, full number stored
    assert "330702********" in wizard.case_line.text()
    assert LI_MING not in wizard.case_line.text()

    driver.wait_lookups()
    board = wizard.proofs_board
    for suffix in LOOKUPS:
        row = board.rows[f"{MATTER}.{suffix}"]
        assert row.model.status is RowStatus.DONE, (suffix, row.model)
        assert "✔" in row.badge.text() and "已查询" in row.badge.text()
        assert "数据截至" in row.detail_label.text()
    dropped = board.rows[f"{MATTER}.hukou_copy"]
    assert dropped.model.status is RowStatus.NOT_NEEDED
    assert dropped.detail_label.text().startswith("依据：")

    # the homestead verification was sent at once; the sandbox answers it after a moment
    homestead = f"{MATTER}.homestead"
    wait_until(lambda: driver.row_status(homestead) is RowStatus.DONE, 20, "homestead confirmed")
    assert "已核验" in board.rows[homestead].badge.text()
    assert "建议：给付 — " in board.summary.text()

    driver.key(Qt.Key.Key_Return)  # → ⑤ (no pledges: ④ skipped)
    assert wizard.step is Step.DECISION
    assert Step.PLEDGE in wizard.step_bar.skipped
    assert "建议：给付" in wizard.decision_step.recommendation.text()
    driver.key(Qt.Key.Key_Return)  # Enter decides as recommended
    wait_until(lambda: wizard.step is Step.PRINT, what="print step")

    case = app_context.case_service.get_case(wizard.presenter.case_id)
    assert case.state is CaseState.APPROVED
    assert all(p.state.satisfying for p in case.proofs.values())
    assert case.applicant_id == LI_MING


def test_public_rental_accept_pending_verification_then_approve(
    driver: WizardDriver,
    sandbox: SandboxHandle,  # noqa: F811
    app_context: AppContext,
) -> None:
    sandbox.settings(verify_delay_s=None)  # the department answers by hand
    wizard = driver.wizard
    _start(driver)
    driver.enter_applicant(LI_MING, None, card=find_card(wizard, "李明"))
    driver.wait_lookups()
    homestead = f"{MATTER}.homestead"
    wait_until(lambda: driver.row_status(homestead) is RowStatus.WAITING, what="awaiting dept")
    assert "待核验" in wizard.proofs_board.rows[homestead].badge.text()
    assert "◷" in wizard.proofs_board.rows[homestead].badge.text()

    driver.key(Qt.Key.Key_Return)
    assert wizard.step is Step.DECISION
    assert "受理" in wizard.decision_step.recommendation.text()
    assert not wizard.decision_step.approve_button.isEnabled()
    driver.click(wizard.decision_step.accept_button)
    wait_until(
        lambda: wizard.step is Step.PRINT,
        what=lambda: (
            f"print after accept: {wizard.status.text()} {wizard.decision_step.message.text()}"
            f" {wizard.presenter.case and wizard.presenter.case.recommend()}"
        ),
    )
    case_id = wizard.presenter.case_id
    assert app_context.case_service.get_case(case_id).state is CaseState.ACCEPTED

    # the department confirms at its desk; the wizard hears it through the long poll
    case = app_context.case_service.get_case(case_id)
    ticket = case.proofs[homestead].ticket
    wait_until(lambda: bool(app_context.case_service.get_case(case_id).proofs[homestead].ticket))
    ticket = app_context.case_service.get_case(case_id).proofs[homestead].ticket
    assert ticket
    answer = desk_post(sandbox.http, sandbox.url, ticket, {"action": "confirm"})
    assert answer.status_code == 303
    wait_until(
        lambda: (
            wizard.presenter.case is not None
            and wizard.presenter.case.proofs[homestead].state is ProofState.CONFIRMED
        ),
        20,
        "confirmation recorded",
    )
    # reopen where it stopped: the decision is now possible
    wizard.open_case(case_id)
    wait_until(lambda: wizard.step is Step.DECISION, what="reopened at decision")
    assert wizard.decision_step.approve_button.isEnabled()
    driver.click(wizard.decision_step.approve_button)
    wait_until(
        lambda: app_context.case_service.get_case(case_id).state is CaseState.APPROVED,
        what="approved",
    )


def test_refusing_against_the_recommendation_needs_a_reason_and_is_audited(
    driver: WizardDriver,
    sandbox: SandboxHandle,  # noqa: F811
    app_context: AppContext,
) -> None:
    wizard = driver.wizard
    _start(driver)
    driver.enter_applicant(LI_MING, "李明")
    driver.wait_lookups()
    homestead = f"{MATTER}.homestead"
    wait_until(lambda: driver.row_status(homestead) is RowStatus.DONE, 20, "homestead confirmed")
    driver.key(Qt.Key.Key_Return)
    decision = wizard.decision_step
    assert "建议：给付" in decision.recommendation.text()
    driver.click(decision.refuse_button)
    assert "理由" in decision.message.text() and wizard.step is Step.DECISION
    driver.type(decision.reason_edit, "申请人当场撤回部分材料，经负责人同意不予给付")
    driver.click(decision.refuse_button)
    wait_until(lambda: wizard.step is Step.PRINT, what=lambda: wizard.status.text())
    case_id = wizard.presenter.case_id
    assert app_context.case_service.get_case(case_id).state is CaseState.REFUSED
    actions = {e.action: e for e in app_context.store.audit.entries(case_id)}
    override = actions["override"]
    assert override.actor == "wangxiao"
    assert override.data["recommended"] == "approve" and override.data["decision"] == "refuse"
    assert "负责人同意" in override.data["reason"]
