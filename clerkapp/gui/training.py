"""Training mode: the bundled sandbox platform started as a child process, and the amber banner.

:class:`SandboxProcess` never blocks the GUI thread: a quick health probe of the port runs as a
background op, then ``clerkapp platform serve`` is started through ``QProcess``; its "listening
on" line (read on ``readyReadStandardOutput``) says it is up, ``finished``/``errorOccurred`` that
it is down. No polling timer.

A process already answering on the port is reused only when its health answer says it is a
ClerkApp sandbox (``service: clerkapp-sandbox`` and an instance identity). Anything else on the
port — another program, an old sandbox without identity, a hung process — is left alone: the
sandbox is started on another free port instead, and :attr:`SandboxProcess.notice` says so. The
connectivity monitor (:mod:`clerkapp.gui.connectivity`) keeps watching the instance afterwards.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QProcessEnvironment, Signal
from PySide6.QtWidgets import QLabel, QWidget

from clerkapp.app.auth import DEMO_ACCOUNTS
from clerkapp.gui import ops
from clerkapp.gui.theme import BANNER_BG, BANNER_FG, PlatformState
from clerkapp.infra.file_modes import private_dir
from clerkapp.infra.office_clock import office_zone_name
from clerkapp.infra.paths import data_dir, self_command, self_environment, store_file

if TYPE_CHECKING:
    from clerkapp.infra.platform.probe import Probe

log = logging.getLogger(__name__)

DEFAULT_PORT = 8765
_LISTENING = re.compile(r"listening on (\S+)")
STOP_GRACE_MS = 3000


def probe_health(url: str, timeout_s: float = 0.5) -> bool:
    """Whether a ClerkApp platform answers ``GET {url}/api/v1/health`` (worker thread only)."""
    import urllib.request  # http.client, ssl, email: imported by the worker, not at start

    try:
        # No proxy: the platform of training mode is on loopback.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(f"{url}/api/v1/health", timeout=timeout_s) as answer:
            body = json.loads(answer.read().decode("utf-8"))
    except (OSError, ValueError, urllib.error.URLError):
        return False
    return isinstance(body, dict) and body.get("status") == "ok"


class SandboxProcess(QObject):
    """The training sandbox: reused if it already runs on the port, else started and owned.

    ``state_changed`` carries a :class:`PlatformState`; ``url`` is set once it is online.
    """

    state_changed = Signal(object)
    notice_changed = Signal(str)  # why the sandbox is not where expected (clerk's words)

    def __init__(
        self,
        data_dir: Path,
        *,
        port: int = DEFAULT_PORT,
        host: str = "127.0.0.1",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.port = port
        self.host = host
        self.url = f"http://{host}:{port}"
        self.state = PlatformState.OFFLINE
        self.reused = False
        self.instance = ""  # the reused sandbox's instance identity
        self.notice = ""
        self._process: QProcess | None = None
        self._stdout = ""
        self._stopping = False

    @property
    def ready_file(self) -> Path:
        """The file the sandbox writes once it listens (its URL)."""
        return self.data_dir / "ready"

    @property
    def process(self) -> QProcess | None:
        """The child process, if this object started one."""
        return self._process

    def start(self) -> None:
        """Probe the port in the background, then reuse or start; returns at once."""
        self._set_state(PlatformState.CONNECTING)
        if self.port == 0:  # an ephemeral port is never in use yet
            self._launch()
            return
        url = self.url
        ops.run_op(self, lambda: _probe(url), self._probed, on_failure=self._failed)

    def _probed(self, probe: Probe) -> None:
        from clerkapp.infra.platform.probe import ProbeResult  # loaded by _probe

        if self._stopping:
            return
        if probe.is_sandbox:
            self.reused = True
            self.instance = probe.instance
            log.info("training sandbox already running on port %s: reused", self.port)
            self._set_state(PlatformState.ONLINE)
        elif probe.result is ProbeResult.REFUSED:
            self._launch()
        else:
            # Not a ClerkApp sandbox (or not answering as one): never send training work to it.
            log.warning(
                "port %s is held by something that is not a ClerkApp sandbox (%s): "
                "starting the sandbox on another free port",
                self.port,
                probe.result.value,
            )
            self._set_notice(
                QCoreApplication.translate(
                    "Training",
                    "端口 {0} 被其他程序占用（不是培训平台），培训平台已改用另一个空闲端口启动。",
                ).format(self.port)
            )
            self.port = 0
            self._launch()

    def _set_notice(self, notice: str) -> None:
        self.notice = notice
        self.notice_changed.emit(notice)

    def _failed(self, exc: BaseException) -> None:
        ops.log_failure(exc, "sandbox probe")
        self._set_state(PlatformState.OFFLINE)

    def _launch(self) -> None:
        private_dir(self.data_dir)  # owner-only, like the rest of the data directory
        self.ready_file.unlink(missing_ok=True)
        process = QProcess(self)
        # The bundle's executable in a PyInstaller build, else `python -m clerkapp`.
        program, *arguments = self_command(
            "platform",
            "serve",
            "--host",
            self.host,
            "--port",
            str(self.port),
            "--data",
            str(self.data_dir),
            "--ready-file",
            str(self.ready_file),
            # The training platform shows people the office's times, as the workstation does.
            "--office-zone",
            office_zone_name(),
        )
        process.setProgram(program)
        process.setArguments(arguments)
        env = QProcessEnvironment.systemEnvironment()
        env.insert("PYTHONUNBUFFERED", "1")  # the "listening on" line must arrive at once
        for name, value in self_environment().items():
            env.insert(name, value)
        process.setProcessEnvironment(env)
        process.setWorkingDirectory(str(Path(__file__).resolve().parents[2]))
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        process.readyReadStandardOutput.connect(self._read_output)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._error)
        self._process = process
        log.info("starting training sandbox on port %s", self.port)
        process.start()

    def _read_output(self) -> None:
        if self._process is None:
            return
        chunk = bytes(self._process.readAllStandardOutput().data()).decode("utf-8", "replace")
        self._stdout = (self._stdout + chunk)[-4000:]
        match = _LISTENING.search(self._stdout)
        if match and self.state is not PlatformState.ONLINE:
            self.url = match.group(1).rstrip("/")
            self.port = int(self.url.rsplit(":", 1)[1])
            log.info("training sandbox is up on port %s", self.port)
            self._set_state(PlatformState.ONLINE)

    def _finished(self, exit_code: int, _status: QProcess.ExitStatus) -> None:
        if not self._stopping:
            # The sandbox's own output carries no personal data (synthetic registries only).
            log.warning("training sandbox exited (code %s): %s", exit_code, self._stdout[-500:])
        self._set_state(PlatformState.OFFLINE)

    def _error(self, error: QProcess.ProcessError) -> None:
        if not self._stopping:
            log.warning("training sandbox process error: %s", error.name)
            self._set_state(PlatformState.OFFLINE)

    def _set_state(self, state: PlatformState) -> None:
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state)

    def stop(self) -> None:
        """Stop the sandbox if this object started it (terminate, then kill after a grace)."""
        self._stopping = True
        process = self._process
        if process is None or process.state() == QProcess.ProcessState.NotRunning:
            return
        process.terminate()
        if not process.waitForFinished(STOP_GRACE_MS):
            process.kill()
            process.waitForFinished(STOP_GRACE_MS)


class TrainingBanner(QLabel):
    """The amber banner shown across the top in training mode."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingBanner")
        self.setAccessibleName(self.tr("培训模式提示"))
        clerk, supervisor = DEMO_ACCOUNTS
        self.setText(
            self.tr("培训模式 · 演示账号 {0} / {1}（科室负责人 {2} / {3}）· 数据均为虚构").format(
                clerk.username, clerk.password, supervisor.username, supervisor.password
            )
            # Which store (issue 10 part 5): training work is kept apart from production.
            + self.tr(" · 培训库：不会发送到正式平台")
        )
        self.setToolTip(
            self.tr(
                "培训中的办件和待发送的操作保存在单独的培训库（{0}），只发送到培训沙箱；"
                "配置正式平台后使用正式库，培训库原样保留，回到培训模式可继续。"
            ).format(store_file(data_dir(), training=True))
        )
        self.setStyleSheet(
            f"QLabel#trainingBanner {{ background: {BANNER_BG}; color: {BANNER_FG};"
            " font-weight: bold; padding: 6px 12px; }"
        )


def _probe(url: str) -> Probe:
    """*worker* — what answers on the sandbox's port. The platform client package (and
    ``requests`` with it) is imported here, off the GUI thread and after the window shows,
    not at start-up (issue 13)."""
    from clerkapp.infra.platform.probe import probe_platform

    return probe_platform(url, timeout_s=1.0)
