"""Drives the real case wizard like a clerk does — keys and clicks through QTest — and counts the
clerk's interactions (each key press and each click is one; a drawn signature stroke is one).
Used by the wizard's GUI tests and by ``benchmarks/bench_gui.py``."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pypinyin import lazy_pinyin
from PySide6.QtCore import QCoreApplication, QEventLoop, QPoint, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from clerkapp.app.auth import Clerk, Role
from clerkapp.app.context import AppContext
from clerkapp.gui import ops
from clerkapp.gui.wizard import CaseWizard
from clerkapp.gui.wizard.id_reader import SimulatedIdCardReader
from clerkapp.gui.wizard.proofs_board import RowStatus
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.infra import catalogue_io

if TYPE_CHECKING:
    from clerkapp.gui.main_window import MainWindow

CLERK = Clerk("wangxiao", "王晓", Role("clerk"))


def ensure_catalogue() -> None:
    """Use the bundled city catalogue; while a checkout has only the canonical file, install
    that one into the (temporary) data directory."""
    if not catalogue_io.bundled_path().exists() and not catalogue_io.installed_path().exists():
        canonical = catalogue_io.bundled_path().with_name("canonical.json")
        catalogue_io.import_catalogue(canonical)


def wait_until(
    check: Callable[[], bool], timeout_s: float = 15.0, what: str | Callable[[], str] = ""
) -> None:
    """Process events until ``check()`` holds (a deadline, never a fixed sleep)."""
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            said = what() if callable(what) else what
            raise AssertionError(f"timed out waiting for {said or check}")
        QCoreApplication.processEvents()
        _spin_event_loop(5)


def _spin_event_loop(ms: int) -> None:
    """Run a real event loop for ``ms`` (the poll step of :func:`wait_until`). Unlike
    ``QTest.qWait``, ``QEventLoop.exec`` lets go of the GIL while it waits, so the work the test
    waits for (look-ups, the sync worker: Python threads) is not starved (measured: a drain of
    2,000 operations took 8 s under qWait polling, 2 s under exec)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def draw_stroke(canvas: QWidget, points: Sequence[tuple[int, int]]) -> None:
    """One pen stroke by pointer events: press at the first point, move through the rest,
    release at the last."""
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        QTest.mouseMove(canvas, QPoint(x, y))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def log_in(qtbot: Any, win: MainWindow, username: str = "demo", password: str = "demo123") -> None:
    """Type the user name (unless the locked screen keeps it) and the password into ``win``'s
    login view and press Enter."""
    view = win.login_view
    if not view.username.isReadOnly():
        view.username.clear()
        qtbot.keyClicks(view.username, username)
    qtbot.keyClicks(view.password, password)
    qtbot.keyClick(view.password, Qt.Key.Key_Return)


def log_in_to_the_wizard(qtbot: Any, window: MainWindow) -> CaseWizard:
    """Log the demo clerk into the shown ``window`` by keyboard and wait until its case wizard
    is ready (its presenter stops with the window)."""
    window.activateWindow()
    wait_until(window.isActiveWindow)
    log_in(qtbot, window)
    wait_until(lambda: window.is_working, 20, "logged in")
    wizard = window.wizard
    assert isinstance(wizard, CaseWizard)
    window.destroyed.connect(wizard.presenter.stop)
    wait_until(lambda: wizard.services.ready, 20, "catalogue")
    return wizard


def read_demo_card_in_window(qtbot: Any, window: MainWindow, wizard: CaseWizard) -> None:
    """Ctrl+N in ``window``, 公共租赁住房申请 by its initials, 李明's demo ID card read: the
    applicant step is filled and Enter would open the case."""
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wait_until(wizard.matter_step.search_edit.hasFocus, what="search focused")
    QTest.keyClicks(wizard.matter_step.search_edit, "ggzl")
    QTest.keyClick(wizard.matter_step.search_edit, Qt.Key.Key_Return)
    wait_until(lambda: wizard.step is Step.APPLICANT)
    wizard.applicant_step.demo_combo.setCurrentIndex(find_card(wizard, "李明"))
    qtbot.mouseClick(wizard.applicant_step.read_button, Qt.MouseButton.LeftButton)
    wait_until(lambda: wizard.applicant_step.entry() is not None)


