"""Cold start to a usable main window in training mode (budget ≤ 1.5 s, DESIGN.md §5).

Runs the real ``python -m clerkapp`` in a fresh process with ``CLERKAPP_EXIT_AFTER_SHOWN=1``:
the app prints a marker line when its main window is first shown, then quits. The time is from
just before the process is spawned to the marker line on its stdout (interpreter start, imports,
store open and migration, window construction and first show included). The first run on a fresh
``$CLERKAPP_HOME`` (creating the store) and the following warm-cache runs are both reported.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks import Figure, figure, percentile

BUDGET_S = 1.5
RUNS = 7
MARKER = "clerkapp: window shown"
ROOT = Path(__file__).resolve().parents[1]


def start_once(home: Path, timeout_s: float = 60.0) -> float:
    """Seconds from spawning ``python -m clerkapp`` to its main window being shown."""
    env = dict(os.environ)
    env.update(
        CLERKAPP_HOME=str(home),
        CLERKAPP_EXIT_AFTER_SHOWN="1",
        QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"),
        PYTHONUNBUFFERED="1",
    )
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "clerkapp"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    shown: float | None = None
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.strip() == MARKER:
                shown = time.perf_counter() - started
                break
        process.wait(timeout_s)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if shown is None:
        raise RuntimeError(f"clerkapp exited with {process.returncode} before showing its window")
    return shown


def run() -> Iterator[Figure]:
    """Cold first start, then p50/max of warm starts in the same data directory."""
    with tempfile.TemporaryDirectory(prefix="clerkapp-startup-") as tmp:
        home = Path(tmp)
        first = start_once(home)
        samples = [start_once(home) for _ in range(RUNS)]
    yield figure("startup_first_run_s", first, "s", BUDGET_S)
    yield figure("startup_to_window_p50_s", percentile(samples, 50), "s", BUDGET_S)
    yield figure("startup_to_window_max_s", max(samples), "s")
