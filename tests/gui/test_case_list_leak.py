"""Issue 13: the case list reloads after every store change (about twelve times per case, the
whole day each time) and must not grow with it. Before the fix every reload leaked the items
taken out of the tree with their entries (``takeChildren`` hands them to no one) — a clerk's
process grew by tens of MiB over a day.

The real :class:`CaseListView` and the real main window are reloaded 200 times with a day whose
cases come, change state, move between sections and go (a fixed number of them at any time);
what stays alive is counted: the items in the tree, the :class:`CaseEntry` objects anywhere in
Python (a leaked item keeps its entry alive), Python's objects by type and tracemalloc's traced
memory. All must be flat from the 20th to the 200th reload."""

from __future__ import annotations

import gc
import tracemalloc
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from clerkapp.app.context import CaseSummary
from clerkapp.gui import ops
from clerkapp.gui.case_list import CaseEntry, CaseListView, Group
from clerkapp.gui.main_window import MainWindow
from tests.gui.wizard_driver import wait_until

pytestmark = pytest.mark.gui

REFRESHES = 200
WARM_UP = 20
DAY = 60  # cases listed at any time
STATES = ("receiving", "verifying", "awaiting_signature", "decided", "printed")
#: Traced Python memory may differ by this much between reload 20 and 200 (caches settling,
#: interned strings); a leak of the day's items is ~60 entries × 180 reloads.
TRACED_SLACK = 48 * 1024


def _entry(n: int, step: int) -> CaseEntry:
    """Case ``n`` as it stands at reload ``step``: its state and section change as it goes."""
    phase = (n + step) % 7
    group = (Group.TODAY, Group.TODAY, Group.WAITING, Group.TODAY, Group.NEEDS_PERSON)[phase % 5]
    return CaseEntry(
        case_id=f"CASE-{n:05d}",
        matter_name=f"事项{n % 13}",
        applicant_name="李明" if n % 2 else "欧阳娜娜",
        id_masked=f"330702********{n % 10_000:04d}",
        state=STATES[phase % len(STATES)],
        group=group,
        waiting_lookup=group is Group.WAITING,
        needs_person=group is Group.NEEDS_PERSON,
    )


def _day(step: int) -> list[CaseEntry]:
    """The day's list at reload ``step``: ``DAY`` cases, one new one in and the oldest out every
    reload, newest first (the store's order), states and sections moving."""
    return [_entry(n, step) for n in range(step + DAY, step, -1)]


def _items_in_tree(view: CaseListView) -> int:
    """Every item in the tree, at any depth (QTreeWidgetItemIterator itself leaks a wrapper per
    step in PySide6 6.11, so the tree is walked by hand)."""
    pending = [view.tree.topLevelItem(i) for i in range(view.tree.topLevelItemCount())]
    count = 0
    while pending:
        item = pending.pop()
        if item is not None:
            count += 1
            pending.extend(item.child(i) for i in range(item.childCount()))
    return count


def _settle() -> None:
    """Let the last op's handle go (it is released by a zero-time timer after its slot)."""
    ops.wait_for_ops(10_000)
    QCoreApplication.processEvents()
    gc.collect()


def _live_entries() -> int:
    _settle()
    return sum(isinstance(o, CaseEntry) for o in gc.get_objects())


def _types() -> Counter[str]:
    _settle()
    return Counter(type(o).__qualname__ for o in gc.get_objects())


def _measure(reload: Callable[[int], None]) -> None:
    """Reload ``REFRESHES`` times; what is alive after the warm-up and at the end must match
    (traced from the start: what the warm-up made and the later reloads replaced is freed)."""
    tracemalloc.start(8)
    try:
        for step in range(WARM_UP):
            reload(step)
        gc.collect()
        before = tracemalloc.take_snapshot()
        traced_before = tracemalloc.get_traced_memory()[0]
        for step in range(WARM_UP, REFRESHES):
            reload(step)
        gc.collect()
        traced_after = tracemalloc.get_traced_memory()[0]
        grown_at = tracemalloc.take_snapshot().compare_to(before, "traceback")[:3]
    finally:
        tracemalloc.stop()
    where = "\n".join(f"{g}\n" + "\n".join(g.traceback.format()) for g in grown_at)
    assert traced_after - traced_before < TRACED_SLACK, where


def _assert_flat(reload: Callable[[int], None]) -> None:
    """Python objects by type and the live :class:`CaseEntry` objects: flat over the reloads."""
    for step in range(WARM_UP):
        reload(step)
    entries_before, types_before = _live_entries(), _types()
    for step in range(WARM_UP, REFRESHES):
        reload(step)
    entries_after, types_after = _live_entries(), _types()
    assert entries_after <= entries_before, (entries_before, entries_after)
    grown = {
        name: types_after[name] - types_before[name]
        for name in types_after
        if types_after[name] - types_before[name] > 5
    }
    assert not grown, grown


def test_list_reloads_do_not_grow(qtbot: QtBot) -> None:
    view = CaseListView()
    qtbot.addWidget(view)
    view.show()

    def reload(step: int) -> None:
        view.set_cases(_day(step))
        # The tree holds the day's cases and the five section titles, nothing more.
        assert _items_in_tree(view) == DAY + len(Group)
        shown = [e.case_id for e in view.visible_entries()]
        assert sorted(shown) == sorted(e.case_id for e in _day(step))
        if step % 10 == 0:  # the clerk searches now and then: the search's sections reload too
            view.search.setText("李")
            view.show_results([_entry(n, step) for n in range(5)], more=True)
            view.show_results([_entry(n, step) for n in range(5, 9)], more=False, append=True)
            view.search.setText("")

    _assert_flat(reload)
    _measure(reload)
    # Order and sections follow the day: the first case of each section is its newest.
    day = _day(REFRESHES)
    view.set_cases(day)
    today = [e.case_id for e in day if e.group is Group.TODAY]
    assert [e.case_id for e in view.visible_entries() if e.group is Group.TODAY] == today


class _Day:
    """The main window's services with a day of cases that moves on at each reload."""

    training = True
    counter_name = "测试窗口"
    idle_lock_minutes = 15.0

    def __init__(self) -> None:
        self.step = 0

    def case_summaries(self) -> list[CaseSummary]:
        return [_summary(e) for e in _day(self.step)]

    def pending_sync(self) -> int:
        return self.step % 3

    def login(self, username: str, password: str) -> Any:
        raise AssertionError("not logged in through the view")

    def record_lock(self, clerk: Any, reason: str) -> None:
        return None


def _summary(entry: CaseEntry) -> CaseSummary:
    return CaseSummary(
        case_id=entry.case_id,
        matter_name=entry.matter_name,
        applicant_name=entry.applicant_name,
        id_masked=entry.id_masked,
        state=entry.state,
        updated_at="2026-12-07T09:00:00+08:00",
        waiting=entry.group is Group.WAITING,
        waiting_lookup=entry.waiting_lookup,
        needs_person=entry.needs_person,
    )


def test_main_window_reloads_do_not_grow(qtbot: QtBot) -> None:
    """The main window's reload (a background read, then the list and the header) 200 times."""
    services = _Day()
    window = MainWindow(services)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    refreshed = [0]
    window.cases_refreshed.connect(lambda: refreshed.__setitem__(0, refreshed[0] + 1))

    def reload(step: int) -> None:
        services.step = step
        before = refreshed[0]
        window.refresh_cases()
        wait_until(lambda: refreshed[0] > before, what="the list reloaded")
        assert _items_in_tree(window.case_list) == DAY + len(Group)

    _assert_flat(reload)
    _measure(reload)
    ops.wait_for_ops(10_000)
