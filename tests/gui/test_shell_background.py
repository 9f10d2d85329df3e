"""What the shell and the wizard do in the background or once for the whole process: the
interpreter tuned at start-up (not by a widget), the documents' fonts warmed up off the GUI thread
once the window is shown, a broken installed catalogue told in the clerk's words, a name no font
can print told at ② already, and the sync worker nudged after every stored change."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

import clerkapp.infra.documents as documents
from clerkapp.app.context import AppContext
from clerkapp.gui import ops
from clerkapp.gui.application import GIL_SWITCH_INTERVAL_S, Shell, create_qapplication
from clerkapp.gui.theme import PlatformState
from clerkapp.gui.wizard import CaseWizard
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.infra import catalogue_io
from clerkapp.infra.documents import fonts
from clerkapp.sandbox.demo import LI_MING
from tests.gui.wizard_driver import (
    CLERK,
    WizardDriver,
    ensure_catalogue,
    log_in_to_the_wizard,
    read_demo_card_in_window,
    wait_until,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def slow_interpreter() -> Iterator[None]:
    """Python's default switch interval for the test, restored after."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    yield
    sys.setswitchinterval(before)


def test_the_switch_interval_is_set_at_start_up_not_by_the_wizard(
    qtbot: QtBot, app_context: AppContext, slow_interpreter: None
) -> None:
    ensure_catalogue()
    wizard = CaseWizard(app_context, CLERK)
    qtbot.addWidget(wizard)
    wait_until(lambda: wizard.services.ready, what="catalogue ready")
    assert sys.getswitchinterval() == pytest.approx(0.005)  # a widget leaves the process alone
    create_qapplication([])
    assert sys.getswitchinterval() <= GIL_SWITCH_INTERVAL_S


def test_fonts_are_warmed_up_off_the_gui_thread_at_the_first_login(
    qtbot: QtBot, app_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not at start (issue 13: the fonts and ReportLab were most of a fresh app's memory, and
    the login screen needs neither), but as soon as a clerk logs in — before the first case."""
    monkeypatch.setattr(fonts, "_fonts", None)  # as in a fresh process
    threads: list[str] = []
    original = documents.warm_up

    def spy() -> float:
        threads.append(threading.current_thread().name)
        return original()

    monkeypatch.setattr(documents, "warm_up", spy)
    shell = Shell(app_context, sandbox_port=0)
    qtbot.addWidget(shell.window)
    try:
        shell.start()
        qtbot.waitUntil(
            lambda: shell.window.header.platform_state is PlatformState.ONLINE, timeout=30_000
        )
        ops.wait_for_ops(10_000)
        assert fonts._fonts is None and not threads  # the login screen loads no font
        log_in_to_the_wizard(qtbot, shell.window)
        qtbot.waitUntil(lambda: fonts._fonts is not None, timeout=20_000)
        assert len(threads) == 1 and threads[0] != threading.main_thread().name
    finally:
        shell.shutdown()


def test_a_broken_installed_catalogue_is_told_in_chinese(
    qtbot: QtBot, app_context: AppContext
) -> None:
    path = catalogue_io.installed_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"version": "2099.1.1", "matters": [', encoding="utf-8")
    wizard = CaseWizard(app_context, CLERK)
    qtbot.addWidget(wizard)
    wizard.show()
    hint = wizard.matter_step.hint
    wait_until(lambda: "目录文件" in hint.text(), what="the catalogue's problem shown")
    assert "current.json" in hint.text() and "Traceback" not in hint.text()
    # typing still works and finds nothing instead of failing
    QTest.keyClicks(wizard.matter_step.search_edit, "ggzl")
    assert wizard.matter_step.results.count() == 0
    assert wizard.step is Step.MATTER


def test_a_name_no_font_has_is_told_at_the_applicant_step(offline_driver: WizardDriver) -> None:
    offline_driver.choose_matter("ggzl", "公共租赁住房申请")
    step = offline_driver.wizard.applicant_step
    offline_driver.type(step.number_edit, LI_MING)
    offline_driver.type(step.name_edit, "刘\U0002b7fc")
    wait_until(lambda: step.name_message.text() != "", what="name checked")
    text = step.name_message.text()
    assert "U+2B7FC" in text and "\U0002b7fc" in text and "无法打印" in text
    assert step.name_message.accessibleDescription() in text
    # corrected: the message goes; an Ext-B name a shipped font has is fine
    step.name_edit.clear()
    offline_driver.type(step.name_edit, "李\U000201d4")
    wait_until(
        lambda: not step.name_check.timer.isActive() and ops.running_ops() == 0, what="name checked"
    )
    assert step.name_message.text() == ""
    assert step.entry() is not None  # a warning: the case can still be opened


def test_a_related_persons_name_is_checked_too(offline_driver: WizardDriver) -> None:
    offline_driver.choose_matter("ysbz", "一次性丧葬抚恤金和遗属补助生活费申领")
    [row] = offline_driver.wizard.applicant_step.related_rows
    offline_driver.type(row.name_edit, "陈\ue000")
    wait_until(lambda: row.name_message.text() != "", what="related name checked")
    assert "U+E000" in row.name_message.text()
    assert row.name_message.objectName() == "relatedNameMessage_deceased"


def test_every_stored_change_nudges_the_sync_worker(
    qtbot: QtBot, app_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    ensure_catalogue()
    nudges: list[int] = []
    real = app_context.notify_sync

    def counted() -> None:
        nudges.append(1)
        real()

    monkeypatch.setattr(app_context, "notify_sync", counted)
    shell = Shell(app_context, sandbox_port=0)
    window = shell.window
    qtbot.addWidget(window)
    try:
        shell.start()
        qtbot.waitUntil(
            lambda: window.header.platform_state is PlatformState.ONLINE, timeout=30_000
        )
        wizard = log_in_to_the_wizard(qtbot, window)
        read_demo_card_in_window(qtbot, window, wizard)  # Ctrl+N, ggzl, 李明's card
        before = len(nudges)
        QTest.keyClick(wizard.applicant_step.name_edit, Qt.Key.Key_Return)
        wait_until(lambda: wizard.step is Step.PROOFS)
        # the new case's progress registration went to the outbox: the worker was woken for it
        assert len(nudges) > before
        case_id = wizard.presenter.case_id
        assert app_context.store.outbox.for_case(case_id)
        wait_until(lambda: not wizard.presenter.lookups_running(), 20, "look-ups done")
        wizard.presenter.stop()
    finally:
        shell.shutdown()
