"""A day at the counter with the ways back, in the real main window against the real sandbox:
李明 is told once what to bring (补正, F6) and leaves; 王芳's application is not accepted (F7,
after an empty attempt is refused with a message); 孙丽 withdraws (F8, a 撤回申请确认书); 李明
comes back, is found in the case list by name, the case resumes (F6 恢复办理) where it stopped and
is approved. All by keyboard."""

from __future__ import annotations

import secrets

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from clerkapp.app.context import AppContext
from clerkapp.core.case import CaseState, ProofState
from clerkapp.gui.applicant_words import outcome_words
from clerkapp.gui.application import default_wizard
from clerkapp.gui.main_window import MainWindow
from clerkapp.gui.wizard import CaseWizard
from clerkapp.gui.wizard.case_dialogs import (
    CorrectionDialog,
    NotAcceptedDialog,
    PaperDialog,
    WithdrawDialog,
)
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.infra.documents import DocumentKind
from clerkapp.sandbox.demo import CHEN_JIANGUO, LI_MING, ZHAO_QIANG
from tests.gui.test_case_pledges import PLEDGES
from tests.gui.wizard_driver import (
    WizardDriver,
    ensure_catalogue,
    find_card,
    log_in_to_the_wizard,
    read_demo_card_in_window,
    wait_until,
)
from tests.integration.documents_cases import pdf_text
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]


def _print_kinds(wizard: CaseWizard) -> list[str]:
    step = wizard.print_host.step
    if step is None:
        return []
    box = step.kind_box  # type: ignore[attr-defined]
    return [box.itemText(i) for i in range(box.count())]


def _printed_ready(wizard: CaseWizard, title: str) -> bool:
    step = wizard.print_host.step
    built = getattr(step, "built", None)
    return wizard.step is Step.PRINT and title in _print_kinds(wizard) and built is not None


def _type(widget: object, text: str) -> None:
    """Chinese text as the input method commits it."""
    from PySide6.QtGui import QInputMethodEvent

    widget.setFocus()  # type: ignore[attr-defined]
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)  # type: ignore[arg-type]


def _focused_in(dialog: object) -> None:
    """Until the dialog has the keyboard (it opens as the active window)."""
    wait_until(
        lambda: (focus := QApplication.focusWidget()) is not None and dialog.isAncestorOf(focus),  # type: ignore[attr-defined]
        what="dialog focused",
    )


def _key(key: Qt.Key) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, key)


def _back_to(window: MainWindow) -> None:
    """The main window has the keyboard again once a dialog closed (the offscreen platform does
    not hand activation back by itself)."""
    window.activateWindow()
    wait_until(window.isActiveWindow, what="main window active")


def _new_rental_case(window: MainWindow, wizard: CaseWizard, name: str) -> str:
    _back_to(window)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wait_until(wizard.matter_step.search_edit.hasFocus, what="search focused")
    QTest.keyClicks(wizard.matter_step.search_edit, "ggzl")
    QTest.keyClick(wizard.matter_step.search_edit, Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.APPLICANT)
    wizard.applicant_step.demo_combo.setCurrentIndex(find_card(wizard, name))
    QTest.mouseClick(wizard.applicant_step.read_button, Qt.MouseButton.LeftButton)
    wait_until(lambda: wizard.applicant_step.entry() is not None, what="card read")
    QTest.keyClick(wizard.applicant_step.name_edit, Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.PROOFS, what="proofs")
    wait_until(
        lambda: bool(wizard.proofs_board.rows) and not wizard.presenter.lookups_running(),
        20,
        "look-ups done",
    )
    return wizard.presenter.case_id


