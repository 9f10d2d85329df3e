"""A case's second line in the list: the masked applicant and the status never run into each
other, in Chinese or in the longer English words, at the window's default column width."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clerkapp.app.context import AppContext
from clerkapp.gui.case_list import STATUS_GAP, second_line_layout
from clerkapp.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

APPLICANT = "张** 3307…024X"
STATUSES = (
    "◷ Awaiting answer",
    "✖ Needs attention",
    "⟳ In progress",
    "◷ 等待答复",
    "✖ 已办结（不予确认）",  # a decided case in its kind's words, the longest
    "✖ Confirmation refused",
)


@pytest.mark.parametrize("status", STATUSES)
def test_status_and_applicant_do_not_touch_at_the_default_width(
    qtbot: QtBot, app_context: AppContext, status: str
) -> None:
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.resize(1400, 860)  # the size of the documentation screenshots
    win.pages.setCurrentWidget(win.work)  # the work area, as after logging in
    win.show()
    tree = win.case_list.tree
    qtbot.waitUntil(lambda: tree.viewport().width() > 100)
    metrics = QFontMetrics(tree.font())
    # the delegate's second line: 4 px padding each side, 12 px indent
    line = QRect(16, 30, tree.viewport().width() - 20, metrics.height())
    who_rect, who, status_rect = second_line_layout(metrics, line, APPLICANT, status)
    assert who == APPLICANT  # whole, not elided, at the default width
    assert metrics.horizontalAdvance(who) + STATUS_GAP <= status_rect.left() - who_rect.left()
    assert status_rect.right() <= line.right() and status_rect.width() >= metrics.horizontalAdvance(
        status
    )


def test_a_narrow_column_elides_the_applicant_not_the_status(qapp: QApplication) -> None:
    metrics = QFontMetrics(qapp.font())
    line = QRect(0, 0, 200, metrics.height())
    who_rect, who, status_rect = second_line_layout(metrics, line, APPLICANT, STATUSES[0])
    assert who != APPLICANT and who.endswith("…")
    assert status_rect.width() == metrics.horizontalAdvance(STATUSES[0])
    assert who_rect.right() + STATUS_GAP < status_rect.left()
    assert metrics.horizontalAdvance(who) <= who_rect.width()
