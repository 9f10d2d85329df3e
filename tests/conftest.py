"""Test-wide fixtures: every test gets its own data directory, never the clerk's real one, and
reference cycles are collected on the main thread only, as in the app (a cycle holding a Qt
object left by a GUI test must not be destroyed by a worker thread of a later test)."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property tests without a per-example deadline: a loaded CI machine must not turn a slow example
# into a failure (the property is under test, not the speed, which the benchmarks measure).
settings.register_profile("clerkapp", deadline=None)
settings.load_profile("clerkapp")

pytest_plugins = ["tests.sandbox_fixture"]


@pytest.fixture(scope="session", autouse=True)
def _cycles_collected_on_the_main_thread() -> Iterator[None]:
    """Automatic collection off for the session (the GUI tests' timer and :func:`_collect` do
    it on the main thread instead), as :mod:`clerkapp.gui.gc_guard` does in the app."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect() -> Iterator[None]:
    """After each test, collect what is due, on the main thread."""
    yield
    from clerkapp.gui.gc_guard import collect_due

    collect_due()


@pytest.fixture(autouse=True)
def clerkapp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh ``$CLERKAPP_HOME`` for each test."""
    home = tmp_path / "clerkapp-home"
    monkeypatch.setenv("CLERKAPP_HOME", str(home))
    # Tests never touch the user's real OS keyring (tests of the keyring path install their own
    # backend and clear this).
    monkeypatch.setenv("CLERKAPP_NO_KEYRING", "1")
    yield home
