"""Start-up of the desktop app: Qt application, language, logging, error hook, the context, the
main window and — in training mode — the bundled sandbox.

The window is shown before anything touches the network: the sandbox is started (or an
already running one reused) in the background and the header's status follows it by signals.
``CLERKAPP_EXIT_AFTER_SHOWN=1`` prints ``clerkapp: window shown`` once the window is on screen
and quits (used by the start-up benchmark); ``CLERKAPP_ANNOUNCE_SHOWN=1`` only prints it.
SIGINT (Ctrl+C) and SIGTERM quit like closing the window: the sandbox stops, the store closes.
"""

from __future__ import annotations

import argparse
import importlib.machinery
import importlib.util
import logging
import os
import signal
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QObject,
    QSocketNotifier,
    Qt,
    QThread,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QVBoxLayout, QWidget

from clerkapp.app.auth import Clerk
from clerkapp.app.context import DEFAULT_IDLE_LOCK_MINUTES, AppContext, SyncStatus
from clerkapp.gui import gc_guard, ops
from clerkapp.gui.applicant_host import ApplicantScreenHost
from clerkapp.gui.connectivity import ConnectivityView
from clerkapp.gui.i18n import DEFAULT_LANG, LANGUAGES, install_translators
from clerkapp.gui.insecure_banner import InsecurePlatformBanner, insecure_banner
from clerkapp.gui.main_window import MainWindow, WizardFactory
from clerkapp.gui.theme import PlatformState
from clerkapp.gui.training import DEFAULT_PORT, SandboxProcess
from clerkapp.infra.logging_setup import setup_logging
from clerkapp.infra.paths import data_dir
from clerkapp.infra.settings import save_applicant_text_scale
from clerkapp.infra.url_policy import host_of

log = logging.getLogger(__name__)

EXIT_AFTER_SHOWN = "CLERKAPP_EXIT_AFTER_SHOWN"
ANNOUNCE_SHOWN = "CLERKAPP_ANNOUNCE_SHOWN"
SHOWN_MARKER = "clerkapp: window shown"
UNEXPECTED_ERROR = QT_TRANSLATE_NOOP(
    "Shell",
    "程序遇到意外错误，当前操作未完成。请重试；如果反复出现，请联系信息科（详情已记录在日志中）。",
)


CJK_SANS_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
)


@dataclass(frozen=True)
class GuiPreferences:
    """Per-workstation GUI preferences from ``data_dir()/gui.json`` (all optional)."""

    lang: str = DEFAULT_LANG
    idle_lock_minutes: float = DEFAULT_IDLE_LOCK_MINUTES
    sandbox_port: int = DEFAULT_PORT

    @classmethod
    def load(cls, home: Path) -> GuiPreferences:
        """Read the preferences; a missing or broken file gives the defaults (logged)."""
        path = home / "gui.json"
        if not path.exists():
            return cls()
        from clerkapp.core.bounded_json import InputError
        from clerkapp.infra.bounded_read import PREFERENCES, read_json

        try:
            data = read_json(path, PREFERENCES)
            return cls(
                lang=str(data.get("lang", DEFAULT_LANG)),
                idle_lock_minutes=float(data.get("idle_lock_minutes", DEFAULT_IDLE_LOCK_MINUTES)),
                sandbox_port=int(data.get("sandbox_port", DEFAULT_PORT)),
            )
        except (InputError, ValueError, AttributeError, TypeError, OverflowError):
            log.warning("gui.json unreadable; using defaults")
            return cls()


class _SyncBridge(QObject):
    """Turns the sync worker's reports (its own thread) into a queued Qt signal."""

    status = Signal(object)  # SyncStatus


