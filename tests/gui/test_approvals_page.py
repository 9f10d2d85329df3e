"""The supervisor's approval queue from the main window, driven for real: a clerk who presses
Ctrl+Shift+Q is refused (and it is audited) and never sees the button; a supervisor sees the
clerk's 作废 request and approves it — the number is voided in the register."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QShortcut
from pytestqt.qtbot import QtBot

from clerkapp.app.approvals import ApprovalService
from clerkapp.app.context import AppContext
from clerkapp.app.document_acts import ActOutcome, ActRequest, DocumentAction
from clerkapp.app.documents import DocumentDesk
from clerkapp.gui.approvals_page import ApprovalsDialog
from clerkapp.gui.main_window import MainWindow
from clerkapp.infra.catalogue_io import read_catalogue
from clerkapp.infra.documents import DocumentKind
from clerkapp.infra.paths import resources_dir
from clerkapp.infra.store.documents import NumberState
from clerkapp.sandbox import demo
from tests.gui.wizard_driver import log_in
from tests.integration.case_fixtures import confirm_identity

pytestmark = pytest.mark.gui


@pytest.fixture
def context(clerkapp_home: Path) -> Iterator[AppContext]:
    """A workstation with the training accounts and one refused, issued case whose refusal
    notice the clerk asked to void."""
    catalogue = read_catalogue(resources_dir() / "catalogue" / "canonical.json")
    ctx = AppContext(clerkapp_home, catalogue=catalogue)
    ctx.auth.ensure_demo_accounts()
    yield ctx
    ctx.close()


def _queued_void(context: AppContext) -> str:
    service = context.case_service
    case = service.open_case("zjj.public_rental", "person", demo.LI_MING, "李明", "demo")
    confirm_identity(service, case.id)
    service.decide(case.id, "refuse", "名下有机动车辆", "demo", override_reason="现场核实")
    desk = DocumentDesk.for_context(context)
    built = desk.build(case.id, DocumentKind.REFUSAL, "demo")
    desk.record(built, "demo")
    request = ActRequest(case.id, built.number, DocumentAction.VOID, "文书错字", "demo")
    ApprovalService.for_context(context).submit(request)
    return built.number


def _window(qtbot: QtBot, context: AppContext, username: str) -> MainWindow:
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    log_in(qtbot, win, username, "demo123")
    qtbot.waitUntil(lambda: win.is_working, timeout=20_000)
    return win


def _open(qtbot: QtBot, win: MainWindow) -> ApprovalsDialog:
    keys = win.findChild(QShortcut, "shortcutApprovals")
    assert keys is not None
    keys.activated.emit()  # as Ctrl+Shift+Q does
    dialog = win.approvals
    assert isinstance(dialog, ApprovalsDialog) and dialog.isVisible()
    return dialog


def test_a_clerk_is_refused_and_the_refusal_is_audited(qtbot: QtBot, context: AppContext) -> None:
    win = _window(qtbot, context, "demo")
    assert not win.approvals_button.isVisible()
    dialog = _open(qtbot, win)
    qtbot.waitUntil(lambda: "仅限科室负责人" in dialog.status.text(), timeout=10_000)
    assert dialog.table.rowCount() == 0 and not dialog.approve_button.isEnabled()
    refused = [e for e in context.store.audit.entries() if e.action == "approval_refused"]
    assert [(e.actor, e.data["why"]) for e in refused] == [("demo", "not_supervisor")]


def test_a_supervisor_approves_the_clerks_void(qtbot: QtBot, context: AppContext) -> None:
    number = _queued_void(context)
    win = _window(qtbot, context, "demo-sup")
    assert win.approvals_button.isVisible()
    win.approvals_button.click()
    dialog = win.approvals
    assert isinstance(dialog, ApprovalsDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    row = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert number in row[2] and row[3] == "作废" and row[4] == "文书错字" and row[5] == "demo"
    assert row[2] == f"不予给付决定书 {number}"  # the paper's own title (a 行政给付's refusal)
    assert "李明" not in " ".join(row)  # the queue shows no applicant name
    dialog.approve_button.click()  # no opinion yet: refused in words
    qtbot.waitUntil(lambda: "批准意见" in dialog.status.text(), timeout=10_000)
    dialog.opinion.setText("属实，同意作废")
    results: list[Any] = []
    dialog.decided.connect(results.append)
    with qtbot.waitSignals([dialog.decided, dialog.loaded], timeout=20_000):
        dialog.approve_button.click()
    (outcome,) = results
    assert isinstance(outcome, ActOutcome) and outcome.approved_by == "demo-sup"
    assert dialog.table.rowCount() == 0 and "没有待审批" in dialog.status.text()
    case_id = outcome.case_id
    assert context.store.documents.entry(case_id, number).state is NumberState.VOIDED


def test_locking_the_screen_closes_the_queue(qtbot: QtBot, context: AppContext) -> None:
    win = _window(qtbot, context, "demo-sup")
    dialog = _open(qtbot, win)
    qtbot.waitUntil(lambda: "审批" in dialog.status.text(), timeout=10_000)  # loaded
    win.lock("manual")
    assert not dialog.isVisible() and win.approvals is None
