"""The main window: training banner, header, and a stack of the login/lock view and the work
area (case list on the left, the case wizard on the right).

The window only arranges views and routes signals; everything slow (password checks, reading
the case list, counting the outbox) runs through :func:`clerkapp.gui.ops.run_op` on the services
it is given — the GUI's composition (:mod:`clerkapp.gui.application`) decides what those are.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clerkapp import __version__
from clerkapp.app.auth import Clerk, Role
from clerkapp.app.context import CaseSummary
from clerkapp.gui import ops
from clerkapp.gui.anchor_warning import add_anchor_warning
from clerkapp.gui.case_list import CaseEntry, CaseListView, Group, present_text
from clerkapp.gui.case_search_runner import CaseSearchRunner
from clerkapp.gui.case_updates import hub_for
from clerkapp.gui.header import HeaderBar
from clerkapp.gui.login import IdleWatcher, LoginView
from clerkapp.gui.session import (
    ACCOUNT_DIALOGS,
    ACCOUNTS_KEYS,
    LOGOUT_KEYS,
    add_session_buttons,
    close_work,
)
from clerkapp.gui.theme import PlatformState
from clerkapp.gui.training import TrainingBanner

if TYPE_CHECKING:
    from clerkapp.gui.accounts_page import AccountsDialog
    from clerkapp.gui.approvals_page import ApprovalsDialog
    from clerkapp.gui.needs_person_page import NeedsPersonDialog

#: Opens the supervisor's approval queue. The queue's page (and with it the document layer and
#: the platform client) is imported when first opened, never at start-up.
APPROVALS_KEYS = "Ctrl+Shift+Q"
#: Opens the 需人工处理 list (issue 10): operations the platform refused (imported when opened).
NEEDS_PERSON_KEYS = "Ctrl+Shift+R"
#: The windows of the 作废 / 更正 work that a lock closes (by object name: no import needed).
_APPROVAL_DIALOGS = frozenset({"approvalsDialog", "documentActDialog", *ACCOUNT_DIALOGS})


class ShellServices(Protocol):
    """What the shell needs from the application (see :class:`clerkapp.app.context.AppContext`).
    Methods marked *worker* are called off the GUI thread."""

    @property
    def training(self) -> bool:
        """Training mode (banner, demo accounts)."""

    @property
    def counter_name(self) -> str:
        """E.g. ``金华市行政服务中心 · 人社窗口 3``."""

    @property
    def idle_lock_minutes(self) -> float:
        """Lock the screen after this long without input (0: never)."""

    def login(self, username: str, password: str) -> Clerk:
        """*worker* — check credentials (raises ClerkAppError with a Chinese message)."""

    def case_summaries(self) -> list[CaseSummary]:
        """*worker* — the cases of the list."""

    def pending_sync(self) -> int:
        """*worker* — outbox operations still to send."""

    def record_lock(self, clerk: Clerk, reason: str) -> None:
        """*worker* — audit that the screen was locked."""


WizardFactory = Callable[[Clerk, QWidget], QWidget]


class MainWindow(QMainWindow):
    """The clerk's window. ``first_shown`` fires once, when the window is first on screen."""

    first_shown = Signal()
    cases_refreshed = Signal()
    case_changed = Signal(str)  # the wizard stored a change of this case
    locked = Signal()  # the lock screen now covers the work (idle lock or Ctrl+L)
    logged_out = Signal()  # 注销: the clerk's work is closed, the login screen shows

    def __init__(
        self,
        services: ShellServices,
        *,
        wizard_factory: WizardFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("ClerkApp 无证明城市 · 窗口办件"))
        self.resize(1400, 860)
        self._services = services
        self._wizard_factory = wizard_factory
        self._shown_once = False
        self.clerk: Clerk | None = None
        self.wizard: QWidget | None = None

        self._cases_loading = self._cases_again = False
        # The list follows the store: a case the sync worker or a department changed (issue 10).
        self.case_updates = hub_for(services)
        self._following = False
        self._follow_store(True)

        self.banner = TrainingBanner(self) if services.training else None
        self.header = HeaderBar(services.counter_name, self)
        self.login_view = LoginView(services.login, self)
        self.case_list = CaseListView(self)
        self.case_host = QStackedWidget(self)
        self.case_host.setObjectName("caseHost")
        self.welcome = QLabel(self.tr("按 Ctrl+N 新建办件，或在左侧选择一个办件继续办理。"), self)
        self.welcome.setObjectName("welcomeHint")
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setStyleSheet("color: #5f6368; font-size: 16px;")
        self.case_host.addWidget(self.welcome)

        self.work = QSplitter(Qt.Orientation.Horizontal, self)
        self.work.setObjectName("workArea")
        self.work.addWidget(self.case_list)
        self.work.addWidget(self.case_host)
        self.work.setStretchFactor(1, 1)
        self.work.setSizes([360, 1040])  # room for English statuses beside the masked ID
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.login_view)
        self.pages.addWidget(self.work)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        if self.banner is not None:
            layout.addWidget(self.banner)
        layout.addWidget(self.header)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.idle = IdleWatcher(services.idle_lock_minutes, self)
        self.idle.idle.connect(lambda: self.lock("idle"))
        self.login_view.logged_in.connect(self._logged_in)
        self.login_view.unlocked.connect(self._unlocked)
        self.login_view.switch_requested.connect(self.logout)
        self.header.new_case_requested.connect(self.new_case)
        self.header.lock_requested.connect(lambda: self.lock("manual"))
        self.case_list.case_activated.connect(self.open_case)
        # The whole-history search of the case list (issue 9).
        self.case_search = CaseSearchRunner(
            self.case_list,
            services,
            lambda: self.clerk.username if self.clerk is not None else None,
            _entry,
            self.case_updates.pool if self.case_updates is not None else None,
        )
        self.cases_refreshed.connect(self.case_search.refresh)
        self._shortcut("Ctrl+N", self.new_case, "shortcutNewCase")
        self._shortcut("Ctrl+L", lambda: self.lock("manual"), "shortcutLock")
        self._shortcut("F1", self.show_about, "shortcutAbout")
        self._add_approvals()
        self._add_accounts()

        self._add_needs_person()
        self.anchor_warning = add_anchor_warning(self)  # a refused audit anchor (issue 9)
        # Tab follows reading order: header actions, search, list, then the case on the right.
        self.setTabOrder(self.header.new_case_button, self.header.lock_button)
        self.setTabOrder(self.header.lock_button, self.case_list.search)
        self.setTabOrder(self.case_list.search, self.case_list.tree)
        self.setTabOrder(self.case_list.tree, self.case_host)
        self.login_view.show_login()

    def _shortcut(self, keys: str, slot: Callable[[], object], name: str) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setObjectName(name)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(slot)

    # -- state -------------------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        """Whether the lock screen is shown over a clerk's work."""
        return self.clerk is not None and self.login_view.locked_clerk is not None

    @property
    def is_working(self) -> bool:
        """A clerk is logged in and the screen is not locked."""
        return self.clerk is not None and self.pages.currentWidget() is self.work

    def set_platform_state(self, state: PlatformState) -> None:
        """Show the platform connection in the header."""
        self.header.set_platform_state(state)

    def set_pending(self, count: int) -> None:
        """Show the outbox count in the header."""
        self.header.set_pending(count)

    # -- login and lock ----------------------------------------------------------------------

    def _logged_in(self, clerk: Clerk) -> None:
        self.clerk = clerk
        self.header.set_clerk(clerk.display_name, self._role_label(clerk))
        self.approvals_button.setVisible(clerk.role is Role.SUPERVISOR)
        self.accounts_button.setVisible(clerk.role is Role.SUPERVISOR)
        self.logout_button.setVisible(True)
        if self._wizard_factory is not None and self.wizard is None:
            self.wizard = self._wizard_factory(clerk, self.case_host)
            self.wizard.setObjectName(self.wizard.objectName() or "caseWizard")
            self.case_host.addWidget(self.wizard)
            changed = getattr(self.wizard, "case_changed", None)
            if changed is not None:
                changed.connect(self.case_changed)
                if self.case_updates is None:
                    # Following the store, the list hears of every stored change through the
                    # hub (coalesced): re-reading the whole day's list on each of the wizard's
                    # changes (every look-up answer) kept a worker busy and stalled the window.
                    changed.connect(self.refresh_cases)
        self.pages.setCurrentWidget(self.work)
        self.idle.start()
        self.refresh_cases()
        self.case_list.search.setFocus()

    def _add_approvals(self) -> None:
        """审批队列 (issue 8): a header button a supervisor sees, and Ctrl+Shift+Q for anyone
        (a clerk is refused in the page, and the refusal audited)."""
        self.approvals: ApprovalsDialog | None = None
        self.approvals_button = QPushButton(self.tr("审批队列 (Ctrl+Shift+Q)"), self.header)
        self.approvals_button.setObjectName("approvalsButton")
        self.approvals_button.setAccessibleName(self.tr("审批队列"))
        self.approvals_button.hide()
        self.approvals_button.clicked.connect(self.open_approvals)
        bar = self.header.layout()
        if bar is not None:
            index = bar.indexOf(self.header.new_case_button)
            if isinstance(bar, QBoxLayout):
                bar.insertWidget(index, self.approvals_button)
        self._shortcut(APPROVALS_KEYS, self.open_approvals, "shortcutApprovals")

    def open_approvals(self) -> ApprovalsDialog | None:
        """Open the supervisor's approval queue (作废 / 更正 requests)."""
        if not self.is_working or self.clerk is None:
            return None
        from clerkapp.gui.approvals_page import ApprovalsDialog

        dialog = ApprovalsDialog(self._services, self.clerk, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.approvals = dialog
        dialog.open()
        dialog.reload()
        return dialog

    def _add_accounts(self) -> None:
        """账号管理 (supervisors) and 注销 / 切换用户 (issue 11): header buttons and
        Ctrl+Shift+U / Ctrl+Shift+L (:mod:`clerkapp.gui.session`)."""
        self.accounts: AccountsDialog | None = None
        self.accounts_button, self.logout_button = add_session_buttons(self)
        self.accounts_button.clicked.connect(self.open_accounts)
        self.logout_button.clicked.connect(self.logout)
        self._shortcut(ACCOUNTS_KEYS, self.open_accounts, "shortcutAccounts")
        self._shortcut(LOGOUT_KEYS, self.logout, "shortcutLogout")

    def open_accounts(self) -> AccountsDialog | None:
        """Open the supervisor's account page (a clerk is refused: nothing opens)."""
        if not self.is_working or self.clerk is None or self.clerk.role is not Role.SUPERVISOR:
            return None
        from clerkapp.gui.accounts_page import AccountsDialog

        dialog = AccountsDialog(self._services, self.clerk, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.accounts = dialog
        dialog.open()
        dialog.reload()
        return dialog

    def _add_needs_person(self) -> None:
        """需人工处理 (issue 10): Ctrl+Shift+R for clerks and supervisors; closed on lock."""
        self.needs_person: NeedsPersonDialog | None = None
        self._shortcut(NEEDS_PERSON_KEYS, self.open_needs_person, "shortcutNeedsPerson")
        self.locked.connect(self._close_needs_person)

    def open_needs_person(self) -> NeedsPersonDialog | None:
        """Open the list of operations the platform refused (retry, edit, cancel)."""
        if not self.is_working or self.clerk is None:
            return None
        from clerkapp.gui.needs_person_page import NeedsPersonDialog

        dialog = NeedsPersonDialog(self._services, self.clerk, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.acted.connect(self.refresh_cases)
        self.needs_person = dialog
        dialog.open()
        dialog.reload()
        return dialog

    def logout(self) -> None:
        """注销 / 切换用户: close the clerk's work and show the login screen (the app keeps
        running); the next clerk starts clean (:func:`clerkapp.gui.session.close_work`)."""
        clerk = self.clerk
        if clerk is None:
            return  # nobody to log out (also from the lock screen: 切换用户 there)
        self.idle.stop()
        close_work(self)
        self.clerk = None
        self.header.set_clerk(None, None)
        self.login_view.show_login()
        self.pages.setCurrentWidget(self.login_view)
        self.logged_out.emit()
        record = getattr(self._services, "record_logout", None)
        if callable(record):
            ops.run_op(self, lambda: record(clerk), lambda _: None)

    def _close_needs_person(self) -> None:
        if self.needs_person is not None and self.needs_person.isVisible():
            self.needs_person.reject()
        self.needs_person = None

    def _close_approval_dialogs(self) -> None:
        """On lock: the approval queue and a 作废 / 更正 request (a supervisor's password may
        be half typed) never stay open over the lock screen."""
        for dialog in self.findChildren(QDialog):
            if dialog.objectName() in _APPROVAL_DIALOGS and dialog.isVisible():
                dialog.reject()
        self.approvals = None

    def _role_label(self, clerk: Clerk) -> str:
        if clerk.role is Role.SUPERVISOR:
            return self.tr("科室负责人")
        return self.tr("窗口人员")

    def lock(self, reason: str = "manual") -> None:
        """Cover the work with the lock screen; the clerk's password opens it again."""
        clerk = self.clerk
        if clerk is None or self.is_locked:
            return
        self.idle.stop()
        self.header.set_actions_enabled(False)
        self._close_approval_dialogs()
        self.login_view.show_locked(clerk)
        self.pages.setCurrentWidget(self.login_view)
        self.locked.emit()
        ops.run_op(self, lambda: self._services.record_lock(clerk, reason), lambda _: None)

    def _unlocked(self, clerk: Clerk) -> None:
        self.header.set_actions_enabled(True)
        self.pages.setCurrentWidget(self.work)
        self.idle.start()
        self.refresh_cases()

    # -- cases -------------------------------------------------------------------------------

    def new_case(self) -> None:
        """Start a new case in the wizard (Ctrl+N)."""
        if not self.is_working:
            return
        if self.wizard is not None:
            start = getattr(self.wizard, "new_case", None)
            if start is not None:
                start()
            self.case_host.setCurrentWidget(self.wizard)
            self.wizard.setFocus()

    def open_case(self, case_id: str) -> None:
        """Reopen a case where it stopped."""
        if not self.is_working or self.wizard is None:
            return
        reopen = getattr(self.wizard, "open_case", None)
        if reopen is not None:
            reopen(case_id)
        self.case_host.setCurrentWidget(self.wizard)

    def refresh_cases(self) -> None:
        """Reload the case list and the outbox count in the background (one load at a time: a
        call during a load loads once more after it)."""
        if self._cases_loading:
            self._cases_again = True
            return
        self._cases_loading = True
        services = self._services

        def load() -> tuple[list[CaseSummary], int]:
            return services.case_summaries(), services.pending_sync()

        def failed(exc: BaseException) -> None:
            self._cases_loading = self._cases_again = False
            ops.show_failure(self, exc)

        pool = self.case_updates.pool if self.case_updates is not None else None
        ops.run_op(self, load, self._cases_loaded, failed, pool=pool)

    def _store_changed(self, _case_ids: frozenset[str]) -> None:
        # The list is read again when the clerk logs in or unlocks.
        if self.is_working and self.isVisible():
            self.refresh_cases()

    def _cases_loaded(self, loaded: tuple[list[CaseSummary], int]) -> None:
        self._cases_loading = False
        summaries, pending = loaded
        self.case_list.set_cases([_entry(s) for s in summaries])
        self.header.set_pending(pending)
        self.cases_refreshed.emit()
        if self._cases_again:
            self._cases_again = False
            self.refresh_cases()

    # -- about and window events -------------------------------------------------------------

    def show_about(self) -> None:
        """F1: version, training mode and the keyboard shortcuts."""
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(self.tr("关于 ClerkApp"))
        box.setText(
            self.tr(
                "ClerkApp {0} · 无证明城市窗口办件\n\n"
                "Ctrl+N 新建办件 · Enter 下一步 · Esc 上一步 · F5 重试查询 · "
                "Ctrl+P 打印 · Ctrl+L 锁屏 · Ctrl+Shift+A 申请人屏 · F1 帮助"
            ).format(__version__)
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        """Announce the first time the window is on screen (start-up benchmark)."""
        super().showEvent(event)
        self._follow_store(True)
        if not self._shown_once:
            self._shown_once = True
            self.first_shown.emit()

    def _follow_store(self, follow: bool) -> None:
        """Follow the store's case changes while the window is open (a closed window must not
        read a store that may be closing)."""
        if self.case_updates is None or follow == self._following:
            return
        self._following = follow
        if follow:
            self.case_updates.changed.connect(self._store_changed)
        else:
            with contextlib.suppress(RuntimeError):
                self.case_updates.changed.disconnect(self._store_changed)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        """Stop watching input and following the store; the application shuts the sandbox down
        on quit."""
        self.idle.stop()
        self._follow_store(False)
        super().closeEvent(event)


def _entry(summary: CaseSummary) -> CaseEntry:
    if summary.needs_person:
        group = Group.NEEDS_PERSON
    elif summary.waiting:
        group = Group.WAITING
    else:
        group = Group.TODAY
    return CaseEntry(
        case_id=summary.case_id,
        matter_name=summary.matter_name,
        applicant_name=summary.applicant_name,
        id_masked=summary.id_masked,
        state=summary.state,
        group=group,
        waiting_lookup=summary.waiting_lookup,
        needs_person=summary.needs_person,
        procedure=summary.procedure,
        decidable=summary.decidable,
        present=present_text(summary.present_role, summary.present_masked),
    )
