"""Views that follow the store (issue 10): whoever changes a case — the sync worker draining the
outbox, a look-up fan-out, a verification poll, a department's answer — every open view of that
case (the wizard's proofs board, the case list, the applicant's screen) shows it within a second,
without a click and without polling the database.

The store tells :class:`CaseUpdates` the ids of the cases each committed transaction changed
(:meth:`clerkapp.infra.store.db.Store.add_case_listener`, on the committing thread). The hub only
gathers the ids under a lock and wakes the GUI thread once; there it hands them on as one
``changed(frozenset[str])`` signal, at most once per :data:`COALESCE_MS` — a drain of thousands of
operations gives a handful of signals, not thousands. The views re-read what they show off the
GUI thread (:func:`clerkapp.gui.ops.run_op`): the GUI thread never touches the store.
"""

from __future__ import annotations

import contextlib
import threading
import time
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, QTimer, Signal

from clerkapp.infra.store.db import CaseChangeListener

#: At most one ``changed`` signal per this many milliseconds (the first after a quiet spell goes
#: out at once).
COALESCE_MS = 200
#: Threads of the hub's own pool for the views' re-reads: the global pool has as many threads as
#: cores (two at a counter) and a department's long poll may hold one for seconds.
READ_THREADS = 2
_ATTRIBUTE = "_gui_case_updates"


class CaseChangeSource(Protocol):
    """What tells of committed case changes (:class:`clerkapp.app.context.AppContext`)."""

    def add_case_listener(self, listener: CaseChangeListener) -> None:
        """Call ``listener(case_ids)`` after every committed change of cases."""

    def remove_case_listener(self, listener: CaseChangeListener) -> None:
        """Stop telling ``listener``."""


class CaseUpdates(QObject):
    """The GUI's hub of committed case changes. ``changed(frozenset[str])`` on the GUI thread,
    coalesced (see the module's docstring). Create it on the GUI thread."""

    changed = Signal(object)
    _woken = Signal()

    def __init__(self, source: CaseChangeSource, coalesce_ms: int = COALESCE_MS) -> None:
        super().__init__()
        self.setObjectName("caseUpdates")
        self._source: CaseChangeSource | None = source
        self._coalesce_s = coalesce_ms / 1000
        self._lock = threading.Lock()
        self._pending: set[str] = set()
        self._armed = False  # a wake-up is on its way to the GUI thread
        self._last = 0.0  # monotonic time of the last ``changed``
        self.delivered = 0  # how many ``changed`` signals went out (benchmarks, tests)
        #: The pool the views re-read on (``ops.run_op(..., pool=hub.pool)``).
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(READ_THREADS)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._flush)
        self._woken.connect(self._wake, Qt.ConnectionType.QueuedConnection)
        source.add_case_listener(self._heard)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.detach)

    def detach(self) -> None:
        """Stop listening (the application quits)."""
        source, self._source = self._source, None
        if source is not None:
            source.remove_case_listener(self._heard)

    def _heard(self, case_ids: frozenset[str]) -> None:
        """*any thread* — cases changed: note them, wake the GUI thread once."""
        with self._lock:
            self._pending.update(case_ids)
            if self._armed:
                return
            self._armed = True
        with contextlib.suppress(RuntimeError):  # the hub is gone (application torn down)
            self._woken.emit()

    def _wake(self) -> None:
        if self._timer.isActive():
            return
        wait_s = self._coalesce_s - (time.monotonic() - self._last)
        self._timer.start(max(0, int(wait_s * 1000)))

    def _flush(self) -> None:
        with self._lock:
            changed = frozenset(self._pending)
            self._pending.clear()
            self._armed = False
        self._last = time.monotonic()
        if getattr(self._source, "is_closed", False):
            # The store closed while the signal waited out the coalescing: no view may read it.
            self.detach()
            return
        if changed:
            self.delivered += 1
            self.changed.emit(changed)


def hub_for(source: Any) -> CaseUpdates | None:
    """The one :class:`CaseUpdates` of ``source`` (an :class:`~clerkapp.app.context.AppContext`),
    made on first use — on the GUI thread; None for a source that tells of no changes (a test's
    stand-in services)."""
    if not callable(getattr(source, "add_case_listener", None)):
        return None
    hub = getattr(source, _ATTRIBUTE, None)
    if isinstance(hub, CaseUpdates):
        return hub
    hub = CaseUpdates(source)
    setattr(source, _ATTRIBUTE, hub)
    return hub
