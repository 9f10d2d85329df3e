"""Fixtures shared by the GUI tests (shell and wizard).

- ``app_context``: an :class:`~clerkapp.app.context.AppContext` on a fresh store file in the test's
  ``$CLERKAPP_HOME`` (training mode: no platform configured).
- ``free_port``: a loopback port nobody listens on (for a sandbox the app starts itself).
- every GUI test waits for its background ops and fails if one is still running after 10 s,
  or if a sync worker thread outlives it, so no test leaks work into the next.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from clerkapp.app.context import AppContext
from clerkapp.gui import ops
from clerkapp.gui.application import tune_interpreter


@pytest.fixture(scope="session", autouse=True)
def _interpreter_as_the_app() -> None:
    """The GUI runs with the interpreter settings the app sets at start-up."""
    tune_interpreter()


@pytest.fixture
def app_context(clerkapp_home: Path) -> Iterator[AppContext]:
    """A workstation context on a real store file, in training mode."""
    context = AppContext(clerkapp_home)
    yield context
    ops.wait_for_ops(10_000)
    context.close()


@pytest.fixture
def free_port() -> int:
    """A loopback TCP port that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(autouse=True)
def _no_leaked_ops(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a GUI test whose background ops do not finish, or that leaves a sync worker
    running (they would leak into the next test)."""
    yield
    if "qapp" in request.fixturenames or "qtbot" in request.fixturenames:
        assert ops.wait_for_ops(10_000), f"{ops.running_ops()} background op(s) still running"
    sync = [t.name for t in threading.enumerate() if t.name == "clerkapp-sync" and t.is_alive()]
    assert sync == [], "a sync worker thread is still running: close the AppContext"
