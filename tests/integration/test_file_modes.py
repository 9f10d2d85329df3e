"""Owner-only data (issue 11): the data directory and everything ClerkApp writes under it are
0700 / 0600 whatever the umask — checked after the real start-up paths (the application
context opening its store, a log line, a decision archived, the settings written by
``platform configure``, the training sandbox's folder) — and what an older version left readable
is tightened at start, said once in the log as a count."""

from __future__ import annotations

import logging
import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from clerkapp.app.context import AppContext
from clerkapp.app.documents import DocumentDesk
from clerkapp.infra.documents import DocumentKind
from clerkapp.infra.file_modes import CHECKED_MARKER
from clerkapp.infra.logging_setup import PrivateRotatingFileHandler, setup_logging
from clerkapp.infra.settings import WorkstationSettings
from clerkapp.infra.store import Store
from tests.integration.documents_cases import approved_case, catalogue
from tests.integration.test_sandbox_cli import _wait_until_ready

ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def modes_under(root: Path) -> dict[str, int]:
    """Every file and folder under ``root`` (itself included) and its permission bits."""
    found = {".": mode(root)}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = mode(path)
    return found


def assert_private(root: Path) -> None:
    wrong = {
        name: oct(bits)
        for name, bits in modes_under(root).items()
        if bits != (0o700 if (root / name).is_dir() else 0o600)
    }
    assert not wrong, f"readable by others under {root}: {wrong}"


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The usual desktop umask (022: new files 0644, folders 0755)."""
    before = os.umask(0o022)
    yield
    os.umask(before)


@pytest.fixture
def home(tmp_path: Path, open_umask: None) -> Path:
    return tmp_path / "home"


def test_a_new_workstation_writes_only_owner_only_files(home: Path) -> None:
    context = AppContext(home, settings=WorkstationSettings(), catalogue=catalogue())
    root = logging.getLogger("clerkapp")
    try:
        store = context.store
        # training mode (no platform configured): the training store, in its own folder
        assert {p.name for p in (home / "training").iterdir()} >= {
            "clerkapp.sqlite3",
            "clerkapp.sqlite3-wal",
            "clerkapp.sqlite3-shm",
        }
        # a log line
        log_file = setup_logging(directory=home / "logs")
        logging.getLogger("clerkapp.test").warning("case C-1 printed")
        # a decision printed: its archive copy and the printed original
        case = approved_case(catalogue())
        store.cases.insert(case, clerk="wangxiao", workstation="TRAIN-01")
        desk = DocumentDesk.for_context(context)
        desk.record(desk.build(case.id, DocumentKind.DECISION, "wangxiao"), "wangxiao")
        assert log_file.read_text(encoding="utf-8")
        assert len(list((home / "training" / "documents").rglob("*.pdf"))) == 2
        assert_private(home)
    finally:
        for handler in list(root.handlers):
            if isinstance(handler, PrivateRotatingFileHandler):
                root.removeHandler(handler)
                handler.close()
        context.close()
    assert_private(home)


def test_what_an_older_version_left_readable_is_tightened_at_start(
    home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    Store(home / "clerkapp.sqlite3").close()
    (home / "logs").mkdir()
    (home / "logs" / "clerkapp.log").write_text("old line\n", encoding="utf-8")
    (home / "documents" / "20261127-TRAIN01-0001").mkdir(parents=True)
    (home / "documents" / "20261127-TRAIN01-0001" / "decision-1.pdf").write_bytes(b"%PDF")
    (home / "settings.json").write_text("{}", encoding="utf-8")
    for path in [home, *home.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    caplog.set_level(logging.WARNING, logger="clerkapp")
    context = AppContext(home, settings=WorkstationSettings(), catalogue=catalogue())
    context.close()
    assert_private(home)
    said = [r.getMessage() for r in caplog.records if "owner-only" in r.getMessage()]
    assert len(said) == 1 and "20261127" not in said[0] and "decision" not in said[0]
    assert (home / CHECKED_MARKER).is_file()
    # the next start: nothing to tighten, nothing said
    caplog.clear()
    AppContext(home, settings=WorkstationSettings(), catalogue=catalogue()).close()
    assert not [r for r in caplog.records if "owner-only" in r.getMessage()]


def _cli(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLERKAPP_HOME": str(home), "CLERKAPP_NO_KEYRING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "clerkapp", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_platform_configure_writes_owner_only_settings_and_keys(home: Path) -> None:
    done = _cli(
        home,
        "platform",
        "configure",
        "--url",
        "https://platform.example.test",
        "--workstation",
        "JH-RS-03",
        "--secret-stdin",
        stdin="workstation-secret-4711\n",
    )
    assert done.returncode == 0, done.stderr
    assert (home / "settings.json").is_file() and (home / "keys").is_dir()
    assert_private(home)


def test_the_training_sandbox_folder_is_owner_only(home: Path, tmp_path: Path) -> None:
    sandbox_dir = home / "sandbox"
    ready = tmp_path / "ready.txt"
    env = {**os.environ, "CLERKAPP_HOME": str(home)}
    command = [sys.executable, "-m", "clerkapp", "platform", "serve", "--port", "0"]
    proc = subprocess.Popen(
        [*command, "--people", "50", "--data", str(sandbox_dir), "--ready-file", str(ready)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_until_ready(proc, ready)
        assert any(sandbox_dir.iterdir())
        assert_private(sandbox_dir)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=20)
    assert_private(sandbox_dir)
