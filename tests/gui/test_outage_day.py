"""Issue 10, "Done when": a clerk's day in training mode through an outage, against the real
sandbox process, in the real main window (header, case list, wizard, print step).

王芳's 住房租赁补贴申请 is opened with the platform up: its look-ups are answered and its three
department verifications reach the departments. The sandbox is then killed mid-case. The clerk
keeps working: the header says offline with the queue, the board keeps its rows amber or green
as the store has them (never red), the applicant signs the pledge, the clerk accepts (受理) and
prints a provisional 受理回执 whose QR points at the sandbox's real port. The sandbox is started
again (same data directory, same port) and everything settles by itself: the header online, the
queue drained, the departments' answers on the board, the case list says ✔ 可决定, and the
receipt's QR resolves on the progress page with its events in order and none twice. A second
case then runs in the same window on the platform that is back. Every state on screen is checked
against the store. ``OUTAGE_SHOTS=/dir`` saves a screenshot of the window at each stage.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pypdfium2
import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from clerkapp.app.context import AppContext
from clerkapp.app.sync_process import SyncProcess
from clerkapp.core.case import CaseState, ProofState
from clerkapp.core.catalogue import Method
from clerkapp.gui.application import Shell
from clerkapp.gui.main_window import MainWindow
from clerkapp.gui.print_step import PrintStep
from clerkapp.gui.theme import PlatformState
from clerkapp.gui.wizard.proofs_board import RowStatus
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.gui.wizard.wizard import CaseWizard
from clerkapp.sandbox.demo import LI_MING, WANG_FANG
from tests.gui.test_board_follows_store import differences, matches_the_store, stored
from tests.gui.test_connectivity_live import Sandbox
from tests.gui.test_views_follow_store import list_says
from tests.gui.wizard_driver import (
    WizardDriver,
    draw_stroke,
    ensure_catalogue,
    log_in_to_the_wizard,
    screenshot,
    wait_until,
)
from tests.integration.documents_cases import decode_qr, pdf_text
from tests.sandbox_fixture import desk_post

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]

MATTER = "zjj.m009"  # 住房租赁补贴申请: four look-ups, three department verifications, a pledge


@pytest.fixture
def platform(tmp_path: Path, free_port: int) -> Iterator[Sandbox]:
    """The training sandbox the clerk started on a port of its own; departments answer by hand."""
    box = Sandbox(free_port, tmp_path / "sandbox", "--verify-delay-s", "-1")
    yield box
    box.kill()


@pytest.fixture
def shell(qtbot: QtBot, clerkapp_home: Path, platform: Sandbox) -> Iterator[Shell]:
    """The app as started in training mode, reusing the sandbox on ``platform.port``."""
    ensure_catalogue()
    platform.start(qtbot)
    app = Shell(AppContext(clerkapp_home), sandbox_port=platform.port)
    qtbot.addWidget(app.window)
    yield app
    if isinstance(app.window.wizard, CaseWizard):
        app.window.wizard.presenter.stop()
    app.shutdown()


def shot(window: MainWindow, name: str) -> None:
    """A screenshot of the whole window when ``OUTAGE_SHOTS`` names a folder (looked at by hand)."""
    folder = os.environ.get("OUTAGE_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        screenshot(window, Path(folder) / f"{name}.png")


def header_says(app: Shell) -> str:
    """The header's status in words (the label is rich text: its colour in a span)."""
    return re.sub(r"<[^>]+>", "", app.window.header.platform_label.text())


def no_red_for_queued_work(driver: WizardDriver) -> None:
    """While the platform is away, no row the store holds as waiting shows as a failure."""
    case = driver.context.case_service.get_case(driver.wizard.presenter.case_id)
    for code, row in driver.wizard.proofs_board.rows.items():
        if case.proofs[code].state in (ProofState.QUEUED, ProofState.AWAITING_DEPT):
            assert row.model.status is RowStatus.WAITING, (code, row.badge.text())
            assert "✖" not in row.badge.text()


