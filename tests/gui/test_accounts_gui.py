"""Accounts in the real window (issue 11): a configured workstation with no account asks for the
first supervisor at start; the supervisor's 账号管理 page adds a clerk who then logs in, after
注销 (Ctrl+Shift+L) — and a clerk never sees the page. In training mode, 切换用户 with a case
open: the wizard is dropped, the next user starts clean and the trail names them."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from clerkapp.app.context import AppContext
from clerkapp.gui.accounts_page import AccountsDialog, FirstSupervisorDialog, NewAccountDialog
from clerkapp.gui.application import Shell, default_wizard
from clerkapp.gui.main_window import MainWindow
from clerkapp.gui.wizard import CaseWizard
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.infra.settings import WorkstationSettings
from clerkapp.infra.store.clerks import Role
from tests.gui.conftest import NOWHERE
from tests.gui.wizard_driver import ensure_catalogue, log_in, read_demo_card_in_window, wait_until
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401 (fixture)

pytestmark = pytest.mark.gui

CHIEF_PASSWORD = "chief-pass-2026"
CLERK_PASSWORD = "clerk-pass-2026"


@pytest.fixture
def configured(clerkapp_home: Path) -> Iterator[AppContext]:
    """A workstation configured for a platform (nobody answers there), with no account."""
    settings = WorkstationSettings(platform_url=NOWHERE, workstation="JH-RS-03")
    context = AppContext(clerkapp_home, settings=settings)
    yield context
    context.close()


def _press(window: MainWindow, name: str) -> None:
    shortcut = window.findChild(QShortcut, name)
    assert shortcut is not None, name
    shortcut.activated.emit()  # as its keys do


def _fill(qtbot: QtBot, dialog: Any, **fields: str) -> None:
    form = dialog.form
    for name, text in fields.items():
        line = getattr(form, name)
        line.clear()
        if text.isascii():
            qtbot.keyClicks(line, text)
        else:
            line.setText(text)  # QTest types ASCII only (an input method types 汉字)


def _logged_in_as(qtbot: QtBot, window: MainWindow, username: str, password: str) -> None:
    log_in(qtbot, window, username, password)
    qtbot.waitUntil(lambda: window.is_working, timeout=20_000)
    assert window.clerk is not None and window.clerk.username == username


def test_first_supervisor_then_a_clerk_added_on_the_page_logs_in(
    qtbot: QtBot, configured: AppContext
) -> None:
    shell = Shell(configured)
    qtbot.addWidget(shell.window)
    window = shell.window
    try:
        shell.start()
        qtbot.waitUntil(lambda: shell.first_supervisor is not None, timeout=10_000)
        first = shell.first_supervisor
        assert isinstance(first, FirstSupervisorDialog) and first.isVisible()
        assert window.banner is None  # not training
        # Passwords that differ are caught before anything is stored.
        _fill(
            qtbot, first, username="chief", display_name="王主任",
            password=CHIEF_PASSWORD, repeat="something-else",
        )  # fmt: skip
        first.ok_button.click()
        assert "不一致" in first.message.text()
        _fill(qtbot, first, password="short", repeat="short")
        first.ok_button.click()
        qtbot.waitUntil(lambda: "至少 10 个字符" in first.message.text(), timeout=10_000)
        _fill(qtbot, first, password=CHIEF_PASSWORD, repeat=CHIEF_PASSWORD)
        first.ok_button.click()
        qtbot.waitUntil(lambda: not first.isVisible(), timeout=10_000)
        assert window.login_view.username.text() == "chief"
        assert "已创建" in window.login_view.message.text()

        # Training accounts do not work here.
        log_in(qtbot, window, "demo", "demo123")
        qtbot.waitUntil(
            lambda: window.login_view.message.text() == "用户名或密码不正确。", timeout=10_000
        )
        _logged_in_as(qtbot, window, "chief", CHIEF_PASSWORD)
        assert window.accounts_button.isVisible() and window.logout_button.isVisible()

        _press(window, "shortcutAccounts")
        page = window.accounts
        assert isinstance(page, AccountsDialog) and page.isVisible()
        qtbot.waitUntil(lambda: [a.username for a in page.accounts] == ["chief"], timeout=10_000)
        # The last supervisor can be neither disabled nor demoted.
        page.select("chief")
        page.toggle_active()
        qtbot.waitUntil(lambda: "最后一个启用的科室负责人" in page.status.text(), timeout=10_000)

        add = page.ask_add()
        assert isinstance(add, NewAccountDialog)
        _fill(
            qtbot, add, username="wangxiao", display_name="王晓",
            password=CLERK_PASSWORD, repeat=CLERK_PASSWORD,
        )  # fmt: skip
        assert add.form.role is not None and Role(add.form.role.currentData()) is Role.CLERK
        add.ok_button.click()
        qtbot.waitUntil(lambda: not add.isVisible(), timeout=10_000)
        qtbot.waitUntil(lambda: len(page.accounts) == 2, timeout=10_000)
        row = {a.username: a for a in page.accounts}["wangxiao"]
        assert (row.display_name, row.role, row.active) == ("王晓", Role.CLERK, True)

        # 注销: the page closes with the supervisor's work, the login screen shows.
        _press(window, "shortcutLogout")  # Ctrl+Shift+L, the page still open
        qtbot.waitUntil(lambda: window.clerk is None, timeout=10_000)
        assert window.pages.currentWidget() is window.login_view
        assert not page.isVisible() and window.wizard is None
        assert window.login_view.username.text() == "" and not window.accounts_button.isVisible()

        _logged_in_as(qtbot, window, "wangxiao", CLERK_PASSWORD)
        assert window.header.clerk_label.text() == "王晓 · 窗口人员"  # name · role, once
        assert not window.accounts_button.isVisible()
        assert window.open_accounts() is None  # a clerk: nothing opens
        _press(window, "shortcutAccounts")
        assert window.findChild(AccountsDialog, "accountsDialog") is None

        entries = configured.store.audit.entries()
        logins = [(e.action, e.actor) for e in entries if e.action in {"login", "logout"}]
        assert logins == [("login", "chief"), ("logout", "chief"), ("login", "wangxiao")]
        added = [e for e in entries if e.action == "clerk_added"]
        assert [(e.actor, e.data["account"]) for e in added] == [
            ("chief", "chief"),
            ("chief", "wangxiao"),
        ]
        dump = " ".join(str(e.data) for e in entries)
        assert CHIEF_PASSWORD not in dump and CLERK_PASSWORD not in dump
    finally:
        shell.shutdown()


@pytest.mark.sandbox
def test_switch_user_with_a_case_open_starts_the_next_user_clean(
    qtbot: QtBot,
    app_context: AppContext,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    ensure_catalogue()
    app_context.use_platform_url(sandbox.url)
    app_context.case_service.workstation = f"TRAIN01{secrets.token_hex(3).upper()}"
    window = MainWindow(app_context, wizard_factory=default_wizard(app_context))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    _logged_in_as(qtbot, window, "demo", "demo123")
    first = window.wizard
    assert isinstance(first, CaseWizard)
    wait_until(lambda: first.services.ready, 20, "catalogue")
    read_demo_card_in_window(qtbot, window, first)
    QTest.keyClick(first.applicant_step.name_edit, Qt.Key.Key_Return)
    wait_until(lambda: first.step is Step.PROOFS, 20, "case opened")
    case_id = first.presenter.case_id
    assert case_id

    # Lock, then 切换用户 from the lock screen.
    window.lock("manual")
    assert window.login_view.switch_button.isVisible()
    window.login_view.switch_button.click()
    assert window.clerk is None and window.wizard is None
    assert window.case_host.currentWidget() is window.welcome
    assert window.case_list.visible_entries() == []
    qtbot.waitUntil(lambda: not first.isVisible(), timeout=5000)

    _logged_in_as(qtbot, window, "demo-sup", "demo123")
    second = window.wizard
    assert isinstance(second, CaseWizard) and second is not first
    assert second.step is Step.MATTER and second.presenter.case is None
    assert second.applicant_step.name_edit.text() == ""
    assert window.accounts_button.isVisible()  # a supervisor
    # The case was kept (stored action by action) and the next user may reopen it.
    assert app_context.store.cases.clerk_of(case_id) == "demo"
    qtbot.waitUntil(lambda: len(window.case_list.visible_entries()) == 1, timeout=10_000)

    wait_until(lambda: second.services.ready, 20, "catalogue")
    read_demo_card_in_window(qtbot, window, second)
    QTest.keyClick(second.applicant_step.name_edit, Qt.Key.Key_Return)
    wait_until(lambda: second.step is Step.PROOFS and second.presenter.case_id, 20, "2nd case")
    wait_until(lambda: not second.presenter.lookups_running(), 20, "look-ups done")
    created = [e for e in app_context.store.audit.entries() if e.action == "case_created"]
    assert [e.actor for e in created] == ["demo", "demo-sup"]
    actors = [(e.action, e.actor) for e in app_context.store.audit.entries()]
    assert ("logout", "demo") in actors
    window.destroyed.connect(second.presenter.stop)


def test_the_page_disables_resets_and_changes_roles(qtbot: QtBot, configured: AppContext) -> None:
    configured.add_first_supervisor("chief", "王主任", CHIEF_PASSWORD)
    admin = configured.account_admin(configured.login("chief", CHIEF_PASSWORD))
    admin.add("li", "李四", Role.CLERK, CLERK_PASSWORD)
    window = MainWindow(configured)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _logged_in_as(qtbot, window, "chief", CHIEF_PASSWORD)
    window.accounts_button.click()
    page = window.accounts
    assert isinstance(page, AccountsDialog)
    qtbot.waitUntil(lambda: len(page.accounts) == 2, timeout=10_000)

    def li() -> Any:
        return {a.username: a for a in page.accounts}["li"]

    page.select("li")
    assert page.toggle_button.text() == "停用" and page.role_button.text() == "设为科室负责人"
    page.toggle_button.click()
    qtbot.waitUntil(lambda: not li().active, timeout=10_000)
    page.select("li")
    assert page.toggle_button.text() == "启用"
    page.role_button.click()
    qtbot.waitUntil(lambda: li().role is Role.SUPERVISOR, timeout=10_000)
    page.select("li")
    reset = page.ask_reset_password()
    assert reset is not None
    qtbot.keyClicks(reset.password, "li-new-pass-42")
    qtbot.keyClicks(reset.repeat, "li-new-pass-4")
    reset.ok_button.click()
    assert "不一致" in reset.message.text()
    qtbot.keyClick(reset.repeat, Qt.Key.Key_2)
    reset.ok_button.click()
    qtbot.waitUntil(lambda: not reset.isVisible(), timeout=10_000)

    # Disabled: the one message, even with the new password.
    window.logout_button.click()
    log_in(qtbot, window, "li", "li-new-pass-42")
    qtbot.waitUntil(
        lambda: window.login_view.message.text() == "用户名或密码不正确。", timeout=10_000
    )
    assert window.clerk is None
    admin.set_active("li", True)
    _logged_in_as(qtbot, window, "li", "li-new-pass-42")
    assert window.accounts_button.isVisible()  # li is a supervisor now
    changes = [
        (e.actor, e.data.get("account"), e.data.get("change"))
        for e in configured.store.audit.entries()
        if e.action == "clerk_updated"
    ]
    assert changes == [
        ("chief", "li", "disabled"),
        ("chief", "li", "role"),
        ("chief", "li", "password_reset"),
        ("chief", "li", "enabled"),
    ]
