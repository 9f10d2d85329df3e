"""Issue 10: a board that follows the store — the clerk's day against the real sandbox process.

The sandbox is stopped while a case of 住房租赁补贴申请 (four look-ups, three department
verifications, a pledge) is opened: its look-ups show amber ◷ 已排队, never a red failure. The
sandbox starts again; the sync worker sends the queued work and the open board settles by itself,
row by row as the store says. The department defers one verification (the board shows the deferral
and its date), denies one and confirms one. A second case then meets a board that missed the news
(its notifications held back, as every board did before this issue): F5 sends only what is still
retryable in the store — one look-up whose registry is down — and leaves every row as the store
has it, none stuck at 查询中, 下一步 enabled. Every state on screen is checked against the store.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt

from clerkapp.app.context import AppContext
from clerkapp.app.sync import SyncWorker
from clerkapp.core.case import Case, ProofState
from clerkapp.core.catalogue import Method
from clerkapp.gui.wizard.proofs_board import RowStatus
from clerkapp.gui.wizard.step_bar import Step
from clerkapp.sandbox.demo import LI_MING
from tests.gui.wizard_driver import WizardDriver, wait_until
from tests.sandbox_fixture import desk_post

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]

ROOT = Path(__file__).resolve().parents[2]
MATTER = "zjj.m009"  # 住房租赁补贴申请
LOOKUPS = tuple(f"{MATTER}.{p}" for p in ("p3", "p6", "p7", "p8"))
DEFERRED, DENIED, CONFIRMED = (f"{MATTER}.{p}" for p in ("p2", "p4", "p5"))


class SandboxProcess:
    """The real ``clerkapp platform serve`` process on one port, stopped and started again with
    its state directory (tickets and idempotent answers survive, as on a real platform)."""

    def __init__(self, port: int, data: Path) -> None:
        self.port = port
        self.data = data
        self.url = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.http = requests.Session()

    def start(self) -> None:
        ready = self.data.parent / "ready.txt"
        ready.unlink(missing_ok=True)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                *("-m", "clerkapp", "platform", "serve", "--port", str(self.port)),
                *("--data", str(self.data), "--ready-file", str(ready)),
                *("--verify-delay-s", "-1", "--people", "200"),  # departments answer by hand
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        proc = self.proc
        wait_until(lambda: ready.exists() or proc.poll() is not None, 60, "sandbox process ready")
        assert proc.poll() is None, "the sandbox process ended at start"

    def stop(self) -> None:
        """SIGKILL: the platform goes away without a word."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.proc = None

    def answer(self, ticket: str, action: str) -> None:
        """The department's officer answers on /dept (confirm / deny / defer)."""
        sent = desk_post(self.http, self.url, ticket, {"action": action})  # with its CSRF token
        assert sent.status_code == 303, sent.text

    def fault(self, item: str) -> None:
        """The registry behind ``item`` answers 503 until :meth:`clear_faults`."""
        body = {"item": item, "kind": "error", "status": 503, "latency_ms": 0}
        self.http.post(f"{self.url}/sandbox/faults", json=body, timeout=5).raise_for_status()

    def clear_faults(self) -> None:
        self.http.delete(f"{self.url}/sandbox/faults", timeout=5).raise_for_status()


@pytest.fixture
def platform(tmp_path: Path, free_port: int) -> Iterator[SandboxProcess]:
    process = SandboxProcess(free_port, tmp_path / "sandbox")
    yield process
    process.stop()


@pytest.fixture
def board(
    qtbot: object, app_context: AppContext, platform: SandboxProcess
) -> Iterator[WizardDriver]:
    drv = WizardDriver(app_context, platform.url)
    qtbot.addWidget(drv.wizard)  # type: ignore[attr-defined]
    yield drv
    drv.close()


@pytest.fixture
def sync(app_context: AppContext) -> Iterator[SyncWorker]:
    """The workstation's sync worker (started when the test says the platform is back)."""
    worker = SyncWorker(
        app_context.store, app_context.case_service, app_context.client, app_context.clock
    )
    yield worker
    worker.stop()


def stored(context: AppContext, driver: WizardDriver) -> Case:
    return context.case_service.get_case(driver.wizard.presenter.case_id)


#: What a row shows for each stored state of a proof (status and the badge's words).
def expected(case: Case, code: str) -> tuple[RowStatus, str]:
    p = case.proofs[code]
    state = p.state
    if state is ProofState.WAIVED:
        return RowStatus.NOT_NEEDED, "无需提供"
    if state is ProofState.IN_FLIGHT:
        return RowStatus.RUNNING, "查询中…"
    if state is ProofState.QUEUED:
        return RowStatus.WAITING, "已排队"
    if state is ProofState.SATISFIED:
        return RowStatus.DONE, "已查询"
    if state is ProofState.CONFIRMED:
        return RowStatus.DONE, "已核验"
    if state is ProofState.NOT_SATISFIED:
        return RowStatus.FAILED, "未通过"
    if state is ProofState.DENIED:
        return RowStatus.FAILED, "核验未通过"
    if state is ProofState.AWAITING_DEPT:
        return RowStatus.WAITING, "部门延期答复" if p.deferred_until else "待核验"
    if state is ProofState.PLEDGED:
        return RowStatus.DONE, "已承诺"
    assert state is ProofState.PENDING, state
    if p.method is Method.PLEDGE:
        return (
            (RowStatus.FAILED, "不能承诺") if case.credit_listed else (RowStatus.WAITING, "待签字")
        )
    return (RowStatus.FAILED, "出错") if p.error else (RowStatus.WAITING, "待查询")