def test_a_day_with_correction_not_accepted_and_withdrawal(
    qtbot: QtBot,
    app_context: AppContext,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    ensure_catalogue()
    app_context.use_platform_url(sandbox.url)
    app_context.case_service.workstation = f"TRAIN01{secrets.token_hex(3).upper()}"
    window = MainWindow(app_context, wizard_factory=default_wizard(app_context))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wizard = log_in_to_the_wizard(qtbot, window)
    ways = wizard.ways
    bar = wizard.case_actions
    service = app_context.case_service

    # -- 李明: 补正 --------------------------------------------------------------------------
    read_demo_card_in_window(qtbot, window, wizard)
    QTest.keyClick(wizard.applicant_step.name_edit, Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.PROOFS, what="proofs")
    wait_until(
        lambda: bool(wizard.proofs_board.rows) and not wizard.presenter.lookups_running(),
        20,
        "look-ups done",
    )
    first = wizard.presenter.case_id
    assert bar.isVisible() and bar.buttons["correction"].text() == "补正 (F6)"
    _key(Qt.Key.Key_F6)
    wait_until(lambda: isinstance(ways.dialog, CorrectionDialog), what="correction dialog")
    dialog = ways.dialog
    assert isinstance(dialog, CorrectionDialog)
    _focused_in(dialog)
    _key(Qt.Key.Key_Return)  # nothing marked: refused in the dialog
    assert dialog.isVisible() and "至少勾选或填写一项" in dialog.error.text()
    other = dialog.findChild(QPlainTextEdit, "correctionOther")
    assert other is not None
    _type(other, "户口簿：户主页复印件缺失\n租赁意向说明：未签名")
    dialog.days.setValue(7)
    dialog.ok_button.setFocus()
    _key(Qt.Key.Key_Return)
    wait_until(lambda: _printed_ready(wizard, "补正材料一次性告知书"), 20, "notice previewed")
    case = service.get_case(first)
    assert case.state is CaseState.AWAITING_CORRECTION
    assert [i.name for i in case.corrections[0].items] == ["户口簿", "租赁意向说明"]
    assert bar.buttons["correction"].text() == "恢复办理 (F6)"
    assert (
        wait_until(
            lambda: (
                first
                in [
                    e.case_id
                    for e in window.case_list.visible_entries()
                    if e.group.value == "waiting"
                ]
            ),
            20,
            "listed under 等待中",
        )
        is None
    )

    # -- 王芳: 不予受理 -----------------------------------------------------------------------
    second = _new_rental_case(window, wizard, "王芳")
    assert second != first
    _key(Qt.Key.Key_F7)
    wait_until(lambda: isinstance(ways.dialog, NotAcceptedDialog), what="not-accepted dialog")
    refusal = ways.dialog
    assert isinstance(refusal, NotAcceptedDialog)
    _focused_in(refusal)
    refusal.ok_button.setFocus()
    _key(Qt.Key.Key_Return)
    assert refusal.isVisible() and refusal.error.text() == "不予受理必须写明理由"
    ground = refusal.findChild(QCheckBox, "notAcceptedGround_2")
    assert ground is not None
    ground.setFocus()
    _key(Qt.Key.Key_Space)
    refusal.ok_button.setFocus()
    _key(Qt.Key.Key_Return)
    wait_until(lambda: _printed_ready(wizard, "不予受理决定书"), 20, "decision previewed")
    refused = service.get_case(second)
    assert refused.state is CaseState.NOT_ACCEPTED
    assert refused.not_accepted_reasons() == ("申请人不具备申请该事项的主体资格",)
    assert not bar.buttons["withdraw"].isEnabled()  # final: nothing more to do

    # -- 孙丽: 撤回 ---------------------------------------------------------------------------
    third = _new_rental_case(window, wizard, "孙丽")
    _key(Qt.Key.Key_F8)
    wait_until(lambda: isinstance(ways.dialog, WithdrawDialog), what="withdraw dialog")
    withdraw = ways.dialog
    assert isinstance(withdraw, WithdrawDialog)
    _focused_in(withdraw)
    _type(withdraw.reason, "申请人主动撤回申请")
    withdraw.reason.setFocus()
    _key(Qt.Key.Key_Return)
    wait_until(lambda: service.get_case(third).state is CaseState.WITHDRAWN, what="withdrawn")
    wait_until(lambda: "已撤回" in wizard.status.text(), what="said so")
    # the applicant takes home a 撤回申请确认书: the print step shows it
    wait_until(lambda: wizard.step is Step.PRINT, what="print step")
    withdrawal = wizard.print_host.step
    wait_until(
        lambda: withdrawal is not None and withdrawal.built is not None, 30, "confirmation built"
    )
    assert withdrawal is not None and withdrawal.built is not None
    assert withdrawal.built.kind is DocumentKind.WITHDRAWAL
    assert "申请人主动撤回申请" in pdf_text(withdrawal.built.pdf)

    # -- 李明 comes back: found by name, resumed, approved -------------------------------
    _back_to(window)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    search = window.case_list.search
    search.setFocus()
    _type(search, "李明")
    wait_until(
        lambda: [e.case_id for e in window.case_list.visible_entries()] == [first],
        what="found by name",
    )
    _key(Qt.Key.Key_Return)  # Enter in the search box opens the hit
    wait_until(
        lambda: wizard.presenter.case_id == first and wizard.step is Step.PRINT,
        20,
        "reopened at its notice",
    )
    wizard.setFocus()
    wait_until(lambda: bar.buttons["correction"].text() == "恢复办理 (F6)", what="resume label")
    QTest.keyClick(wizard.stack.currentWidget() or wizard, Qt.Key.Key_F6)
    wait_until(lambda: ways.dialog is not None, what="resume dialog")
    resume = ways.dialog
    _focused_in(resume)
    assert (
        resume is not None
        and "户口簿：户主页复印件缺失" in resume.findChild(type(dialog.error), "resumeItems").text()
    )
    resume.findChild(type(dialog.ok_button), "resumeDialogOk").setFocus()  # type: ignore[union-attr]
    _key(Qt.Key.Key_Return)
    _back_to(window)
    wait_until(lambda: wizard.step is Step.PROOFS, 20, "resumed at the proofs")
    assert service.get_case(first).state is CaseState.OPEN
    homestead = "zjj.public_rental.homestead"
    wait_until(
        lambda: (
            wizard.presenter.case is not None
            and wizard.presenter.case.proofs[homestead].state.satisfying
            and not wizard.presenter.lookups_running()
        ),
        30,
        "every proof satisfied",
    )
    QTest.keyClick(wizard.stack.currentWidget() or wizard, Qt.Key.Key_Return)  # → ⑤
    wait_until(lambda: wizard.step is Step.DECISION, what="decision")
    QTest.keyClick(wizard.stack.currentWidget() or wizard, Qt.Key.Key_Return)  # approve
    wait_until(lambda: _printed_ready(wizard, "给付决定书"), 20, "decision previewed")
    approved = service.get_case(first)
    assert approved.state is CaseState.APPROVED and approved.applicant_id == LI_MING
    # The notice stays with the case, reprintable.
    assert "补正材料一次性告知书" in _print_kinds(wizard)
    assert [e.action for e in service.store.audit.entries(first)].count("correction_resumed") == 1


def test_a_listed_applicant_hands_in_paper_proofs_at_the_pledge_step(
    driver: WizardDriver,
    app_context: AppContext,
) -> None:
    """赵强 is on the dishonesty list: instead of "本项无法满足", the pledge step offers the
    catalogue's paper fallback; the clerk checks the originals, the case is approved and the
    decision prints 纸质证明（窗口核验）."""
    wizard = driver.wizard
    driver.choose_matter("ysbz", "一次性丧葬抚恤金和遗属补助生活费申领")
    driver.enter_applicant(ZHAO_QIANG, "赵强", related=[(CHEN_JIANGUO, "陈建国")])
    driver.wait_lookups()
    wait_until(lambda: not wizard.presenter.credit_running, what="credit check")
    driver.key(Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.PLEDGE, what="pledge step")
    step = wizard.pledge_step
    for code in PLEDGES:
        step.tabs.setCurrentIndex([m.proof_code for m in step._models].index(code))
        button = step.findChild(QPushButton, f"pledgePaper_{code}")
        assert button is not None
        driver.click(button)
        wait_until(lambda: isinstance(wizard.ways.dialog, PaperDialog), what="paper dialog")
        dialog = wizard.ways.dialog
        assert isinstance(dialog, PaperDialog) and dialog.check_edit.text() == "原件已核验"
        _focused_in(dialog)
        _key(Qt.Key.Key_Return)
        wait_until(
            lambda c=code: (
                wizard.presenter.case is not None
                and wizard.presenter.case.proofs[c].state is ProofState.PAPER_CHECKED
            ),
            what="paper recorded",
        )
    wizard.activateWindow()
    wait_until(wizard.isActiveWindow, what="wizard active")
    assert step.all_signed()
    assert step.findChild(QLabel, "pledgePaperChecked") is not None
    for code in PLEDGES:
        assert "纸质证明已核验" in wizard.proofs_board.rows[code].badge.text()
    QTest.keyClick(wizard, Qt.Key.Key_Return)  # → ⑤
    wait_until(lambda: wizard.step is Step.DECISION, what="decision")
    assert wizard.decision_step.approve_button.isEnabled()
    QTest.keyClick(wizard, Qt.Key.Key_Return)  # approve as recommended
    wait_until(lambda: _printed_ready(wizard, "给付决定书"), 20, "decision previewed")
    case = app_context.case_service.get_case(wizard.presenter.case_id)
    assert case.state is CaseState.APPROVED
    built = getattr(wizard.print_host.step, "built", None)
    assert built is not None
    text = pdf_text(built.pdf)
    assert text.count("纸质证明（窗口核验）") >= 2 and "原件已核验" in text


def test_the_applicant_screen_words_for_the_ways_back(qapp: QApplication) -> None:
    tone, headline, next_step = outcome_words(CaseState.AWAITING_CORRECTION)
    assert tone.name == "WAITING" and headline == "请补正材料" and "一次性告知书" in next_step
    assert outcome_words(CaseState.NOT_ACCEPTED)[1] == "不予受理"
    assert "复议" in outcome_words(CaseState.NOT_ACCEPTED)[2]
