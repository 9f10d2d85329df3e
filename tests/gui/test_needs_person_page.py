"""需人工处理 (Ctrl+Shift+R) driven for real against the sandbox process and a real store:
retry and cancel from the page with the store checked after each action; and a clerk's day — a
case whose department verification the platform refused, fixed from the list, then the next
case goes through."""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from clerkapp.app.context import AppContext
from clerkapp.app.sync import SyncWorker
from clerkapp.core.case import ProofState
from clerkapp.gui.application import default_wizard
from clerkapp.gui.main_window import MainWindow
from clerkapp.gui.needs_person_page import NeedsPersonDialog
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.infra.store import OutboxState, db_time
from clerkapp.sandbox import demo
from tests.gui.wizard_driver import (
    ensure_catalogue,
    find_card,
    log_in,
    log_in_to_the_wizard,
    read_demo_card_in_window,
    wait_until,
)
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]

RENTAL = "zjj.public_rental"
VEHICLE = f"{RENTAL}.vehicle"
HOMESTEAD = f"{RENTAL}.homestead"


def _prepare(context: AppContext, sandbox: SandboxHandle) -> None:  # noqa: F811
    ensure_catalogue()
    context.use_platform_url(sandbox.url)
    # The session's sandbox remembers idempotency keys: case numbers of this store are new.
    context.case_service.workstation = f"TRAIN01{secrets.token_hex(3).upper()}"
    context.auth.ensure_demo_accounts()


def _drain(context: AppContext) -> None:
    """What the background sync worker does, once, now (rows leased to the counter included)."""
    store = context.store
    with store.atomic():
        store.conn.execute(
            "UPDATE outbox SET next_attempt_at = ? WHERE state = 'open'",
            (db_time(context.clock() - timedelta(seconds=1)),),
        )
    SyncWorker(store, context.case_service, context.client, context.clock).drain()


def _open_page(qtbot: QtBot, win: MainWindow) -> NeedsPersonDialog:
    keys = win.findChild(QShortcut, "shortcutNeedsPerson")
    assert keys is not None and keys.key().toString() == "Ctrl+Shift+R"
    keys.activated.emit()  # as Ctrl+Shift+R does
    dialog = win.needs_person
    assert isinstance(dialog, NeedsPersonDialog) and dialog.isVisible()
    return dialog


def _type(line: QLineEdit, text: str) -> None:
    """Chinese typed through the input method, as a clerk does."""
    line.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(line, event)


def _select(dialog: NeedsPersonDialog, kind: str) -> int:
    row = next(i for i, item in enumerate(dialog.items) if item.kind == kind)
    dialog.table.selectRow(row)
    return dialog.items[row].row_id


def test_retry_and_cancel_from_the_page(
    qtbot: QtBot,
    app_context: AppContext,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    _prepare(app_context, sandbox)
    service = app_context.case_service
    case = service.open_case(RENTAL, "person", demo.LI_MING, "李明", "demo")
    service.begin_lookups(case.id, "demo")
    service.request_verification(case.id, HOMESTEAD, "demo")
    sandbox.set_fault("vehicle.ownership", "error", status=422)
    sandbox.set_fault("verification", "error", status=403)
    _drain(app_context)
    sandbox.clear_faults()

    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    log_in(qtbot, win, "demo-sup", "demo123")
    qtbot.waitUntil(lambda: win.is_working, timeout=20_000)
    dialog = _open_page(qtbot, win)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10_000)
    assert "需人工处理 2 项" in dialog.status.text()
    shown = " ".join(
        dialog.table.item(r, c).text() for r in range(2) for c in range(dialog.table.columnCount())
    )
    assert "数据查询" in shown and "部门核验申请" in shown and "模拟故障" in shown
    assert demo.LI_MING not in shown and "李明" not in shown

    lookup = _select(dialog, "lookup")
    history = dialog.detail.toPlainText()
    assert "原因：" in history and "平台未受理（第 1 次发送）" in history
    assert "330702********" in history and demo.LI_MING not in history  # masked case line
    assert dialog.edit_form.isHidden()  # a look-up's subject is not edited
    with qtbot.waitSignals([dialog.acted, dialog.loaded], timeout=10_000):
        dialog.retry_button.click()
    row = app_context.store.outbox.get(lookup)
    assert row is not None and row.state is OutboxState.OPEN
    assert service.get_case(case.id).proofs[VEHICLE].state is ProofState.QUEUED
    assert dialog.table.rowCount() == 1
    _drain(app_context)
    assert service.get_case(case.id).proofs[VEHICLE].state is ProofState.SATISFIED

    verification = _select(dialog, "verification")
    assert dialog.edit_form.isVisible() and dialog.department.text() == "金华市自然资源和规划局"
    dialog.cancel_button.click()  # no reason yet: refused in words, nothing changed
    qtbot.waitUntil(lambda: "撤销原因" in dialog.status.text(), timeout=10_000)
    row = app_context.store.outbox.get(verification)
    assert row is not None and row.state is OutboxState.NEEDS_PERSON
    _type(dialog.cancel_reason, "改收纸质证明")
    with qtbot.waitSignals([dialog.acted, dialog.loaded], timeout=10_000):
        dialog.cancel_button.click()
    row = app_context.store.outbox.get(verification)
    assert row is not None and row.state is OutboxState.SENT
    assert row.answer == {"cancelled": "by_person"}
    proof = service.get_case(case.id).proofs[HOMESTEAD]
    assert proof.state is ProofState.PENDING and "改收纸质证明" in (proof.error or "")
    assert dialog.table.rowCount() == 0 and "没有需人工处理" in dialog.status.text()
    actors = [
        (e.action, e.actor)
        for e in app_context.store.audit.entries(case.id)
        if e.action in ("outbox_requeued", "outbox_cancelled")
    ]
    assert actors == [("outbox_requeued", "demo-sup"), ("outbox_cancelled", "demo-sup")]
    win.lock("manual")
    assert win.needs_person is None and not dialog.isVisible()


