"""`clerkapp platform configure` / `training`: the secret is stored protected, never in clear."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from clerkapp.infra import settings


def _cli(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLERKAPP_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "clerkapp", "platform", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_configure_then_back_to_training(clerkapp_home: Path) -> None:
    secret = "workstation-secret-4711"
    done = _cli(
        clerkapp_home,
        "configure",
        "--url",
        "https://platform.example.test/api",
        "--workstation",
        "JH-RS-03",
        "--secret-stdin",
        stdin=secret + "\n",
    )
    assert done.returncode == 0, done.stderr
    # No OS keyring in the tests: the file fallback, and the truth about what it protects.
    assert "仅复制数据库无法读出，但拿到整块硬盘的人可以解密" in done.stdout
    stored = (clerkapp_home / "settings.json").read_text(encoding="utf-8")
    assert secret not in stored
    assert not settings.is_training()
    assert settings.platform_credentials().secret == secret

    back = _cli(clerkapp_home, "training")
    assert back.returncode == 0
    assert settings.is_training()


def test_configure_refuses_a_bad_url(clerkapp_home: Path) -> None:
    done = _cli(
        clerkapp_home,
        "configure",
        "--url",
        "ftp://x",
        "--workstation",
        "W",
        "--secret-stdin",
        stdin="s\n",
    )
    assert done.returncode == 1
    assert "平台地址" in done.stderr
    assert settings.is_training()
