"""Where the applicant screen (:mod:`clerkapp.gui.applicant_screen`) appears: with a second
screen it opens full-screen there after login; with one screen it is off until the clerk turns
it on (status-bar button 申请人屏, Ctrl+Shift+A) and then opens as a normal window. While the
clerk's screen is locked it shows the idle page; the clerk's status bar says when the applicant
has rated (never how).

Kept apart from the screen itself so that the main window does not import the case wizard
before the first login (start-up stays fast)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton

from clerkapp.app.auth import Clerk
from clerkapp.errors import ClerkAppError
from clerkapp.gui.applicant_style import clamp_scale, next_scale
from clerkapp.gui.main_window import MainWindow

if TYPE_CHECKING:
    from clerkapp.gui.applicant_screen import ApplicantScreen

T = TypeVar("T")

log = logging.getLogger(__name__)

TOGGLE_KEYS = "Ctrl+Shift+A"
LARGE_TYPE_KEYS = "Ctrl+Shift+T"


def second_screen(screens: Sequence[T], clerk_screen: T | None) -> T | None:
    """The screen the applicant faces: one that is not the clerk's, when there are several
    (None with a single screen)."""
    if len(screens) < 2:
        return None
    return next((s for s in screens if s is not clerk_screen), None)


class ApplicantScreenHost(QObject):
    """Adds the applicant screen to a :class:`MainWindow`: the toggle, the placement, and idle
    while locked. ``screen`` is None until the first login.

    Large type (适老化): ``text_scale`` is the workstation's ``applicant_text_scale``; the 大字
    button (Ctrl+Shift+T) steps it 1.0 → 1.25 → 1.5 → 1.0 and hands each new scale to
    ``remember`` (the application saves it in settings.json, so the counter keeps it)."""

    def __init__(
        self,
        window: MainWindow,
        counter_name: str,
        screens: Callable[[], Sequence[QScreen]] = QGuiApplication.screens,
        *,
        text_scale: float = 1.0,
        remember: Callable[[float], object] | None = None,
    ) -> None:
        super().__init__(window)
        self.setObjectName("applicantScreenHost")
        self.window = window
        self._counter_name = counter_name
        self._screens = screens
        self.screen: ApplicantScreen | None = None
        self.button = QPushButton(self.tr("申请人屏 (Ctrl+Shift+A)"), window)
        self.button.setObjectName("applicantScreenButton")
        self.button.setAccessibleName(self.tr("申请人屏开关"))
        self.button.setCheckable(True)
        self.button.setEnabled(False)
        self.button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.text_scale = clamp_scale(text_scale)
        self._remember = remember
        self.large_type_button = QPushButton(window)
        self.large_type_button.setObjectName("applicantLargeTypeButton")
        self.large_type_button.setAccessibleName(self.tr("申请人屏大字"))
        self.large_type_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.large_type_button.clicked.connect(lambda _checked=False: self.next_text_scale())
        self._show_scale()
        self.note = QLabel(window)
        self.note.setObjectName("applicantScreenNote")
        self.note.setAccessibleName(self.tr("申请人屏状态"))
        bar = window.statusBar()
        bar.setObjectName("mainStatusBar")
        bar.addPermanentWidget(self.note)
        bar.addPermanentWidget(self.large_type_button)
        bar.addPermanentWidget(self.button)
        shortcut = QShortcut(QKeySequence(TOGGLE_KEYS), window)
        shortcut.setObjectName("shortcutApplicantScreen")
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(self.toggle)
        large = QShortcut(QKeySequence(LARGE_TYPE_KEYS), window)
        large.setObjectName("shortcutApplicantLargeType")
        large.setContext(Qt.ShortcutContext.ApplicationShortcut)
        large.activated.connect(self.next_text_scale)
        self.button.clicked.connect(lambda _checked=False: self.toggle())
        window.login_view.logged_in.connect(self._logged_in)
        window.locked.connect(lambda: self._suspend(True))
        window.login_view.unlocked.connect(lambda _clerk: self._suspend(False))
        window.logged_out.connect(self._logged_out)
        window.installEventFilter(self)

    # -- state -------------------------------------------------------------------------------

    def toggle(self) -> None:
        """Ctrl+Shift+A: turn the applicant screen on or off (after login)."""
        if self.screen is None:
            self.button.setChecked(False)
            return
        if self.screen.isVisible():
            self.screen.hide()
        else:
            self._open()
        self.button.setChecked(self.screen.isVisible())

    def next_text_scale(self) -> None:
        """大字 (Ctrl+Shift+T): the applicant screen's next text scale, remembered."""
        self.set_text_scale(next_scale(self.text_scale))
        if self._remember is not None:
            try:
                self._remember(self.text_scale)
            except (
                ClerkAppError,
                OSError,
            ) as exc:  # the screen still changes; the next start forgets
                log.warning("applicant text scale not saved: %s", type(exc).__name__)

    def set_text_scale(self, scale: float) -> None:
        """Show the applicant screen's texts at ``scale`` (also a screen made later)."""
        self.text_scale = clamp_scale(scale)
        self._show_scale()
        if self.screen is not None:
            self.screen.set_text_scale(self.text_scale)

    def _show_scale(self) -> None:
        scale = f"{self.text_scale:g}"
        self.large_type_button.setText(self.tr("大字 ×{scale}").format(scale=scale))
        self.large_type_button.setToolTip(
            self.tr("申请人屏文字放大（适老化），按一下换一档 ({keys})").format(
                keys=LARGE_TYPE_KEYS
            )
        )

    def _logged_in(self, _clerk: Clerk) -> None:
        from clerkapp.gui.applicant_screen import ApplicantScreen
        from clerkapp.gui.wizard.wizard import CaseWizard

        wizard = self.window.wizard
        if not isinstance(wizard, CaseWizard):
            return  # no wizard (placeholder window): nothing to follow
        if self.screen is None:
            self.screen = ApplicantScreen(
                self._counter_name, self.window, text_scale=self.text_scale
            )
            self.screen.follow(wizard)
            self.screen.clerk_note.connect(self._note)
            self.screen.closed.connect(lambda: self.button.setChecked(False))
        self.screen.set_suspended(False)
        self.button.setEnabled(True)
        if second_screen(self._screens(), self.window.screen()) is not None:
            self._open()
        self.button.setChecked(self.screen.isVisible())

    def _logged_out(self) -> None:
        # The screen followed the wizard of the clerk who left: gone with it; the next
        # clerk's login makes a new one following their own wizard.
        screen, self.screen = self.screen, None
        if screen is not None:
            screen.close()
            screen.deleteLater()
        self.note.clear()
        self.button.setChecked(False)
        self.button.setEnabled(False)

    def _open(self) -> None:
        screen = self.screen
        assert screen is not None
        target = second_screen(self._screens(), self.window.screen())
        if target is not None:
            screen.setScreen(target)
            screen.setGeometry(target.geometry())
            screen.showFullScreen()
        else:
            screen.showNormal()
        # Some platforms activate a newly shown window anyway: the clerk keeps the keyboard.
        self.window.activateWindow()

    def _suspend(self, suspended: bool) -> None:
        if self.screen is not None:
            self.screen.set_suspended(suspended)
        self.button.setEnabled(not suspended and self.screen is not None)

    def _note(self, text: str) -> None:
        self.note.setText(self.tr("申请人{what}").format(what=text) if text else "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """The clerk's window closing takes the applicant screen with it."""
        if watched is self.window and event.type() == QEvent.Type.Close and self.screen:
            self.screen.close()
        return False
