"""Issue 9 (any case, any day, any window), in the real main window against the real sandbox:
李明 was told what to bring (补正) two days ago at this window, and went to another window
(WIN-07, another workstation and store) in between; today he is back. The clerk types his full
ID number: the list finds the 补正 case of two days ago under 全部日期 and shows WIN-07's case as
其他窗口办理 (not openable, nothing personal); Enter opens the only case this window holds, and
the case resumes (恢复办理). A malformed number is refused under the box, not searched."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from clerkapp.app.case_service import CaseService
from clerkapp.app.clock import SteppingClock
from clerkapp.app.context import AppContext
from clerkapp.app.sync import SyncWorker
from clerkapp.core.case import CaseState
from clerkapp.core.case_ways import CorrectionItem
from clerkapp.gui import ops
from clerkapp.gui.application import default_wizard
from clerkapp.gui.case_list import Group
from clerkapp.gui.main_window import MainWindow
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.infra.platform import Credentials, PlatformClient
from clerkapp.infra.store import Store
from clerkapp.sandbox.demo import LI_MING
from tests.gui.wizard_driver import ensure_catalogue, log_in_to_the_wizard, wait_until
from tests.integration.case_fixtures import FAST_RETRY
from tests.sandbox_fixture import OTHER_SECRET, OTHER_WORKSTATION, SandboxHandle, sandbox

__all__ = ["sandbox"]
pytestmark = [pytest.mark.gui, pytest.mark.sandbox]

RENTAL = "zjj.public_rental"


def _other_window(tmp_path: Path, context: AppContext, sandbox: SandboxHandle) -> str:
    """WIN-07 (another workstation, its own store) opens a case for 李明 and syncs it."""
    clock = SteppingClock(datetime.now().astimezone() - timedelta(days=1))
    service = CaseService(
        Store(tmp_path / "win07.sqlite3"),
        context.catalogue,
        clock,
        workstation=OTHER_WORKSTATION,
        documents_dir=tmp_path / "win07-documents",
    )
    case = service.open_case(RENTAL, "person", LI_MING, "李明", "zhou")
    client = PlatformClient(
        sandbox.url, Credentials(OTHER_WORKSTATION, OTHER_SECRET), retry=FAST_RETRY
    )
    SyncWorker(service.store, service, client, clock).drain()
    client.close()
    service.store.close()
    return case.id


@pytest.fixture
def two_days_ago(clerkapp_home: Path) -> tuple[AppContext, SteppingClock]:
    clock = SteppingClock(datetime.now().astimezone() - timedelta(days=2))
    context = AppContext(clerkapp_home, clock=clock)
    yield context, clock
    ops.wait_for_ops(10_000)
    context.close()


def test_a_citizen_back_two_days_later_is_found_by_full_id_and_resumed(
    qtbot: QtBot,
    two_days_ago: tuple[AppContext, SteppingClock],
    sandbox: SandboxHandle,
    tmp_path: Path,
) -> None:
    context, clock = two_days_ago
    ensure_catalogue()
    context.use_platform_url(sandbox.url)
    context.case_service.workstation = f"TRAIN01{secrets.token_hex(3).upper()}"
    service = context.case_service
    # Two days ago at this window: 李明's case, told once what to bring (补正).
    first = service.open_case(RENTAL, "person", LI_MING, "李明", "demo").id
    item = CorrectionItem(None, "租赁意向说明", "未签名")
    service.request_correction(first, [item], 7, "demo")
    SyncWorker(context.store, service, context.client, clock).drain()
    elsewhere = _other_window(tmp_path, context, sandbox)
    clock.advance(timedelta(days=2))  # today

    window = MainWindow(context, wizard_factory=default_wizard(context))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wizard = log_in_to_the_wizard(qtbot, window)
    listing = window.case_list
    search = listing.search

    # A mistyped number (17 digits) is refused with the reason, not searched as a name.
    search.setFocus()
    QTest.keyClicks(search, LI_MING[:17])
    message = listing.findChild(QLabel, "caseSearchMessage")
    assert message is not None
    wait_until(lambda: message.isVisible(), what="refusal shown")
    assert message.text().startswith("身份证号码校验不通过") and "还差1位" in message.text()
    assert [e for e in listing.visible_entries() if e.group is Group.HISTORY] == []

    # The full number: the 补正 case of two days ago, and the other window's case.
    search.clear()
    QTest.keyClicks(search, LI_MING)
    wait_until(
        lambda: any(e.group is Group.ELSEWHERE for e in listing.visible_entries()),
        20,
        "found here and at the other window",
    )
    assert not message.isVisible()
    found = {e.case_id: e for e in listing.visible_entries()}
    assert found[first].group is Group.HISTORY and found[first].openable
    other = found[elsewhere]
    assert other.group is Group.ELSEWHERE and not other.openable
    assert OTHER_WORKSTATION in other.applicant_short and "李" not in other.applicant_short
    # Nothing in the list shows the full number.
    spoken = [
        listing.tree.topLevelItem(g).child(i).data(0, Qt.ItemDataRole.AccessibleTextRole)  # type: ignore[union-attr]
        for g in range(listing.tree.topLevelItemCount())
        for i in range(listing.tree.topLevelItem(g).childCount())  # type: ignore[union-attr]
    ]
    assert spoken and not any(LI_MING in str(s) for s in spoken)

    # Enter in the search box opens the only case this window holds: it resumes at its notice.
    search.setFocus()
    QTest.keyClick(search, Qt.Key.Key_Return)
    wait_until(
        lambda: wizard.presenter.case_id == first and wizard.step is Step.PRINT,
        20,
        "reopened at its notice",
    )
    bar = wizard.case_actions
    wait_until(lambda: bar.buttons["correction"].text() == "恢复办理 (F6)", what="resume label")
    QTest.keyClick(wizard.stack.currentWidget() or wizard, Qt.Key.Key_F6)
    wait_until(lambda: wizard.ways.dialog is not None, what="resume dialog")
    resume = wizard.ways.dialog
    assert resume is not None
    ok = resume.findChild(QPushButton, "resumeDialogOk")
    assert ok is not None
    wait_until(lambda: QApplication.activeWindow() is resume, what="dialog active")
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
    wait_until(lambda: wizard.step is Step.PROOFS, 20, "resumed at the proofs")
    assert service.get_case(first).state is CaseState.OPEN
