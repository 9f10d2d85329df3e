"""Issue 10: every open view of a case follows the store — the wizard's proofs board, the case
list's row and the applicant's screen — whoever records the change: the counter's long poll of
the open case, or the sync worker for a case no longer on screen. The list marks a case whose
last open proof has settled 可决定."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from clerkapp.app.context import AppContext
from clerkapp.app.sync import SyncWorker
from clerkapp.core.case import ProofState
from clerkapp.gui import ops
from clerkapp.gui.applicant_screen import ApplicantScreen
from clerkapp.gui.application import default_wizard
from clerkapp.gui.case_list import CaseEntry
from clerkapp.gui.main_window import MainWindow
from clerkapp.gui.wizard.proofs_board import RowStatus
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.gui.wizard.wizard import CaseWizard
from tests.gui.wizard_driver import (
    ensure_catalogue,
    log_in_to_the_wizard,
    read_demo_card_in_window,
    wait_until,
)
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]

HOMESTEAD = "zjj.public_rental.homestead"  # 宅基地批建情况证明: a department verification


@pytest.fixture
def window(
    qtbot: QtBot,
    app_context: AppContext,
    sandbox: SandboxHandle,  # noqa: F811
) -> Iterator[MainWindow]:
    ensure_catalogue()
    app_context.use_platform_url(sandbox.url)
    app_context.case_service.workstation = f"TRAIN01{secrets.token_hex(3).upper()}"
    sandbox.settings(verify_delay_s=None)  # the departments answer by hand
    win = MainWindow(app_context, wizard_factory=default_wizard(app_context))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if isinstance(win.wizard, CaseWizard):
        win.wizard.presenter.stop()  # no department watch outlives the test's store
    ops.wait_for_ops(15_000)


def entry(window: MainWindow, case_id: str) -> CaseEntry | None:
    return next((e for e in window.case_list.visible_entries() if e.case_id == case_id), None)


def list_says(window: MainWindow, case_id: str) -> str:
    found = entry(window, case_id)
    return found.status.text() if found is not None else ""


def open_public_rental(qtbot: QtBot, window: MainWindow, wizard: CaseWizard) -> str:
    """李明's 公共租赁住房申请 from his card: look-ups answered, the homestead verification
    waiting for its department; the case's id."""
    read_demo_card_in_window(qtbot, window, wizard)
    QTest.keyClick(wizard.applicant_step.name_edit, Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.PROOFS)
    wait_until(
        lambda: (
            HOMESTEAD in wizard.proofs_board.rows
            and wizard.proofs_board.rows[HOMESTEAD].model.status_text == "待核验"
            and not wizard.presenter.lookups_running()
            and not wizard.presenter.identity_asking()
        ),
        20,
        "look-ups done, verification waiting",
    )
    return wizard.presenter.case_id


def ticket_of(context: AppContext, case_id: str) -> str:
    wait_until(
        lambda: bool(context.case_service.get_case(case_id).proofs[HOMESTEAD].ticket),
        20,
        "the request reached the department",
    )
    return str(context.case_service.get_case(case_id).proofs[HOMESTEAD].ticket)


def test_board_list_and_applicant_screen_follow_the_department(
    qtbot: QtBot,
    window: MainWindow,
    app_context: AppContext,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    wizard = log_in_to_the_wizard(qtbot, window)
    screen = ApplicantScreen("金华市行政服务中心")
    qtbot.addWidget(screen)
    screen.follow(wizard)
    screen.show()
    window.activateWindow()
    wait_until(window.isActiveWindow, what="the clerk's window active")

    # -- the case on screen: the counter's long poll hears the department --------------------
    first = open_public_rental(qtbot, window, wizard)
    wait_until(lambda: list_says(window, first) == "◷ 等待答复", 10, "listed as waiting")
    assert "已由部门核验" not in screen.case_page.lines.text()  # nothing verified yet
    sandbox.answer_verification(ticket_of(app_context, first), "confirm")
    wait_until(
        lambda: (
            wizard.proofs_board.rows[HOMESTEAD].badge.text() == "✔ 已核验"
            and list_says(window, first) == "✔ 可决定"
            and "部门核验 1 项" in screen.case_page.headline.text()
        ),
        10,
        lambda: (
            f"views: board {wizard.proofs_board.rows[HOMESTEAD].badge.text()}"
            f" list {list_says(window, first)} screen {screen.case_page.lines.text()}"
        ),
    )
    case = app_context.case_service.get_case(first)
    assert case.proofs[HOMESTEAD].state is ProofState.CONFIRMED
    assert not case.missing()  # 可决定 is what the store says
    [summary] = [s for s in app_context.case_summaries() if s.case_id == first]
    assert summary.decidable and not summary.waiting
    assert wizard.proofs_board.rows[HOMESTEAD].model.status is RowStatus.DONE

    # -- a case no longer on screen: the sync worker records the answer, the list follows ----
    second = open_public_rental(qtbot, window, wizard)
    ticket = ticket_of(app_context, second)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # on to a new one
    wait_until(lambda: wizard.presenter.case is None and wizard.step is Step.MATTER)
    wait_until(lambda: list_says(window, second) == "◷ 等待答复", 10, "second listed as waiting")
    sandbox.answer_verification(ticket, "deny")
    past = app_context.clock() - timedelta(seconds=1)
    for row in app_context.store.outbox.for_case(second):
        if row.state == "open":
            app_context.store.outbox.lease(row.id, past)  # the next poll is due now
    worker = SyncWorker(
        app_context.store, app_context.case_service, app_context.client, app_context.clock
    )
    worker.start()
    try:
        wait_until(
            lambda: list_says(window, second) == "✔ 可决定",
            20,
            lambda: f"second case in the list: {list_says(window, second)}",
        )
    finally:
        worker.stop()
    stored = app_context.case_service.get_case(second)
    assert stored.proofs[HOMESTEAD].state is ProofState.DENIED
    assert list_says(window, first) == "✔ 可决定"  # the first one is as it was
