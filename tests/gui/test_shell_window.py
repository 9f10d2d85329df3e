"""The main window on a real store: login, lock-out, lock screen, idle lock, case list, English."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from clerkapp.app.context import AppContext
from clerkapp.gui import ops
from clerkapp.gui.i18n import install_translators
from clerkapp.gui.main_window import MainWindow
from clerkapp.gui.theme import PlatformState
from clerkapp.infra.catalogue_io import read_catalogue
from clerkapp.infra.paths import resources_dir
from clerkapp.sandbox import demo
from tests.gui.wizard_driver import log_in

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, app_context: AppContext) -> MainWindow:
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _logging_in(qtbot: QtBot, context: AppContext) -> MainWindow:
    """A main window on ``context``, shown, the demo clerk's password just entered."""
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    log_in(qtbot, win, "demo", "demo123")
    return win


def test_training_window_shows_banner_and_login_first(window: MainWindow) -> None:
    assert window.banner is not None and window.banner.isVisible()
    assert "培训模式" in window.banner.text() and "demo / demo123" in window.banner.text()
    assert window.pages.currentWidget() is window.login_view
    assert not window.header.new_case_button.isEnabled()


def test_demo_login_shows_work_area_and_clerk(qtbot: QtBot, window: MainWindow) -> None:
    log_in(qtbot, window, "demo", "demo123")
    qtbot.waitUntil(lambda: window.is_working, timeout=10_000)
    assert window.clerk is not None and window.clerk.username == "demo"
    assert "演示窗口人员" in window.header.clerk_label.text()
    assert "窗口人员" in window.header.clerk_label.text()
    assert window.header.new_case_button.isEnabled()


def test_wrong_password_says_so_and_nothing_more(qtbot: QtBot, window: MainWindow) -> None:
    log_in(qtbot, window, "demo", "wrong")
    qtbot.waitUntil(lambda: "不正确" in window.login_view.message.text(), timeout=10_000)
    # No count-down: it would tell that the name exists (issue 11).
    assert window.login_view.message.text() == "用户名或密码不正确。"
    assert window.pages.currentWidget() is window.login_view
    assert window.login_view.password.text() == ""


def test_five_failures_lock_the_account(qtbot: QtBot, window: MainWindow) -> None:
    for attempt in range(5):
        log_in(qtbot, window, "demo", f"wrong{attempt}")
        qtbot.waitUntil(lambda: window.login_view.submit.isEnabled(), timeout=10_000)
        qtbot.waitUntil(lambda: window.login_view.message.text() != "正在验证…", timeout=10_000)
    assert "登录失败次数过多" in window.login_view.message.text()
    log_in(qtbot, window, "demo", "demo123")  # right password, still locked
    qtbot.waitUntil(lambda: window.login_view.submit.isEnabled(), timeout=10_000)
    qtbot.waitUntil(lambda: "次数过多" in window.login_view.message.text(), timeout=10_000)
    assert not window.is_working


