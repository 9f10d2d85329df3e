"""Start-up in training mode with the real sandbox process: the window comes first, the sandbox
follows in the background, the header's status follows it, and quitting stops it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess
from pytestqt.qtbot import QtBot

from clerkapp.app.context import AppContext
from clerkapp.gui.application import GuiPreferences, Shell
from clerkapp.gui.theme import PlatformState
from clerkapp.gui.training import probe_health
from clerkapp.infra.catalogue_io import read_catalogue
from clerkapp.infra.paths import resources_dir
from clerkapp.sandbox import demo
from tests.sandbox_fixture import SandboxHandle, sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]


@pytest.fixture
def shell(qtbot: QtBot, app_context: AppContext) -> Iterator[Shell]:
    # Port 0: the sandbox picks a free port and announces it ("listening on URL").
    shell = Shell(app_context, sandbox_port=0)
    qtbot.addWidget(shell.window)
    yield shell
    shell.shutdown()


def test_window_is_shown_before_the_sandbox_is_ready(qtbot: QtBot, shell: Shell) -> None:
    shell.start()
    # start() returned at once: the window is up while the sandbox is still starting.
    assert shell.window.isVisible()
    assert shell.sandbox is not None
    assert shell.sandbox.state is PlatformState.CONNECTING
    assert "连接中" in shell.window.header.platform_label.text()
    assert shell.window.banner is not None and shell.window.banner.isVisible()
    qtbot.waitUntil(
        lambda: shell.window.header.platform_state is PlatformState.ONLINE, timeout=30_000
    )
    assert "平台在线" in shell.window.header.platform_label.text()
    assert shell.context.platform_url == shell.sandbox.url
    assert shell.sandbox.url.startswith("http://127.0.0.1:")
    assert probe_health(shell.sandbox.url)


def test_quitting_stops_the_sandbox_it_started(qtbot: QtBot, app_context: AppContext) -> None:
    shell = Shell(app_context, sandbox_port=0)
    qtbot.addWidget(shell.window)
    try:
        shell.start()
        qtbot.waitUntil(
            lambda: shell.window.header.platform_state is PlatformState.ONLINE, timeout=30_000
        )
        assert shell.sandbox is not None and shell.sandbox.process is not None
        url = shell.sandbox.url
    finally:
        shell.shutdown()
    assert shell.sandbox.process.state() == QProcess.ProcessState.NotRunning
    assert not probe_health(url)


def test_sandbox_dying_turns_the_status_offline(qtbot: QtBot, shell: Shell) -> None:
    shell.start()
    qtbot.waitUntil(
        lambda: shell.window.header.platform_state is PlatformState.ONLINE, timeout=30_000
    )
    assert shell.sandbox is not None and shell.sandbox.process is not None
    shell.sandbox.process.kill()
    qtbot.waitUntil(
        lambda: shell.window.header.platform_state is PlatformState.OFFLINE, timeout=10_000
    )
    assert "离线" in shell.window.header.platform_label.text()


def test_a_running_sandbox_on_the_port_is_reused(
    qtbot: QtBot,
    app_context: AppContext,
    sandbox: SandboxHandle,  # noqa: F811 (fixture)
) -> None:
    port = int(sandbox.url.rsplit(":", 1)[1])
    shell = Shell(app_context, sandbox_port=port)
    qtbot.addWidget(shell.window)
    try:
        shell.start()
        qtbot.waitUntil(
            lambda: shell.window.header.platform_state is PlatformState.ONLINE, timeout=10_000
        )
        assert shell.sandbox is not None
        assert shell.sandbox.reused and shell.sandbox.process is None
        assert shell.context.platform_url == sandbox.url
    finally:
        shell.shutdown()
    assert probe_health(sandbox.url)  # not ours: left running


def test_preferences_file_sets_language_and_idle_time(app_context: AppContext) -> None:
    (app_context.home / "gui.json").write_text(
        '{"lang": "en", "idle_lock_minutes": 2, "sandbox_port": 9000}', encoding="utf-8"
    )
    prefs = GuiPreferences.load(app_context.home)
    assert (prefs.lang, prefs.idle_lock_minutes, prefs.sandbox_port) == ("en", 2.0, 9000)
    (app_context.home / "gui.json").write_text("not json", encoding="utf-8")
    assert GuiPreferences.load(app_context.home) == GuiPreferences()


def test_sync_worker_sends_the_outbox_and_the_header_follows(
    qtbot: QtBot, clerkapp_home: Path
) -> None:
    catalogue = read_catalogue(resources_dir() / "catalogue" / "canonical.json")
    context = AppContext(clerkapp_home, catalogue=catalogue)
    case = context.case_service.open_case(
        "zjj.public_rental", "person", demo.LI_MING, "李明", "demo"
    )
    # the identity question, the progress registration, the case index entry (issue 9) and the
    # case's summary for supervision (issue 12) wait
    assert context.store.outbox.pending_count() == 4
    shell = Shell(context, sandbox_port=0)
    qtbot.addWidget(shell.window)
    seen: list[int] = []
    shell.window.header.pending_label.setText("")
    original = shell.window.header.set_pending
    shell.window.header.set_pending = lambda n: (seen.append(n), original(n))  # type: ignore[method-assign]
    try:
        shell.start()
        qtbot.waitUntil(lambda: seen[:1] == [4], timeout=10_000)  # counted at start
        # Deadlines, not waits: the training sandbox and the sync child are processes of their
        # own that a loaded machine starts slowly.
        qtbot.waitUntil(
            lambda: shell.window.header.platform_state is PlatformState.ONLINE, timeout=90_000
        )
        qtbot.waitUntil(lambda: context.store.outbox.pending_count() == 0, timeout=90_000)
        qtbot.waitUntil(lambda: seen[-1:] == [0], timeout=10_000)  # told by the sync worker
        assert "待同步 0" in shell.window.header.pending_label.text()
        sent = context.store.outbox.for_case(case.id)
        assert sent and all(row.state.value == "sent" for row in sent)
    finally:
        shell.shutdown()


def test_configured_platform_no_banner_no_sandbox_status_online(
    qtbot: QtBot,
    clerkapp_home: Path,
    sandbox: SandboxHandle,  # noqa: F811 (fixture)
) -> None:
    from clerkapp.infra.settings import configure_platform

    configure_platform(sandbox.url, sandbox.workstation, sandbox.secret, office_name="人社窗口")
    context = AppContext(clerkapp_home)
    assert not context.training
    shell = Shell(context)
    qtbot.addWidget(shell.window)
    try:
        shell.start()
        assert shell.sandbox is None and shell.window.banner is None
        assert "人社窗口" in shell.window.header.counter_label.text()
        qtbot.waitUntil(
            lambda: shell.window.header.platform_state is PlatformState.ONLINE, timeout=10_000
        )
    finally:
        shell.shutdown()
