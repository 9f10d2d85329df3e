"""The parts of the main window that end or administer a session (issue 11): the header's
账号管理 and 注销 buttons, and closing a clerk's work on 注销 / 切换用户 — kept apart from
:mod:`clerkapp.gui.main_window` so that the window stays a reading's length. The account page
itself (:mod:`clerkapp.gui.accounts_page`) is imported when first opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QBoxLayout, QDialog, QPushButton

if TYPE_CHECKING:
    from clerkapp.gui.main_window import MainWindow

#: Opens the supervisor's account page (账号管理).
ACCOUNTS_KEYS = "Ctrl+Shift+U"
#: 注销 / 切换用户: back to the login screen without quitting.
LOGOUT_KEYS = "Ctrl+Shift+L"
#: The account page's windows, which a lock closes (a password may be half typed).
ACCOUNT_DIALOGS = frozenset({"accountsDialog", "newAccountDialog", "resetPasswordDialog"})


def add_session_buttons(window: MainWindow) -> tuple[QPushButton, QPushButton]:
    """账号管理 (a supervisor's, before 新建办件) and 注销 (last) in ``window``'s header, both
    hidden until someone logs in."""
    header = window.header
    accounts = QPushButton(QCoreApplication.translate("MainWindow", "账号管理"), header)
    accounts.setObjectName("accountsButton")
    accounts.setAccessibleName(QCoreApplication.translate("MainWindow", "账号管理"))
    logout = QPushButton(QCoreApplication.translate("MainWindow", "注销"), header)
    logout.setObjectName("logoutButton")
    logout.setAccessibleName(QCoreApplication.translate("MainWindow", "注销或切换用户"))
    # The header is full: the keys are in the tooltips (and in F1's list).
    accounts.setToolTip(QCoreApplication.translate("MainWindow", "账号管理 (Ctrl+Shift+U)"))
    logout.setToolTip(
        QCoreApplication.translate(
            "MainWindow", "注销当前用户，回到登录界面（切换用户）(Ctrl+Shift+L)"
        )
    )
    for button in (accounts, logout):
        button.hide()
    bar = header.layout()
    if isinstance(bar, QBoxLayout):
        bar.insertWidget(bar.indexOf(header.new_case_button), accounts)
        bar.addWidget(logout)
    return accounts, logout


def close_work(window: MainWindow) -> None:
    """Close a clerk's work in ``window``: every dialog, the wizard (its answers still on the
    way dropped; the case was stored action by action), the case list — so the next clerk gets
    a wizard of their own and starts clean."""
    for dialog in window.findChildren(QDialog):
        if dialog.isVisible():
            dialog.reject()
    window.approvals = None
    window.accounts = None
    wizard, window.wizard = window.wizard, None
    if wizard is not None:
        presenter = getattr(wizard, "presenter", None)
        if presenter is not None:
            presenter.stop()
        window.case_host.removeWidget(wizard)
        wizard.hide()
        wizard.deleteLater()
    window.case_host.setCurrentWidget(window.welcome)
    window.case_list.set_cases([])
    for button in (window.approvals_button, window.accounts_button, window.logout_button):
        button.hide()
