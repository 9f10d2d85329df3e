"""Reference cycles that hold Qt objects are destroyed on the GUI thread, never by a worker
thread that happens to allocate (the cause of a segmentation fault in CI: a worker building the
catalogue index ran the collector and destroyed a closed window's timer off its thread)."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from clerkapp.gui import gc_guard
from clerkapp.gui.application import create_qapplication

pytestmark = pytest.mark.gui


class _Cycle:
    """A window and a running timer held by an object that refers to itself: only the cycle
    collector can free it."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.start()
        self.window = QWidget()
        self.label = QLabel("李明", self.window)
        self.me = self


@pytest.fixture
def collections() -> Iterator[list[str]]:
    """The thread name of every cycle collection while the test runs."""
    names: list[str] = []

    def record(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            names.append(threading.current_thread().name)

    gc.callbacks.append(record)
    yield names
    gc.callbacks.remove(record)


def _allocate_cycles_on_a_worker() -> None:
    """What a worker does while building an index or parsing answers: allocate a lot (cycles
    included, so the allocation counts rise past every threshold)."""

    def work() -> None:
        for _ in range(50_000):
            node: dict[str, Any] = {}
            node["self"] = node

    worker = threading.Thread(target=work, name="busy-worker")
    worker.start()
    worker.join()


def test_the_app_collects_on_the_gui_thread_only(
    qtbot: QtBot, qapp: QApplication, collections: list[str]
) -> None:
    app = create_qapplication([])
    guard = app.findChild(gc_guard.GuiGarbageCollector)
    assert isinstance(guard, gc_guard.GuiGarbageCollector) and guard.active
    assert not gc.isenabled()

    cycle = _Cycle()
    gone = weakref.ref(cycle)
    del cycle
    _allocate_cycles_on_a_worker()
    assert gone() is not None, "a worker thread ran the cycle collector"
    assert "busy-worker" not in collections

    qtbot.waitUntil(lambda: gone() is None, timeout=5_000)
    assert collections and set(collections) == {threading.main_thread().name}


def test_collect_due_collects_garbage_past_the_threshold() -> None:
    gc.collect()
    # well past the threshold: other threads freeing objects meanwhile lower the count
    threshold0 = gc.get_threshold()[0]
    for _ in range(20 * threshold0):
        node: dict[str, Any] = {}
        node["self"] = node
    assert gc_guard.collect_due() >= 1


@pytest.mark.parametrize(
    ("counts", "pending", "expected"),
    [
        ((5, 0, 0), 0, None),
        ((701, 3, 0), 0, 0),
        ((701, 11, 3), 0, 1),
        ((701, 11, 11), 30_000, 2),
        # The oldest generation grew by less than a quarter since the last full collection:
        # Python would not scan it all again yet, nor does the guard (issue 13).
        ((701, 11, 11), 20_000, 1),
    ],
)
def test_collect_due_picks_the_generation_python_would(
    monkeypatch: pytest.MonkeyPatch,
    counts: tuple[int, int, int],
    pending: int,
    expected: int | None,
) -> None:
    collected: list[int] = []
    monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
    monkeypatch.setattr(gc, "get_count", lambda: counts)
    monkeypatch.setattr(gc, "collect", lambda generation=2: collected.append(generation) or 0)
    monkeypatch.setattr(gc_guard._LongLived, "total", 100_000)
    monkeypatch.setattr(gc_guard._LongLived, "pending", pending)
    gc_guard.collect_due()
    assert collected == ([] if expected is None else [expected])


def test_survivors_of_young_collections_count_towards_a_full_one() -> None:
    gc.collect()
    before = gc_guard._LongLived.pending
    kept = [[] for _ in range(3_000)]  # containers that survive into the oldest generation
    gc.collect(0)
    for _ in range(20):  # past both young thresholds: the next due collection is of gen 1
        gc.collect(0)
    threshold0 = gc.get_threshold()[0]
    while gc.get_count()[0] <= threshold0:
        kept.append([])
    gc_guard.collect_due()
    assert gc_guard._LongLived.pending >= before + 3_000
    assert len(kept) > 3_000


def test_a_table_loaded_in_one_go_is_frozen_out_of_the_collectors_way() -> None:
    gc.collect()
    frozen = gc.get_freeze_count()
    table = {n: [n] for n in range(gc_guard.FREEZE_SURVIVORS)}  # a reading table, say
    for _ in range(20):  # past both young thresholds: the next due collection is of gen 1
        gc.collect(0)
    threshold0 = gc.get_threshold()[0]
    padding = []
    while gc.get_count()[0] <= threshold0:
        padding.append([])
    gc_guard.collect_due()
    assert gc.get_freeze_count() >= frozen + gc_guard.FREEZE_SURVIVORS
    assert len(gc.get_objects(2)) < gc_guard.FREEZE_SURVIVORS  # not left for a full collection
    del table  # still freed by reference counting


def test_stopping_the_guard_gives_collection_back_to_python(qapp: QApplication) -> None:
    guard = gc_guard.GuiGarbageCollector(None)
    try:
        guard.stop()
        assert gc.isenabled() and not guard.active
    finally:
        gc.disable()  # the session's guard (installed on the application) stays in charge
        guard.deleteLater()


def test_the_guard_refuses_a_worker_thread() -> None:
    errors: list[BaseException] = []

    def make() -> None:
        try:
            gc_guard.GuiGarbageCollector(None)
        except RuntimeError as exc:
            errors.append(exc)

    worker = threading.Thread(target=make)
    worker.start()
    worker.join()
    assert errors and "GUI thread" in str(errors[0])
