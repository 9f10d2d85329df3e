"""A department defers its answer (孙丽: 延期, needs a site visit): the clerk accepts the case
(受理) and the applicant leaves with an acceptance receipt (受理回执) — the 承诺件 path."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest
from PySide6.QtCore import Qt

from clerkapp.app.context import AppContext
from clerkapp.core.case import CaseState, ProofState
from clerkapp.gui.wizard.proofs_board import RowStatus
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.sandbox.demo import SUN_LI
from tests.gui.wizard_driver import WizardDriver, wait_until
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]

MATTER = "zjj.public_rental"
HOMESTEAD = f"{MATTER}.homestead"


def test_deferred_verification_is_accepted_and_gets_a_receipt(
    driver: WizardDriver,
    sandbox: SandboxHandle,  # noqa: F811
    app_context: AppContext,
    tmp_path: Path,
) -> None:
    sandbox.settings(verify_delay_s=0)  # the department answers at once: deferred
    wizard = driver.wizard
    driver.choose_matter("ggzl", "公共租赁住房申请")
    driver.enter_applicant(SUN_LI, "孙丽")
    driver.wait_lookups()
    for suffix in ("family_economic", "social_insurance", "vehicle"):
        assert driver.row_status(f"{MATTER}.{suffix}") is RowStatus.DONE, suffix
    wait_until(lambda: driver.row_status(HOMESTEAD) is RowStatus.WAITING, what="awaiting dept")

    driver.key(Qt.Key.Key_Return)
    assert wizard.step is Step.DECISION
    assert "受理" in wizard.decision_step.recommendation.text()
    driver.click(wizard.decision_step.accept_button)
    wait_until(lambda: wizard.step is Step.PRINT, what="print step after accepting")
    case_id = wizard.presenter.case_id
    case = app_context.case_service.get_case(case_id)
    assert case.state is CaseState.ACCEPTED
    assert case.proofs[HOMESTEAD].state is ProofState.AWAITING_DEPT

    step = wizard.print_host.step
    assert step is not None
    wait_until(lambda: step.built is not None, what="receipt built for the preview")  # type: ignore[attr-defined]
    assert "受理回执" in step.kind_box.currentText()
    out = tmp_path / "receipt.pdf"
    handle = step.save_to(out)  # type: ignore[attr-defined]
    assert handle is not None
    wait_until(lambda: out.exists() and out.stat().st_size > 0, what="receipt saved")
    text = pypdfium2.PdfDocument(str(out))[0].get_textpage().get_text_range()
    assert "受理回执" in text and "孙丽" in text
    assert SUN_LI not in text  # masked on the receipt
    assert "330783" in text
