"""The print preview zooms (issue 9): 放大 / 缩小 / 适合页面 and Ctrl+= / Ctrl+- / Ctrl+0 on the
real ⑥ step with a real decision PDF; the page grows past the view (scroll bars) and fits again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtPdfWidgets import QPdfView
from pytestqt.qtbot import QtBot

from clerkapp.app.auth import Clerk
from clerkapp.app.context import AppContext
from clerkapp.gui import ops
from clerkapp.gui.print_step import PrintStep
from clerkapp.infra.store import Role
from tests.integration.documents_cases import approved_case, catalogue

pytestmark = pytest.mark.gui

CLERK = Clerk("wangxiao", "王晓", Role.CLERK)


@pytest.fixture
def step(qtbot: QtBot, clerkapp_home: Path, tmp_path: Path) -> Iterator[PrintStep]:
    """The print step previewing an approved case's decision."""
    context = AppContext(clerkapp_home, catalogue=catalogue())
    case = approved_case(catalogue())
    context.store.cases.insert(case, clerk=CLERK.username, workstation="TRAIN-01")
    settings = QSettings(str(tmp_path / "print.ini"), QSettings.Format.IniFormat)
    print_step = PrintStep(context, CLERK, settings=settings)
    qtbot.addWidget(print_step)
    print_step.resize(900, 700)
    print_step.show()
    with qtbot.waitSignal(print_step.document_ready, timeout=20_000):
        print_step.show_case(case.id)
    yield print_step
    ops.wait_for_ops(10_000)
    context.close()


def test_the_preview_zooms_in_out_and_fits_again(qtbot: QtBot, step: PrintStep) -> None:
    view, zoom = step.preview, step.zoom
    bar = view.verticalScrollBar()

    def content_height() -> int:  # the pages' height on screen: what the scroll bar spans
        return bar.maximum() + bar.pageStep()

    assert zoom.fitted and view.zoomMode() is QPdfView.ZoomMode.FitInView
    fit = zoom.factor()
    assert zoom.fit_button.isChecked() and zoom.level.text() == f"{round(fit * 100)}%"
    fitted_height = content_height()

    # buttons
    zoom.in_button.click()
    assert view.zoomMode() is QPdfView.ZoomMode.Custom and zoom.factor() > fit
    assert zoom.level.text() == f"{round(zoom.factor() * 100)}%"
    for _ in range(4):
        zoom.in_button.click()
    larger = zoom.factor()
    assert larger >= 2 * fit
    # the pages really grew on screen (more to scroll through)
    qtbot.waitUntil(lambda: content_height() > 1.8 * fitted_height)
    zoom.out_button.click()
    assert zoom.factor() < larger and not zoom.fit_button.isChecked()

    # keys, wherever the focus is in the step
    step.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert zoom.fitted and zoom.fit_button.isChecked()
    qtbot.waitUntil(lambda: content_height() == fitted_height)
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert not zoom.fitted and zoom.factor() > fit
    step.kind_box.setFocus()
    qtbot.keyClick(step.kind_box, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(step.kind_box, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert zoom.factor() < fit

    # a new case opens fitted
    step.reset()
    assert zoom.fitted
    names = {w.objectName() for w in (zoom.in_button, zoom.out_button, zoom.fit_button)}
    doc = (Path(__file__).resolve().parents[2] / "docs" / "ui-objects.md").read_text("utf-8")
    assert all(f"`{name}`" in doc for name in names)
