"""The background-op helper: results, failures and progress come back on the GUI thread."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from clerkapp.errors import PlatformError
from clerkapp.gui import ops

pytestmark = pytest.mark.gui


def _is_gui_thread() -> bool:
    app = QApplication.instance()
    assert app is not None
    return QThread.currentThread() is app.thread()


def test_result_reaches_success_callback_on_gui_thread(qtbot: QtBot) -> None:
    seen: dict[str, Any] = {}
    worker_thread: list[bool] = []

    def work() -> int:
        worker_thread.append(_is_gui_thread())
        return 6 * 7

    def done(value: int) -> None:
        seen["value"] = value
        seen["gui"] = _is_gui_thread()

    handle = ops.run_op(None, work, done)
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert seen == {"value": 42, "gui": True}
    assert worker_thread == [False]
    assert ops.running_ops() == 0


def test_clerkapp_error_goes_to_on_failure_with_user_message(qtbot: QtBot) -> None:
    failures: list[str] = []

    def work() -> None:
        raise PlatformError("registry down", user_message="婚姻登记系统暂时不可用，请重试。")

    handle = ops.run_op(
        None,
        work,
        lambda _: pytest.fail("must not succeed"),
        on_failure=lambda exc: failures.append(ops.user_message_for(exc)),
    )
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert failures == ["婚姻登记系统暂时不可用，请重试。"]


def test_unexpected_error_shows_generic_chinese_box_and_logs_without_message(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()

    def work() -> None:
        raise KeyError("330702199001011234")  # a message that must never reach the log

    handle = ops.run_op(parent, work, lambda _: None)
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    box = parent.findChild(QMessageBox, "opErrorBox")
    assert box is not None
    assert box.text() == str(ops.GENERIC_FAILURE)
    assert "KeyError" in caplog.text
    assert "330702199001011234" not in caplog.text
    box.close()


def test_a_closed_windows_failure_pops_up_no_box(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    """An op of a window the clerk closed (or logged out of) fails later: the failure is logged,
    and no box appears on its own to take the keyboard from the window the clerk works in."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    parent.close()

    def work() -> None:
        raise KeyError("330702199001011234")

    handle = ops.run_op(parent, work, lambda _: None)
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert parent.findChild(QMessageBox, "opErrorBox") is None
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)] == []
    assert "KeyError" in caplog.text and "330702199001011234" not in caplog.text


def test_progress_values_arrive_in_order_on_gui_thread(qtbot: QtBot) -> None:
    values: list[tuple[int, bool]] = []

    def work(report: ops.ProgressCallback) -> str:
        for i in range(5):
            report(i)
        return "ok"

    handle = ops.run_op(
        None, work, lambda _: None, on_progress=lambda v: values.append((v, _is_gui_thread()))
    )
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert values == [(i, True) for i in range(5)]


def test_callbacks_dropped_when_parent_is_gone(qtbot: QtBot) -> None:
    parent = QWidget()
    release = threading.Event()
    called: list[object] = []

    def work() -> int:
        release.wait(5)
        return 1

    handle = ops.run_op(parent, work, called.append)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not _alive(parent), timeout=5000)
    release.set()
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert called == []


def test_wait_for_ops_runs_every_callback(qtbot: QtBot) -> None:
    results: list[int] = []
    for i in range(8):
        ops.run_op(None, lambda i=i: i * i, results.append)
    assert ops.wait_for_ops(5000)
    assert sorted(results) == [i * i for i in range(8)]


def _alive(obj: QWidget) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(obj))


def test_every_ops_qt_object_dies_on_the_gui_thread(qtbot: QtBot) -> None:
    """Workers hold no per-op Qt object: a handle is destroyed on the GUI thread, whenever its
    worker lets go (a worker dropping the last reference to a per-op emitter destroyed it off
    its thread: a segmentation fault under load)."""
    died_on: list[str] = []
    results: list[int] = []
    for n in range(300):
        handle = ops.run_op(None, lambda n=n: n, results.append)
        handle.destroyed.connect(
            lambda *_: died_on.append(threading.current_thread().name),
            Qt.ConnectionType.DirectConnection,
        )
        del handle
    assert ops.wait_for_ops(20_000)
    qtbot.waitUntil(lambda: len(died_on) == 300, timeout=10_000)
    assert sorted(results) == list(range(300))
    assert set(died_on) == {threading.main_thread().name}
