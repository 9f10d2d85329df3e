"""Fixtures shared by the GUI tests (shell and wizard).

- ``app_context``: an :class:`~clerkapp.app.context.AppContext` on a fresh store file in the test's
  ``$CLERKAPP_HOME`` (training mode: no platform configured).
- ``driver``: a :class:`~tests.gui.wizard_driver.WizardDriver` against the sandbox fixture;
- ``offline_driver``: the same wizard with no platform answering (what happens before a case is
  opened calls no platform);
- ``free_port``: a loopback port nobody listens on (for a sandbox the app starts itself).
- every GUI test waits for its background ops and fails if one is still running after 10 s,
  or if a sync worker thread outlives it, so no test leaks work into the next;
- Qt complaining of an object used from the wrong thread fails the test;
- cycles are collected on the GUI thread (:mod:`clerkapp.gui.gc_guard`), as in the app.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from clerkapp.app.context import AppContext
from clerkapp.gui import gc_guard, ops
from clerkapp.gui.application import tune_interpreter
from tests.gui.wizard_driver import WizardDriver
from tests.sandbox_fixture import SandboxHandle


@pytest.fixture(scope="session", autouse=True)
def _interpreter_as_the_app(qapp: QApplication) -> None:
    """The GUI runs with the interpreter settings the app sets at start-up, and cycles are
    collected on the GUI thread as in the app."""
    tune_interpreter()
    gc_guard.install(qapp)


@pytest.fixture
def app_context(clerkapp_home: Path) -> Iterator[AppContext]:
    """A workstation context on a real store file, in training mode."""
    context = AppContext(clerkapp_home)
    yield context
    ops.wait_for_ops(10_000)
    context.close()


@pytest.fixture
def driver(qtbot: Any, app_context: AppContext, sandbox: SandboxHandle) -> Iterator[WizardDriver]:
    """The case wizard on a fresh store, talking to a sandbox on a loopback port (a module that
    needs another platform defines its own ``driver``)."""
    drv = WizardDriver(app_context, sandbox.url)
    qtbot.addWidget(drv.wizard)
    yield drv
    drv.close()


#: A platform address nobody answers (the discard port).
NOWHERE = "http://127.0.0.1:9"


@pytest.fixture
def offline_driver(qtbot: Any, app_context: AppContext) -> Iterator[WizardDriver]:
    """The case wizard on a fresh store with no platform answering."""
    drv = WizardDriver(app_context, NOWHERE)
    qtbot.addWidget(drv.wizard)
    yield drv
    drv.close()


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


#: What Qt prints when a Qt object is used or destroyed on a thread it does not live on.
CROSS_THREAD_MESSAGES = ("from another thread", "from a different thread", "different thread")


@pytest.fixture(autouse=True)
def _no_cross_thread_qt(qtlog: Any) -> Iterator[None]:
    """Fail a GUI test during which Qt complained of an object touched from the wrong thread
    (such misuse crashes at random later)."""
    yield
    bad = [r.message for r in qtlog.records if any(m in r.message for m in CROSS_THREAD_MESSAGES)]
    assert bad == [], f"Qt object used from the wrong thread: {bad[:3]}"