def test_ctrl_l_locks_and_password_unlocks(qtbot: QtBot, window: MainWindow) -> None:
    log_in(qtbot, window, "demo", "demo123")
    qtbot.waitUntil(lambda: window.is_working, timeout=10_000)
    qtbot.keyClick(window.case_list.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked
    assert window.login_view.username.isReadOnly()
    assert window.login_view.username.text() == "demo"
    assert window.login_view.submit.text() == "解锁"
    assert not window.header.new_case_button.isEnabled()
    log_in(qtbot, window, "demo", "demo123")
    qtbot.waitUntil(lambda: window.is_working, timeout=10_000)
    assert not window.is_locked
    assert window.header.new_case_button.isEnabled()


def test_idle_time_locks_the_screen(qtbot: QtBot, app_context: AppContext) -> None:
    app_context.idle_lock_minutes = 0.005  # 0.3 s
    win = _logging_in(qtbot, app_context)
    qtbot.waitUntil(lambda: win.is_working, timeout=10_000)
    qtbot.waitUntil(lambda: win.is_locked, timeout=10_000)
    assert win.pages.currentWidget() is win.login_view
    actions = [e.action for e in app_context.store.audit.entries()]
    qtbot.waitUntil(
        lambda: "logout" in [e.action for e in app_context.store.audit.entries()], timeout=5000
    )
    assert "login" in actions


def test_input_postpones_the_idle_lock(qtbot: QtBot, app_context: AppContext) -> None:
    app_context.idle_lock_minutes = 0.01  # 0.6 s
    win = _logging_in(qtbot, app_context)
    qtbot.waitUntil(lambda: win.is_working, timeout=10_000)
    deadline = datetime.now(UTC) + timedelta(seconds=1.5)
    while datetime.now(UTC) < deadline:  # keep typing for longer than the idle period
        qtbot.keyClick(win.case_list.search, Qt.Key.Key_A)
        qtbot.wait(100)
        assert not win.is_locked
    qtbot.waitUntil(lambda: win.is_locked, timeout=5000)


@pytest.fixture
def cases(clerkapp_home: Path) -> Iterator[AppContext]:
    """Four cases made through the case service on the canonical catalogue and a real store."""
    catalogue = read_catalogue(resources_dir() / "catalogue" / "canonical.json")
    app_context = AppContext(clerkapp_home, catalogue=catalogue)
    service = app_context.case_service
    rental = "zjj.public_rental"
    ids = {}
    ids["open"] = service.open_case(rental, "person", demo.LI_MING, "李明", "demo").id
    waiting = service.open_case(rental, "person", demo.ZHANG_GUILAN, "韦小宝", "demo").id
    service.request_verification(waiting, "zjj.public_rental.homestead", "demo")
    ids["waiting"] = waiting
    stuck = service.open_case(rental, "person", demo.ZHAO_QIANG, "欧阳娜娜", "demo").id
    row = app_context.store.outbox.for_case(stuck)[0]
    app_context.store.outbox.mark_needs_person(row.id, "refused by the platform")
    ids["stuck"] = stuck
    ids["other"] = service.open_case(
        "rsj.funeral_survivor",
        "person",
        demo.WEI_XIUYING,
        "张三",
        "demo",
        related={"deceased": (demo.CHEN_JIANGUO, "陈建国")},
    ).id
    app_context.case_ids = ids  # type: ignore[attr-defined]
    yield app_context
    ops.wait_for_ops(10_000)
    app_context.close()


def test_case_list_groups_masks_and_filters(qtbot: QtBot, cases: AppContext) -> None:
    ids: dict[str, str] = cases.case_ids  # type: ignore[attr-defined]
    win = _logging_in(qtbot, cases)
    qtbot.waitUntil(lambda: len(win.case_list.visible_entries()) == 4, timeout=10_000)
    entries = {e.case_id: e for e in win.case_list.visible_entries()}
    li = entries[ids["open"]]
    assert li.applicant_short == f"李* {demo.LI_MING[:4]}…{demo.LI_MING[-4:]}"
    assert entries[ids["stuck"]].applicant_short.startswith("欧*** ")
    assert li.group.value == "today" and li.status.text() == "⟳ 办理中"
    assert entries[ids["waiting"]].group.value == "waiting"
    assert entries[ids["waiting"]].status.text() == "◷ 等待答复"
    assert entries[ids["stuck"]].group.value == "needs_person"
    assert entries[ids["stuck"]].status.text() == "✖ 需处理"
    titles = [win.case_list.tree.topLevelItem(i).text(0) for i in range(3)]  # type: ignore[union-attr]
    assert titles == ["今日办件 (2)", "等待中 (1)", "需处理 (1)"]
    # No full ID number and no full name anywhere in what the list shows.
    spoken = [
        win.case_list.tree.topLevelItem(g).child(i).data(0, Qt.ItemDataRole.AccessibleTextRole)  # type: ignore[union-attr]
        for g in range(3)
        for i in range(win.case_list.tree.topLevelItem(g).childCount())  # type: ignore[union-attr]
    ]
    assert len(spoken) == 4
    assert not any(name in s for s in spoken for name in ("李明", "韦小宝", "欧阳娜娜", "张三"))
    assert not any(demo.LI_MING in s or demo.LI_MING[6:14] in s for s in spoken)

    win.case_list.search.setText("丧葬")
    assert [e.case_id for e in win.case_list.visible_entries()] == [ids["other"]]
    win.case_list.search.setText(demo.ZHAO_QIANG[-4:].lower())  # ID tail, any case
    assert [e.case_id for e in win.case_list.visible_entries()] == [ids["stuck"]]
    win.case_list.search.setText("欧阳")  # full name searchable though shown masked
    assert [e.case_id for e in win.case_list.visible_entries()] == [ids["stuck"]]
    win.case_list.search.setText("")
    assert len(win.case_list.visible_entries()) == 4


def test_enter_on_a_case_asks_to_reopen_it(qtbot: QtBot, cases: AppContext) -> None:
    win = _logging_in(qtbot, cases)
    qtbot.waitUntil(lambda: len(win.case_list.visible_entries()) == 4, timeout=10_000)
    win.case_list.search.setText("公共租赁")  # Chinese arrives through the input method
    qtbot.keyClick(win.case_list.search, Qt.Key.Key_Return)  # focus the first match
    assert win.case_list.tree.hasFocus() or win.case_list.tree.currentItem() is not None
    with qtbot.waitSignal(win.case_list.case_activated, timeout=2000) as blocker:
        qtbot.keyClick(win.case_list.tree, Qt.Key.Key_Return)
    assert blocker.args == [cases.case_ids["open"]]  # type: ignore[attr-defined]


def test_header_shows_platform_state_and_pending_count(window: MainWindow) -> None:
    window.set_platform_state(PlatformState.OFFLINE)
    assert "离线" in window.header.platform_label.text()
    assert "#b3261e" in window.header.platform_label.text()
    window.set_pending(3)
    assert "待同步 3" in window.header.pending_label.text()


def test_every_interactive_control_has_names(window: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLineEdit

    controls = [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QLineEdit | QAbstractItemView)
        and not w.objectName().startswith("qt_")
        and not w.isHidden()  # e.g. the tree's hidden header
        and not isinstance(w.parent(), QLineEdit)  # a line edit's own clear button
    ]
    assert len(controls) >= 6
    unnamed = [type(w).__name__ for w in controls if not w.objectName() or not w.accessibleName()]
    assert unnamed == []


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, "en")
    yield
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    install_translators(qapp, "zh_CN")


