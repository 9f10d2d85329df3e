"""The desktop app survives PySide6's lost references to None on Python < 3.12: a label set
far more times than None has references (every void Qt call drops one there)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.gui

SCRIPT = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication, QLabel
    from clerkapp.gui.application import create_qapplication
    calls = 3 * sys.getrefcount(None) + 10_000  # before the guard raises it
    app = create_qapplication([]) if sys.argv[1] == "app" else QApplication([])
    label = QLabel()
    for _ in range(calls):
        label.setText("已查询")
    print("survived", flush=True)
    os._exit(0)  # the verdict is in; skip Qt's teardown
    """
)


def _run(mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, mode],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=".",
    )


def test_a_window_outlives_many_more_qt_calls_than_none_has_references() -> None:
    done = _run("app")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "survived"
    if sys.version_info < (3, 12):
        # the hazard is real here: the same calls without the guard abort the interpreter
        bare = _run("bare")
        assert bare.returncode != 0 and "deallocating None" in bare.stderr
