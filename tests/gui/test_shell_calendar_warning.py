"""Start-up with a broken holiday override file (issue 11): the window comes up, the file is
ignored (promised dates follow the shipped schedule) and the clerk is told so, once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from clerkapp.app.context import AppContext
from clerkapp.core.workdays import PACKAGE_CALENDAR
from clerkapp.gui import ops
from clerkapp.gui.application import Shell
from clerkapp.infra.calendar_io import override_path

pytestmark = [pytest.mark.gui]

# 2027 written twice, once in full-width digits: this crashed the start-up path
TWICE = (
    '{"format": "clerkapp-holidays/1", "years": {'
    '"2027": {"holidays": ["2027-01-01"], "workdays": []}, '
    '"２０２７": {"holidays": ["2027-10-01"], "workdays": []}}}'
)


def _warning(shell: Shell) -> QMessageBox | None:
    return shell.window.findChild(QMessageBox, "calendarOverrideWarning")


def _shell(qtbot: QtBot, context: AppContext) -> Shell:
    shell = Shell(context, sandbox_port=0)
    qtbot.addWidget(shell.window)
    return shell


def test_a_broken_override_file_is_ignored_with_a_visible_warning(
    qtbot: QtBot, app_context: AppContext, clerkapp_home: Path
) -> None:
    path = override_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TWICE, encoding="utf-8")
    shell = _shell(qtbot, app_context)
    try:
        shell.start()
        assert shell.window.isVisible()
        qtbot.waitUntil(lambda: _warning(shell) is not None, timeout=20_000)
        box = _warning(shell)
        assert box is not None and box.isVisible()
        assert "1 个问题，已忽略" in box.text() and "clerkapp calendar check" in box.text()
        assert app_context.calendar is PACKAGE_CALENDAR
    finally:
        shell.shutdown()


def test_no_warning_without_an_override_file(qtbot: QtBot, app_context: AppContext) -> None:
    shell = _shell(qtbot, app_context)
    try:
        with qtbot.waitSignal(shell.window.first_shown, timeout=10_000):
            shell.start()
        # the check runs on a worker: wait for the ops, then deliver their queued results
        assert ops.wait_for_ops(20_000)
        QApplication.processEvents()
        assert app_context.calendar is PACKAGE_CALENDAR
        assert _warning(shell) is None
    finally:
        shell.shutdown()