def board_shows(driver: WizardDriver, case: Case) -> dict[str, tuple[RowStatus, str]]:
    """Each row's status and badge words, and the badge's icon checked against the status."""
    icons = {
        RowStatus.DONE: "✔",
        RowStatus.RUNNING: "⟳",
        RowStatus.WAITING: "◷",
        RowStatus.FAILED: "✖",
        RowStatus.NOT_NEEDED: "—",
    }
    shown = {}
    for code, row in driver.wizard.proofs_board.rows.items():
        shown[code] = (row.model.status, row.model.status_text)
        assert row.badge.text() == f"{icons[row.model.status]} {row.model.status_text}"
    assert set(shown) == set(case.proofs)
    return shown


def matches_the_store(context: AppContext, driver: WizardDriver) -> bool:
    case = stored(context, driver)
    return board_shows(driver, case) == {code: expected(case, code) for code in case.proofs}


def differences(context: AppContext, driver: WizardDriver) -> str:
    case = stored(context, driver)
    shown = board_shows(driver, case)
    return "; ".join(
        f"{code}: board {shown.get(code)} store {expected(case, code)}"
        for code in case.proofs
        if shown.get(code) != expected(case, code)
    )


def due_now(context: AppContext, case_id: str) -> None:
    """The case's open operations fall due now (the platform is back: no backoff to sit out)."""
    past = context.clock() - timedelta(seconds=1)
    for row in context.store.outbox.for_case(case_id):
        if row.state == "open":
            context.store.outbox.lease(row.id, past)


