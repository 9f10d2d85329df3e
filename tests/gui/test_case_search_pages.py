"""Issue 9: the case list's whole-history search pages through a real store (50 a page, 更多…
for the next, none repeated), and a state filter alone lists the most recent cases."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clerkapp.app.clock import SteppingClock
from clerkapp.app.context import AppContext
from clerkapp.core.idnumber import make_id_number
from clerkapp.gui import ops
from clerkapp.gui.case_list import _MORE_ROLE, Group
from clerkapp.gui.main_window import MainWindow
from clerkapp.infra.catalogue_io import read_catalogue
from clerkapp.infra.paths import resources_dir
from tests.gui.wizard_driver import log_in, wait_until

pytestmark = [pytest.mark.gui]
CASES = 55


@pytest.fixture
def old_cases(clerkapp_home: Path) -> Iterator[AppContext]:
    """55 cases opened a week ago (none of them in the day's sections), on a real store."""
    clock = SteppingClock(datetime.now().astimezone() - timedelta(days=7))
    catalogue = read_catalogue(resources_dir() / "catalogue" / "canonical.json")
    context = AppContext(clerkapp_home, clock=clock, catalogue=catalogue)
    service = context.case_service
    service.workstation = "TRAIN-01"
    for n in range(CASES):
        number = make_id_number("330702", datetime(1980, 1, 1).date() + timedelta(days=n), 11)
        service.open_case("zjj.public_rental", "person", number, f"张{n:02d}", "demo")
    clock.advance(timedelta(days=7))
    yield context
    ops.wait_for_ops(10_000)
    context.close()


def _history(window: MainWindow) -> list[str]:
    return [e.case_id for e in window.case_list.visible_entries() if e.group is Group.HISTORY]


def test_state_filter_pages_the_most_recent_cases(qtbot: QtBot, old_cases: AppContext) -> None:
    window = MainWindow(old_cases)
    qtbot.addWidget(window)
    window.show()
    log_in(qtbot, window, "demo", "demo123")
    wait_until(lambda: window.is_working, 20, "logged in")
    listing = window.case_list
    filters = listing.filters
    filters.state.setCurrentIndex(filters.state.findData("open"))  # nothing typed, 办理中
    wait_until(lambda: len(_history(window)) == 50, 20, "first page")
    first = _history(window)
    assert first == sorted(first, reverse=True)  # newest first
    history = listing.tree.topLevelItem(list(Group).index(Group.HISTORY))
    assert history is not None and history.text(0) == "全部日期 (50)"
    more = history.child(history.childCount() - 1)
    assert more is not None and more.data(0, _MORE_ROLE) and more.text(0) == "更多…"
    listing.tree.setCurrentItem(more)
    listing.tree.setFocus()
    qtbot.keyClick(listing.tree, Qt.Key.Key_Return)  # Enter on 更多… loads the next page
    wait_until(lambda: len(_history(window)) == CASES, 20, "second page")
    every = _history(window)
    assert every[:50] == first and len(set(every)) == CASES
    assert all(history.child(i).data(0, _MORE_ROLE) is None for i in range(history.childCount()))
    # Back to every state and nothing typed: the search's sections go away.
    filters.state.setCurrentIndex(0)
    assert _history(window) == [] and history.isHidden()
