"""Cold start to a usable main window in training mode (budget ≤ 1.5 s, DESIGN.md §5; issue 13:
≤ 2× the bare-Qt floor measured in the same run), and the process's memory 3 s after it
(issue 13: ≤ 120 MiB).

Runs the real ``python -m clerkapp`` in a fresh process with ``CLERKAPP_EXIT_AFTER_SHOWN=1``:
the app prints a marker line when its main window is first shown, then quits. The time is from
just before the process is spawned to the marker line on its stdout (interpreter start, imports,
store open and migration, window construction and first show included). The first run on a fresh
``$CLERKAPP_HOME`` (creating the store and compiling the byte code into a cache of the run's
own) and the following warm-cache runs are both reported.

The floor is the same measure of a bare ``QApplication`` with an empty ``QMainWindow`` on the
same Python (:data:`FLOOR_PROGRAM`), started interleaved with the app's runs so that both see
the same machine; the ratio of the two medians is the figure judged. Then one more run of each
(``CLERKAPP_ANNOUNCE_SHOWN=1``: the app stays up and starts its training sandbox) is left
running for :data:`SETTLE_S` seconds after its window, then its resident set (``VmRSS``) is read
and it is asked to quit (SIGTERM: the app shuts down as on Ctrl+C).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks import Figure, figure, percentile

BUDGET_S = 1.5
#: Start to window at most this many times the bare-Qt floor (issue 13).
RATIO_BUDGET = 2.0
#: MiB resident 3 s after the window (issue 13).
RSS_BUDGET_MIB = 120.0
SETTLE_S = 3.0
RUNS = 7
MARKER = "clerkapp: window shown"
ROOT = Path(__file__).resolve().parents[1]

EXIT = "CLERKAPP_EXIT_AFTER_SHOWN"
#: The floor: what any PySide6 window costs on this Python — interpreter, Qt's import and
#: platform plugin, one empty main window shown.
FLOOR_PROGRAM = f"""
import os
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Window(QMainWindow):
    shown = False

    def showEvent(self, event):
        super().showEvent(event)
        if not self.shown:
            self.shown = True
            sys.stdout.write({MARKER!r} + "\\n")
            sys.stdout.flush()
            if {EXIT!r} in os.environ:
                QTimer.singleShot(0, app.quit)

app = QApplication(sys.argv[:1])
window = Window()
window.resize(1280, 800)
window.show()
app.exec()
"""


def _command(floor: bool) -> list[str]:
    if floor:
        return [sys.executable, "-c", FLOOR_PROGRAM]
    return [sys.executable, "-m", "clerkapp"]


def rss_mib(pid: int) -> float:
    """The resident set of process ``pid`` in MiB (Linux ``/proc``)."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def start_once(
    home: Path, *, floor: bool = False, settle_s: float = 0.0, timeout_s: float = 60.0
) -> tuple[float, float | None]:
    """Seconds from spawning the app (or the bare-Qt floor) to its window being shown, and —
    when ``settle_s`` is given — its resident MiB that many seconds after the window."""
    env = dict(os.environ)
    env.update(
        CLERKAPP_HOME=str(home),
        QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"),
        PYTHONUNBUFFERED="1",
    )
    # Timed runs quit once the window is shown (before the training sandbox starts); a run
    # that measures memory stays up, sandbox and all, until asked to quit.
    env.pop(EXIT, None)
    # Compiled once, as an installed app is: byte code is written to (and read from) a cache
    # of the run's own, whatever the environment says (PYTHONDONTWRITEBYTECODE=1 made every
    # start compile ClerkApp's modules again: ~0.1 s that a clerk's start never pays).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    env.pop("CLERKAPP_ANNOUNCE_SHOWN", None)
    env["CLERKAPP_ANNOUNCE_SHOWN" if settle_s else EXIT] = "1"
    started = time.perf_counter()
    process = subprocess.Popen(
        _command(floor),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    shown: float | None = None
    rss: float | None = None
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.strip() == MARKER:
                shown = time.perf_counter() - started
                break
        if shown is not None and settle_s:
            time.sleep(settle_s)  # the figure is "memory so long after the window", by design
            rss = rss_mib(process.pid)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout_s)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if shown is None:
        raise RuntimeError(f"the program exited with {process.returncode} before its window")
    return shown, rss


def run() -> Iterator[Figure]:
    """Cold first start; then app and floor started in turn: p50/max of warm starts, the ratio
    of the medians; the resident set of each 3 s after its window."""
    with tempfile.TemporaryDirectory(prefix="clerkapp-startup-") as tmp:
        home = Path(tmp)
        first, _ = start_once(home)
        app_samples: list[float] = []
        floor_samples: list[float] = []
        for _ in range(RUNS):
            floor_samples.append(start_once(home, floor=True)[0])
            app_samples.append(start_once(home)[0])
        _, floor_rss = start_once(home, floor=True, settle_s=SETTLE_S)
        _, app_rss = start_once(home, settle_s=SETTLE_S)
    app_p50 = percentile(app_samples, 50)
    floor_p50 = percentile(floor_samples, 50)
    yield figure("startup_first_run_s", first, "s", BUDGET_S)
    yield figure("startup_to_window_p50_s", app_p50, "s", BUDGET_S)
    yield figure("startup_to_window_max_s", max(app_samples), "s")
    yield figure("startup_floor_bare_qt_p50_s", floor_p50, "s")
    yield figure("startup_ratio_to_bare_qt", app_p50 / floor_p50, "x", RATIO_BUDGET)
    assert app_rss is not None and floor_rss is not None
    yield figure("startup_rss_3s_after_window_mib", app_rss, "MiB", RSS_BUDGET_MIB)
    yield figure("startup_floor_rss_3s_after_window_mib", floor_rss, "MiB")
