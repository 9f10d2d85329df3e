"""The main window on a real store: login, lock-out, lock screen, idle lock, case list, English."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from clerkapp.app.context import AppContext
from clerkapp.gui.i18n import install_translators
from clerkapp.gui.main_window import MainWindow
from clerkapp.gui.theme import PlatformState

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, app_context: AppContext) -> MainWindow:
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def log_in(qtbot: QtBot, win: MainWindow, username: str, password: str) -> None:
    view = win.login_view
    if not view.username.isReadOnly():
        view.username.clear()
        qtbot.keyClicks(view.username, username)
    qtbot.keyClicks(view.password, password)
    qtbot.keyClick(view.password, Qt.Key.Key_Return)


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


def test_wrong_password_says_so_and_counts_down(qtbot: QtBot, window: MainWindow) -> None:
    log_in(qtbot, window, "demo", "wrong")
    qtbot.waitUntil(lambda: "不正确" in window.login_view.message.text(), timeout=10_000)
    assert "再错 4 次" in window.login_view.message.text()
    assert window.pages.currentWidget() is window.login_view
    assert window.login_view.password.text() == ""


def test_five_failures_lock_the_account(qtbot: QtBot, window: MainWindow) -> None:
    for attempt in range(5):
        log_in(qtbot, window, "demo", f"wrong{attempt}")
        qtbot.waitUntil(lambda: window.login_view.submit.isEnabled(), timeout=10_000)
        qtbot.waitUntil(lambda: window.login_view.message.text() != "正在验证…", timeout=10_000)
    assert "锁定" in window.login_view.message.text()
    log_in(qtbot, window, "demo", "demo123")  # right password, still locked
    qtbot.waitUntil(lambda: window.login_view.submit.isEnabled(), timeout=10_000)
    qtbot.waitUntil(lambda: "锁定" in window.login_view.message.text(), timeout=10_000)
    assert not window.is_working


def test_ctrl_l_locks_and_password_unlocks(qtbot: QtBot, window: MainWindow) -> None:
    log_in(qtbot, window, "demo", "demo123")
    qtbot.waitUntil(lambda: window.is_working, timeout=10_000)
    qtbot.keyClick(window.case_list.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked
    assert window.login_view.username.isReadOnly()
    assert window.login_view.username.text() == "demo"
    log_in(qtbot, window, "demo", "demo123")
    qtbot.waitUntil(lambda: window.is_working, timeout=10_000)
    assert not window.is_locked


def test_idle_time_locks_the_screen(qtbot: QtBot, app_context: AppContext) -> None:
    app_context.idle_lock_minutes = 0.005  # 0.3 s
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.show()
    log_in(qtbot, win, "demo", "demo123")
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
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.show()
    log_in(qtbot, win, "demo", "demo123")
    qtbot.waitUntil(lambda: win.is_working, timeout=10_000)
    deadline = datetime.now(UTC) + timedelta(seconds=1.5)
    while datetime.now(UTC) < deadline:  # keep typing for longer than the idle period
        qtbot.keyClick(win.case_list.search, Qt.Key.Key_A)
        qtbot.wait(100)
        assert not win.is_locked
    qtbot.waitUntil(lambda: win.is_locked, timeout=5000)


def _add_case(
    context: AppContext,
    case_id: str,
    matter: str,
    name: str,
    masked: str,
    state: str,
    outbox: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> None:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    with context.store.atomic() as db:
        db["cases"].insert(
            {
                "id": case_id,
                "matter_code": "M-" + case_id,
                "matter_name": matter,
                "applicant_kind": "person",
                "applicant_id": "x" * 18,
                "applicant_id_masked": masked,
                "applicant_name": name,
                "state": state,
                "json": json.dumps({}),
                "created_at": now,
                "updated_at": now,
                "tracking_token": "tok-" + case_id,
            }
        )
        for i, (kind, row_state) in enumerate(outbox):
            db["outbox"].insert(
                {
                    "kind": kind,
                    "case_id": case_id,
                    "payload": "{}",
                    "idempotency_key": f"{case_id}-{i}",
                    "state": row_state,
                    "created_at": now,
                }
            )


@pytest.fixture
def cases(app_context: AppContext) -> AppContext:
    _add_case(app_context, "c1", "公共租赁住房申请", "李明", "330702********1234", "approved")
    _add_case(
        app_context,
        "c2",
        "遗属补助",
        "韦小宝",
        "330781********002X",
        "accepted",
        [("verification_poll", "open")],
    )
    _add_case(
        app_context,
        "c3",
        "企业资质核准",
        "欧阳娜娜",
        "330783********5678",
        "open",
        [("lookup", "needs_person")],
    )
    _add_case(
        app_context,
        "c4",
        "抚恤金申领",
        "张三",
        "330702********4321",
        "open",
        [("lookup", "open")],
    )
    return app_context


def test_case_list_groups_masks_and_filters(qtbot: QtBot, cases: AppContext) -> None:
    win = MainWindow(cases)
    qtbot.addWidget(win)
    win.show()
    log_in(qtbot, win, "demo", "demo123")
    qtbot.waitUntil(lambda: len(win.case_list.visible_entries()) == 4, timeout=10_000)
    entries = {e.case_id: e for e in win.case_list.visible_entries()}
    assert entries["c1"].applicant_short == "李* 3307…1234"
    assert entries["c3"].applicant_short == "欧*** 3307…5678"
    assert entries["c1"].group.value == "today" and entries["c1"].status.text() == "✔ 已办结"
    assert entries["c2"].group.value == "waiting"
    assert entries["c2"].status.words == "等待部门答复"
    assert entries["c4"].group.value == "waiting" and entries["c4"].status.words == "查询排队中"
    assert entries["c3"].group.value == "needs_person" and entries["c3"].status.icon == "✖"
    titles = [win.case_list.tree.topLevelItem(i).text(0) for i in range(3)]  # type: ignore[union-attr]
    assert titles == ["今日办件 (1)", "等待中 (2)", "需处理 (1)"]
    # No full ID number and no full name anywhere in what the list shows.
    spoken = [
        win.case_list.tree.topLevelItem(g).child(i).data(0, Qt.ItemDataRole.AccessibleTextRole)  # type: ignore[union-attr]
        for g in range(3)
        for i in range(win.case_list.tree.topLevelItem(g).childCount())  # type: ignore[union-attr]
    ]
    assert len(spoken) == 4
    assert not any(name in s for s in spoken for name in ("李明", "韦小宝", "欧阳娜娜", "张三"))
    assert not any("330702********1234" in s for s in spoken)

    win.case_list.search.setText("遗属")
    assert [e.case_id for e in win.case_list.visible_entries()] == ["c2"]
    win.case_list.search.setText("002x")  # ID tail, case-insensitive X
    assert [e.case_id for e in win.case_list.visible_entries()] == ["c2"]
    win.case_list.search.setText("欧阳")  # full name searchable though shown masked
    assert [e.case_id for e in win.case_list.visible_entries()] == ["c3"]
    win.case_list.search.setText("")
    assert len(win.case_list.visible_entries()) == 4


def test_enter_on_a_case_asks_to_reopen_it(qtbot: QtBot, cases: AppContext) -> None:
    win = MainWindow(cases)
    qtbot.addWidget(win)
    win.show()
    log_in(qtbot, win, "demo", "demo123")
    qtbot.waitUntil(lambda: len(win.case_list.visible_entries()) == 4, timeout=10_000)
    win.case_list.search.setText("公共租赁")  # Chinese arrives through the input method
    qtbot.keyClick(win.case_list.search, Qt.Key.Key_Return)  # focus the first match
    assert win.case_list.tree.hasFocus() or win.case_list.tree.currentItem() is not None
    with qtbot.waitSignal(win.case_list.case_activated, timeout=2000) as blocker:
        qtbot.keyClick(win.case_list.tree, Qt.Key.Key_Return)
    assert blocker.args == ["c1"]


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
