"""The real `clerkapp platform serve` process: start, learn the URL from the ready file, use it,
terminate; and the `platform demo` sheet."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

pytestmark = pytest.mark.sandbox

ROOT = Path(__file__).resolve().parents[2]


def _wait_until_ready(proc: subprocess.Popen[str], ready: Path) -> None:
    """Poll (30 s deadline) until the sandbox writes its ready file; fail if it exits first."""
    deadline = time.monotonic() + 30
    while not ready.exists():
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "sandbox did not become ready"
        time.sleep(0.05)


def _platform(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `clerkapp platform ARGS…` to its end (60 s at most), capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "clerkapp", "platform", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_serve_on_a_free_port_with_ready_file(tmp_path: Path) -> None:
    ready = tmp_path / "ready.txt"
    data = tmp_path / "data"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "clerkapp",
            "platform",
            "serve",
            "--port",
            "0",
            "--data",
            str(data),
            "--ready-file",
            str(ready),
            "--verify-delay-s",
            "0",
            "--people",
            "200",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_until_ready(proc, ready)
        url = ready.read_text(encoding="utf-8").strip()
        assert url.startswith("http://127.0.0.1:") and not url.endswith(":0")
        spec = requests.get(f"{url}/openapi.json", timeout=5).json()
        assert spec["info"]["title"] == "ClerkApp sandbox data platform"
        assert requests.get(f"{url}/api/v1/health", timeout=5).json()["status"] == "ok"
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert f"ClerkApp sandbox listening on {url}" in out
    assert not ready.exists()  # removed on exit: a stale URL is never read
    assert (data / "sandbox.sqlite3").exists() and (data / "audit.jsonl").exists()


def test_demo_command_prints_the_subjects() -> None:
    result = _platform("demo", "--json")
    assert result.returncode == 0, result.stderr
    names = [s["name"] for s in json.loads(result.stdout)]
    assert names[:3] == ["李明", "王芳", "韦秀英"]


def test_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _platform("serve", "--port", str(port), "--data", str(tmp_path), "--people", "50")
    assert result.returncode == 1 and "沙箱无法启动" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fault-rate", "1.5"], "故障率必须在 0 到 1 之间"),
        (["--latency-ms", "-5"], "延迟不能为负数"),
    ],
)
def test_bad_settings_are_clear_errors(tmp_path: Path, args: list[str], message: str) -> None:
    result = _serve_once(tmp_path, *args)
    assert result.returncode == 1 and message in result.stderr


def test_broken_workstations_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "workstations.json").write_text("{not json", encoding="utf-8")
    result = _serve_once(tmp_path)
    assert result.returncode == 1 and "工作站配置文件无法读取" in result.stderr


def test_serve_keeps_its_state_in_the_data_directory(tmp_path: Path) -> None:
    """Without --data and without $CLERKAPP_HOME the sandbox keeps its state under the user data
    directory (platformdirs), so a restarted training sandbox still knows yesterday's cases."""
    import os

    ready = tmp_path / "ready.txt"
    env = {k: v for k, v in os.environ.items() if k != "CLERKAPP_HOME"}
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "xdg"))
    command = [sys.executable, "-m", "clerkapp", "platform", "serve", "--port", "0"]
    proc = subprocess.Popen(
        [*command, "--people", "50", "--ready-file", str(ready)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_until_ready(proc, ready)
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert (tmp_path / "xdg" / "ClerkApp" / "sandbox" / "sandbox.sqlite3").exists()


def _dataset_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return _platform("dataset", *args)


def test_dataset_bad_people_and_unwritable_out_are_clear_errors(tmp_path: Path) -> None:
    """A negative size is refused before anything is written; an --out that cannot be a
    directory is a Chinese message, not a traceback."""
    refused = _dataset_cli("--out", str(tmp_path / "neg"), "--people", "-3")
    assert refused.returncode == 2
    assert "人数应为不小于 0 的整数" in refused.stderr
    assert not (tmp_path / "neg").exists()

    blocker = tmp_path / "file.txt"
    blocker.write_text("not a directory", encoding="utf-8")
    failed = _dataset_cli("--out", str(blocker / "sub"), "--people", "5")
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert "无法写入数据集目录" in failed.stderr


def _serve_once(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `clerkapp platform serve` on a free port with ``data`` and wait for it to end (the
    tests using it expect a refusal to start)."""
    return _platform("serve", "--port", "0", "--data", str(data), *args)
