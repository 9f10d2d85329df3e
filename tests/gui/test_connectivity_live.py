"""The honest status against the real sandbox process (issue 10): a reused sandbox is watched,
killed the header says offline with the queue, restarted it comes back online by itself and the
queue drains; the printed QR follows the sandbox's real port; a process on the training port that
is not a ClerkApp sandbox is never reused; a different sandbox instance is noticed."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
import requests
from pytestqt.qtbot import QtBot

from clerkapp.app.context import AppContext
from clerkapp.app.documents import DocumentDesk
from clerkapp.gui.application import Shell
from clerkapp.gui.theme import PlatformState
from clerkapp.infra.catalogue_io import read_catalogue
from clerkapp.infra.documents import DocumentKind
from clerkapp.infra.paths import resources_dir
from clerkapp.sandbox import demo
from tests.integration.case_fixtures import confirm_identity
from tests.integration.documents_cases import decode_qr
from tests.integration.test_connectivity_probe import _Answer, serve

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]

ROOT = Path(__file__).resolve().parents[2]


class Sandbox:
    """``clerkapp platform serve`` as its own process on a fixed port and data directory, which
    a test can kill (SIGKILL) and start again."""

    def __init__(self, port: int, data: Path, *extra: str) -> None:
        self.port = port
        self.data = data
        self.extra = extra  # more ``platform serve`` options (e.g. --verify-delay-s -1)
        self.ready = data.parent / f"{data.name}.ready"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, qtbot: QtBot) -> None:
        self.ready.unlink(missing_ok=True)
        log = (self.data.parent / f"{self.data.name}.log").open("ab")
        self.proc = subprocess.Popen(
            [
                *(sys.executable, "-m", "clerkapp", "platform", "serve", "--port", str(self.port)),
                *("--data", str(self.data), "--ready-file", str(self.ready), "--people", "200"),
                *self.extra,
            ],
            cwd=ROOT,
            stdout=log,
            stderr=log,
        )
        log.close()
        proc = self.proc
        qtbot.waitUntil(lambda: self.ready.exists() or proc.poll() is not None, timeout=30_000)
        assert proc.poll() is None, (self.data.parent / f"{self.data.name}.log").read_text()

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    @property
    def instance(self) -> str:
        return (self.data / "instance").read_text(encoding="ascii")


@pytest.fixture
def context(clerkapp_home: Path) -> Iterator[AppContext]:
    catalogue = read_catalogue(resources_dir() / "catalogue" / "canonical.json")
    ctx = AppContext(clerkapp_home, catalogue=catalogue)
    yield ctx
    ctx.close()


@pytest.fixture
def outside(tmp_path: Path, free_port: int) -> Iterator[Sandbox]:
    """A sandbox the clerk started outside the app, on a port other than 8765."""
    box = Sandbox(free_port, tmp_path / "sandbox-a")
    yield box
    box.kill()


def _status(shell: Shell) -> str:
    return shell.window.header.platform_label.text()


def test_sandbox_killed_and_restarted_the_header_follows_and_the_queue_drains(
    qtbot: QtBot, context: AppContext, outside: Sandbox
) -> None:
    assert outside.port != 8765
    outside.start(qtbot)
    shell = Shell(context, sandbox_port=outside.port)
    qtbot.addWidget(shell.window)
    header = shell.window.header
    try:
        shell.start()
        qtbot.waitUntil(lambda: header.platform_state is PlatformState.ONLINE, timeout=20_000)
        assert shell.sandbox is not None and shell.sandbox.reused
        assert shell.sandbox.process is None  # not ours: nothing to watch but its answers
        assert shell.sandbox.instance == outside.instance
        assert "● 平台在线" in _status(shell)

        outside.kill()
        qtbot.waitUntil(lambda: header.platform_state is PlatformState.OFFLINE, timeout=15_000)

        # the clerk keeps working: a case opened and refused while the platform is away
        service = context.case_service
        case = service.open_case("zjj.public_rental", "person", demo.LI_MING, "李明", "demo")
        shell.window.case_changed.emit(case.id)
        confirm_identity(service, case.id)
        service.decide(case.id, "refuse", "名下有机动车辆", "demo", override_reason="现场核实")
        shell.window.case_changed.emit(case.id)
        queued = context.backlog()[0]
        assert queued >= 2  # the progress registration and the decision's event at least
        qtbot.waitUntil(lambda: f"排队 {queued} 项" in _status(shell), timeout=10_000)
        assert "○ 离线" in _status(shell) and "最早 不到 1 分钟前" in _status(shell)
        assert header.platform_state is PlatformState.OFFLINE

        # the printed notice's QR points at the sandbox really in use
        built = DocumentDesk.for_context(context).build(case.id, DocumentKind.REFUSAL, "demo")
        url, _ = decode_qr(built.pdf)
        assert url == f"http://127.0.0.1:{outside.port}/p/{case.tracking_token}"

        outside.start(qtbot)  # the same sandbox (same data directory) started again
        qtbot.waitUntil(lambda: context.backlog()[0] == 0, timeout=30_000)
        qtbot.waitUntil(
            lambda: header.platform_state is PlatformState.ONLINE and "排队" not in _status(shell),
            timeout=15_000,
        )
        assert "● 平台在线" in _status(shell) and "剩余" not in _status(shell)
        assert not shell.connectivity.state.instance_changed
        # the queued registration and event arrived: the QR's page knows the case
        progress = requests.get(url + ".json", timeout=10)
        assert progress.status_code == 200 and progress.json()["status"]
    finally:
        shell.shutdown()


def test_another_sandbox_instance_on_the_port_is_noticed(
    qtbot: QtBot, context: AppContext, outside: Sandbox, tmp_path: Path
) -> None:
    outside.start(qtbot)
    shell = Shell(context, sandbox_port=outside.port)
    qtbot.addWidget(shell.window)
    other = Sandbox(outside.port, tmp_path / "sandbox-b")
    try:
        shell.start()
        qtbot.waitUntil(
            lambda: shell.connectivity.state.instance == outside.instance, timeout=20_000
        )
        outside.kill()
        other.start(qtbot)
        qtbot.waitUntil(lambda: shell.connectivity.state.instance_changed, timeout=20_000)
        assert shell.connectivity.state.instance == other.instance != outside.instance
        assert "另一个实例" in shell.window.header.platform_label.toolTip()
    finally:
        shell.shutdown()
        other.kill()


class _Counting(_Answer):
    paths: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.paths.append(self.path)
        super().do_GET()


def test_a_foreign_server_on_the_training_port_is_not_reused(
    qtbot: QtBot, context: AppContext
) -> None:
    _Counting.paths = []
    for foreign in serve(_Counting):
        port = int(foreign.rsplit(":", 1)[1])
        shell = Shell(context, sandbox_port=port)
        qtbot.addWidget(shell.window)
        header = shell.window.header
        try:
            shell.start()
            qtbot.waitUntil(
                lambda: header.platform_state is PlatformState.ONLINE,  # noqa: B023 (waited here)
                timeout=30_000,
            )
            sandbox = shell.sandbox
            assert sandbox is not None and not sandbox.reused and sandbox.process is not None
            assert sandbox.port not in (0, port) and sandbox.url != foreign
            assert str(port) in sandbox.notice and "不是培训平台" in sandbox.notice
            assert sandbox.notice in header.platform_label.toolTip()
            assert sandbox.notice in shell.window.statusBar().currentMessage()
            # the work and the QR go to the sandbox started, never to the foreign server
            assert context.platform_url == sandbox.url
            assert context.progress_base_url == sandbox.url
            assert _Counting.paths == ["/api/v1/health"]  # asked who it is, nothing else
        finally:
            shell.shutdown()
