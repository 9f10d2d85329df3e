"""What the window's start may not load (issue 13): the wizard package (and with it the documents
layer and ReportLab) loads at the first login and the platform client (``requests``) on a worker,
so that the window shows within twice a bare Qt window's time. A new import at module level in a
module of the shell (it happened: the case list once imported the wizard for a role's label, the
refused-anchor warning the platform client) puts them back on the path to the first window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Modules the shell's window imports before it shows (gui.application builds the Shell).
SHELL = ("clerkapp.gui.application", "clerkapp.gui.main_window", "clerkapp.cli")
#: What must not be loaded by them.
HEAVY = ("clerkapp.gui.wizard", "clerkapp.infra.documents", "reportlab", "requests", "urllib3")


def test_the_shell_modules_load_neither_the_wizard_nor_the_platform_client() -> None:
    program = (
        "import importlib, json, sys\n"
        f"for name in {SHELL!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}"
        f" or any(m == h or m.startswith(h + '.') for h in {HEAVY!r}))))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120, check=True,
    ).stdout  # fmt: skip
    loaded = json.loads(out.strip().splitlines()[-1])
    assert loaded == [], f"loaded before the window shows: {loaded[:10]}"