class WizardDriver:
    """A clerk at the keyboard of one :class:`CaseWizard`; ``interactions`` counts keys+clicks."""

    def __init__(self, context: AppContext, platform_url: str, poll_wait_s: float = 1.0) -> None:
        ensure_catalogue()
        context.use_platform_url(platform_url)
        self.context = context
        # Every test has a fresh store but shares the session's sandbox, and outbox idempotency
        # keys are built from case numbers (which restart at 0001 in each store): a distinct
        # workstation part keeps one test's case numbers from meeting another's on the platform.
        context.case_service.workstation = f"TRAIN01{secrets.token_hex(3).upper()}"
        self.wizard = CaseWizard(context, CLERK)
        self.wizard.services.poll_wait_s = poll_wait_s
        self.wizard.resize(1280, 820)
        self.wizard.show()
        self.wizard.activateWindow()
        # Shortcuts (Enter, Esc, F5) go to the active window only.
        wait_until(self.wizard.isActiveWindow, what="wizard window active")
        self.interactions = 0
        wait_until(lambda: self.wizard.services.ready, what="catalogue ready")

    @classmethod
    def of(cls, context: AppContext, wizard: CaseWizard) -> WizardDriver:
        """A clerk at an existing wizard (the one inside a shell's main window), on the platform
        the context already uses."""
        driver = cls.__new__(cls)
        driver.context = context
        driver.wizard = wizard
        driver.interactions = 0
        return driver

    # -- counted interactions ------------------------------------------------------------------

    def type(self, widget: QWidget, text: str) -> None:
        """Type ``text``: ASCII key by key; Chinese through the input method, as a clerk does
        (pinyin letters + one key to pick the characters, per run of Chinese characters)."""
        widget.setFocus()
        for chunk in _runs(text):
            if chunk.isascii():
                QTest.keyClicks(widget, chunk)
                self.interactions += len(chunk)
            else:
                event = QInputMethodEvent("", [])
                event.setCommitString(chunk)
                QApplication.sendEvent(widget, event)
                self.interactions += len("".join(lazy_pinyin(chunk))) + 1

    def key(self, key: Qt.Key, widget: QWidget | None = None) -> None:
        """Press one key on ``widget`` (default: whatever has focus in the wizard)."""
        target = widget or QApplication.focusWidget() or self.wizard
        QTest.keyClick(target, key)
        self.interactions += 1

    def click(self, widget: QWidget) -> None:
        """Click a widget with the mouse."""
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.interactions += 1

    def draw_signature(self) -> None:
        """The applicant writes on the pad: three strokes, each one interaction."""
        canvas = self.wizard.pledge_step.pad.canvas
        strokes = [
            [(60, 120), (90, 90), (120, 130), (150, 95)],
            [(180, 100), (200, 140), (230, 100)],
            [(260, 120), (320, 118), (380, 124)],
        ]
        for points in strokes:
            draw_stroke(canvas, points)
            self.interactions += 1

    # -- steps -------------------------------------------------------------------------------------

    def choose_matter(self, query: str, name: str) -> None:
        """Type a query into ① and press Enter on the match named ``name`` (it must be first)."""
        step = self.wizard.matter_step
        self.type(step.search_edit, query)
        first = step.results.item(0)
        assert first is not None and first.text().startswith(name), (
            first.text() if first else "no match"
        )
        self.key(Qt.Key.Key_Return, step.search_edit)
        wait_until(lambda: self.wizard.step is Step.APPLICANT, what="applicant step")

    def enter_applicant(
        self,
        id_number: str,
        name: str | None,
        *,
        card: int | None = None,
        related: Sequence[tuple[str, str]] = (),
        present: tuple[str, ...] | None = None,
    ) -> None:
        """② by typing the number and name, or (``card``) by reading a demo card; ``present``
        (role as offered, ID number, name[, relationship]) is who acts for the applicant — a
        company always names one — with the 授权委托书 ticked where the role or matter asks."""
        step = self.wizard.applicant_step
        if card is not None:
            reader = self.wizard.reader
            assert isinstance(reader, SimulatedIdCardReader)
            combo = step.demo_combo
            if combo.currentIndex() != card:
                combo.setCurrentIndex(card)
                self.interactions += 2  # open the picker, pick the subject
            self.click(step.read_button)
            wait_until(lambda: step.name_edit.text() != "", what="card read")
        else:
            self.type(step.number_edit, id_number)
            assert name is not None
            self.type(step.name_edit, name)
        for row, (number, person) in zip(step.related_rows, related, strict=True):
            self.type(row.number_edit, number)
            self.type(row.name_edit, person)
        if present is not None:
            panel = step.present_panel
            role, number, person, *relationship = present
            panel.role_combo.setCurrentIndex(panel.role_combo.findText(role))
            self.interactions += 2  # open the picker, pick the role
            self.type(panel.number_edit, number)
            self.type(panel.name_edit, person)
            if relationship:
                self.type(panel.relationship_combo.lineEdit(), relationship[0])
            if panel.attorney_check.isVisible() and not panel.attorney_check.isChecked():
                self.key(Qt.Key.Key_Space, panel.attorney_check)
            self.key(Qt.Key.Key_Return, step.name_edit)  # (an editable combo keeps its Enter)
        else:
            self.key(Qt.Key.Key_Return)
        wait_until(lambda: self.wizard.step is Step.PROOFS, what="proofs step")

    def row_status(self, code: str) -> RowStatus | None:
        """The status a proof row shows now."""
        row = self.wizard.proofs_board.rows.get(code)
        return row.model.status if row is not None else None

    def wait_lookups(self, timeout_s: float = 20.0) -> None:
        """Until no look-up runs any more."""
        wait_until(
            lambda: (
                bool(self.wizard.proofs_board.rows)
                and not self.wizard.presenter.lookups_running()
                and self.wizard.presenter.case is not None
            ),
            timeout_s,
            "look-ups done",
        )

    def close(self) -> None:
        """Stop watching, wait for background work, close the wizard."""
        self.wizard.presenter.stop()
        ops.wait_for_ops(15_000)
        self.wizard.close()
        self.wizard.deleteLater()
        QCoreApplication.processEvents()


def _runs(text: str) -> list[str]:
    """Split into runs of ASCII and of other characters."""
    runs: list[str] = []
    for ch in text:
        if runs and runs[-1][-1].isascii() == ch.isascii():
            runs[-1] += ch
        else:
            runs.append(ch)
    return runs


def find_card(wizard: CaseWizard, name: str) -> int:
    """Index of a demo subject's card in the simulated reader's picker."""
    reader = wizard.reader
    assert isinstance(reader, SimulatedIdCardReader)
    return next(i for i, c in enumerate(reader.cards) if c.name == name)


def utc_now() -> datetime:
    """Aware now (for assertions on stored times)."""
    return datetime.now(UTC)


def screenshot(widget: QWidget, path: Path) -> None:
    """Save what ``widget`` shows as a PNG, once its pending layout requests are done (a
    widget just hidden or shown has not yet given its space to the others)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    widget.grab().save(str(path))
