"""Login and lock screen: one view, two modes. Password checks run as background ops (scrypt
takes tens of milliseconds), the result comes back as ``logged_in`` / ``unlocked``.

:class:`IdleWatcher` locks the screen after a period without keyboard, mouse or touch input; it
watches input through an application-wide event filter and re-arms one single-shot timer (the
timer measures idle time; nothing is polled).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerkapp.app.auth import AccountLockedError, Clerk, LoginFailedError
from clerkapp.gui import ops
from clerkapp.gui.theme import Tone

LoginFn = Callable[[str, str], Clerk]

DEFAULT_IDLE_MINUTES = 5

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class LoginView(QWidget):
    """Username + password form. In lock mode the username is fixed to the locked clerk."""

    logged_in = Signal(object)  # Clerk
    unlocked = Signal(object)  # Clerk
    switch_requested = Signal()  # 切换用户 on the lock screen: log the locked clerk out

    def __init__(self, login: LoginFn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginView")
        self._login = login
        self._locked_clerk: Clerk | None = None
        self._busy = False

        self.title = QLabel(self.tr("窗口人员登录"), self)
        self.title.setObjectName("loginTitle")
        self.title.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.username = QLineEdit(self)
        self.username.setObjectName("loginUsername")
        self.username.setAccessibleName(self.tr("用户名"))
        self.password = QLineEdit(self)
        self.password.setObjectName("loginPassword")
        self.password.setAccessibleName(self.tr("密码"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.submit = QPushButton(self.tr("登录"), self)
        self.submit.setObjectName("loginButton")
        self.submit.setAccessibleName(self.tr("登录"))
        self.submit.setDefault(True)
        self.switch_button = QPushButton(self.tr("切换用户 (Ctrl+Shift+L)"), self)
        self.switch_button.setObjectName("loginSwitchUser")
        self.switch_button.setAccessibleName(self.tr("切换用户"))
        self.switch_button.setAutoDefault(False)
        self.switch_button.hide()  # only on the lock screen
        self.message = QLabel(self)
        self.message.setObjectName("loginMessage")
        self.message.setAccessibleName(self.tr("登录提示"))
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {Tone.ERROR.value};")

        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("密码"), self.password)
        box = QWidget(self)
        box.setObjectName("loginBox")
        # A fixed width (not the labels' hint) and room reserved for a 3-line message: a long
        # error wraps inside that room instead of squeezing the inputs to a sliver.
        box.setFixedWidth(400)
        self.message.setMinimumHeight(3 * self.message.fontMetrics().lineSpacing() + 4)
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for edit in (self.username, self.password):
            edit.setMinimumHeight(edit.sizeHint().height())
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addLayout(form)
        inner.addWidget(self.submit)
        inner.addWidget(self.switch_button)
        inner.addWidget(self.message)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        centred = QHBoxLayout()  # centred by stretches, not alignment: the box's height then
        centred.addStretch(1)  # follows its width (height-for-width of the wrapped message)
        centred.addWidget(box)
        centred.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(2)

        self.setTabOrder(self.username, self.password)
        self.setTabOrder(self.password, self.submit)
        self.submit.clicked.connect(self.attempt)
        self.switch_button.clicked.connect(self.switch_requested)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.attempt)

    @property
    def locked_clerk(self) -> Clerk | None:
        """The clerk whose screen is locked (None in login mode)."""
        return self._locked_clerk

    def show_login(self) -> None:
        """Login mode: empty form, focus on the username."""
        self._locked_clerk = None
        self.title.setText(self.tr("窗口人员登录"))
        self.submit.setText(self.tr("登录"))
        self.submit.setAccessibleName(self.tr("登录"))
        self.username.setReadOnly(False)
        self.username.clear()
        self.switch_button.hide()
        self._reset()
        self.username.setFocus()

    def show_locked(self, clerk: Clerk) -> None:
        """Lock mode: only ``clerk``'s password unlocks (the work behind stays as it was)."""
        self._locked_clerk = clerk
        self.title.setText(self.tr("屏幕已锁定 · {0}").format(clerk.display_name))
        self.submit.setText(self.tr("解锁"))
        self.submit.setAccessibleName(self.tr("解锁"))
        self.username.setText(clerk.username)
        self.username.setReadOnly(True)
        self.switch_button.show()
        self._reset()
        self.password.setFocus()

    def _reset(self) -> None:
        self.password.clear()
        self.message.clear()
        self._set_busy(False)

    def attempt(self) -> None:
        """Check the typed credentials in the background."""
        if self._busy:
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.message.setText(self.tr("请输入用户名和密码。"))
            return
        self._set_busy(True)
        self.message.setText(self.tr("正在验证…"))
        ops.run_op(self, lambda: self._login(username, password), self._succeeded, self._failed)

    def _succeeded(self, clerk: Clerk) -> None:
        self._set_busy(False)
        self.password.clear()
        self.message.clear()
        if self._locked_clerk is not None:
            self._locked_clerk = None
            self.unlocked.emit(clerk)
        else:
            self.logged_in.emit(clerk)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.password.clear()
        self.password.setFocus()
        self.message.setText(self._explain(exc))

    def _explain(self, exc: BaseException) -> str:
        """The failure in the interface language (the service's own words are Chinese)."""
        if isinstance(exc, AccountLockedError):
            return self.tr("登录失败次数过多，请 {0} 分钟后再试或联系科室负责人。").format(
                exc.minutes
            )
        if isinstance(exc, LoginFailedError):
            # One message for every failure: it never tells whether the name exists.
            return self.tr("用户名或密码不正确。")
        return ops.user_message_for(exc)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.submit.setEnabled(not busy)


class IdleWatcher(QObject):
    """Emits ``idle`` after ``minutes`` without user input anywhere in the application."""

    idle = Signal()

    def __init__(
        self, minutes: float = DEFAULT_IDLE_MINUTES, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        self._active = False

    def set_minutes(self, minutes: float) -> None:
        """Change the idle period (0 disables locking)."""
        self._timer.setInterval(max(1, int(minutes * 60_000)))
        self._enabled = minutes > 0

    def start(self) -> None:
        """Start watching input (after login)."""
        app = QApplication.instance()
        if app is not None and not self._active:
            app.installEventFilter(self)
            self._active = True
        if self._enabled:
            self._timer.start()

    def stop(self) -> None:
        """Stop watching (while locked or logged out)."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None and self._active:
            app.removeEventFilter(self)
            self._active = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Any input restarts the idle period; the event goes on unchanged."""
        if event.type() in _INPUT_EVENTS and self._enabled:
            self._timer.start()
        return False
