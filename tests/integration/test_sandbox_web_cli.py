"""`clerkapp platform serve` with the web rules: ``--public-host`` names a public name the
progress pages are reached under; a broken trainer's file stops the start with a clear error."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from tests.integration.test_sandbox_cli import ROOT, _platform, _wait_until_ready

pytestmark = pytest.mark.sandbox


def test_serve_answers_its_public_host_and_refuses_others(tmp_path: Path) -> None:
    ready = tmp_path / "ready.txt"
    command = [sys.executable, "-m", "clerkapp", "platform", "serve", "--port", "0"]
    command += ["--data", str(tmp_path / "data"), "--ready-file", str(ready), "--people", "20"]
    command += ["--public-host", "progress.example.cn"]
    proc = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        _wait_until_ready(proc, ready)
        url = ready.read_text(encoding="utf-8").strip()
        public = requests.get(f"{url}/p", headers={"Host": "progress.example.cn"}, timeout=5)
        assert public.status_code == 200 and "输入查询码" in public.text
        rebound = requests.get(
            f"{url}/dept", headers={"Host": "progress.example.cn.evil"}, timeout=5
        )
        assert rebound.status_code == 421 and rebound.json()["code"] == "unknown_host"
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err


def test_a_broken_trainers_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "trainers.json").write_text(
        json.dumps({"training_secret_networks": "10.0.0.0/8"}), encoding="utf-8"
    )
    result = _platform("serve", "--port", "0", "--data", str(tmp_path), "--people", "20")
    assert result.returncode == 1 and "培训配置文件格式错误" in result.stderr
    assert "Traceback" not in result.stderr
