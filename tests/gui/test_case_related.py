"""② 申请人 with a related person (关系人): the survivor allowance asks also for the deceased
insured person — checked as typed with the precise error, filled from the (simulated) ID card
reader, and the death look-up then concerns him, through the real wizard, sandbox and store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from clerkapp.app.context import AppContext
from clerkapp.app.outbox_send import context_of
from clerkapp.core.case import ProofState
from clerkapp.core.idnumber import mask_id_number
from clerkapp.gui import ops
from clerkapp.gui.wizard.proofs_board import RowStatus
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.infra.store.outbox import OutboxKind
from clerkapp.infra.store.outbox_scrub import hashed
from clerkapp.sandbox.demo import CHEN_JIANGUO, LI_MING, SUN_LI, WEI_XIUYING
from tests.gui.wizard_driver import WizardDriver, find_card, wait_until
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]

DEATH = "rsj.funeral_survivor.death"


def test_the_deceased_is_checked_as_typed_read_from_the_card_and_looked_up(
    driver: WizardDriver, app_context: AppContext
) -> None:
    wizard = driver.wizard
    driver.choose_matter("ysbz", "一次性丧葬抚恤金和遗属补助生活费申领")
    step = wizard.applicant_step
    [row] = step.related_rows
    assert row.objectName() == "related_deceased"
    title = row.findChild(QLabel, "relatedTitle_deceased")
    assert title is not None and title.text() == "已故参保人员"
    assert row.number_edit.accessibleName() == "已故参保人员的公民身份号码"
    assert row.name_edit.accessibleName() == "已故参保人员的姓名"
    assert row.read_button.accessibleName() == "读取已故参保人员的身份证"
    assert row.read_button.isEnabled()

    driver.type(step.number_edit, WEI_XIUYING)
    driver.type(step.name_edit, "韦秀英")
    # a mistyped check digit: the precise error, and Enter does not move on
    wrong = CHEN_JIANGUO[:-1] + ("4" if CHEN_JIANGUO[-1] != "4" else "3")
    driver.type(row.number_edit, wrong)
    assert row.message.text() == "身份证号码校验不通过：有数字输错，请对照证件逐位核对"
    assert row.accepted is None and step.entry() is None
    driver.key(Qt.Key.Key_Return)
    assert wizard.step is Step.APPLICANT
    assert QApplication.focusWidget() is row.number_edit

    # the family hands in his card: pick 陈建国 on the training reader, 读卡 on his block
    step.demo_combo.setCurrentIndex(find_card(wizard, "陈建国"))
    driver.click(row.read_button)
    wait_until(lambda: row.accepted == CHEN_JIANGUO, what="related card read")
    assert row.number_edit.text() == mask_id_number(CHEN_JIANGUO)
    assert row.name_edit.text() == "陈建国" and row.message.text() == "号码有效"
    # the applicant's own fields are untouched by his card
    entry = step.entry()
    assert entry is not None and entry.number == WEI_XIUYING and entry.name == "韦秀英"
    assert entry.related_map() == {"deceased": (CHEN_JIANGUO, "陈建国")}

    driver.key(Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.PROOFS, what="proofs step")
    driver.wait_lookups()
    wait_until(lambda: driver.row_status(DEATH) is RowStatus.DONE, what="death look-up")
    case_id = wizard.presenter.case_id
    case = app_context.case_service.get_case(case_id)
    death = case.proofs[DEATH]
    assert death.state is ProofState.SATISFIED
    assert death.evidence is not None and death.evidence.source == "公安户籍"
    # the board says whom the look-up was about (masked), and only on his row
    board = wizard.proofs_board
    detail = board.rows[DEATH].detail_label.text()
    assert detail.startswith("查询对象：已故参保人员 陈** · 公安户籍")
    assert "陈建国" not in detail
    others = [r.detail_label.text() for code, r in board.rows.items() if code != DEATH]
    assert others and not any("对象" in text for text in others)
    rows = [
        r
        for r in app_context.store.outbox.for_case(case_id)
        if r.kind == OutboxKind.LOOKUP.value and r.payload["proof_code"] == DEATH
    ]
    # delivered: the row keeps only the keyed hash of whom it asked about (issue 11)
    about_him = hashed({"id_number": CHEN_JIANGUO}, app_context.store.subject_salt())
    assert rows and all(r.state == "sent" and r.payload["subject"] == about_him for r in rows)
    # the case line names the applicant, never the deceased in full
    assert CHEN_JIANGUO not in wizard.case_line.text()


def test_a_matter_without_related_persons_asks_for_none(driver: WizardDriver) -> None:
    driver.choose_matter("ggzl", "公共租赁住房申请")
    assert driver.wizard.applicant_step.related_rows == []
    driver.enter_applicant(LI_MING, "李明")
    assert driver.wizard.step is Step.PROOFS


def test_a_deferred_verification_is_left_to_the_sync_worker(
    driver: WizardDriver,
    app_context: AppContext,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    # 孙丽's department defers its answer. A deferred ticket answers a poll at once: the wizard
    # must stop watching it (not poll and redraw in a loop) and show the case waiting.
    sandbox.settings(verify_delay_s=0.2)
    wizard = driver.wizard
    driver.choose_matter("ggzl", "公共租赁住房申请")
    driver.enter_applicant(SUN_LI, "孙丽")
    driver.wait_lookups()
    homestead = "zjj.public_rental.homestead"
    case_id = wizard.presenter.case_id
    poll = next(
        r
        for r in app_context.store.outbox.for_case(case_id)
        if r.kind == OutboxKind.VERIFICATION_POLL.value
    )
    client, ticket, context = app_context.client, poll.payload["ticket"], context_of(poll)
    wait_until(
        lambda: client.poll_verification(ticket, 0, context=context).state.value == "deferred",
        20,
        "department deferred",
    )
    wait_until(lambda: not wizard.presenter.watching and ops.running_ops() == 0, 20, "watch over")
    assert driver.row_status(homestead) is RowStatus.WAITING
    case = app_context.case_service.get_case(case_id)
    assert case.proofs[homestead].state is ProofState.AWAITING_DEPT
