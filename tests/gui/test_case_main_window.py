"""The wizard inside the real main window: log in, Ctrl+N, a whole case, the case list follows,
and the case reopens where it stopped."""

from __future__ import annotations

import secrets

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from clerkapp.app.context import AppContext
from clerkapp.gui.application import default_wizard
from clerkapp.gui.main_window import MainWindow
from clerkapp.gui.wizard.proofs_board import RowStatus
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.sandbox.demo import LI_MING
from tests.gui.wizard_driver import (
    ensure_catalogue,
    log_in_to_the_wizard,
    read_demo_card_in_window,
    wait_until,
)
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]


def test_case_from_the_main_window(
    qtbot: QtBot,
    app_context: AppContext,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    ensure_catalogue()
    app_context.use_platform_url(sandbox.url)
    app_context.case_service.workstation = f"TRAIN01{secrets.token_hex(3).upper()}"
    sandbox.settings(verify_delay_s=None)  # the homestead answer comes later, by hand
    window = MainWindow(app_context, wizard_factory=default_wizard(app_context))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wizard = log_in_to_the_wizard(qtbot, window)

    read_demo_card_in_window(qtbot, window, wizard)  # Ctrl+N, ggzl, 李明's card
    assert window.case_host.currentWidget() is wizard
    QTest.keyClick(wizard.applicant_step.name_edit, Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.PROOFS)
    homestead = "zjj.public_rental.homestead"
    wait_until(
        lambda: (
            homestead in wizard.proofs_board.rows
            and wizard.proofs_board.rows[homestead].model.status is RowStatus.WAITING
            and not wizard.presenter.lookups_running()
        ),
        20,
        "look-ups done, verification waiting",
    )
    case_id = wizard.presenter.case_id

    # the case list shows the new case, applicant masked
    def listed() -> bool:
        text = " ".join(
            str(
                window.case_list.tree.topLevelItem(i)
                .child(j)
                .data(0, Qt.ItemDataRole.AccessibleTextRole)
            )
            for i in range(window.case_list.tree.topLevelItemCount())
            for j in range(window.case_list.tree.topLevelItem(i).childCount())
        )
        return "公共租赁住房申请" in text and LI_MING not in text

    wait_until(listed, 20, "case listed")

    # a new case, then reopen the first one where it stopped
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert wizard.step is Step.MATTER and wizard.presenter.case is None
    window.open_case(case_id)
    wait_until(lambda: wizard.presenter.case_id == case_id and wizard.step is Step.PROOFS)
    assert "李明" in wizard.case_line.text()
    wizard.presenter.stop()