def test_the_board_follows_the_store_through_an_outage_a_deferral_and_a_stale_f5(
    board: WizardDriver,
    platform: SandboxProcess,
    sync: SyncWorker,
    app_context: AppContext,
) -> None:
    wizard = board.wizard

    # -- 1. the platform is down: the look-ups are queued, amber, never red --------------------
    board.choose_matter("zfzlbt", "住房租赁补贴申请")
    board.enter_applicant(LI_MING, "李明")
    board.wait_lookups(timeout_s=40)
    wait_until(lambda: not wizard.presenter.identity_asking(), 20, "identity question queued")
    case = stored(app_context, board)
    for code in LOOKUPS:
        assert case.proofs[code].state is ProofState.QUEUED
        row = wizard.proofs_board.rows[code]
        assert row.model.status is RowStatus.WAITING
        assert row.badge.text() == "◷ 已排队"
        assert row.detail_label.text().startswith("平台恢复后自动查询"), row.detail_label.text()
        assert "出错" not in row.badge.text()
    wait_until(
        lambda: matches_the_store(app_context, board), 10, lambda: differences(app_context, board)
    )
    assert wizard.next_button.isEnabled()

    # -- 2. the platform is back: the board settles by itself, as the store says -------------
    platform.start()
    due_now(app_context, case.id)
    sync.start()
    wait_until(
        lambda: all(
            p.state is not ProofState.QUEUED and (p.method is not Method.DEPT_VERIFY or p.ticket)
            for p in stored(app_context, board).proofs.values()
        ),
        60,
        "the store settled the queued work",
    )
    wait_until(
        lambda: matches_the_store(app_context, board),
        5,
        lambda: f"board = store: {differences(app_context, board)}",
    )
    settled = stored(app_context, board)
    for code in LOOKUPS:
        assert settled.proofs[code].state in (ProofState.SATISFIED, ProofState.NOT_SATISFIED)
        assert board.row_status(code) in (RowStatus.DONE, RowStatus.FAILED)
    assert not wizard.presenter.lookups_running() and wizard.next_button.isEnabled()

    # -- 3. the departments answer: deferred (with its date), denied, confirmed --------------
    tickets = {code: str(settled.proofs[code].ticket) for code in (DEFERRED, DENIED, CONFIRMED)}
    platform.answer(tickets[DEFERRED], "defer")
    wait_until(
        lambda: (
            board.row_status(DEFERRED) is RowStatus.WAITING
            and wizard.proofs_board.rows[DEFERRED].model.status_text == "部门延期答复"
        ),
        20,
        lambda: f"deferral shown: {wizard.proofs_board.rows[DEFERRED].model}",
    )
    until = stored(app_context, board).proofs[DEFERRED].deferred_until
    assert until and until > settled.created_at.date().isoformat()
    row = wizard.proofs_board.rows[DEFERRED]
    assert row.badge.text() == "◷ 部门延期答复"
    assert row.detail_label.text().startswith(f"预计 {until} 前答复"), row.detail_label.text()
    platform.answer(tickets[DENIED], "deny")
    platform.answer(tickets[CONFIRMED], "confirm")
    wait_until(
        lambda: (
            board.row_status(DENIED) is RowStatus.FAILED
            and board.row_status(CONFIRMED) is RowStatus.DONE
        ),
        20,
        lambda: f"answers shown: {differences(app_context, board)}",
    )
    assert wizard.proofs_board.rows[DENIED].badge.text() == "✖ 核验未通过"
    assert wizard.proofs_board.rows[CONFIRMED].badge.text() == "✔ 已核验"
    wait_until(
        lambda: matches_the_store(app_context, board), 5, lambda: differences(app_context, board)
    )
    actions = [e.action for e in app_context.store.audit.entries(settled.id)]
    assert actions.count("verification_deferred") == 1  # polled again: recorded once

    # -- 4. a second case in the same window, on a board that misses the news ----------------
    sync.stop()
    platform.stop()
    board.key(Qt.Key.Key_Escape)  # nothing to go back to: the case exists
    wizard.new_case()
    board.choose_matter("zfzlbt", "住房租赁补贴申请")
    board.enter_applicant(LI_MING, "李明")
    board.wait_lookups(timeout_s=40)
    second = stored(app_context, board)
    assert second.id != settled.id
    assert all(second.proofs[code].state is ProofState.QUEUED for code in LOOKUPS)
    assert all(board.row_status(code) is RowStatus.WAITING for code in LOOKUPS)
    hub = wizard.case_updates
    assert hub is not None
    hub.blockSignals(True)  # the board no longer hears of store changes (stale, as before)
    try:
        platform.start()
        broken = LOOKUPS[-1]  # 家庭成员车辆登记证明: its registry is down
        item = app_context.catalogue.proofs[broken].query
        assert item is not None
        platform.fault(item.item)
        due_now(app_context, second.id)
        sync.start()
        wait_until(
            lambda: (
                all(
                    stored(app_context, board).proofs[c].state is not ProofState.QUEUED
                    for c in LOOKUPS[:-1]
                )
                and stored(app_context, board).proofs[broken].state is ProofState.QUEUED
            ),
            60,
            "the store answered three look-ups, the fourth queued again",
        )
        sync.stop()
        # the board is stale: the answered look-ups still show queued
        assert all(board.row_status(code) is RowStatus.WAITING for code in LOOKUPS)
        assert not matches_the_store(app_context, board)
        sent_before = {
            code: len(
                [
                    r
                    for r in app_context.store.outbox.for_case(second.id)
                    if r.kind == "lookup" and r.payload.get("proof_code") == code
                ]
            )
            for code in LOOKUPS
        }
        attempts_before = _attempts(app_context, second.id, broken)
        answered = {code: stored(app_context, board).proofs[code].state for code in LOOKUPS[:-1]}
        assert all(s in (ProofState.SATISFIED, ProofState.NOT_SATISFIED) for s in answered.values())

        board.key(Qt.Key.Key_F5)
        board.wait_lookups(timeout_s=40)
        assert not any(
            r.model.status is RowStatus.RUNNING for r in wizard.proofs_board.rows.values()
        )
        assert wizard.next_button.isEnabled()
        wait_until(
            lambda: matches_the_store(app_context, board),
            5,
            lambda: differences(app_context, board),
        )
        after = stored(app_context, board)
        assert after.proofs[broken].state is ProofState.QUEUED  # sent again, queued again
        assert wizard.proofs_board.rows[broken].badge.text() == "◷ 已排队"
        assert _attempts(app_context, second.id, broken) == attempts_before + 1
        # answered rows were left alone: nothing sent again
        assert {code: after.proofs[code].state for code in LOOKUPS[:-1]} == answered
        assert sent_before == {
            code: len(
                [
                    r
                    for r in app_context.store.outbox.for_case(second.id)
                    if r.kind == "lookup" and r.payload.get("proof_code") == code
                ]
            )
            for code in LOOKUPS
        }

        # the registry is back: F5 again answers the last look-up
        platform.clear_faults()
        board.key(Qt.Key.Key_F5)
        wait_until(
            lambda: stored(app_context, board).proofs[broken].state is not ProofState.QUEUED,
            30,
            "the last look-up answered",
        )
        board.wait_lookups()
        wait_until(
            lambda: matches_the_store(app_context, board),
            5,
            lambda: differences(app_context, board),
        )
        assert wizard.next_button.isEnabled()
        board.key(Qt.Key.Key_Return)
        assert wizard.step is not Step.PROOFS  # on to ④: the look-ups are done
    finally:
        hub.blockSignals(False)


def _attempts(context: AppContext, case_id: str, code: str) -> int:
    rows = [
        r
        for r in context.store.outbox.for_case(case_id)
        if r.kind == "lookup" and r.payload.get("proof_code") == code
    ]
    return sum(r.attempts for r in rows)