def test_a_clerks_day_refused_verification_fixed_then_the_next_case(
    qtbot: QtBot,
    app_context: AppContext,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    _prepare(app_context, sandbox)
    sandbox.settings(verify_delay_s=None)  # the department answers later, by hand
    window = MainWindow(app_context, wizard_factory=default_wizard(app_context))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wizard = log_in_to_the_wizard(qtbot, window)
    store = app_context.store

    # 李明's case: the platform refuses the homestead verification the counter sends at once.
    sandbox.set_fault("verification", "error", status=422)
    read_demo_card_in_window(qtbot, window, wizard)
    QTest.keyClick(wizard.applicant_step.name_edit, Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.PROOFS)
    wait_until(lambda: len(store.outbox.needs_person()) == 1, 20, "verification refused")
    first = wizard.presenter.case_id
    assert first is not None
    wait_until(lambda: not wizard.presenter.lookups_running(), 20, "look-ups done")

    # The list shows it; the clerk corrects the question and sends it again.
    sandbox.clear_faults()
    dialog = _open_page(qtbot, window)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    assert dialog.items[0].case_id == first and dialog.items[0].kind == "verification"
    dialog.table.selectRow(0)
    dialog.question.clear()
    _type(dialog.question, "申请人家庭在本市有无宅基地审批建房记录？")
    with qtbot.waitSignals([dialog.acted, dialog.loaded], timeout=10_000):
        dialog.edit_button.click()
    assert dialog.table.rowCount() == 0
    [row] = [r for r in store.outbox.for_case(first) if r.kind == "verification"]
    assert row.state is OutboxState.OPEN and row.idempotency_key.endswith(":edit1")
    _drain(app_context)  # the sync worker's next pass
    proof = app_context.case_service.get_case(first).proofs[HOMESTEAD]
    assert proof.state is ProofState.AWAITING_DEPT and proof.ticket
    dialog.close()
    window.activateWindow()
    wait_until(window.isActiveWindow, what="back to the main window")

    # The next applicant: 王芳's case goes through without anyone's help.
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wait_until(wizard.matter_step.search_edit.hasFocus, what="search focused")
    QTest.keyClicks(wizard.matter_step.search_edit, "ggzl")
    QTest.keyClick(wizard.matter_step.search_edit, Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.APPLICANT)
    wizard.applicant_step.demo_combo.setCurrentIndex(find_card(wizard, "王芳"))
    qtbot.mouseClick(wizard.applicant_step.read_button, Qt.MouseButton.LeftButton)
    wait_until(lambda: wizard.applicant_step.entry() is not None)
    QTest.keyClick(wizard.applicant_step.name_edit, Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.PROOFS and wizard.presenter.case_id != first)
    second = wizard.presenter.case_id
    assert second is not None

    def verification_sent() -> bool:
        p = app_context.case_service.get_case(second).proofs[HOMESTEAD]
        return p.state is ProofState.AWAITING_DEPT and bool(p.ticket)

    wait_until(verification_sent, 20, "second case's verification sent")
    wait_until(lambda: not wizard.presenter.lookups_running(), 20, "look-ups done")
    assert store.outbox.needs_person() == []
    with qtbot.waitSignal(window.cases_refreshed, timeout=10_000):
        window.refresh_cases()
    assert not any(s.needs_person for s in app_context.case_summaries())
