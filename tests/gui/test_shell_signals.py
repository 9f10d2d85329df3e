"""Ctrl+C (SIGINT) and SIGTERM quit the real app process cleanly: exit code 0, no traceback, and
the training sandbox it started stopped — as closing the window does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from clerkapp.gui.application import ANNOUNCE_SHOWN, SHOWN_MARKER

pytestmark = [pytest.mark.gui, pytest.mark.sandbox]

ROOT = Path(__file__).resolve().parents[2]
DEADLINE_S = 60.0


def _children(pid: int) -> list[int]:
    """The ids of the live processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":\t", 1) for line in status.splitlines() if ":\t" in line)
        if fields.get("PPid", "").strip() == str(pid) and not fields.get("State", "").startswith(
            "Z"
        ):
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie awaiting its parent's wait does not count)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


def _wait_for(predicate, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + DEADLINE_S
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)  # polling with a deadline, not a sleep as synchronisation


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_quits_cleanly_and_stops_the_sandbox(tmp_path: Path, signum: int) -> None:
    home = tmp_path / "home"
    home.mkdir()
    # an ephemeral port: never clashes with a sandbox of another test or a clerk's own
    (home / "gui.json").write_text('{"sandbox_port": 0}', encoding="utf-8")
    env = {
        **os.environ,
        "CLERKAPP_HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        ANNOUNCE_SHOWN: "1",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("CLERKAPP_EXIT_AFTER_SHOWN", None)
    app = subprocess.Popen(
        [sys.executable, "-m", "clerkapp"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # the signal goes to the app alone, as a test should control
    )
    shown = threading.Event()
    out_lines: list[str] = []

    def read_stdout() -> None:
        assert app.stdout is not None
        for line in app.stdout:
            out_lines.append(line)
            if SHOWN_MARKER in line:
                shown.set()

    reader = threading.Thread(target=read_stdout, daemon=True)
    reader.start()
    sandbox_pids: list[int] = []
    left_running: list[int] = []
    try:
        assert shown.wait(DEADLINE_S), f"window never shown: {out_lines}"
        ready = home / "sandbox" / "ready"
        _wait_for(ready.exists, "the training sandbox to listen")
        sandbox_pids = _children(app.pid)
        assert sandbox_pids, "the app started no sandbox process"
        app.send_signal(signum)
        _, stderr = app.communicate(timeout=DEADLINE_S)
        left_running = [pid for pid in sandbox_pids if _alive(pid)]
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        for pid in _children(app.pid) + sandbox_pids:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    reader.join(timeout=5)
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert app.returncode == 0, stderr
    # the sandbox child was stopped by the app's own shutdown, not left running
    assert left_running == []
