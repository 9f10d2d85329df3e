"""作废 end to end in training mode: a case accepted in the wizard against the real sandbox, its
receipt saved (issued), then Ctrl+Shift+D on the print step with the supervisor typing their
password at the counter — the number stays in the register as voided, the receipt is issued
again under the next number, and the applicant's progress page (the old QR) says so."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clerkapp.app.context import AppContext
from clerkapp.app.sync import SyncWorker
from clerkapp.gui.document_act_dialog import DocumentActDialog
from clerkapp.gui.print_step import PrintStep
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.infra.store.documents import NumberState
from clerkapp.sandbox.demo import SUN_LI
from tests.gui.wizard_driver import WizardDriver, wait_until
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]

MATTER = "zjj.public_rental"
HOMESTEAD = f"{MATTER}.homestead"


def test_a_voided_receipt_is_issued_again_and_the_progress_page_says_so(
    driver: WizardDriver,
    sandbox: SandboxHandle,  # noqa: F811
    app_context: AppContext,
    tmp_path: Path,
) -> None:
    app_context.auth.ensure_demo_accounts()
    sandbox.settings(verify_delay_s=0)  # the department defers: the case is accepted
    wizard = driver.wizard
    driver.choose_matter("ggzl", "公共租赁住房申请")
    driver.enter_applicant(SUN_LI, "孙丽")
    driver.wait_lookups()
    wait_until(lambda: driver.row_status(HOMESTEAD) is not None, what="rows")
    driver.key(Qt.Key.Key_Return)
    assert wizard.step is Step.DECISION
    driver.click(wizard.decision_step.accept_button)
    wait_until(lambda: wizard.step is Step.PRINT, what="print step")
    step = wizard.print_host.step
    assert isinstance(step, PrintStep)
    wait_until(lambda: step.built is not None, what="receipt preview")
    assert step.built is not None
    first = step.built.number
    step.save_to(tmp_path / "receipt.pdf")  # issues the number
    wait_until(lambda: step.acts.void_button.isEnabled(), what="issued")

    opened: list[DocumentActDialog] = []
    step.acts.dialog_opened.connect(opened.append)
    QTest.keyClick(
        wizard,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    wait_until(lambda: bool(opened), what="作废 dialog")
    dialog = opened[0]
    driver.type(dialog.reason, "回执打印错误")
    driver.type(dialog.supervisor, "demo-sup")
    driver.type(dialog.password, "demo123")
    driver.click(dialog.submit_button)
    wait_until(lambda: not dialog.isVisible(), what="voided")
    case_id = wizard.presenter.case_id
    wait_until(
        lambda: step.built is not None and step.built.number != first, what="the next number"
    )
    assert app_context.store.documents.entry(case_id, first).state is NumberState.VOIDED
    assert "已作废" in step.status.text()

    worker = SyncWorker(
        app_context.store, app_context.case_service, app_context.client, app_context.clock
    )
    worker.drain()
    token = app_context.case_service.get_case(case_id).tracking_token
    page = requests.get(f"{sandbox.url}/p/{token}", timeout=5).text
    assert f"受理回执 {first} 已作废" in page
    assert "孙丽" not in page and SUN_LI not in page
