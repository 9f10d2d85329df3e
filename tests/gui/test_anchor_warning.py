"""A refused audit anchor is shown to the supervisor (issue 9), in the real main window over a
real store whose trail was cut back under its anchor and a real sandbox that refused the next
anchor (anchor_regressed): the header's red warning for a supervisor (never for a clerk), which
opens 需人工处理 with what the refusal means and what to do above the refused row."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clerkapp.app.context import AppContext
from clerkapp.app.sync import SyncWorker
from clerkapp.gui.main_window import MainWindow
from clerkapp.gui.needs_person_page import NeedsPersonDialog
from clerkapp.infra.catalogue_io import read_catalogue
from clerkapp.infra.paths import resources_dir
from tests.gui.wizard_driver import log_in, wait_until
from tests.integration.case_fixtures import sandbox_client
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]

T0 = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)


@pytest.fixture
def context(clerkapp_home: Path) -> Iterator[AppContext]:
    catalogue = read_catalogue(resources_dir() / "catalogue" / "canonical.json")
    ctx = AppContext(clerkapp_home, catalogue=catalogue)
    ctx.auth.ensure_demo_accounts()
    yield ctx
    ctx.close()


def _refused_anchor(context: AppContext, platform: SandboxHandle) -> None:
    """Anchor the trail, cut it back under the anchor, and let the platform refuse the next."""
    store = context.store
    for i in range(6):
        store.audit.append("login", at=T0 + timedelta(minutes=i), actor="wang")
    service = context.case_service
    with sandbox_client(platform) as client:
        worker = SyncWorker(store, service, client, service.clock)
        assert worker.drain().anchored
        conn = store.conn
        with conn:
            conn.execute("DELETE FROM audit WHERE seq > 3")
            (head,) = conn.execute("SELECT hash FROM audit WHERE seq = 3").fetchone()
            conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"3:{head}",))
            conn.execute("DELETE FROM audit_anchors")
        store.audit.append("login", at=T0 + timedelta(minutes=10), actor="wang")
        assert worker.drain().needs_person == 1


def _window(qtbot: QtBot, context: AppContext, username: str) -> MainWindow:
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    log_in(qtbot, win, username, "demo123")
    wait_until(lambda: win.is_working, 20, "logged in")
    return win


def test_the_supervisor_sees_a_refused_anchor_and_a_clerk_does_not(
    qtbot: QtBot,
    context: AppContext,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    win = _window(qtbot, context, "demo-sup")
    warning = win.anchor_warning
    wait_until(lambda: win.case_list.isEnabled(), what="case list")
    assert warning.isHidden() and context.refused_anchor() is None  # nothing refused yet

    _refused_anchor(context, sandbox)
    refused = context.refused_anchor()
    assert refused is not None and refused.code == "anchor_regressed"
    win.refresh_cases()  # as after any case change or sync
    wait_until(warning.isVisible, what="the header's warning")
    assert warning.text() == "⚠ 审计存证被平台拒绝"
    tip = warning.toolTip()
    assert tip.startswith("平台拒绝了本机审计链的存证（")
    assert f"共 {refused.count} 条记录）" in tip and "审计链变短：平台已存证" in tip
    assert "本机审计记录可能被删减，或从旧备份恢复" in tip
    assert "clerkapp audit verify" in tip

    warning.click()  # opens 需人工处理
    dialog = win.needs_person
    assert isinstance(dialog, NeedsPersonDialog)
    wait_until(lambda: dialog.table.rowCount() == 1, what="the refused row listed")
    banner = dialog.anchor_banner
    assert banner.isVisible() and banner.objectName() == "needsPersonAnchorWarning"
    assert "审计链变短" in banner.text() and "clerkapp audit verify" in banner.text()
    assert "查明原因前不要撤销此项" in banner.text()
    assert dialog.items[0].kind == "audit_anchor"
    dialog.reject()

    # a clerk at the same workstation: no header warning
    win.logout()
    log_in(qtbot, win, "demo", "demo123")
    wait_until(lambda: win.is_working and win.clerk is not None and win.clerk.username == "demo")
    win.refresh_cases()
    wait_until(lambda: not win._cases_loading, what="list loaded")
    assert warning.isHidden() and warning.anchor is None
