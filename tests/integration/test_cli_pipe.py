"""The CLI as a pipeline stage: a reader that stops early gets no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_closed_pipe_is_not_a_traceback(clerkapp_home: Path) -> None:
    reader, writer = os.pipe()
    os.close(reader)  # nobody reads: the first write of a long listing fails
    proc = subprocess.run(
        [sys.executable, "-m", "clerkapp", "catalogue", "search", "证明", "--limit", "2000"],
        stdout=writer,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "CLERKAPP_HOME": str(clerkapp_home)},
        timeout=120,
    )
    os.close(writer)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1