def test_english_interface(qtbot: QtBot, app_context: AppContext, english: None) -> None:
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    assert win.banner is not None
    assert win.banner.text().startswith("Training mode · demo account demo / demo123")
    assert win.login_view.submit.text() == "Log in"
    assert win.header.new_case_button.text() == "New case (Ctrl+N)"
    win.set_platform_state(PlatformState.ONLINE)
    assert "Platform online" in win.header.platform_label.text()
    win.show()
    log_in(qtbot, win, "demo", "wrong")
    qtbot.waitUntil(lambda: "Wrong username" in win.login_view.message.text(), timeout=10_000)
    assert win.login_view.message.text() == "Wrong username or password."


def test_ctrl_n_opens_the_case_wizard_and_enter_reopens_a_case(
    qtbot: QtBot, cases: AppContext
) -> None:
    from clerkapp.gui.application import default_wizard

    win = MainWindow(cases, wizard_factory=default_wizard(cases))
    qtbot.addWidget(win)
    win.show()
    assert win.case_host.currentWidget() is win.welcome
    qtbot.keyClick(win.login_view.username, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert win.wizard is None  # nobody logged in: Ctrl+N does nothing
    log_in(qtbot, win, "demo", "demo123")
    qtbot.waitUntil(lambda: len(win.case_list.visible_entries()) == 4, timeout=10_000)
    assert win.wizard is not None and win.wizard.objectName() == "caseWizard"
    qtbot.keyClick(win.case_list.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert win.case_host.currentWidget() is win.wizard
    win.case_host.setCurrentWidget(win.welcome)
    win.open_case(cases.case_ids["open"])  # type: ignore[attr-defined]
    assert win.case_host.currentWidget() is win.wizard


def test_ui_objects_document_lists_every_shell_control(window: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLineEdit

    doc = (resources_dir().parent / "docs" / "ui-objects.md").read_text(encoding="utf-8")
    names = {
        w.objectName()
        for w in window.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QLineEdit | QAbstractItemView)
        and w.objectName()
        and not w.objectName().startswith("qt_")
    }
    assert names >= {"loginUsername", "loginPassword", "loginButton", "caseSearch", "caseList"}
    missing = sorted(n for n in names if f"`{n}`" not in doc)
    assert missing == []


def test_tab_goes_from_search_to_list_and_f1_shows_shortcuts(
    qtbot: QtBot, window: MainWindow
) -> None:
    from PySide6.QtWidgets import QMessageBox

    log_in(qtbot, window, "demo", "demo123")
    qtbot.waitUntil(lambda: window.is_working, timeout=10_000)
    window.activateWindow()
    window.case_list.search.setFocus()
    qtbot.waitUntil(lambda: window.case_list.search.hasFocus(), timeout=2000)
    qtbot.keyClick(window.case_list.search, Qt.Key.Key_Tab)
    assert window.case_list.tree.hasFocus()
    qtbot.keyClick(window.case_list.tree, Qt.Key.Key_F1)
    box = window.findChild(QMessageBox, "aboutBox")
    assert box is not None and "Ctrl+N 新建办件" in box.text() and "Ctrl+L 锁屏" in box.text()
    box.close()


def test_uncaught_exception_is_logged_without_message_and_shown_in_chinese(
    qtbot: QtBot, window: MainWindow, caplog: pytest.LogCaptureFixture
) -> None:
    import sys

    from PySide6.QtWidgets import QMessageBox

    from clerkapp.gui.application import install_excepthook

    previous = sys.excepthook
    install_excepthook(window)
    try:
        try:
            raise RuntimeError("李明 330702198503120316")  # personal data in a message
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    box = window.findChild(QMessageBox, "unexpectedErrorBox")
    assert box is not None
    assert box.text().startswith("程序遇到意外错误")
    assert "Traceback" not in box.text()
    assert "RuntimeError" in caplog.text
    assert "330702198503120316" not in caplog.text and "李明" not in caplog.text
    box.close()


def test_logging_goes_to_a_rotating_file_in_the_data_dir(clerkapp_home: Path) -> None:
    import logging
    import logging.handlers

    from clerkapp.infra.logging_setup import setup_logging

    path = setup_logging()
    try:
        assert path == clerkapp_home / "logs" / "clerkapp.log"
        assert setup_logging() == path  # idempotent: one handler
        logging.getLogger("clerkapp.test").info("hello from the test")
        handlers = [
            h
            for h in logging.getLogger("clerkapp").handlers
            if isinstance(h, logging.handlers.RotatingFileHandler)
        ]
        assert len(handlers) == 1
        handlers[0].flush()
        assert "hello from the test" in path.read_text(encoding="utf-8")
    finally:
        for h in list(logging.getLogger("clerkapp").handlers):
            if isinstance(h, logging.handlers.RotatingFileHandler):
                logging.getLogger("clerkapp").removeHandler(h)
                h.close()


def test_training_banner_names_the_training_store(qtbot: QtBot, app_context: AppContext) -> None:
    """The window says which store it works in (issue 10 part 5): training work is in the
    training store, which the banner names and which is never sent to a real platform."""
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    assert win.banner is not None
    assert "培训库：不会发送到正式平台" in win.banner.text()
    assert app_context.store.path == app_context.home / "training" / "clerkapp.sqlite3"
    assert str(app_context.store.path) in win.banner.toolTip()
