"""Test-wide fixtures: every test gets its own data directory, never the clerk's real one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.sandbox_fixture"]


@pytest.fixture(autouse=True)
def clerkapp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh ``$CLERKAPP_HOME`` for each test."""
    home = tmp_path / "clerkapp-home"
    monkeypatch.setenv("CLERKAPP_HOME", str(home))
    yield home