class Shell(QObject):
    """The running desktop app: context, main window and (training) sandbox, wired together."""

    def __init__(
        self,
        context: AppContext,
        *,
        sandbox_port: int = DEFAULT_PORT,
        wizard_factory: WizardFactory | None = None,
        sync_process: bool = True,
    ) -> None:
        super().__init__()
        self.context = context
        # The drain runs in a child process: its Python work never stalls the window (issue 13).
        context.sync_process = sync_process
        self.window = MainWindow(context, wizard_factory=wizard_factory or default_wizard(context))
        # The citizen's window: full-screen on a second screen, else toggled by the clerk.
        self.applicant_screen = ApplicantScreenHost(
            self.window,
            context.counter_name,
            text_scale=context.settings.applicant_text_scale,
            remember=save_applicant_text_scale,
        )
        self.sandbox: SandboxProcess | None = None
        self.first_supervisor: QWidget | None = None  # the dialog, when one was needed
        self._closed = False
        self._documents_warmed = False  # the fonts' warm-up ran (first login)
        self._sync_bridge = _SyncBridge(self)
        self._sync_bridge.status.connect(self._sync_status)
        self._sync_listener = self._sync_bridge.status.emit
        context.add_sync_listener(self._sync_listener)
        self.window.case_changed.connect(lambda _case_id: context.notify_sync())
        # The header's status: one connectivity state, training and production alike.
        self.connectivity = ConnectivityView(context, self.window.header, parent=self)
        self.window.case_changed.connect(lambda _case_id: self.connectivity.refresh_backlog())
        if context.training:
            self.sandbox = SandboxProcess(context.sandbox_dir, port=sandbox_port, parent=self)
            self.sandbox.state_changed.connect(self._sandbox_state)
            self.sandbox.notice_changed.connect(self._sandbox_notice)
        self.insecure_banner = self._warn_insecure_platform()

    def _warn_insecure_platform(self) -> InsecurePlatformBanner | None:
        """Plain http to a platform on the network: a red line at the top of the window and one
        in the log, on every start (docs/security.md)."""
        settings = self.context.settings
        banner = insecure_banner(settings.platform_url, settings.insecure_http, self.window)
        if banner is not None:
            log.warning(
                "the platform is reached over plain http (host %s, allowed=%s)",
                host_of(settings.platform_url),
                settings.insecure_http,
            )
            central = self.window.centralWidget()
            layout = central.layout() if central is not None else None
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(0, banner)
        return banner

    def start(self) -> None:
        """Show the window, then start what may take time — in the background."""
        # The fonts load when a clerk logs in (the wizard is built then too), not at start: the
        # login screen does not need them, and the clerk needs minutes before the first print.
        self.window.login_view.logged_in.connect(self._warm_up_documents)
        self.window.show()
        ops.run_op(self.window, self.context.pending_sync, self.window.set_pending)
        ops.run_op(
            self.window, self.context.calendar_problems, self._calendar_checked, self._check_failed
        )
        ops.run_op(
            self.window, self.context.verify_audit_at_start, self._audit_checked, self._audit_failed
        )
        if self.sandbox is not None:
            self.sandbox.start()
            ops.run_op(self.window, self.context.prepare_training, lambda _: None)
        else:
            self.connectivity.start(self.context.platform_url)
            self._start_sync()  # offline too: the worker retries with backoff
            ops.run_op(self.window, self.context.needs_first_supervisor, self._ask_first_supervisor)

    def _ask_first_supervisor(self, needed: bool) -> None:
        """A configured workstation with no account: the first supervisor is created before
        the login screen can be used (issue 11)."""
        if not needed:
            return
        from clerkapp.gui.accounts_page import FirstSupervisorDialog

        dialog = FirstSupervisorDialog(self.context, self.window)
        self.first_supervisor = dialog
        view = self.window.login_view

        def created(clerk: Clerk) -> None:
            view.show_login()
            view.username.setText(clerk.username)
            view.password.setFocus()
            view.message.setText(self.tr("科室负责人账号已创建，请登录。"))

        def refused() -> None:
            view.message.setText(
                self.tr(
                    "本工作站还没有账号：请重新启动程序创建科室负责人账号，"
                    "或由信息科用 clerkapp clerks add 添加。"
                )
            )

        dialog.created.connect(created)
        dialog.rejected.connect(refused)
        dialog.open()

    def _warm_up_documents(self, *_clerk: object) -> None:
        # The documents' fonts take ~0.2-0.5 s to load once: load them (and import the document
        # builder, reportlab) on a worker at the first login, so the first preview does not
        # wait and the GUI thread never imports reportlab. Not at start (issue 13): fonts and
        # ReportLab are most of the memory of a freshly started app, and the login screen
        # needs neither.
        if self._documents_warmed:
            return
        self._documents_warmed = True
        ops.run_op(self.window, warm_up_documents, lambda _s: None, self._warm_up_failed)

    def _warm_up_failed(self, exc: BaseException) -> None:
        # A missing font file: the print step reports it when it builds a document.
        ops.log_failure(exc, "warming up the documents' fonts")

    def _calendar_checked(self, problems: int) -> None:
        """A broken holiday override file is ignored (the shipped schedule is used): say so."""
        if not problems or self._closed:
            return
        box = QMessageBox(self.window)
        box.setObjectName("calendarOverrideWarning")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("节假日覆盖文件有误"))
        # {n}, not Qt's %n plural (pyside6-lupdate does not extract numerus forms from Python)
        box.setText(
            self.tr(
                "节假日覆盖文件有 {n} 个问题，已忽略；承诺办结日期按内置的节假日安排计算。"
                "请信息技术人员运行 clerkapp calendar check 查看并修正。"
            ).format(n=problems)
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _check_failed(self, exc: BaseException) -> None:
        ops.log_failure(exc, "checking the holiday override file")

    def _audit_checked(self, holds: bool) -> None:
        """The audit trail's start-up check (issue 13) found a problem: say so, and how to see
        what it is (the clerk can go on; the supervisor or IT checks the trail)."""
        if holds or self._closed:
            return
        box = QMessageBox(self.window)
        box.setObjectName("auditCheckWarning")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("审计记录核对未通过"))
        box.setText(
            self.tr(
                "启动时核对审计记录发现问题（记录可能被改动，或审计密钥不符）。"
                "请科室负责人或信息技术人员运行 clerkapp audit verify 查看详情。"
            )
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _audit_failed(self, exc: BaseException) -> None:
        ops.log_failure(exc, "checking the audit trail at start-up")

    def _sandbox_state(self, state: PlatformState) -> None:
        # The sandbox's process says where it listens and when it dies; whether the platform
        # answers is the connectivity monitor's to say (a reused sandbox has no process).
        if state is PlatformState.ONLINE and self.sandbox is not None:
            self.context.use_platform_url(self.sandbox.url)
            self._start_sync()
            self.connectivity.start(self.sandbox.url)
        elif state is PlatformState.OFFLINE:
            self.connectivity.platform_down()

    def _sandbox_notice(self, notice: str) -> None:
        self.connectivity.set_notice(notice)
        self.window.statusBar().showMessage(notice, 30_000)

    def _start_sync(self) -> None:
        ops.run_op(self.window, self.context.start_sync, lambda _: None, self._sync_failed)

    def _sync_failed(self, exc: BaseException) -> None:
        # The header keeps showing the platform state; the clerk can work, sync waits.
        ops.log_failure(exc, "starting the sync worker")

    def _sync_status(self, status: SyncStatus) -> None:
        self.window.set_pending(status.pending)
        synced = getattr(self.window.wizard, "platform_synced", None)
        if status.sent and callable(synced):
            synced()  # answers the sync worker recorded show in the open case by themselves
        # Reachability comes from the calls themselves (the client's observer) and the
        # monitor's health checks; a drain changes the backlog.
        self.connectivity.refresh_backlog()
        if status.needs_person:  # perhaps the audit anchor was refused: the supervisor sees it
            self.window.anchor_warning.refresh(self.window.clerk)

    def shutdown(self) -> None:
        """Stop the sandbox we started, wait for running ops, close the store (once)."""
        if self._closed:
            return
        self._closed = True
        self.window.idle.stop()
        # The sync worker's thread must not signal into this shell once it is gone, and its
        # sends in flight should finish while the training platform still answers: stop it
        # first, then the sandbox.
        self.context.remove_sync_listener(self._sync_listener)
        self.connectivity.stop()
        self.context.stop_sync()
        if self.sandbox is not None:
            self.sandbox.stop()
        ops.wait_for_ops(5000)
        self.context.close()


def warm_up_documents() -> float:
    """*worker* — import the document builder and load the documents' fonts (without importing
    the print step on the GUI thread); the seconds the fonts took (0 when already loaded)."""
    from clerkapp.infra.documents import warm_up

    return warm_up()


def default_wizard(context: AppContext) -> WizardFactory | None:
    """Build the case wizard of :mod:`clerkapp.gui.wizard` for a logged-in clerk (it makes its
    own services over ``context`` and, in training mode, the simulated ID-card reader). None
    when the wizard is not installed: the window then shows its placeholder."""
    if not _wizard_installed():
        log.warning("case wizard not available; the window shows a placeholder")
        return None

    def build(clerk: Clerk, parent: QWidget) -> QWidget:
        # Imported at the first login, not at start: the window shows sooner.
        from clerkapp.gui.wizard.wizard import CaseWizard

        return CaseWizard(context, clerk, parent)

    return build


def _wizard_installed() -> bool:
    """Whether the wizard's module is there, without importing it: ``find_spec`` of a
    submodule imports its package, and the wizard's package imports the whole wizard (and
    ``requests`` and ReportLab with it) — a quarter of the start-up (issue 13). The package is
    found without being imported (its parent, ``clerkapp.gui``, is loaded), then the module in
    it."""
    package = importlib.util.find_spec("clerkapp.gui.wizard")
    if package is None or package.submodule_search_locations is None:
        return False
    found = importlib.machinery.PathFinder.find_spec("wizard", package.submodule_search_locations)
    return found is not None


def install_excepthook(parent_of_box: MainWindow | None = None) -> None:
    """Log uncaught exceptions (type and frames, not the message) and tell the clerk in Chinese
    instead of a stack trace."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        exc.__traceback__ = tb
        ops.log_failure(exc, "uncaught exception")
        app = QApplication.instance()
        # Widgets only on the GUI thread, and not while the app is closing down (Qt may call
        # the hook from a worker thread, and the window may already be gone).
        if app is None or app.closingDown() or QThread.currentThread() != app.thread():
            return
        alive = parent_of_box is not None and shiboken6.isValid(parent_of_box)
        box = QMessageBox(parent_of_box if alive else None)
        box.setObjectName("unexpectedErrorBox")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QApplication.translate("Shell", "出错了"))
        box.setText(_message_for(exc))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    sys.excepthook = hook


def _message_for(exc: BaseException) -> str:
    from clerkapp.errors import ClerkAppError

    if isinstance(exc, ClerkAppError):
        return ops.user_message_for(exc)
    return QApplication.translate("Shell", str(UNEXPECTED_ERROR))


#: The interpreter's GIL switch interval for the desktop app (Python's default is 5 ms).
GIL_SWITCH_INTERVAL_S = 0.001


def tune_interpreter() -> None:
    """Process-wide interpreter settings of the desktop app, set once at start-up (not by a
    widget): a short GIL switch interval, so that while look-up threads parse answers in Python
    the event loop's turn comes within about a millisecond and the window never stalls."""
    sys.setswitchinterval(min(sys.getswitchinterval(), GIL_SWITCH_INTERVAL_S))


def create_qapplication(argv: list[str]) -> QApplication:
    """The Qt application with ClerkApp's high-DPI policy (fractional scaling passed through)
    and the interpreter tuned for it (:func:`tune_interpreter`); cycles are collected on the GUI
    thread only (:mod:`clerkapp.gui.gc_guard`)."""
    tune_interpreter()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        gc_guard.install(existing)
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(argv)
    # Read across a counter: at least 11 pt (Qt's default on Linux is 9-10 pt).
    font = app.font()
    font.setPointSizeF(max(11.0, font.pointSizeF()))
    # Chinese in a sans-serif face where one is installed (fontconfig would otherwise often pick
    # a Ming/serif face on Linux); families not installed are skipped.
    font.setFamilies([font.family(), *CJK_SANS_FAMILIES])
    app.setFont(font)
    app.setApplicationName("ClerkApp")
    app.setOrganizationName("ClerkApp")
    app.setApplicationDisplayName("ClerkApp")
    gc_guard.install(app)
    return app


def run(args: argparse.Namespace) -> int:
    """Start the desktop app and run it until the clerk quits; the exit code."""
    # Whatever this process creates (the store, logs, the printer settings, exported copies)
    # is its owner's only (docs/security.md); the code sets the modes explicitly as well.
    os.umask(0o077)
    home = data_dir()
    setup_logging()
    prefs = GuiPreferences.load(home)
    lang = getattr(args, "lang", None) or prefs.lang
    if lang not in LANGUAGES:
        lang = DEFAULT_LANG
    app = create_qapplication(sys.argv[:1])
    translators: list[Any] = install_translators(app, lang)
    context = AppContext(home, idle_lock_minutes=prefs.idle_lock_minutes)
    shell = Shell(context, sandbox_port=prefs.sandbox_port)
    install_excepthook(shell.window)
    app.aboutToQuit.connect(shell.shutdown)
    QuitSignals(app)
    if os.environ.get(EXIT_AFTER_SHOWN):
        shell.window.first_shown.connect(lambda: _announce_and_quit(app))
    elif os.environ.get(ANNOUNCE_SHOWN):
        shell.window.first_shown.connect(_announce)
    log.info("ClerkApp starting (training=%s, lang=%s)", context.training, lang)
    shell.start()
    code = app.exec()
    del translators
    return int(code)


def _announce() -> None:
    # Read by the start-up benchmark (benchmarks/bench_startup.py) and the signal tests.
    sys.stdout.write(SHOWN_MARKER + "\n")
    sys.stdout.flush()


def _announce_and_quit(app: QApplication) -> None:
    _announce()
    QTimer.singleShot(0, app.quit)


class QuitSignals(QObject):
    """SIGINT (Ctrl+C) and SIGTERM quit the event loop the normal way (``aboutToQuit`` runs the
    shutdown: sandbox stopped, store closed) instead of a KeyboardInterrupt traceback.

    Python runs signal handlers only between bytecodes, and the GUI thread sits in Qt's C++
    loop: the C-level handler writes a byte to a socket (``signal.set_wakeup_fd``) whose
    notifier wakes the loop into Python, where the handler then runs — no polling timer.
    Install from the main thread, once per process.
    """

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        for signum in self.SIGNALS:
            signal.signal(signum, self._handle)

    def _drain(self) -> None:
        # Entering Python here is what lets the pending handler run; the bytes are only a wake-up.
        try:
            while self._reader.recv(64):
                pass
        except OSError:
            pass

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        log.info("signal %s received: quitting", signal.Signals(signum).name)
        # Queued: a signal that arrives before the event loop runs (the window is shown just
        # before ``exec``) would otherwise be lost — ``quit`` does nothing without a loop.
        QTimer.singleShot(0, self._app.quit)