def open_case(app: Shell, driver: WizardDriver, id_number: str, name: str) -> str:
    """Ctrl+N, 住房租赁补贴申请, the applicant typed in: the board up, its look-ups done."""
    QTest.keyClick(app.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wait_until(driver.wizard.matter_step.search_edit.hasFocus, what="search focused")
    driver.choose_matter("zfzlbt", "住房租赁补贴申请")
    driver.enter_applicant(id_number, name)
    driver.wait_lookups(timeout_s=40)
    wait_until(
        lambda: (
            not driver.wizard.presenter.identity_asking()
            and not driver.wizard.presenter.credit_running
        ),
        30,
        "identity and credit checks done",
    )
    return driver.wizard.presenter.case_id


def test_a_clerk_works_through_an_outage_and_everything_settles_by_itself(
    qtbot: QtBot, shell: Shell, platform: Sandbox, tmp_path: Path
) -> None:
    app = shell
    context = app.context
    header = app.window.header
    app.start()
    wait_until(lambda: header.platform_state is PlatformState.ONLINE, 30, "online at start")
    assert app.sandbox is not None and app.sandbox.reused  # the clerk's own sandbox, not ours
    wizard = log_in_to_the_wizard(qtbot, app.window)
    driver = WizardDriver.of(context, wizard)
    service = context.case_service

    # -- 1. online: the case opened, look-ups answered, the departments asked ------------------
    case_id = open_case(app, driver, WANG_FANG, "王芳")
    verifications = [
        code for code, p in stored(context, driver).proofs.items() if p.method is Method.DEPT_VERIFY
    ]
    pledges = [
        code for code, p in stored(context, driver).proofs.items() if p.method is Method.PLEDGE
    ]
    assert len(verifications) == 3 and len(pledges) == 1
    wait_until(
        lambda: all(stored(context, driver).proofs[c].ticket for c in verifications),
        30,
        "the verification requests reached the departments",
    )
    wait_until(lambda: matches_the_store(context, driver), 5, lambda: differences(context, driver))
    tickets = {c: str(stored(context, driver).proofs[c].ticket) for c in verifications}
    shot(app.window, "1-online")

    # -- 2. the sandbox is killed mid-case: the header says so, nothing turns red --------------
    platform.kill()
    wait_until(lambda: header.platform_state is PlatformState.OFFLINE, 20, "offline shown")
    assert header_says(app).startswith("○ 离线")
    no_red_for_queued_work(driver)

    # the applicant signs the pledge
    driver.key(Qt.Key.Key_Return)  # → ④
    wait_until(lambda: wizard.step is Step.PLEDGE, what="pledge step")
    [pledge] = pledges
    assert wizard.pledge_step.current_code() == pledge
    draw_stroke(
        wizard.pledge_step.pad.canvas, [(60, 120), *((x, 110 + x % 40) for x in range(70, 300, 15))]
    )
    driver.key(Qt.Key.Key_Return)
    wait_until(
        lambda: stored(context, driver).proofs[pledge].state is ProofState.PLEDGED,
        10,
        lambda: f"pledge stored: {wizard.status.text()}",
    )
    wait_until(
        lambda: driver.row_status(pledge) is RowStatus.DONE and wizard.next_button.isEnabled(),
        10,
        "the signed pledge on the board",
    )
    assert "已承诺" in wizard.proofs_board.rows[pledge].badge.text()
    shot(app.window, "2-offline-pledged")

    # the clerk accepts: the departments have not answered yet
    driver.key(Qt.Key.Key_Return)  # → ⑤
    wait_until(lambda: wizard.step is Step.DECISION, what="decision step")
    assert "受理" in wizard.decision_step.recommendation.text()
    driver.click(wizard.decision_step.accept_button)
    wait_until(lambda: wizard.step is Step.PRINT, 10, "print step after accepting")
    accepted = service.get_case(case_id)
    assert accepted.state is CaseState.ACCEPTED
    assert all(accepted.proofs[c].state is ProofState.AWAITING_DEPT for c in verifications)

    # the 受理回执 is provisional and its QR points at the sandbox's own port
    step = wizard.print_host.step
    assert isinstance(step, PrintStep)
    wait_until(lambda: step.built is not None, 30, "receipt built")
    assert "受理回执" in step.kind_box.currentText()
    assert step.built is not None and step.built.provisional
    assert "临时凭证" in step.status.text()
    receipt = tmp_path / "receipt.pdf"
    assert step.save_to(receipt) is not None
    wait_until(lambda: receipt.exists() and receipt.stat().st_size > 0, 10, "receipt saved")
    pdf = receipt.read_bytes()
    text = pypdfium2.PdfDocument(pdf)[0].get_textpage().get_text_range()
    assert "受理回执" in text and "临时凭证" in text, text
    url, _ = decode_qr(pdf)
    assert url == f"http://127.0.0.1:{platform.port}/p/{accepted.tracking_token}"

    # the header counts what waits, as the store does; the list and the board follow the store
    queued = context.backlog()[0]
    assert queued >= 1
    wait_until(
        lambda: f"排队 {context.backlog()[0]} 项" in header_says(app), 10, lambda: header_says(app)
    )
    assert header.platform_state is PlatformState.OFFLINE
    wait_until(lambda: matches_the_store(context, driver), 5, lambda: differences(context, driver))
    no_red_for_queued_work(driver)
    wait_until(
        lambda: list_says(app.window, case_id).startswith("◷"),
        10,
        lambda: list_says(app.window, case_id),
    )
    shot(app.window, "3-offline-accepted")

    # -- 3. the sandbox is back (same data, same port): everything settles by itself ----------
    platform.start(qtbot)
    wait_until(lambda: context.backlog()[0] == 0, 60, lambda: f"queue drained: {context.backlog()}")
    # The queue was drained by the app's sync worker in a child process (issue 13).
    child = context.sync_worker
    assert isinstance(child, SyncProcess) and child.pid not in (None, os.getpid())
    wait_until(
        lambda: header.platform_state is PlatformState.ONLINE and "排队" not in header_says(app),
        20,
        lambda: header_says(app),
    )
    assert header_says(app).startswith("● 平台在线")
    for code in verifications:
        platform_answer(platform, tickets[code], "confirm")
    wait_until(
        lambda: all(
            stored(context, driver).proofs[c].state is ProofState.CONFIRMED for c in verifications
        ),
        30,
        "the departments' answers in the store",
    )
    wait_until(lambda: matches_the_store(context, driver), 2, lambda: differences(context, driver))
    for code in verifications:
        assert wizard.proofs_board.rows[code].badge.text() == "✔ 已核验"
    wait_until(
        lambda: list_says(app.window, case_id) == "✔ 可决定",
        5,
        lambda: list_says(app.window, case_id),
    )
    [summary] = [s for s in context.case_summaries() if s.case_id == case_id]
    assert summary.decidable and not service.get_case(case_id).missing()
    # the print step's preview follows: the next copy prints without 临时凭证
    wait_until(
        lambda: step.built is not None and not step.built.provisional,
        10,
        lambda: f"preview final: {step.status.text()}",
    )
    assert "临时凭证" not in step.status.text() and step.print_button.isEnabled()
    assert step.built is not None and "临时凭证" not in pdf_text(step.built.pdf)
    shot(app.window, "4-settled")

    # the receipt's QR resolves: the progress page has the case's events in order, none twice
    progress = requests.get(url + ".json", timeout=10)
    assert progress.status_code == 200, progress.text
    events = progress.json()["events"]
    assert events and [e["at"] for e in events] == sorted(e["at"] for e in events)
    assert len({(e["status"], e["at"]) for e in events}) == len(events), events
    assert len({e["status"] for e in events}) == len(events), events
    page = requests.get(url, timeout=10)
    assert page.status_code == 200 and "受理" in page.text

    # -- 4. a second case in the same window, the platform back -------------------------------
    second = open_case(app, driver, LI_MING, "李明")
    assert second != case_id
    wait_until(
        lambda: all(
            stored(context, driver).proofs[c].ticket
            for c, p in stored(context, driver).proofs.items()
            if p.method is Method.DEPT_VERIFY
        ),
        30,
        "the second case's verifications sent",
    )
    case = stored(context, driver)
    assert not any(p.state is ProofState.QUEUED for p in case.proofs.values())
    wait_until(lambda: matches_the_store(context, driver), 5, lambda: differences(context, driver))
    # The drain that sent them may still be finishing (its last rows, the audit anchor): the
    # header says online once it has (issue 13: a batch settles many rows at once).
    wait_until(
        lambda: header_says(app).startswith("● 平台在线") and "排队" not in header_says(app),
        10,
        lambda: header_says(app),
    )
    assert list_says(app.window, case_id) == "✔ 可决定"  # the first case is as it was
    shot(app.window, "5-second-case")


def platform_answer(platform: Sandbox, ticket: str, action: str) -> None:
    """The department's officer answers on the sandbox's /dept page (its session and CSRF)."""
    with requests.Session() as http:
        sent = desk_post(http, f"http://127.0.0.1:{platform.port}", ticket, {"action": action})
    assert sent.status_code == 303, sent.text


def test_the_apps_own_sandbox_killed_and_started_again_by_hand_settles_the_same(
    qtbot: QtBot, clerkapp_home: Path, free_port: int
) -> None:
    """The sandbox the app started itself dies mid-case (nothing else on the port); the clerk
    starts ``clerkapp platform serve`` again on its port and data directory: the app notices
    by itself (no restart of the app), the queue drains to the same instance."""
    ensure_catalogue()
    app = Shell(AppContext(clerkapp_home), sandbox_port=free_port)
    qtbot.addWidget(app.window)
    context = app.context
    header = app.window.header
    again: Sandbox | None = None
    try:
        app.start()
        wait_until(lambda: header.platform_state is PlatformState.ONLINE, 60, "own sandbox up")
        own = app.sandbox
        assert own is not None and not own.reused and own.process is not None
        assert own.port == free_port
        instance = app.connectivity.state.instance
        assert instance
        own.process.kill()
        wait_until(lambda: header.platform_state is PlatformState.OFFLINE, 20, "offline shown")

        service = context.case_service
        case = service.open_case("zjj.public_rental", "person", LI_MING, "李明", "demo")
        app.window.case_changed.emit(case.id)
        wait_until(
            lambda: f"排队 {context.backlog()[0]} 项" in header_says(app),
            10,
            lambda: header_says(app),
        )
        assert context.backlog()[0] >= 1 and header_says(app).startswith("○ 离线")

        again = Sandbox(free_port, context.sandbox_dir)
        again.start(qtbot)
        wait_until(lambda: context.backlog()[0] == 0, 60, lambda: f"drained: {context.backlog()}")
        wait_until(
            lambda: (
                header.platform_state is PlatformState.ONLINE and "排队" not in header_says(app)
            ),
            20,
            lambda: header_says(app),
        )
        assert app.connectivity.state.instance == instance  # the same sandbox, its data kept
        assert not app.connectivity.state.instance_changed
        progress = requests.get(
            f"http://127.0.0.1:{free_port}/p/{case.tracking_token}.json", timeout=10
        )
        assert progress.status_code == 200, progress.text
    finally:
        child = context.sync_worker
        app.shutdown()
        if again is not None:
            again.kill()
    # Closing the app stops the sync worker's child process, and it is gone.
    assert isinstance(child, SyncProcess) and not child.running and child.crashes == 0
