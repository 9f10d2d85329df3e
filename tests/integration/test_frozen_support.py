"""What differs when ClerkApp runs from its PyInstaller bundle: how it starts itself again (the
training sandbox), where its resources are, and the bundle's ``--self-check``.

The bundle itself is built and run by ``tools/check_bundle.sh``; these tests cover the same code
paths from the checkout, with ``sys.frozen`` set where the frozen branch is meant.
"""

from __future__ import annotations

import importlib.util
import json
import stat
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from pytestqt.qtbot import QtBot

from clerkapp import __version__
from clerkapp.gui.theme import PlatformState
from clerkapp.gui.training import SandboxProcess, probe_health
from clerkapp.infra.paths import is_frozen, resources_dir, self_command, self_environment

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def entry() -> ModuleType:
    """``tools/pyinstaller_entry.py``, the bundle's entry script, as a module."""
    spec = importlib.util.spec_from_file_location(
        "pyinstaller_entry", ROOT / "tools" / "pyinstaller_entry.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Pretend to run from a bundle whose executable is ``tmp_path/bundle/clerkapp``."""
    executable = tmp_path / "bundle" / "clerkapp"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))
    return executable


def test_from_python_the_command_is_this_interpreter_with_the_module() -> None:
    assert not is_frozen()
    assert self_command("platform", "serve") == [
        sys.executable,
        "-m",
        "clerkapp",
        "platform",
        "serve",
    ]
    assert self_environment() == {}
    run = subprocess.run(
        self_command("--version"), cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert (run.returncode, run.stdout.strip()) == (0, f"clerkapp {__version__}")


def test_frozen_the_command_is_the_bundle_executable_itself(frozen: Path) -> None:
    assert is_frozen()
    # A frozen interpreter has no `-m`: the bundle's executable is the clerkapp command.
    assert self_command("platform", "serve", "--port", "0") == [
        str(frozen),
        "platform",
        "serve",
        "--port",
        "0",
    ]
    assert self_environment() == {"PYINSTALLER_RESET_ENVIRONMENT": "1"}


def test_resources_are_inside_the_bundle_when_frozen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert resources_dir() == ROOT / "resources"
    assert (resources_dir() / "catalogue" / "schema.json").is_file()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    assert resources_dir() == tmp_path / "_internal" / "resources"


@pytest.mark.sandbox
def test_frozen_training_sandbox_starts_the_bundle_as_the_clerkapp_command(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stand-in for the bundle's executable: it records how it was called, then behaves as
    # the bundle does (the `clerkapp` command) by running the real CLI.
    python = sys.executable
    record = tmp_path / "record"
    record.mkdir()
    stand_in = tmp_path / "bundle" / "clerkapp"
    stand_in.parent.mkdir()
    stand_in.write_text(
        "#!/bin/sh\n"
        f"printf '%s\\n' \"$PYINSTALLER_RESET_ENVIRONMENT\" > '{record}/env'\n"
        f"printf '%s\\n' \"$@\" > '{record}/args'\n"
        f"cd '{ROOT}' && exec '{python}' -m clerkapp \"$@\"\n",
        encoding="utf-8",
    )
    stand_in.chmod(stand_in.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(stand_in))

    sandbox = SandboxProcess(tmp_path / "sandbox", port=0)
    try:
        sandbox.start()
        qtbot.waitUntil(lambda: sandbox.state is PlatformState.ONLINE, timeout=60_000)
        assert probe_health(sandbox.url)
    finally:
        sandbox.stop()
    args = (record / "args").read_text(encoding="utf-8").split()
    assert args[:2] == ["platform", "serve"]
    assert args[args.index("--ready-file") + 1] == str(sandbox.ready_file)
    assert (record / "env").read_text(encoding="utf-8").strip() == "1"


def test_self_check_passes_on_the_checkout_and_keeps_the_sample_pdf(
    entry: ModuleType, qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # qapp: a QApplication exists first, so the check does not make a bare QGuiApplication.
    assert entry.main(["--self-check", str(tmp_path / "out")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("]")[0] for line in lines[:-1]] == ["[通过"] * len(entry.CHECKS)
    assert lines[-1] == f"自检通过：{len(entry.CHECKS)} 项"
    assert (tmp_path / "out" / entry.SAMPLE_PDF).read_bytes().startswith(b"%PDF-")


def test_self_check_reports_missing_resources_of_a_bundle(
    entry: ModuleType,
    frozen: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    internal = tmp_path / "bundle" / "_internal"
    (internal / "resources" / "fonts").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    resources = [(name, check) for name, check in entry.CHECKS if check is entry.check_resources]
    assert entry.run_checks(tmp_path, resources) == 1
    out = capsys.readouterr().out
    assert "[失败] 资源文件" in out and "catalogue/schema.json" in out and "fonts/*.ttf" in out
    assert "自检未通过：1/1 项失败" in out


def test_one_failing_check_does_not_stop_the_others(
    entry: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_out: Path) -> str:
        raise OSError("磁盘已满")

    checks = [("甲", broken), ("乙", lambda out: f"写入 {out.name}")]
    assert entry.run_checks(tmp_path, checks) == 1
    assert capsys.readouterr().out.splitlines() == [
        "[失败] 甲：OSError: 磁盘已满",
        f"[通过] 乙：写入 {tmp_path.name}",
        "自检未通过：1/2 项失败",
    ]


def test_without_the_self_check_option_the_entry_is_the_clerkapp_command(
    entry: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert entry.main(["catalogue", "stats"]) == 0
    assert "事项 (matters)" in capsys.readouterr().out


def test_self_check_tells_it_when_next_years_holidays_are_unknown(
    entry: ModuleType, clerkapp_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import datetime as dt

    from clerkapp.core.workdays import PACKAGE_CALENDAR

    coming = dt.date.today().year + 1
    checks = [(name, check) for name, check in entry.CHECKS if check is entry.check_calendar]
    assert entry.run_checks(tmp_path, checks) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith("[通过] 节假日安排") and "已知 2004–" in line
    # chinesecalendar 1.11 stops at 2026: on 2026-11-27 the check tells IT 2027 is unknown
    assert (f"{coming} 年的安排未知" in line) is not PACKAGE_CALENDAR.covers(coming)
    # IT puts next year's schedule into the override file: the check is content
    override = clerkapp_home / "calendar" / "holidays.json"
    override.parent.mkdir(parents=True)
    override.write_text(
        json.dumps({"format": "clerkapp-holidays/1", "years": {str(coming): {
            "source": "test", "holidays": [f"{coming}-01-01"], "workdays": []}}}),
        encoding="utf-8",
    )  # fmt: skip
    assert entry.run_checks(tmp_path, checks) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert "未知" not in line and f"{coming}" in line
