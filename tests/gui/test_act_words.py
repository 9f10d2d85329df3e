"""The clerk's screens speak the matter's kind of act, as its paper does: a public rental
housing case (a 行政给付) shows 给付 / 不予给付 on ⑤, in the board's recommendation, on the
applicant's screen and in the case list, and its progress page says 已办结（给付）; a licence
(综合计算工时工作制审批, for the demo business) keeps 准予许可 / 不予许可. Driven through the real
wizard against the real sandbox, on a real store file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clerkapp.app.context import AppContext
from clerkapp.core.case import CaseState, Decision
from clerkapp.core.case_types import ACT_LABELS
from clerkapp.core.catalogue import ProcedureKind
from clerkapp.gui.case_list import CaseListView
from clerkapp.gui.main_window import _entry
from clerkapp.gui.wizard.proofs_board import RowStatus
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.infra.catalogue_io import load_catalogue
from clerkapp.infra.documents.wording import act_wording
from clerkapp.infra.store.outbox import OutboxKind
from clerkapp.sandbox.demo import DEMO_BUSINESS, LI_MING, SUN_LI
from tests.gui.wizard_driver import WizardDriver, draw_stroke, wait_until
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]


def _list_status(app_context: AppContext, case_id: str) -> str:
    """The words the case list shows for ``case_id`` (the list as the main window fills it)."""
    view = CaseListView()
    try:
        view.set_cases([_entry(s) for s in app_context.case_summaries()])
        [entry] = [e for e in view.visible_entries() if e.case_id == case_id]
        return entry.status.words
    finally:
        view.deleteLater()


def _progress_labels(app_context: AppContext, case_id: str) -> list[str]:
    rows = app_context.store.outbox.for_case(case_id)
    return [str(r.payload["label"]) for r in rows if r.kind == OutboxKind.PROGRESS_EVENT.value]


def test_a_benefit_speaks_of_giving(
    driver: WizardDriver,
    sandbox: SandboxHandle,  # noqa: F811
    app_context: AppContext,
) -> None:
    wizard = driver.wizard
    driver.choose_matter("ggzl", "公共租赁住房申请")
    driver.enter_applicant(LI_MING, "李明")
    driver.wait_lookups()
    homestead = "zjj.public_rental.homestead"
    wait_until(lambda: driver.row_status(homestead) is RowStatus.DONE, 20, "homestead confirmed")
    board = wizard.proofs_board
    assert "建议：给付 — " in board.summary.text() and "许可" not in board.summary.text()
    driver.key(Qt.Key.Key_Return)  # → ⑤
    assert wizard.step is Step.DECISION
    decision = wizard.decision_step
    assert decision.approve_button.text() == "给付"
    assert decision.refuse_button.text() == "不予给付"
    assert decision.refuse_button.accessibleName() == "不予给付"
    assert "建议：给付" in decision.recommendation.text()
    assert "将打印（给付）" in decision.preview_heading.text()
    assert decision.preview_title.text() == "给付决定书"
    driver.key(Qt.Key.Key_Return)  # Enter decides as recommended
    wait_until(lambda: wizard.step is Step.PRINT, what="print step")
    case_id = wizard.presenter.case_id
    assert app_context.case_service.get_case(case_id).state is CaseState.APPROVED
    assert _list_status(app_context, case_id) == "已办结（给付）"
    assert "已办结（给付）" in _progress_labels(app_context, case_id)

    # the next case starts with the neutral words, not the last case's
    wizard.new_case()
    assert decision.approve_button.text() == "予以办理"
    assert not decision.approve_button.isEnabled()


def test_a_licence_keeps_licence_words(
    driver: WizardDriver,
    sandbox: SandboxHandle,  # noqa: F811
    app_context: AppContext,
) -> None:
    wizard = driver.wizard
    driver.choose_matter("zhjs", "综合计算工时工作制审批")
    driver.enter_applicant(
        DEMO_BUSINESS, "金华市示范科技有限公司", present=("经办人", SUN_LI, "孙丽")
    )
    driver.wait_lookups()
    wait_until(lambda: not wizard.presenter.credit_running, what="credit check")
    wait_until(
        lambda: (
            wizard.presenter.case is not None and not wizard.presenter.case.awaits_identity_answer()
        ),
        what="identity answered",
    )
    assert "建议：" in wizard.proofs_board.summary.text()
    driver.key(Qt.Key.Key_Return)  # → ④ the pledge
    wait_until(lambda: wizard.step is Step.PLEDGE, what="pledge step")
    draw_stroke(wizard.pledge_step.pad.canvas, [(60, 120), (120, 90), (200, 130), (300, 110)])
    driver.key(Qt.Key.Key_Return)  # confirm the signature
    wait_until(lambda: wizard.pledge_step.all_signed(), what="pledge signed")
    driver.key(Qt.Key.Key_Return)  # → ⑤
    assert wizard.step is Step.DECISION
    decision = wizard.decision_step
    assert decision.approve_button.text() == "准予许可"
    assert decision.refuse_button.text() == "不予许可"
    assert "建议：准予许可" in decision.recommendation.text()
    assert decision.preview_title.text() == "准予行政许可决定书"
    assert decision.default_decision() is Decision.APPROVE
    driver.key(Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.PRINT, what="print step")
    case_id = wizard.presenter.case_id
    assert _list_status(app_context, case_id) == "已办结（准予许可）"
    assert "已办结（准予许可）" in _progress_labels(app_context, case_id)


def test_the_screens_words_are_the_papers() -> None:
    """The short words of every kind (core's ACT_LABELS) are the documents' ActWording labels,
    for every matter of the shipped catalogue."""
    catalogue = load_catalogue()
    kinds = {m.procedure for m in catalogue.matters.values()}
    assert {ProcedureKind.LICENCE, ProcedureKind.BENEFIT} <= kinds
    for matter in catalogue.matters.values():
        words = act_wording(matter)
        assert ACT_LABELS[matter.procedure] == (words.decision_label, words.refusal_label)
        assert Decision.APPROVE.label_for(matter.procedure) == words.decision_label
        assert CaseState.REFUSED.label_for(matter.procedure) == f"已办结（{words.refusal_label}）"
