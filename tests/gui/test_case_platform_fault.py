"""A platform fault during the look-ups of a whole case: the failing proof is queued — amber
◷ 已排队, never a red failure (issue 10) — with the client's reason, and offers only what the
catalogue allows; F5 after the fault clears → ✔."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clerkapp.app.context import AppContext
from clerkapp.core.case import ProofState
from clerkapp.gui.wizard.proofs_board import ProofRow, RowAction, RowStatus
from clerkapp.sandbox.demo import LI_MING
from tests.gui.wizard_driver import WizardDriver, wait_until
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]

MATTER = "zjj.public_rental"
VEHICLE = f"{MATTER}.vehicle"


def _vehicle_lookup_failed(driver: WizardDriver, sandbox: SandboxHandle) -> ProofRow:  # noqa: F811
    """李明's public rental case with the vehicle registry answering 503: its row, queued."""
    sandbox.set_fault("vehicle.ownership", "error", status=503)
    driver.choose_matter("ggzl", "公共租赁住房申请")
    driver.enter_applicant(LI_MING, "李明")
    driver.wait_lookups(timeout_s=40)
    row = driver.wizard.proofs_board.rows[VEHICLE]
    assert row.model.status is RowStatus.WAITING
    return row


def test_fault_on_one_lookup_then_retry_with_f5(
    driver: WizardDriver,
    sandbox: SandboxHandle,  # noqa: F811
    app_context: AppContext,
) -> None:
    wizard = driver.wizard
    row = _vehicle_lookup_failed(driver, sandbox)
    assert row.badge.text() == "◷ 已排队"
    detail = row.detail_label.text()
    assert detail.startswith("平台恢复后自动查询"), detail
    assert "车辆" in detail, detail  # the client's Chinese reason names the registry
    stored = app_context.case_service.get_case(wizard.presenter.case_id)
    assert stored.proofs[VEHICLE].state is ProofState.QUEUED
    # only what the catalogue allows: retry, or the department verification fallback
    assert set(row.buttons) == {RowAction.RETRY, RowAction.VERIFY}
    assert row.buttons[RowAction.RETRY].objectName() == f"proofAction_retry_{VEHICLE}"
    # the other look-ups were not held up by the failing one
    for suffix in ("family_economic", "social_insurance"):
        assert driver.row_status(f"{MATTER}.{suffix}") is RowStatus.DONE
    assert "建议：" in wizard.proofs_board.summary.text()

    sandbox.clear_faults()
    driver.key(Qt.Key.Key_F5)
    wait_until(
        lambda: driver.row_status(VEHICLE) is RowStatus.DONE,
        30,
        lambda: f"vehicle after retry: {wizard.proofs_board.rows[VEHICLE].model}",
    )
    assert "✔" in row.badge.text() and "已查询" in row.badge.text()
    assert "公安车辆登记" in row.detail_label.text() or "车辆" in row.detail_label.text()
    assert not row.buttons
    case = app_context.case_service.get_case(wizard.presenter.case_id)
    assert case.proofs[VEHICLE].state is ProofState.SATISFIED


def test_switch_failed_lookup_to_department_verification(
    driver: WizardDriver,
    sandbox: SandboxHandle,  # noqa: F811
    app_context: AppContext,
) -> None:
    wizard = driver.wizard
    row = _vehicle_lookup_failed(driver, sandbox)
    driver.click(row.buttons[RowAction.VERIFY])
    wait_until(
        lambda: (
            wizard.presenter.case is not None
            and wizard.presenter.case.proofs[VEHICLE].state
            in (ProofState.AWAITING_DEPT, ProofState.CONFIRMED)
        ),
        20,
        lambda: f"vehicle switched: {wizard.status.text()} {row.model}",
    )
    assert row.method_label.text() == "部门核验"
    # The request is stored (outbox) before it is sent: the ticket arrives with the answer.
    wait_until(
        lambda: app_context.case_service.get_case(wizard.presenter.case_id).proofs[VEHICLE].ticket,
        20,
        "the request reached the department (ticket stored)",
    )
